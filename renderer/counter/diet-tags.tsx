/** 低盐, 低糖, 软烂, 清真: what elders ask about at the counter, beside the item's name. */
export function DietTags({ tags }: { tags: readonly string[] }) {
  if (!tags.length) return null;
  return (
    <span className="diet-tags" aria-label={`饮食标签：${tags.join('、')}`}>
      {tags.map((tag) => (
        <span key={tag} className={`diet-tag diet-${tag}`}>
          {tag}
        </span>
      ))}
    </span>
  );
}
