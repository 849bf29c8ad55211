import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { readZipDirectory, inflateEntry, usePlatformInflater } from '../files/zip-reader';
import { nodeInflate } from '../../cli/node-inflate';
usePlatformInflater(nodeInflate);
import { readSheets } from '../files/xlsx-reader';
import { parseCsv } from '../roster/csv';
import { ClaimSchema } from '../claims/claim-schema';
import { tablesDifference } from '../claims/claim-files-check';
import { sha256Hex } from '../ledger/chain';
const dir = '/work/wt-12/.cache/bench-office/20x10000-v1';
const pkgs = readdirSync(dir).filter((n) => n.endsWith('.zip')).sort().map((n) => new Uint8Array(readFileSync(`${dir}/${n}`)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 2; round++) {
  const acc: Record<string, number> = {};
  let t = cpu();
  const lap = (k: string) => { const n = cpu(); acc[k] = (acc[k] ?? 0) + n - t; t = n; };
  for (const bytes of pkgs) {
    t = cpu();
    unzipSync(bytes); lap('fflate unzipSync (old)');
    const e = readZipDirectory(bytes, { maxEntries: 16, maxEntryBytes: () => 1e9, maxTotalBytes: 2e9 });
    const files: Record<string, Uint8Array> = {};
    for (const [n, en] of e) files[n] = await inflateEntry(bytes, en);
    lap('new inflate all');
    for (const n of ['claim.json', 'claim.csv', 'claim.xlsx']) await sha256Hex(files[n]!);
    lap('sha');
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files['claim.json']));
    lap('json');
    const claim = ClaimSchema.parse(json);
    lap('zod');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(files['claim.csv']);
    lap('csv decode');
    parseCsv(text);
    lap('csv parse');
    await readSheets(files['claim.xlsx']!, ['明细', '汇总']);
    lap('xlsx read');
    await tablesDifference(claim, { csv: files['claim.csv']!, xlsx: files['claim.xlsx']! }, claim.publicKey.fingerprint);
    lap('tables total');
  }
  console.log(Object.entries(acc).map(([k, v]) => `${k} ${(v / pkgs.length).toFixed(0)}`).join(' | '));
}
