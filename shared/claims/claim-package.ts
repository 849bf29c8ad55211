// The package as bytes: a zip of claim.json, claim.xlsx, claim.csv and manifest.json, the manifest signed
// with the canteen's Ed25519 key. Writing and reading live together so that what one writes, the other
// checks; the office and `canteen claims verify` read with readClaimPackage.
import { zipSync, type Zippable } from 'fflate';
import { canonicalJson } from '../ledger/canonical-json';
import { sha256Hex } from '../ledger/chain';
import { toCsv } from '../files/csv-writer';
import { inflatePool } from '../files/byte-pool';
import { jsonFromUtf8 } from '../files/json-bytes';
import { utf8 } from '../files/utf8';
import { writeXlsx, zipTime } from '../files/xlsx-writer';
import { inflateEntry, readZipDirectory, ZipReadError } from '../files/zip-reader';
import { acceptedAsIs, withFastPath } from '../fast-parse';
import { validate } from '../validation';
import { claimTotals } from './build-claim';
import { tablesDifference } from './claim-files-check';
import { CLAIM_TABLE_LAYOUT, claimSheets, detailCsvRows, detailRows, type ClaimTableLayout } from './claim-tables';
import {
  CLAIM_FILES,
  CLAIM_SCHEMA,
  ClaimSchema,
  MANIFEST_SCHEMA,
  MANIFEST_SCHEMAS,
  ManifestSchema,
  claimFileName,
  type Claim,
  type LedgerHead,
  type Manifest,
  type UnsignedManifest,
} from './claim-schema';
import { fromBase64, keyFingerprint, rawPublicKey, sameFingerprint, toBase64, verifyBytes } from './signing';

const encoder = new TextEncoder();

export type ClaimSigner = (bytes: Uint8Array) => Promise<Uint8Array>;

/** What is signed: the manifest without its signature, as canonical JSON. */
export function manifestSigningBytes(manifest: UnsignedManifest | Manifest): Uint8Array {
  const { signature: _signature, ...unsigned } = manifest as Manifest;
  return encoder.encode(canonicalJson(unsigned));
}

export type WrittenPackage = { fileName: string; bytes: Uint8Array<ArrayBuffer>; manifest: Manifest; manifestSha256: string };

/**
 * Writes the package. Equal claims and keys give equal bytes: Ed25519 signatures are deterministic. With the
 * ledger's chain head the manifest is canteen-claim-manifest/2; without it (a package made outside a
 * till's books, or an export recorded before there was one), /1. `layout` is the tables' (claim-tables.ts):
 * the current one, or an earlier one to make an exported revision again as it was.
 */
export async function writeClaimPackage(claim: Claim, sign: ClaimSigner, onStep?: (step: string) => void, ledgerHead?: LedgerHead, layout: ClaimTableLayout = CLAIM_TABLE_LAYOUT): Promise<WrittenPackage> {
  // Each step of a big month takes a second or more: between steps the page gets a turn to show progress.
  const step = async (text: string) => {
    onStep?.(text);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  await step('正在写 claim.json');
  const json = utf8(canonicalJson(claim));
  await step('正在写 claim.xlsx');
  const details = detailRows(claim, layout);
  const xlsx = writeXlsx(claimSheets(claim, details, layout), claim.exportedAt, { asFirstWritten: layout === 1 });
  await step('正在写 claim.csv');
  const csv = utf8(toCsv(detailCsvRows(details)));
  const contents: Record<(typeof CLAIM_FILES)[number], Uint8Array> = { 'claim.json': json, 'claim.xlsx': xlsx, 'claim.csv': csv };

  await step('正在计算校验值并签名');
  const files = await Promise.all(CLAIM_FILES.map(async (name) => ({ name, sha256: await sha256Hex(contents[name]), bytes: contents[name].length })));
  const unsigned: UnsignedManifest = {
    schema: ledgerHead ? MANIFEST_SCHEMA : MANIFEST_SCHEMAS[0],
    claimSchema: CLAIM_SCHEMA,
    canteenCode: claim.canteen.code,
    canteenName: claim.canteen.name,
    month: claim.month,
    revision: claim.revision,
    replaces: claim.replaces,
    exportedAt: claim.exportedAt,
    files,
    counts: { lines: claim.lines.length, persons: claim.totals.persons, adjustments: claim.adjustments.length },
    totals: claim.totals,
    publicKey: claim.publicKey,
    ...(ledgerHead ? { ledgerHead: { seq: ledgerHead.seq, hash: ledgerHead.hash } } : {}),
  };
  const signature = await sign(manifestSigningBytes(unsigned));
  const manifest: Manifest = { ...unsigned, signature: { algorithm: 'Ed25519', value: toBase64(signature) } };
  const manifestBytes = encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);

  await step('正在打包');
  const mtime = zipTime(claim.exportedAt);
  const entries: Zippable = {
    'claim.json': [json, { level: 6, mtime }],
    // Already compressed inside: storing it again is faster and no bigger.
    'claim.xlsx': [xlsx, { level: 0, mtime }],
    'claim.csv': [csv, { level: 6, mtime }],
    'manifest.json': [manifestBytes, { level: 6, mtime }],
  };
  return {
    fileName: claimFileName(claim.canteen.code, claim.month, claim.revision),
    bytes: zipSync(entries) as Uint8Array<ArrayBuffer>,
    manifest,
    manifestSha256: await sha256Hex(manifestBytes),
  };
}

