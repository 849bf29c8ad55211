// The package as bytes: a zip of claim.json, claim.xlsx, claim.csv and manifest.json, the manifest signed
// with the canteen's Ed25519 key. Writing and reading live together so that what one writes, the other
// checks; the office and `canteen claims verify` read with readClaimPackage.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { canonicalJson } from '../ledger/canonical-json';
import { sha256Hex } from '../ledger/chain';
import { toCsv } from '../files/csv-writer';
import { utf8 } from '../files/utf8';
import { writeXlsx, zipTime } from '../files/xlsx-writer';
import { validate } from '../validation';
import { claimTotals } from './build-claim';
import { claimSheets, detailCsvRows, detailRows } from './claim-tables';
import { CLAIM_FILES, CLAIM_SCHEMA, ClaimSchema, MANIFEST_SCHEMA, ManifestSchema, claimFileName, type Claim, type Manifest, type UnsignedManifest } from './claim-schema';
import { fromBase64, sameFingerprint, toBase64, verifyBytes } from './signing';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export type ClaimSigner = (bytes: Uint8Array) => Promise<Uint8Array>;

/** What is signed: the manifest without its signature, as canonical JSON. */
export function manifestSigningBytes(manifest: UnsignedManifest | Manifest): Uint8Array {
  const { signature: _signature, ...unsigned } = manifest as Manifest;
  return encoder.encode(canonicalJson(unsigned));
}

export type WrittenPackage = { fileName: string; bytes: Uint8Array<ArrayBuffer>; manifest: Manifest; manifestSha256: string };

/** Writes the package. Equal claims and keys give equal bytes: Ed25519 signatures are deterministic. */
export async function writeClaimPackage(claim: Claim, sign: ClaimSigner, onStep?: (step: string) => void): Promise<WrittenPackage> {
  // Each step of a big month takes a second or more: between steps the page gets a turn to show progress.
  const step = async (text: string) => {
    onStep?.(text);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  await step('正在写 claim.json');
  const json = utf8(canonicalJson(claim));
  await step('正在写 claim.xlsx');
  const details = detailRows(claim);
  const xlsx = writeXlsx(claimSheets(claim, details), claim.exportedAt);
  await step('正在写 claim.csv');
  const csv = utf8(toCsv(detailCsvRows(details)));
  const contents: Record<(typeof CLAIM_FILES)[number], Uint8Array> = { 'claim.json': json, 'claim.xlsx': xlsx, 'claim.csv': csv };

  await step('正在计算校验值并签名');
  const files = await Promise.all(CLAIM_FILES.map(async (name) => ({ name, sha256: await sha256Hex(contents[name]), bytes: contents[name].length })));
  const unsigned: UnsignedManifest = {
    schema: MANIFEST_SCHEMA,
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
export type PackageProblemCode = 'zip' | 'files' | 'manifest' | 'signature' | 'key' | 'hash' | 'claim' | 'mismatch' | 'totals';

export type ReadPackage =
  | { ok: true; claim: Claim; manifest: Manifest; manifestSha256: string; files: Record<string, Uint8Array> }
  | { ok: false; problem: PackageProblem; manifest?: Manifest };

export type ReadOptions = {
  /** The canteen's registered key (base64) or its printed fingerprint; absent: only self-consistency is checked. */
  registeredKey?: { key?: string; fingerprint?: string };
};

const refuse = (code: PackageProblemCode, message: string, manifest?: Manifest): ReadPackage => ({ ok: false, problem: { code, message }, ...(manifest ? { manifest } : {}) });

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

/** Checks a package, in the order a person would: can it be opened, is it signed, is it intact, does it add up. */
export async function readClaimPackage(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadPackage> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return refuse('zip', '文件不是完整的申报包（zip 无法打开，可能下载不完整或已损坏）');
  }
  const expected = [...CLAIM_FILES, 'manifest.json'];
  const missing = expected.filter((name) => !files[name]);
  if (missing.length) return refuse('files', `申报包缺少文件：${missing.join('、')}`);
  const extra = Object.keys(files).filter((name) => !expected.includes(name));
  if (extra.length) return refuse('files', `申报包里有不该有的文件：${extra.join('、')}`);

  const manifestJson = parseJson(files['manifest.json']!);
  if (manifestJson === undefined) return refuse('manifest', 'manifest.json 不是有效的 JSON');
  const schemaName = (manifestJson as { schema?: unknown }).schema;
  if (schemaName !== MANIFEST_SCHEMA) return refuse('manifest', `不认识的申报包格式“${String(schemaName)}”：本软件读取 ${MANIFEST_SCHEMA}，请升级软件或联系食堂`);
  const checkedManifest = validate(ManifestSchema, manifestJson);
  if (!checkedManifest.ok) return refuse('manifest', `manifest.json 内容不符合格式：${checkedManifest.issues[0]!.path} ${checkedManifest.issues[0]!.message}`);
  const manifest = checkedManifest.value;

  const registered = options.registeredKey;
  if (registered?.key && registered.key !== manifest.publicKey.key) return refuse('key', '签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的', manifest);
  if (registered?.fingerprint && !sameFingerprint(registered.fingerprint, manifest.publicKey.fingerprint)) return refuse('key', '签名公钥指纹与登记的指纹不一致：申报包可能不是该食堂导出的', manifest);
  const signed = await verifyBytes(manifest.publicKey.key, fromBase64(manifest.signature.value), manifestSigningBytes(manifest));
  if (!signed) return refuse('signature', '签名验证失败：manifest.json 在导出后被改动过，或签名不属于所附公钥', manifest);

  for (const file of manifest.files) {
    const content = files[file.name]!;
    if (content.length !== file.bytes || (await sha256Hex(content)) !== file.sha256) return refuse('hash', `${file.name} 的校验值与签名清单不符：该文件在导出后被改动过`, manifest);
  }

  const claimJson = parseJson(files['claim.json']!);
  if (claimJson === undefined) return refuse('claim', 'claim.json 不是有效的 JSON', manifest);
  const checkedClaim = validate(ClaimSchema, claimJson);
  if (!checkedClaim.ok) return refuse('claim', `claim.json 内容不符合格式：${checkedClaim.issues[0]!.path} ${checkedClaim.issues[0]!.message}`, manifest);
  const claim = checkedClaim.value;

  const header = (m: { month: string; revision: number; exportedAt: string }) => `${m.month} r${m.revision} ${m.exportedAt}`;
  if (claim.canteen.code !== manifest.canteenCode || header(claim) !== header(manifest) || claim.publicKey.key !== manifest.publicKey.key) {
    return refuse('mismatch', 'claim.json 与签名清单说的不是同一份申报（食堂、月份、版本或公钥不一致）', manifest);
  }
  const recomputed = canonicalJson(claimTotals(claim.lines, claim.adjustments));
  if (recomputed !== canonicalJson(claim.totals) || recomputed !== canonicalJson(manifest.totals)) {
    return refuse('totals', '合计与明细相加不符：申报包内的合计金额或笔数有误', manifest);
  }
  return { ok: true, claim, manifest, manifestSha256: await sha256Hex(files['manifest.json']!), files };
}
