// One way to validate any record against its zod schema and report problems in Chinese,
// with a readable path ("rules[2].tiers[0].minAge") that a policy author can find in the file.
import { z } from 'zod';

export type ValidationIssue = { path: string; message: string };
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const zhCN = z.locales.zhCN().localeError;

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '（根）' : out;
}

export function validate<S extends z.ZodType>(schema: S, data: unknown): Validated<z.output<S>> {
  const r = schema.safeParse(data, { error: zhCN });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })) };
}
