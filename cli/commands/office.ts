// canteen office: the office's PostgreSQL store from the command line, for office IT staff and nightly
// jobs. The same verification and review as the 街道 page (shared/office), kept in PostgreSQL.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { userInfo } from 'node:os';
import { MonthSchema } from '../../shared/claims/claim-schema';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { formatYuan } from '../../shared/money';
import { approvalWorkbook } from '../../shared/office/approval-workbook';
import { OfficeInputError } from '../../shared/office/canteen-registration';
import type { PackageFile } from '../../shared/office/verify-files';
import { policyVersionKey } from '../../shared/policy/issued-policy';
import { addPolicyFiles, importPackageFiles, monthOverview, openOfficeStore, registerCanteen, type OfficeStore } from '../../postgres/office-store';
import { EXIT, InputError, type Io } from '../io';
import { importPathsInWorkers, importWorkers, type ImportedFile } from '../office-import';
import { readPolicyFiles } from './claims';

const USAGE = [
  '用法：',
  '  npm run canteen -- office import --db <postgres://…> [--by 经办人] <申报包或目录 …>',
  '  npm run canteen -- office review --db <postgres://…> --month YYYY-MM',
  '  npm run canteen -- office export --db <postgres://…> --month YYYY-MM --xlsx 审核汇总.xlsx',
  '  npm run canteen -- office canteen --db <postgres://…> --code 食堂编号 --name 名称 (--key 公钥 | --fingerprint 指纹) --by 经办人',
  '  npm run canteen -- office policies --db <postgres://…> --by 经办人 <政策文件或目录 …>',
].join('\n');

/** What review and export say while the office has issued no policy version (as `claims verify` without --policies). */
const UNCHECKED_POLICIES = '未用 office policies 登记街道发布的政策，按申报包所附政策重算';

type Options = { positional: string[]; flags: Map<string, string> };
const VALUE_FLAGS = ['--db', '--month', '--xlsx', '--by', '--code', '--name', '--key', '--fingerprint'];

function parse(args: readonly string[]): Options {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (!VALUE_FLAGS.includes(arg)) throw new InputError(`未知选项：${arg}\n${USAGE}`);
    else {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new InputError(`${arg} 后面要跟一个值\n${USAGE}`);
      flags.set(arg, value);
    }
  }
  return { positional, flags };
}

function required(options: Options, flag: string, what: string): string {
  const value = options.flags.get(flag)?.trim();
  if (!value) throw new InputError(`缺少 ${flag}（${what}）\n${USAGE}`);
  return value;
}

function month(options: Options): string {
  const value = required(options, '--month', '月份，例如 2026-10');
  if (!MonthSchema.safeParse(value).success) throw new InputError(`--month 应为 YYYY-MM，例如 2026-10（收到：${value}）`);
  return value;
}

function dbUrl(options: Options): string {
  const url = required(options, '--db', 'PostgreSQL 地址，例如 postgres://用户:密码@服务器:5432/数据库');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new InputError('--db 应为 postgres://用户:密码@服务器:端口/数据库 形式的地址（加 ?sslmode=require 使用 TLS）');
  return url;
}

/** The package files named, and every *.claim.zip in the folders named, in name order. */
function packageFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new InputError(`找不到文件或目录：${path}`);
    }
    if (!isFolder) return [path];
    return readdirSync(path)
      .filter((name) => name.endsWith('.claim.zip'))
      .sort()
      .map((name) => join(path, name));
  });
}

