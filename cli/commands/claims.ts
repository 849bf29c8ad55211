// canteen claims verify: the office's checks on claim packages from the command line, for office IT staff.
// The same verification and review as the office screen (shared/office), over the files given.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { maskId } from '../../shared/id-number';
import { formatYuan } from '../../shared/money';
import { checkPackages } from '../../shared/office/check-packages';
import { flagsText, type OfficeRoster } from '../../shared/office/line-flags';
import { officeRosterFromRows } from '../../shared/office/office-roster';
import type { ClaimHeader, PackageReview } from '../../shared/office/review';
import type { PackageFile, RegisteredKey, VerifiedFile } from '../../shared/office/verify-files';
import { readPolicyFile, type IssuedPolicy } from '../../shared/policy/issued-policy';
import { readRosterFile, RosterFileError } from '../../shared/roster/roster-file';
import { EXIT, InputError, type Io } from '../io';
import { checkFilesInWorkers, workerSource, worthWorkers } from '../verify-in-workers';

const USAGE = '用法：npm run canteen -- claims verify [--key 食堂编号=公钥或指纹 …] [--policies 政策文件或目录 …] [--roster 街道名册.xlsx|.csv] <申报包.claim.zip …>';

type Args = { paths: string[]; keys: Map<string, RegisteredKey>; policies: string[]; roster?: string };

function parseArgs(args: readonly string[]): Args {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new InputError(`${sub === undefined ? '缺少子命令' : `未知子命令：${sub}`}。${USAGE}`);
  const parsed: Args = { paths: [], keys: new Map(), policies: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      parsed.paths.push(arg);
      continue;
    }
    const value = rest[++i];
    if (value === undefined || value.startsWith('--')) throw new InputError(`${arg} 后面缺少参数。${USAGE}`);
    if (arg === '--policies') parsed.policies.push(value);
    else if (arg === '--roster') {
      if (parsed.roster) throw new InputError(`--roster 只能给一次。${USAGE}`);
      parsed.roster = value;
    } else if (arg === '--key') {
      const match = /^([^=]+)=(.+)$/.exec(value);
      if (!match) throw new InputError(`--key 后面要跟“食堂编号=公钥或指纹”，例如 --key ZC-001=3F2A…。${USAGE}`);
      const key = match[2]!.trim();
      // A fingerprint is 32 hex digits in groups; a raw Ed25519 key in base64 is 44 characters ending in "=".
      parsed.keys.set(match[1]!.trim(), /^[0-9a-f\s:-]+$/i.test(key) && key.replace(/[\s:-]/g, '').length === 32 ? { fingerprint: key } : { key });
    } else throw new InputError(`未知选项：${arg}。${USAGE}`);
  }
  if (!parsed.paths.length) throw new InputError(`请给出至少一个申报包文件。${USAGE}`);
  return parsed;
}