export type PackageProblem = { code: PackageProblemCode; message: string };
export type PackageProblemCode = 'zip' | 'files' | 'size' | 'manifest' | 'signature' | 'key' | 'hash' | 'claim' | 'mismatch' | 'totals' | 'tables';

/** C: the claim as read (a caller that passes the verdict on may pass less of it, see cli/verify-in-workers.ts). */
export type ReadPackage<C = Claim> =
  | {
      ok: true;
      claim: C;
      manifest: Manifest;
      manifestSha256: string;
      /** The signing key's fingerprint, computed from the key that verified the signature. */
      fingerprint: string;
    }
  | { ok: false; problem: PackageProblem; manifest?: Manifest };

/** A canteen as the office registered it: its raw key (base64), or only the fingerprint printed on its report. */
export type RegisteredKey = { key?: string; fingerprint?: string };

export type ReadOptions = {
  /** The canteen's registered key or fingerprint; absent: only self-consistency is checked. */
  registeredKey?: RegisteredKey;
};

const KB = 1024;
const MB = 1024 * KB;
/**
 * What the central directory may claim before anything is inflated: the manifest is a few kilobytes; a month
 * of 100,000 meals writes a claim.json of about 135 MB. Every other entry must then be exactly the size the
 * signed manifest gives, and that size in proportion to the rows it counts (plausibleBytes).
 */
export const PACKAGE_LIMITS = { entries: 16, manifestBytes: 1 * MB, entryBytes: 512 * MB, totalBytes: 1024 * MB } as const;

/**
 * The most a file may hold for the rows the signed manifest counts, far above what the till writes (a line is
 * about 1.4 KB of claim.json, 0.3 KB of claim.csv, 0.7 KB of the workbook's sheets): a package that says it
 * has two lines cannot make the office inflate a gigabyte, even signed.
 */
export function plausibleBytes(counts: Manifest['counts']): Record<(typeof CLAIM_FILES)[number], number> & { xlsxInflated: number } {
  const rows = counts.lines + counts.adjustments + counts.persons;
  return { 'claim.json': 2 * MB + rows * 16 * KB, 'claim.csv': 64 * KB + counts.lines * 4 * KB, 'claim.xlsx': 2 * MB + rows * 8 * KB, xlsxInflated: 4 * MB + rows * 8 * KB };
}
const PACKAGE_ENTRIES = [...CLAIM_FILES, 'manifest.json'];

const refuse = (code: PackageProblemCode, message: string, manifest?: Manifest): ReadPackage => ({ ok: false, problem: { code, message }, ...(manifest ? { manifest } : {}) });

/** ClaimSchema with a fast path for a valid claim (see fast-parse.ts): a month's lines are many. Made on first use. */
let fastClaim: typeof ClaimSchema | undefined;
const fastClaimSchema = () => (fastClaim ??= withFastPath(ClaimSchema));
let linesAsIs: ((lines: unknown) => boolean) | undefined;

/**
 * The claim as ClaimSchema gives it. Lines that zod would give back unchanged (what the till writes) are kept as
 * JSON.parse made them and only the rest of the claim is parsed: a month's 10,000 lines copied by zod cost a
 * worker 50-80 ms and as much again in garbage collection. Anything else is parsed whole, with zod's own issues.
 */
