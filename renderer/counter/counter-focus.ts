/**
 * A key meant for the counter that landed where nothing hears it: on the page body or a button (after a
 * dialog closed, after a click), not in a field or a dialog. `char` is the character it would have typed;
 * absent for Enter, which on a focused button would press it again (a second reprint) instead.
 */
export function strayKey(event: KeyboardEvent): { char?: string } | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return null;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return null;
  if (target.closest('input, textarea, select, [contenteditable="true"], dialog[open], details > summary')) return null;
  if (event.key === 'Enter') return {};
  return event.key.length === 1 ? { char: event.key } : null;
}
