// File and argument handling shared by the subcommands. Problems with the input itself (a file
// that cannot be read, is not JSON, or bad arguments) are InputErrors: exit code 2.
import { readFileSync } from 'node:fs';
import type { ValidationIssue } from '../shared/validation';

export class InputError extends Error {}

export const EXIT = { ok: 0, invalid: 1, input: 2 } as const;

export type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** China local date the command treats as today. */
  today: string;
};

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? String(e)}）`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown; // tolerate the BOM Windows editors add
  } catch (e) {
    throw new InputError(`${path} 不是有效的 JSON：${(e as Error).message}`);
  }
}

export function formatIssues(issues: readonly ValidationIssue[], prefix = ''): string[] {
  return issues.map((i) => `  - ${prefix}${i.path}：${i.message}`);
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
