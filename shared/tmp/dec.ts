import { readFileSync } from 'node:fs';
import { readZipDirectory, inflateEntry } from '../files/zip-reader';
const pkg = new Uint8Array(readFileSync('.cache/bench-office/20x10000-v1/ZC-001_2026-10_r1.claim.zip'));
const e = readZipDirectory(pkg, { maxEntries: 16, maxEntryBytes: () => 1e9, maxTotalBytes: 2e9 });
const json = await inflateEntry(pkg, e.get('claim.json')!);
const csv = await inflateEntry(pkg, e.get('claim.csv')!);
const cpu = () => process.cpuUsage().user / 1000;
for (let r = 0; r < 4; r++) {
  let t = cpu(); new TextDecoder('utf-8', { fatal: true }).decode(json); const a = cpu() - t;
  t = cpu(); new TextDecoder().decode(json); const b = cpu() - t;
  t = cpu(); Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8'); const c = cpu() - t;
  t = cpu(); new TextDecoder('utf-8', { fatal: true }).decode(csv); const d = cpu() - t;
  t = cpu(); Buffer.from(csv.buffer, csv.byteOffset, csv.length).toString('utf8'); const f = cpu() - t;
  console.log('json fatal', a.toFixed(0), 'plain', b.toFixed(0), 'buffer', c.toFixed(0), '| csv fatal', d.toFixed(0), 'buffer', f.toFixed(0));
}
