// What the canteen's key will sign: only a claim manifest, exactly as claim-package.ts hands it over (the
// canonical JSON of a manifest without its signature, naming this very key). The shell holding the key checks
// this before signing, so a script in the page cannot use the key to sign anything else.
import { canonicalJson } from '../ledger/canonical-json';
import { ManifestSchema, type PublicKeyInfo } from './claim-schema';

// The manifest's own schema (with its rules across fields, such as /2 having ledgerHead), over the unsigned
// manifest with a stand-in signature: the bytes to sign must not carry one.
const STAND_IN_SIGNATURE = { algorithm: 'Ed25519', value: 'AAAA' } as const;

/** Null when `bytes` is a manifest this key may sign; otherwise why not, in Chinese. */
export function manifestToSignProblem(bytes: Uint8Array, publicKey: PublicKeyInfo): string | null {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return '要签名的内容不是申报清单（不是有效的 JSON）';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'signature' in value) return '要签名的内容不是未签名的申报清单';
  const parsed = ManifestSchema.safeParse({ ...value, signature: STAND_IN_SIGNATURE });
  if (!parsed.success) return `要签名的内容不是申报清单：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim();
  if (canonicalJson(value) !== text) return '要签名的申报清单格式不规范（不是规范 JSON）';
  if (parsed.data.publicKey.key !== publicKey.key) return '申报清单所附公钥不是本机的签名密钥';
  return null;
}
