import { readFileSync } from 'node:fs';
import { readZipDirectory, inflateEntry, usePlatformInflater } from '../files/zip-reader';
import { nodeInflate } from '../../cli/node-inflate';
import { readSheets } from '../files/xlsx-reader';
usePlatformInflater(nodeInflate);
const bytes = new Uint8Array(readFileSync('.cache/bench-office/20x10000-v1/ZC-001_2026-10_r1.claim.zip'));
const entries = readZipDirectory(bytes, { maxEntries: 16, maxEntryBytes: () => 1e9, maxTotalBytes: 2e9 });
const xlsx = await inflateEntry(bytes, entries.get('claim.xlsx')!);
const cpu = () => process.cpuUsage().user / 1000;
const times: number[] = [];
for (let i = 0; i < 30; i++) { const t = cpu(); await readSheets(xlsx, ['明细', '汇总']); times.push(cpu() - t); }
console.log('min', Math.min(...times).toFixed(0), 'median', times.sort((a, b) => a - b)[15]!.toFixed(0));
