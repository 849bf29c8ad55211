// The office against zip bombs: `npx tsx bench/office-bomb.bench.ts`. Prints
//   bench office_bomb_refuse_ms <value> ms   (budget 1000)   the slowest refusal of the variants below
//   bench office_bomb_extra_mb <value> MB    (budget 100)    the most memory one refusal added
// A package of about 2 MB whose claim.json is a deflate stream of 2 GiB of zeros, checked by the office's one
// entry (checkPackages) against the canteen's registered key, as the CLI and the 街道 page check it:
//   directory   the bomb's true size in the zip's directory: refused before anything is inflated
//   lying       an outsider's: the canteen's real signed manifest kept, the directory claiming the real size
//   signed      the canteen's own: its manifest signed with the largest claim.json its rows allow
import { unzipSync } from 'fflate';
import { plausibleBytes } from '../shared/claims/claim-package';
import type { Manifest } from '../shared/claims/claim-schema';
import { deflateBomb, rawZip } from '../shared/files/test-zip';
import { checkPackages } from '../shared/office/check-packages';
import { LI, WANG, aCanteen, claimOf, meals, packageOf, resigned } from '../shared/office/test-packages';

const canteen = await aCanteen('ZC-001', '荔城街长者饭堂');
const honest = await packageOf(canteen, claimOf(canteen, '2026-10', meals(canteen, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
const files = unzipSync(honest.bytes);
const bomb = deflateBomb(2 ** 31);
const withBomb = (size: number, manifest = files['manifest.json']!) =>
  rawZip([
    { name: 'claim.json', deflated: bomb.deflated, size },
    { name: 'claim.xlsx', content: files['claim.xlsx']! },
    { name: 'claim.csv', content: files['claim.csv']! },
    { name: 'manifest.json', content: manifest },
  ]);
const counts = (JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest).counts;
const largest = plausibleBytes(counts)['claim.json'];
const signedManifest = unzipSync(await resigned(canteen, honest.bytes, {}, (manifest) => ({ ...manifest, files: manifest.files.map((file) => (file.name === 'claim.json' ? { ...file, bytes: largest } : file)) })))['manifest.json']!;

const variants = { directory: withBomb(bomb.size), lying: withBomb(files['claim.json']!.length), signed: withBomb(largest, signedManifest) };
const keyOf = (code: string) => (code === canteen.code ? { key: canteen.key.info.key } : undefined);

let slowest = 0;
let most = 0;
for (const round of [0, 1]) {
  for (const [name, bytes] of Object.entries(variants)) {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const [result] = (await checkPackages({ files: [{ name: `${name}.claim.zip`, bytes }], keyOf })).files;
    const ms = performance.now() - started;
    const mb = (process.memoryUsage().rss - before) / (1024 * 1024);
    if (result!.ok) throw new Error(`office-bomb: the ${name} bomb was accepted`);
    // The first round warms the code up, as an office's first import of the day would.
    if (round === 1) {
      slowest = Math.max(slowest, ms);
      most = Math.max(most, mb);
    }
  }
}
console.log(`bench office_bomb_refuse_ms ${slowest.toFixed(0)} ms`);
console.log(`bench office_bomb_extra_mb ${Math.max(0, most).toFixed(0)} MB`);
