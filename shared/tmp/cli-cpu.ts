// CPU time of the CLI's work on the 20 bench packages, in-process: verify + review, three rounds.
import { readFileSync, readdirSync } from 'node:fs';
import * as verify from '../office/verify-files';
import { reviewPackages } from '../office/review';
const dir = '/work/wt-12/.cache/bench-office/20x10000-v1';
const names = readdirSync(dir).filter((n) => n.endsWith('.zip')).sort();
const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
const canteens = JSON.parse(readFileSync(`${dir}/canteens.json`, 'utf8')) as { code: string; fingerprint: string }[];
const keys = new Map(canteens.map((c) => [c.code, { fingerprint: c.fingerprint }]));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 3; round++) {
  const t0 = cpu(); const w0 = performance.now();
  const out = await (verify.verifyPackageFiles as any)(files, (code: string) => keys.get(code));
  const verified = Array.isArray(out) ? out : out.files;
  const t1 = cpu();
  const accepted = verified.flatMap((f: any) => (f.ok ? [{ id: f.id, claim: f.claim }] : []));
  const reviews = await reviewPackages(accepted);
  const t2 = cpu();
  console.log(`verify ${(t1 - t0).toFixed(0)} review ${(t2 - t1).toFixed(0)} total ${(t2 - t0).toFixed(0)} wall ${(performance.now() - w0).toFixed(0)} ok ${accepted.length} flagged ${reviews.reduce((s: number, r: any) => s + r.findings.length, 0)}`);
}