async function withStore<T>(url: string, work: (store: OfficeStore) => Promise<T>): Promise<T> {
  let store: OfficeStore;
  try {
    store = await openOfficeStore(url);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof OfficeInputError) throw new InputError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

async function importCommand(options: Options, io: Io, nowMs: number): Promise<number> {
  const url = dbUrl(options);
  if (!options.positional.length) throw new InputError(`请给出至少一个申报包文件或目录\n${USAGE}`);
  const paths = packageFiles(options.positional);
  const by = options.flags.get('--by') ?? `命令行（${userInfo().username}）`;
  const started = Date.now();
  return withStore(url, async (store) => {
    const results = { imported: 0, held: 0, refused: 0 };
    const told = (index: number, { file: outcome, lines, counted }: ImportedFile) => {
      results[counted]++;
      if (outcome.ok) io.out(`✓ ${outcome.fileName}：${outcome.claim.canteen.name} ${outcome.claim.month} 第 ${outcome.claim.revision} 版，${lines} 笔，已导入`);
      else io.out(`${counted === 'held' ? '=' : '✗'} ${outcome.fileName}：${outcome.problem.message}`);
      if (paths.length > 1) io.err(`进度 ${index + 1}/${paths.length}，用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
    };
    // Many packages: verified in worker threads ahead of the one being stored (cli/office-import.ts).
    const threads = importWorkers(paths);
    if (threads) await importPathsInWorkers(store, paths, by, nowMs, told, { threads });
    else {
      // Files are read one at a time: a folder of a thousand packages is not held in memory at once.
      for (const [index, path] of paths.entries()) {
        const file: PackageFile = { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
        const result = await importPackageFiles(store, [file], by, () => undefined, nowMs);
        const outcome = result.files[0]!;
        told(index, { file: outcome, lines: outcome.ok ? outcome.claim.lines.length : 0, counted: result.imported ? 'imported' : result.alreadyHeld ? 'held' : 'refused' });
      }
    }
    io.out(`合计：${paths.length} 个文件，导入 ${results.imported} 个，已有 ${results.held} 个（未重复导入），拒收 ${results.refused} 个`);
    return results.refused ? EXIT.invalid : EXIT.ok;
  });
}

async function reviewCommand(options: Options, io: Io): Promise<number> {
  const url = dbUrl(options);
  const which = month(options);
  return withStore(url, async (store) => {
    const { summary, issuedPolicies } = await monthOverview(store, which, (text) => io.err(text));
    if (!summary.rows.length) {
      io.out(`${which} 还没有导入任何申报包`);
      return EXIT.ok;
    }
    io.out(`${which} 审核情况（每个食堂只计最新版本）：`);
    for (const row of summary.rows) {
      io.out(
        `${row.flaggedLines ? '!' : '✓'} ${row.canteenName}（${row.canteenCode}）第 ${row.revision} 版：净申报 ${formatYuan(row.netClaimFen)}；疑点 ${row.flaggedLines} 笔 ${formatYuan(row.flaggedFen)}（待审 ${row.pendingLines} 笔）；可核准 ${formatYuan(row.approvableFen)}`,
      );
    }
    const { total } = summary;
    io.out(
      `合计：${summary.rows.length} 个食堂，净申报 ${formatYuan(total.netClaimFen)}，疑点 ${total.flaggedLines} 笔 ${formatYuan(total.flaggedFen)}，可核准 ${formatYuan(total.approvableFen)}${issuedPolicies ? '' : `（${UNCHECKED_POLICIES}）`}`,
    );
    return total.flaggedLines ? EXIT.invalid : EXIT.ok;
  });
}

async function exportCommand(options: Options, io: Io, nowMs: number): Promise<number> {
  const url = dbUrl(options);
  const which = month(options);
  const out = required(options, '--xlsx', '审核汇总表的保存路径');
  if (!out.endsWith('.xlsx')) throw new InputError('--xlsx 的文件名应以 .xlsx 结尾');
  return withStore(url, async (store) => {
    const { reviews, decisions, summary, issuedPolicies } = await monthOverview(store, which, (text) => io.err(text));
    const bytes = approvalWorkbook(summary, reviews.filter((review) => review.status === 'current'), decisions, chinaIsoFromEpochMs(nowMs));
    try {
      writeFileSync(out, bytes);
    } catch (error) {
      throw new InputError(`无法写入 ${out}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
    }
    io.out(`已导出 ${which} 审核汇总表：${out}（${summary.rows.length} 个食堂，可核准 ${formatYuan(summary.total.approvableFen)}）${issuedPolicies ? '' : `；${UNCHECKED_POLICIES}`}`);
    return EXIT.ok;
  });
}

async function canteenCommand(options: Options, io: Io, nowMs: number): Promise<number> {
  const url = dbUrl(options);
  const input = { code: required(options, '--code', '食堂编号'), name: required(options, '--name', '食堂名称'), key: options.flags.get('--key') ?? '', fingerprint: options.flags.get('--fingerprint') ?? '' };
  const by = required(options, '--by', '经办人姓名');
  return withStore(url, async (store) => {
    const record = await registerCanteen(store, input, by, nowMs);
    io.out(`已登记 ${record.name}（${record.code}），公钥指纹 ${record.fingerprint}`);
    return EXIT.ok;
  });
}

async function policiesCommand(options: Options, io: Io, nowMs: number): Promise<number> {
  const url = dbUrl(options);
  const by = required(options, '--by', '经办人姓名');
  if (!options.positional.length) throw new InputError(`请给出至少一个政策文件或目录\n${USAGE}`);
  const files = readPolicyFiles(options.positional);
  if (!files.length) throw new InputError(`没有找到政策文件（.json）：${options.positional.join('、')}`);
  return withStore(url, async (store) => {
    const added = await addPolicyFiles(store, files, by, (text) => io.err(text), nowMs);
    for (const { fileName, hash, policy, signed, alreadyIssued } of added) {
      const dates = `${policy.effectiveFrom} 起${policy.effectiveTo ? `至 ${policy.effectiveTo}` : ''}`;
      const signer = signed ? `，${signed.issuer.name} 签发（指纹 ${signed.fingerprint}）` : '';
      io.out(`${alreadyIssued ? '=' : '✓'} ${fileName}：${policy.name}（${policyVersionKey(policy, hash)}），${dates}${signer}：${alreadyIssued ? '已登记过，未重复登记' : '已登记为街道发布的版本'}`);
    }
    const fresh = added.filter((entry) => !entry.alreadyIssued).length;
    io.out(`合计：${added.length} 个政策文件，新登记 ${fresh} 个，已有 ${added.length - fresh} 个${fresh ? '；已按街道发布的政策重新核对全部申报包' : ''}`);
    return EXIT.ok;
  });
}

export function officeCommand(nowMs: () => number) {
  return {
    name: 'office',
    usage: 'office import|review|export|canteen|policies --db <地址>',
    summary: '街道审核库（PostgreSQL）：导入申报包（重复导入不变）、按月审核（有疑点退出码 1）、导出审核汇总表、登记食堂、登记街道发布的政策',
    async run(args: readonly string[], io: Io): Promise<number> {
      const [sub, ...rest] = args;
      const options = parse(rest);
      switch (sub) {
        case 'import':
          return importCommand(options, io, nowMs());
        case 'review':
          return reviewCommand(options, io);
        case 'export':
          return exportCommand(options, io, nowMs());
        case 'canteen':
          return canteenCommand(options, io, nowMs());
        case 'policies':
          return policiesCommand(options, io, nowMs());
        default:
          throw new InputError(`${sub === undefined ? '缺少子命令' : `未知子命令：${sub}`}\n${USAGE}`);
      }
    },
  };
}