function readInput(path: string): Uint8Array {
  try {
    // The bytes read, not a copy of them: copying the office bench's 20 packages (27 MB) into fresh memory took
    // the main thread 200-300 ms before any worker started.
    const read = readFileSync(path);
    return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? String(e)}）`);
  }
}

function readPackageFile(path: string): PackageFile {
  return { name: basename(path), bytes: readInput(path) };
}

/** Files, and every .json file of a folder, in name order. */
function policyPaths(path: string): string[] {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return [path];
  }
  return folder ? readdirSync(path).filter((name) => name.toLowerCase().endsWith('.json')).sort().map((name) => join(path, name)) : [path];
}

/** The policy files named, and every .json file of the folders named (in name order), each with its text. */
export function readPolicyFiles(paths: readonly string[]): { path: string; name: string; text: string }[] {
  return paths.flatMap(policyPaths).map((path) => ({ path, name: basename(path), text: new TextDecoder().decode(readInput(path)) }));
}

/**
 * The versions the office issued, from plain or signed policy files. Of two versions of one policy in force on a
 * day the one issued last counts: a signed file says when it was issued; a plain one counts as issued on the day
 * it takes effect.
 */
async function readIssuedPolicies(paths: readonly string[]): Promise<IssuedPolicy[]> {
  const issued: IssuedPolicy[] = [];
  for (const { path, text } of readPolicyFiles(paths)) {
    const read = await readPolicyFile(text);
    if (!read.ok) throw new InputError(`${path} 不是有效的政策文件：${read.problems.slice(0, 3).join('；')}`);
    if (!issued.some((entry) => entry.hash === read.hash)) issued.push({ hash: read.hash, policy: read.policy, issuedAt: read.signed?.issuedAt ?? `${read.policy.effectiveFrom}T00:00:00+08:00` });
  }
  if (!issued.length) throw new InputError(`--policies 没有找到政策文件（.json）：${paths.join('、')}`);
  return issued;
}

/** The office roster as the 街道 page reads it. */
async function readRoster(path: string, today: string): Promise<OfficeRoster> {
  let rows: string[][];
  try {
    rows = (await readRosterFile(path, readInput(path))).rows;
  } catch (e) {
    if (e instanceof RosterFileError) throw new InputError(`${path}：${e.message}`);
    throw e;
  }
  const { people } = officeRosterFromRows(rows, today);
  if (!people.length) throw new InputError(`${path} 中没有可用的行（需要姓名和证件号码列）`);
  return new Map(people.map((person) => [person.idNumber, person]));
}

function reportPackage(io: Io, file: VerifiedFile<ClaimHeader>, review: PackageReview | undefined): void {
  if (!file.ok) {
    io.out(`✗ ${file.fileName}：不通过（已拒收）：${file.problem.message}`);
    return;
  }
  const { claim } = file;
  const { totals } = claim;
  const flagged = !!review && (review.findings.length > 0 || review.notes.length > 0);
  const verdict = review?.findings.length ? `有效，疑点 ${review.findings.length} 笔` : review?.held ? '有效，版本待街道核实' : flagged ? '有效，版本有变' : '有效，无疑点';
  io.out(`${flagged ? '!' : '✓'} ${file.fileName}：${claim.canteen.name}（${claim.canteen.code}）${claim.month} 第 ${claim.revision} 版：${verdict}`);
  io.out(
    `  就餐 ${totals.meals} 人次，${totals.persons} 人；申报补贴 ${formatYuan(totals.claimFen)}，冲正 ${totals.adjustments} 笔 ${formatYuan(totals.reversedFen)}，净申报 ${formatYuan(totals.netClaimFen)}`,
  );
  for (const note of review?.notes ?? []) io.out(`  版本：${note.message}`);
  if (!review?.findings.length) return;
  io.out(`  疑点 ${review.totals.flaggedLines} 笔，涉及补贴 ${formatYuan(review.totals.flaggedFen)}：`);
  for (const { line, flags } of review.findings) {
    io.out(`    - ${line.mealId} ${line.date} ${MEAL_PERIOD_LABELS[line.mealPeriod]} ${line.resident.name} ${maskId(line.resident.idNumber)} ${formatYuan(line.claimFen)}：${flagsText(flags)}`);
  }
}

export const claimsCommand = {
  name: 'claims',
  usage: 'claims verify <申报包…>',
  summary: '核验食堂月度申报包：签名、校验值、表格、合计，按街道发布的政策逐笔重算并标出疑点（全部有效且无疑点退出码 0，否则 1）',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { paths, keys, policies: policyArgs, roster: rosterPath } = parseArgs(args);
    const files = paths.map(readPackageFile);
    // The workers' code is bundled while the policies and the roster are read.
    const threaded = worthWorkers(files.map((file) => file.bytes.length));
    const source = threaded ? workerSource() : undefined;
    const policies = policyArgs.length ? await readIssuedPolicies(policyArgs) : undefined;
    const roster = rosterPath ? await readRoster(rosterPath, io.today) : undefined;
    const keyOf = (code: string) => (keys.size ? keys.get(code) : null);
    // Many packages are checked on several threads at once (cli/verify-in-workers.ts), with the same results.
    const checked: { files: VerifiedFile<ClaimHeader>[]; reviews: PackageReview[] } = threaded
      ? await checkFilesInWorkers(files, { keyOf, policies, roster, source })
      : await checkPackages({ files, keyOf, policies, roster });
    const reviews = new Map(checked.reviews.map((review) => [review.id, review]));
    for (const file of checked.files) reportPackage(io, file, file.ok ? reviews.get(file.id) : undefined);

    const refused = checked.files.filter((file) => !file.ok).length;
    const flagged = [...reviews.values()].filter((review) => review.findings.length || review.notes.length).length;
    const flaggedLines = [...reviews.values()].reduce((sum, review) => sum + review.findings.length, 0);
    const unchecked = [keys.size ? '' : '未用 --key 核对街道登记的公钥，只核对了包内签名', policies ? '' : '未用 --policies 核对街道发布的政策，按申报包所附政策重算'].filter(Boolean);
    io.out(`合计：${checked.files.length} 个申报包，${checked.files.length - refused} 个有效，${refused} 个拒收；疑点 ${flaggedLines} 笔${unchecked.length ? `（${unchecked.join('；')}）` : ''}`);
    return refused || flagged ? EXIT.invalid : EXIT.ok;
  },
};
