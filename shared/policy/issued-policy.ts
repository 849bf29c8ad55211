// A policy version's identity, and the policy file an office signs when it issues one. The identity is the
// SHA-256 of the canonical JSON of the policy as the schema normalizes it (defaults written out), so a
// version is the same whichever way its file was written, and a different version whatever was changed.
// An office signs what it issued with its own Ed25519 key; a canteen checks the signature against the office
// key it registered once, and the office prices claims only by versions it issued (docs/policy-format.md).
import { z } from 'zod';
import { InstantSchema } from '../atoms';
import { PublicKeySchema, type PublicKeyInfo } from '../claims/claim-schema';
import { fromBase64, keyFingerprint, rawPublicKey, sameFingerprint, toBase64, verifyBytes } from '../claims/signing';
import { canonicalJson } from '../ledger/canonical-json';
import { sha256Hex } from '../ledger/chain';
import { formatJsonError, readJson } from '../json-source';
import { validate } from '../validation';
import { checkPolicy, formatPolicyNote } from './check-policy';
import { PolicySchema, type Policy } from './schema';

export const SIGNED_POLICY_FORMAT = 'canteen-policy-signed/1';

/** The hex SHA-256 of the normalized policy's canonical JSON: what "the same version" means everywhere. */
export function policyHash(policy: Policy): Promise<string> {
  return sha256Hex(canonicalJson(policy));
}

/** How a canteen's till names a version: the policy's id and the first 12 hex digits of its hash. */
export const policyVersionKey = (policy: Pick<Policy, 'id'>, hash: string) => `${policy.id}@${hash.slice(0, 12)}`;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const SignatureSchema = z.strictObject({ algorithm: z.literal('Ed25519'), value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/) });

/** Who signed, when, and the signature: what a canteen keeps beside a version it imported from a signed file. */
export const PolicyIssueSchema = z.strictObject({
  issuer: z.strictObject({ name: z.string().min(1), publicKey: PublicKeySchema }),
  issuedAt: InstantSchema,
  signature: SignatureSchema,
});
export type PolicyIssue = z.infer<typeof PolicyIssueSchema>;

export const SignedPolicySchema = z.strictObject({
  format: z.literal(SIGNED_POLICY_FORMAT),
  ...PolicyIssueSchema.shape,
  policyHash: Sha256Schema,
  policy: PolicySchema,
});
export type SignedPolicyFile = z.infer<typeof SignedPolicySchema>;

/** What is signed: the file without its signature, as canonical JSON, the policy normalized. */
function signingBytes(file: Omit<SignedPolicyFile, 'signature'>): Uint8Array {
  const { format, issuer, issuedAt, policyHash, policy } = file;
  return new TextEncoder().encode(canonicalJson({ format, issuer, issuedAt, policyHash, policy }));
}

const UnsignedPolicySchema = SignedPolicySchema.omit({ signature: true });

/**
 * What the office's key will sign: only a policy file's signing bytes, exactly as signPolicy hands them over
 * (canonical JSON of a signed policy file without its signature, naming this very key, its hash the policy's).
 * The shell holding the key checks this first, so a script in the page cannot use the key to sign anything else.
 * Null when `bytes` are such; otherwise why not, in Chinese.
 */
export async function policyIssueToSignProblem(bytes: Uint8Array, publicKey: PublicKeyInfo): Promise<string | null> {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return '要签名的内容不是政策文件（不是有效的 JSON）';
  }
  const parsed = UnsignedPolicySchema.safeParse(value);
  if (!parsed.success) return `要签名的内容不是政策文件：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim();
  if (canonicalJson(value) !== text) return '要签名的政策文件格式不规范（不是规范 JSON）';
  if (parsed.data.issuer.publicKey.key !== publicKey.key) return '政策文件所附公钥不是本机街道的签名密钥';
  if ((await policyHash(parsed.data.policy)) !== parsed.data.policyHash) return '政策文件的校验值与政策不符';
  return null;
}

/** The signed file an office hands its canteens for one version. */
export async function signPolicy(policy: Policy, issuer: { name: string; publicKey: PublicKeyInfo }, issuedAt: string, sign: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<SignedPolicyFile> {
  const unsigned = { format: SIGNED_POLICY_FORMAT, issuer: { name: issuer.name, publicKey: issuer.publicKey }, issuedAt, policyHash: await policyHash(policy), policy } as const;
  return { ...unsigned, signature: { algorithm: 'Ed25519', value: toBase64(await sign(signingBytes(unsigned))) } };
}

export type PolicyFileSignature = PolicyIssue & {
  /** Computed from the key that verified the signature, never read from the file. */
  fingerprint: string;
};

export type PolicyFileRead = { ok: true; policy: Policy; hash: string; signed?: PolicyFileSignature } | { ok: false; problems: string[] };

/** Whether `issue` is a valid signature by its issuer's key over this version. */
export async function verifyPolicyIssue(policy: Policy, issue: PolicyIssue): Promise<{ ok: true; fingerprint: string } | { ok: false; problem: string }> {
  const raw = rawPublicKey(issue.issuer.publicKey.key);
  if (!raw) return { ok: false, problem: '签名公钥格式不对' };
  const fingerprint = await keyFingerprint(raw);
  if (!sameFingerprint(fingerprint, issue.issuer.publicKey.fingerprint)) return { ok: false, problem: '文件上写的指纹与签名公钥不符：文件被改动过' };
  const bytes = signingBytes({ format: SIGNED_POLICY_FORMAT, issuer: issue.issuer, issuedAt: issue.issuedAt, policyHash: await policyHash(policy), policy });
  if (!(await verifyBytes(issue.issuer.publicKey.key, fromBase64(issue.signature.value), bytes))) return { ok: false, problem: '签名验证失败：政策文件在签发后被改动过' };
  return { ok: true, fingerprint };
}

/** A policy file, plain (canteen-policy/1) or signed (canteen-policy-signed/1); a signed one must verify. */
export async function readPolicyFile(text: string): Promise<PolicyFileRead> {
  const read = readJson(text);
  if (!read.ok) return { ok: false, problems: [`文件不是有效的 JSON（${formatJsonError(read.error)}）：请确认拿到的是政策文件（.json）`] };
  const data = read.source.value;
  if ((data as { format?: unknown } | null)?.format !== SIGNED_POLICY_FORMAT) {
    const checked = checkPolicy(data, read.source.lineOf);
    if (!checked.ok) return { ok: false, problems: checked.problems.map(formatPolicyNote) };
    return { ok: true, policy: checked.policy, hash: await policyHash(checked.policy) };
  }
  const checked = validate(SignedPolicySchema, data);
  if (!checked.ok) return { ok: false, problems: checked.issues.map((issue) => `${issue.path}：${issue.message}`) };
  const { policy, issuer, issuedAt, signature } = checked.value;
  const hash = await policyHash(policy);
  if (hash !== checked.value.policyHash) return { ok: false, problems: ['文件里的政策与签发时的校验值不符：政策在签发后被改动过'] };
  const verified = await verifyPolicyIssue(policy, { issuer, issuedAt, signature });
  if (!verified.ok) return { ok: false, problems: [verified.problem] };
  return { ok: true, policy, hash, signed: { issuer, issuedAt, signature, fingerprint: verified.fingerprint } };
}

/** One version an office issued, as its registry keeps it. */
export type IssuedPolicy = { hash: string; policy: Policy; issuedAt: string };
