// A worker's code bundled by esbuild, kept between runs of the command line. Bundling starts esbuild's own process
// and writes some 900 KB every time: 0.6-1.3 s before the first package is read (on a loaded 2-core machine),
// while reading the kept bundle and checking its sources takes 20-40 ms. The bundle is kept in node_modules/.cache
// (where the project's tools keep theirs, as trusted as the code beside it) and used only while every file that
// went into it is byte for byte what it was and esbuild is the same version; anything else bundles afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Kept = { esbuild: string; inputs: string[]; hash: string };

/** SHA-256 over each input's path and bytes, then the bundle's text: a changed file, or a bundle not wholly written, does not match. */
function hashOf(inputs: readonly string[], code: string): string {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(`${input}\0`).update(readFileSync(input)).update('\0');
  return hash.update(code).digest('hex');
}

/** Written beside its final name, then renamed: another run reading it meanwhile reads the old file or the new, never half of one. */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * The bundle of `entry` (a file of this project) as CommonJS for Node, kept or made. Files esbuild reads besides the
 * modules (the project's package.json and tsconfig.json) count among its inputs too.
 */
export async function keptBundle(entry: string, root: string): Promise<string> {
  const { build, version } = await import('esbuild');
  const cache = join(root, 'node_modules', '.cache', 'canteen-workers');
  const options = { entryPoints: [entry], absWorkingDir: root, bundle: true, format: 'cjs' as const, platform: 'node' as const, write: false as const, metafile: true as const, logLevel: 'silent' as const };
  // Named by what is bundled and how: another entry, or other options, is another bundle.
  const name = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
  const indexFile = join(cache, `${name}.json`);
  const codeFile = join(cache, `${name}.cjs`);
  try {
    const kept = JSON.parse(readFileSync(indexFile, 'utf8')) as Kept;
    const code = readFileSync(codeFile, 'utf8');
    if (kept.esbuild === version && kept.hash === hashOf(kept.inputs, code)) return code;
  } catch {
    // Not kept yet, or no longer readable: bundled below.
  }
  const made = await build(options);
  const code = made.outputFiles[0]!.text;
  try {
    const inputs = [...Object.keys(made.metafile.inputs).map((input) => resolve(root, input)), join(root, 'package.json'), join(root, 'tsconfig.json')];
    mkdirSync(dirname(indexFile), { recursive: true });
    writeWhole(codeFile, code);
    writeWhole(indexFile, JSON.stringify({ esbuild: version, inputs, hash: hashOf(inputs, code) } satisfies Kept));
  } catch {
    // A bundle that cannot be kept (a read-only install) is made again next time.
  }
  return code;
}

/**
 * A worker thread's script for `entry` (a file beside this one, as a URL): the kept bundle (a worker that loads
 * the modules through tsx spends 1.4-1.5 s CPU on it, a bundle 0.3-0.5 s plus esbuild's own 0.1-0.3 s, measured
 * on a loaded 2-core machine); without esbuild, tsx's loader registered in the worker's own thread first (Node 20
 * does not run a worker's --import hooks).
 */
export async function workerScript(entry: URL): Promise<string> {
  try {
    return await keptBundle(fileURLToPath(entry), fileURLToPath(new URL('..', import.meta.url)));
  } catch {
    return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  }
}
