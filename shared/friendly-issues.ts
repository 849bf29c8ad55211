// Validator issues rewritten for the person who wrote the file: what is wrong, what to write instead, and
// for an unknown field, the field they probably meant and the fields allowed there. The schema is walked to
// know the allowed fields; `hint` supplies, for a path, what belongs there ("金额（整数分），如 300").
import type { z } from 'zod';

export type Path = (string | number)[];
export type FriendlyIssue = { path: Path; message: string };

export type IssueWording = {
  /** What to write at this path, e.g. '金额（整数分，不加引号），如 300 表示 3 元'. */
  hint: (path: Path) => string | undefined;
  /** Names people write for a field, to the field's real name (maxPerDay → limits). */
  aliases?: Readonly<Record<string, string>>;
};

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** Object options of a schema, union members expanded, those whose literal fields contradict `value` left out. */
function objectOptions(schema: z.ZodType, value: unknown): Def[] {
  const d = defOf(unwrap(schema));
  if (d.type === 'union') {
    const all = (d.options ?? []).flatMap((o) => objectOptions(o, value));
    const fitting = all.filter((o) => fits(o, value));
    return fitting.length > 0 ? fitting : all;
  }
  return d.type === 'object' ? [d] : [];
}

function fits(o: Def, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  for (const [key, field] of Object.entries(o.shape ?? {})) {
    const fd = defOf(unwrap(field));
    if (fd.type === 'literal' && key in value && !(fd.values ?? []).includes((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The field names an object at `path` may have, or [] when the schema does not say. */
export function allowedKeys(schema: z.ZodType, data: unknown, path: Path): string[] {
  return [...new Set(keySets(schema, data, path).flat())];
}

/** For each shape an object at `path` may take (one per union member), its field names. */
function keySets(schema: z.ZodType, data: unknown, path: Path): string[][] {
  let nodes = [schema];
  let value = data;
  for (const key of path) {
    const next: z.ZodType[] = [];
    for (const n of nodes) {
      const d = defOf(unwrap(n));
      if (typeof key === 'number' && d.type === 'array' && d.element) next.push(d.element);
      if (typeof key === 'string') for (const o of objectOptions(n, value)) if (o.shape?.[key]) next.push(o.shape[key]);
    }
    nodes = next;
    value = valueAt(value, [key]);
  }
  return nodes.flatMap((n) => objectOptions(n, value).map((o) => Object.keys(o.shape ?? {})));
}

/** Fields of `value` that belong to different shapes of a union and cannot be written together. */
function conflicting(sets: readonly string[][], value: unknown): string[] {
  if (sets.length < 2 || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  if (sets.some((set) => keys.every((k) => set.includes(k)))) return [];
  if (!keys.every((k) => sets.some((set) => set.includes(k)))) return [];
  return keys.filter((k) => !sets.every((set) => set.includes(k)));
}

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Edits (insert, delete, change, swap two neighbours) from a to b. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The candidate `written` most likely stands for: an alias, the same but for case, a close spelling, or a part of it. */
export function didYouMean(written: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const alias = aliases[written] ?? aliases[written.toLowerCase()];
  if (alias && candidates.includes(alias)) return alias;
  const w = written.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d <= Math.max(1, Math.floor(c.length / 3)) && (!best || d < best.d)) best = { c, d };
  }
  if (best) return best.c;
  if (w.length >= 3) return candidates.find((c) => c.toLowerCase().startsWith(w) || w.startsWith(c.toLowerCase()));
  return undefined;
}

/** A value as the file shows it, with what kind of thing it is. */
export function shown(value: unknown): string {
  if (value === undefined) return '（没写）';
  if (typeof value === 'string') return `${JSON.stringify(value)}（文字）`;
  if (Array.isArray(value)) return '[…]（列表）';
  if (typeof value === 'object' && value !== null) return '{…}（对象）';
  return JSON.stringify(value);
}

const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && v !== undefined);
/** zod's own wording (its Chinese locale) rather than one of ours. */
const isStock = (message: string) => /^(无效|数值过|出现未知|期望)/.test(message);

function labelOf(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = [...path].reverse().find((k) => typeof k === 'string');
    return `${parent ?? ''} 的第 ${last + 1} 项`;
  }
  return last === undefined ? '文件' : last;
}

export function friendlyIssues(schema: z.ZodType, data: unknown, issues: readonly z.core.$ZodIssue[], wording: IssueWording, base: Path = []): FriendlyIssue[] {
  const out: FriendlyIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Path)];
    const value = valueAt(data, path);
    const hint = wording.hint(path);
    const label = labelOf(path);
    const now = `现在是 ${shown(value)}`;
    const missing = `缺少 ${label}${hint ? `：${hint}` : ''}`;
    const should = (what: string) => `${label} 应为${/^[\x21-\x7e]/.test(what) ? ' ' : ''}${what}`;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, data, path);
        for (const key of issue.keys) {
          const guess = didYouMean(key, allowed, wording.aliases);
          const guessHint = guess === undefined ? undefined : wording.hint([...path, guess]);
          const mean = guess === undefined ? '' : `。是不是要写 "${guess}"${guessHint ? `（${guessHint}）` : ''}？`;
          const list = !mean && allowed.length > 0 ? `。这里可以写的字段：${allowed.join('、')}` : '';
          out.push({ path: [...path, key], message: `不认识的字段 "${key}"${mean}${list}` });
        }
        break;
      }
      case 'invalid_type':
        out.push({ path, message: value === undefined ? missing : `${should(hint ?? issue.expected)}；${now}` });
        break;
      case 'invalid_value': {
        if (value === undefined) {
          out.push({ path, message: missing });
          break;
        }
        const options = issue.values.filter((v): v is string => typeof v === 'string');
        const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
        const what = isStock(issue.message) ? should(hint ?? issue.values.map((v) => JSON.stringify(v)).join('、')) : issue.message;
        out.push({ path, message: `${what}；${now}${guess ? `，是不是要写 "${guess}"？` : ''}` });
        break;
      }
      case 'invalid_union': {
        const clash = conflicting(keySets(schema, data, path), value);
        const best = bestOption(issue.errors);
        if (clash.length > 0) out.push({ path, message: `${issue.message}；现在同时写了 ${clash.join('、')}，只能选其中一种` });
        else if (value === undefined) out.push({ path, message: missing });
        else if (best) out.push(...friendlyIssues(schema, data, best, wording, path));
        else {
          const options = ('options' in issue ? (issue.options ?? []) : []).filter((v): v is string => typeof v === 'string');
          const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
          const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? `；现在写的字段：${Object.keys(value).join('、') || '（无）'}` : isPrimitive(value) ? `；${now}` : '';
          out.push({ path, message: `${issue.message}${keys}${guess ? `，是不是要写 "${guess}"？` : ''}` });
        }
        break;
      }
      default:
        if (value === undefined) out.push({ path, message: missing });
        else if (isStock(issue.message)) out.push({ path, message: `${should(hint ?? '正确的值')}；${now}` });
        else out.push({ path, message: isPrimitive(value) && !issue.message.includes(String(value)) ? `${issue.message}；现在是 ${JSON.stringify(value)}` : issue.message });
    }
  }
  return out;
}

/** Of a union's failed options, the one plainly meant: strictly fewer problems than any other. */
function bestOption(errors: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue[] | undefined {
  if (errors.length === 0) return undefined;
  const sizes = errors.map((e) => e.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0));
  const min = Math.min(...sizes);
  return sizes.filter((s) => s === min).length === 1 ? [...(errors[sizes.indexOf(min)] ?? [])] : undefined;
}