function validClaim(json: unknown): ReturnType<typeof validate<typeof ClaimSchema>> {
  const lines = (json as { lines?: unknown } | null)?.lines;
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && (linesAsIs ??= acceptedAsIs(ClaimSchema.shape.lines))(lines)) {
    const rest = validate(fastClaimSchema(), { ...json, lines: [] });
    if (rest.ok) return { ok: true, value: { ...rest.value, lines: lines as Claim['lines'] } };
  }
  return validate(fastClaimSchema(), json);
}

/** UTF-8 JSON, or undefined when the bytes are not UTF-8 or the text is not JSON. */
function parseJson(bytes: Uint8Array): unknown {
  try {
    return jsonFromUtf8(bytes);
  } catch {
    return undefined;
  }
}

/** A zip problem in the words of a claim package. */
function zipRefusal(error: ZipReadError): ReadPackage {
  const names = error.names.join('、');
  switch (error.kind) {
    case 'broken':
      return refuse('zip', `文件不是完整的申报包（zip 无法打开，可能下载不完整或已损坏：${error.message}）`);
    case 'missing':
      return refuse('files', `申报包缺少文件：${names}`);
    case 'extra':
    case 'folder':
      return refuse('files', `申报包里有不该有的文件：${names}`);
    case 'repeated':
      return refuse('files', `申报包里有两个同名的 ${names}：不同的软件可能读到不同的一份，已拒收`);
    case 'count':
      return refuse('files', `申报包里的文件过多（${error.message}）`);
    case 'size':
      return refuse('size', `申报包解压后过大，已拒收（可能是恶意构造的压缩包）：${error.message}`);
  }
}

/**
 * Checks a package, in the order a person would: can it be opened (judged from the zip's directory before
 * anything is inflated), is it signed by the registered key, is it intact, does it add up, and do the files
 * people read say what the signed claim says.
 */
