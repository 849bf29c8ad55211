// File and argument handling shared by the subcommands. Problems with the input itself (a file
// that cannot be read, is not JSON, or bad arguments) are InputErrors: exit code 2.
import { readFileSync } from 'node:fs';
import { formatJsonError, readJson, type JsonSource } from '../shared/json-source';
import type { ValidationIssue } from '../shared/validation';

export class InputError extends Error {}

export const EXIT = { ok: 0, invalid: 1, input: 2 } as const;

export type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** China local date the command treats as today. */
  today: string;
};

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? String(e)}）`);
  }
}

/** A JSON file's content with the line of each value; a syntax error is an InputError saying where, in Chinese. */
export function readJsonSource(path: string): JsonSource {
  const read = readJson(readTextFile(path)); // tolerates the BOM Windows editors add
  if (!read.ok) throw new InputError(`${path} 不是有效的 JSON：${formatJsonError(read.error)}`);
  return read.source;
}

export function readJsonFile(path: string): unknown {
  return readJsonSource(path).value;
}

export function formatIssues(issues: readonly ValidationIssue[], prefix = ''): string[] {
  return issues.map((i) => `  - ${prefix}${i.path}：${i.message}`);
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
