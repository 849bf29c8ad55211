import { readFileSync, readdirSync } from 'node:fs';
import { inflateSync, unzipSync } from 'fflate';
import { readZipDirectory, inflateEntry } from '../files/zip-reader';
const dir = '/work/wt-12/.cache/bench-office/20x10000-v1';
const pkgs = readdirSync(dir).filter((n) => n.endsWith('.zip')).sort().map((n) => new Uint8Array(readFileSync(`${dir}/${n}`)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 3; round++) {
  const acc: Record<string, number> = {};
  for (const bytes of pkgs) {
    const e = readZipDirectory(bytes, { maxEntries: 16, maxEntryBytes: () => 1e9, maxTotalBytes: 2e9 });
    for (const name of ['claim.json', 'claim.csv']) {
      const en = e.get(name)!;
      let t = cpu(); await inflateEntry(bytes, en); acc[`${name} mine`] = (acc[`${name} mine`] ?? 0) + cpu() - t;
      t = cpu(); inflateSync(bytes.subarray(en.dataStart, en.dataStart + en.compressedSize), { out: new Uint8Array(en.size) }); acc[`${name} fsync`] = (acc[`${name} fsync`] ?? 0) + cpu() - t;
    }
    let t = cpu(); unzipSync(bytes); acc['unzipSync'] = (acc['unzipSync'] ?? 0) + cpu() - t;
  }
  console.log(Object.entries(acc).map(([k, v]) => `${k} ${(v / pkgs.length).toFixed(1)}`).join(' | '));
}