export async function readClaimPackage(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadPackage> {
  try {
    return await readPackage(bytes, options);
  } catch (error) {
    // What the zip reader refuses, at any step, is the package's reason.
    if (error instanceof ZipReadError) return zipRefusal(error);
    throw error;
  }
}

async function readPackage(bytes: Uint8Array, options: ReadOptions): Promise<ReadPackage> {
  const entries = readZipDirectory(bytes, {
    names: PACKAGE_ENTRIES,
    maxEntries: PACKAGE_LIMITS.entries,
    maxEntryBytes: (name) => (name === 'manifest.json' ? PACKAGE_LIMITS.manifestBytes : PACKAGE_LIMITS.entryBytes),
    maxTotalBytes: PACKAGE_LIMITS.totalBytes,
  });
  const manifestBytes = await inflateEntry(bytes, entries.get('manifest.json')!);
  const manifestJson = parseJson(manifestBytes);
  if (manifestJson === undefined) return refuse('manifest', 'manifest.json 不是有效的 JSON');
  const schemaName = (manifestJson as { schema?: unknown }).schema;
  if (!MANIFEST_SCHEMAS.includes(schemaName as Manifest['schema'])) {
    return refuse('manifest', `不认识的申报包格式“${String(schemaName)}”：本软件读取 ${MANIFEST_SCHEMAS.join('、')}，请升级软件或联系食堂`);
  }
  const checkedManifest = validate(ManifestSchema, manifestJson);
  if (!checkedManifest.ok) return refuse('manifest', `manifest.json 内容不符合格式：${checkedManifest.issues[0]!.path} ${checkedManifest.issues[0]!.message}`);
  const manifest = checkedManifest.value;

  // The fingerprint is the key's own, computed here: what the package writes beside the key proves nothing.
  const raw = rawPublicKey(manifest.publicKey.key);
  if (!raw) return refuse('key', '签名公钥格式不对（应为 32 字节的 Ed25519 公钥）', manifest);
  const fingerprint = await keyFingerprint(raw);
  const registered = options.registeredKey;
  if (registered?.key) {
    // A registered key is compared byte for byte (a pinned fingerprint is a key too, from then on).
    const expected = rawPublicKey(registered.key);
    if (!expected || toBase64(expected) !== toBase64(raw)) return refuse('key', '签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的', manifest);
  } else if (registered?.fingerprint && !sameFingerprint(registered.fingerprint, fingerprint)) {
    return refuse('key', `签名公钥的指纹（${fingerprint}）与登记的指纹不一致：申报包可能不是该食堂导出的`, manifest);
  }
  if (!sameFingerprint(manifest.publicKey.fingerprint, fingerprint)) return refuse('key', `签名清单上写的指纹与公钥本身的指纹（${fingerprint}）不一致：申报包被改动过`, manifest);
  const signed = await verifyBytes(manifest.publicKey.key, fromBase64(manifest.signature.value), manifestSigningBytes(manifest));
  if (!signed) return refuse('signature', '签名验证失败：manifest.json 在导出后被改动过，或签名不属于所附公钥', manifest);

  // Only now, signed sizes in hand, is anything large inflated: each entry exactly as big as the manifest says,
  // and no bigger than its rows can make it.
  const plausible = plausibleBytes(manifest.counts);
  for (const file of manifest.files) {
    // The size is part of what the manifest signs for each file, with its SHA-256.
    if (entries.get(file.name)!.size !== file.bytes) return refuse('hash', `${file.name} 的校验值与签名清单不符：该文件在导出后被改动过`, manifest);
    if (file.bytes > plausible[file.name]) return refuse('size', `申报包解压后过大，已拒收（可能是恶意构造的压缩包）：${file.name} 有 ${file.bytes} 字节，${manifest.counts.lines} 笔明细最多应有 ${plausible[file.name]} 字节`, manifest);
  }
  // Inflated into buffers lent by the pool, given back once the package is read.
  const files: Record<string, Uint8Array> = {};
  try {
    for (const file of manifest.files) {
      files[file.name] = await inflateEntry(bytes, entries.get(file.name)!, inflatePool);
      if ((await sha256Hex(files[file.name]!)) !== file.sha256) return refuse('hash', `${file.name} 的校验值与签名清单不符：该文件在导出后被改动过`, manifest);
    }
    return await readContents(files, manifest, manifestBytes, fingerprint, plausible);
  } finally {
    for (const data of Object.values(files)) inflatePool.give(data);
  }
}

/** The package's files, each as its signed hash says: does the claim add up, and do the tables say what it says. */
async function readContents(files: Record<string, Uint8Array>, manifest: Manifest, manifestBytes: Uint8Array, fingerprint: string, plausible: ReturnType<typeof plausibleBytes>): Promise<ReadPackage> {
  const claimJson = parseJson(files['claim.json']!);
  if (claimJson === undefined) return refuse('claim', 'claim.json 不是有效的 JSON', manifest);
  const checkedClaim = validClaim(claimJson);
  if (!checkedClaim.ok) return refuse('claim', `claim.json 内容不符合格式：${checkedClaim.issues[0]!.path} ${checkedClaim.issues[0]!.message}`, manifest);
  const claim = checkedClaim.value;

  const header = (m: Pick<Claim, 'month' | 'revision' | 'exportedAt' | 'replaces'> & { code: string; name: string; key: string }) =>
    canonicalJson([m.code, m.name, m.month, m.revision, m.exportedAt, m.replaces, m.key]);
  const counts = { lines: claim.lines.length, persons: claim.totals.persons, adjustments: claim.adjustments.length };
  if (
    header({ ...claim, code: claim.canteen.code, name: claim.canteen.name, key: claim.publicKey.key }) !== header({ ...manifest, code: manifest.canteenCode, name: manifest.canteenName, key: manifest.publicKey.key }) ||
    !sameFingerprint(claim.publicKey.fingerprint, fingerprint) ||
    canonicalJson(counts) !== canonicalJson(manifest.counts)
  ) {
    return refuse('mismatch', 'claim.json 与签名清单说的不是同一份申报（食堂、月份、版本、替换的版本、公钥或笔数不一致）', manifest);
  }
  const recomputed = canonicalJson(claimTotals(claim.lines, claim.adjustments));
  if (recomputed !== canonicalJson(claim.totals) || recomputed !== canonicalJson(manifest.totals)) {
    return refuse('totals', '合计与明细相加不符：申报包内的合计金额或笔数有误', manifest);
  }
  const badAdjustment = claim.adjustments.find((adjustment) => adjustment.originalMonth >= claim.month || adjustment.reversedFen !== adjustment.parts.reduce((sum, part) => sum + (part.claimable ? part.amountFen : 0), 0));
  if (badAdjustment) return refuse('totals', `冲正 ${badAdjustment.mealId} 不成立：冲减金额应等于原申报的各项补贴之和，且原月份应早于 ${claim.month}`, manifest);

  const difference = await tablesDifference(claim, { csv: files['claim.csv']!, xlsx: files['claim.xlsx']! }, fingerprint, plausible.xlsxInflated);
  if (difference) return refuse('tables', `给人看的表格与 claim.json 不一致：${difference}`, manifest);
  return { ok: true, claim, manifest, manifestSha256: await sha256Hex(manifestBytes), fingerprint };
}
