// canteen claims verify: the office's checks on claim packages from the command line, for office IT staff.
// The same verification and review as the office screen (shared/office), over the files given.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { maskId } from '../../shared/id-number';
import { formatYuan } from '../../shared/money';
import { flagsText } from '../../shared/office/line-flags';
import { reviewPackages, type PackageReview } from '../../shared/office/review';
import { verifyPackageFiles, type PackageFile, type RegisteredKey, type VerifiedFile } from '../../shared/office/verify-files';
import { EXIT, InputError, type Io } from '../io';

const USAGE = '用法：npm run canteen -- claims verify [--key 食堂编号=公钥或指纹 …] <申报包.claim.zip …>';

function parseArgs(args: readonly string[]): { paths: string[]; keys: Map<string, RegisteredKey> } {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new InputError(`${sub === undefined ? '缺少子命令' : `未知子命令：${sub}`}。${USAGE}`);
  const paths: string[] = [];
  const keys = new Map<string, RegisteredKey>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg !== '--key') {
      if (arg.startsWith('--')) throw new InputError(`未知选项：${arg}。${USAGE}`);
      paths.push(arg);
      continue;
    }
    const value = rest[++i] ?? '';
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) throw new InputError(`--key 后面要跟“食堂编号=公钥或指纹”，例如 --key ZC-001=3F2A…。${USAGE}`);
    const key = match[2]!.trim();
    // A fingerprint is 32 hex digits in groups; a raw Ed25519 key in base64 is 44 characters ending in "=".
    keys.set(match[1]!.trim(), /^[0-9a-f\s:-]+$/i.test(key) && key.replace(/[\s:-]/g, '').length === 32 ? { fingerprint: key } : { key });
  }
  if (!paths.length) throw new InputError(`请给出至少一个申报包文件。${USAGE}`);
  return { paths, keys };
}

function readPackageFile(path: string): PackageFile {
  try {
    return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? String(e)}）`);
  }
}

function reportPackage(io: Io, file: VerifiedFile, review: PackageReview | undefined): void {
  if (!file.ok) {
    io.out(`✗ ${file.fileName}：不通过（已拒收）：${file.problem.message}`);
    return;
  }
  const { claim } = file;
  const { totals } = claim;
  const flagged = !!review && (review.findings.length > 0 || review.notes.length > 0);
  const verdict = review?.findings.length ? `有效，疑点 ${review.findings.length} 笔` : flagged ? '有效，版本有变' : '有效，无疑点';
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
  summary: '核验食堂月度申报包：签名、校验值、合计，逐笔重算并标出疑点（全部有效且无疑点退出码 0，否则 1）',
  async run(args: readonly string[], io: Io): Promise<number> {
    const { paths, keys } = parseArgs(args);
    const files = paths.map(readPackageFile);
    const verified = await verifyPackageFiles(files, (code) => (keys.size ? keys.get(code) : null));
    const accepted = verified.flatMap((file) => (file.ok ? [{ id: file.id, claim: file.claim }] : []));
    const reviews = new Map(reviewPackages(accepted).map((review) => [review.id, review]));
    for (const file of verified) reportPackage(io, file, file.ok ? reviews.get(file.id) : undefined);

    const refused = verified.filter((file) => !file.ok).length;
    const flagged = [...reviews.values()].filter((review) => review.findings.length || review.notes.length).length;
    const flaggedLines = [...reviews.values()].reduce((sum, review) => sum + review.findings.length, 0);
    io.out(`合计：${verified.length} 个申报包，${verified.length - refused} 个有效，${refused} 个拒收；疑点 ${flaggedLines} 笔${keys.size ? '' : '（未用 --key 核对街道登记的公钥，只核对了包内签名）'}`);
    return refused || flagged ? EXIT.invalid : EXIT.ok;
  },
};
