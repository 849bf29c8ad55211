// The worker's bundle kept between runs is used only while it is what bundling would make now.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, expect, it, vi } from 'vitest';
import { keptBundle } from './worker-bundle';

vi.setConfig({ testTimeout: 60_000 });

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A project of two modules: the entry sets globalThis.answer from what the other exports. */
function aProject(value: string): string {
  root = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'value.ts'), `export const value: string = ${JSON.stringify(value)};`);
  writeFileSync(join(root, 'entry.ts'), "import { value } from './value';\n(globalThis as { answer?: string }).answer = value;");
  return join(root, 'entry.ts');
}

const answerOf = (code: string) => {
  const context: { answer?: string } = {};
  runInNewContext(code, Object.assign(context, { module: {}, exports: {} }));
  return context.answer;
};
const keptFiles = () => readdirSync(join(root, 'node_modules', '.cache', 'canteen-workers')).filter((name) => !name.endsWith('.tmp'));

it('keeps the bundle, and makes it again when a file that went into it changes', async () => {
  const entry = aProject('一');
  const first = await keptBundle(entry, root);
  expect(answerOf(first)).toBe('一');
  expect(keptFiles()).toHaveLength(2);
  expect(await keptBundle(entry, root)).toBe(first);

  writeFileSync(join(root, 'value.ts'), 'export const value: string = "二";');
  expect(answerOf(await keptBundle(entry, root))).toBe('二');
  writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }');
  expect(answerOf(await keptBundle(entry, root))).toBe('二');
});

it('does not run a kept bundle that was changed or cut short after it was written', async () => {
  const entry = aProject('原样');
  const made = await keptBundle(entry, root);
  const code = keptFiles().find((name) => name.endsWith('.cjs'))!;
  writeFileSync(join(root, 'node_modules', '.cache', 'canteen-workers', code), 'globalThis.answer = "换过的";');
  expect(answerOf(await keptBundle(entry, root))).toBe('原样');
  writeFileSync(join(root, 'node_modules', '.cache', 'canteen-workers', code), made.slice(0, made.length >> 1));
  expect(answerOf(await keptBundle(entry, root))).toBe('原样');
});
