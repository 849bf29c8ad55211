// A canteen registered with the office: its code, name and public key (or the fingerprint printed on its
// report), checked the same way in the office's IndexedDB store and its PostgreSQL store.
import { keyFingerprint, rawPublicKey, sameFingerprint } from '../claims/signing';
import { chinaIsoFromEpochMs } from '../china-time';

/** Bad input from office staff: shown as is, nothing is written. */
export class OfficeInputError extends Error {}

export type RegisteredCanteen = {
  code: string;
  name: string;
  /** The raw Ed25519 public key, base64; empty when only its fingerprint was registered. */
  publicKey: string;
  fingerprint: string;
  registeredAt: string;
};

export type CanteenRegistrationInput = { code: string; name: string; key: string; fingerprint: string };

const FINGERPRINT = /^[0-9A-F]{32}$/;
const plainFingerprint = (text: string) => text.replace(/[\s:-]/g, '').toUpperCase();

export async function canteenRegistration(input: CanteenRegistrationInput, nowMs: number): Promise<RegisteredCanteen> {
  const code = input.code.trim();
  const name = input.name.trim();
  const key = input.key.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9-]{2,20}$/.test(code)) throw new OfficeInputError('食堂编号应为 2-20 位字母、数字或连字符（与食堂“设置”里的编号一致）');
  if (!name) throw new OfficeInputError('请填写食堂名称');
  if (!key && !input.fingerprint.trim()) throw new OfficeInputError('请粘贴食堂的公钥，或填写报表上打印的公钥指纹');
  let fingerprint = input.fingerprint.trim();
  if (key) {
    const raw = rawPublicKey(key);
    if (!raw) throw new OfficeInputError('公钥格式不对：应为食堂“设置 › 签名密钥”中显示的 44 个字符');
    const computed = await keyFingerprint(raw);
    if (fingerprint && !sameFingerprint(fingerprint, computed)) throw new OfficeInputError(`公钥与所填指纹不一致：该公钥的指纹是 ${computed}`);
    fingerprint = computed;
  } else if (!FINGERPRINT.test(plainFingerprint(fingerprint))) {
    throw new OfficeInputError('指纹应为 32 位十六进制字符（报表上每 4 位一组）');
  }
  return { code, name, publicKey: key, fingerprint: plainFingerprint(fingerprint).match(/.{4}/g)!.join(' '), registeredAt: chinaIsoFromEpochMs(nowMs) };
}

/** The key a package of this canteen is verified with. */
export const registeredKeyOf = (canteen: Pick<RegisteredCanteen, 'publicKey' | 'fingerprint'>) =>
  canteen.publicKey ? { key: canteen.publicKey } : { fingerprint: canteen.fingerprint };
