// The browser build's signing keys (the canteen's, and the office's in 街道 mode): Ed25519 key pairs made
// non-extractable by WebCrypto and kept in their own IndexedDB (never in the books, so never in a backup). Script
// in the page can ask a key to sign, but each signs only what it is for (a checked claim manifest, a checked
// policy file), and no script can read a private key out.
import type { SignatureResult, SigningKeyResult, SigningKeyState } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import { manifestToSignProblem } from '../../shared/claims/manifest-to-sign';
import { publicKeyInfo } from '../../shared/claims/signing';
import { policyIssueToSignProblem } from '../../shared/policy/issued-policy';

const KEY_DB = 'canteen-keystore';
/** Which key, under which id, and the only bytes it signs. */
type Purpose = { id: string; signable(bytes: Uint8Array, publicKey: PublicKeyInfo): string | null | Promise<string | null>; missing: string };
const CLAIMS: Purpose = { id: 'claims-ed25519', signable: manifestToSignProblem, missing: '本机还没有签名密钥：请在“设置 → 签名密钥”生成' };
const OFFICE: Purpose = { id: 'office-policy-ed25519', signable: policyIssueToSignProblem, missing: '本机还没有街道的签名密钥' };
const ED25519 = { name: 'Ed25519' } as const;

type StoredKey = { privateKey: CryptoKey; publicKey: PublicKeyInfo; createdAt: string };

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function keyStore(): Promise<IDBDatabase> {
  const open = indexedDB.open(KEY_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('keys');
  return request(open);
}

async function readKey(purpose: Purpose): Promise<StoredKey | undefined> {
  const db = await keyStore();
  try {
    return await request<StoredKey | undefined>(db.transaction('keys').objectStore('keys').get(purpose.id));
  } finally {
    db.close();
  }
}

async function writeKey(purpose: Purpose, key: StoredKey, replace: boolean): Promise<void> {
  const db = await keyStore();
  try {
    const tx = db.transaction('keys', 'readwrite', { durability: 'strict' });
    // add() when not replacing: a tab that raced us keeps its key, and we use that one.
    if (replace) tx.objectStore('keys').put(key, purpose.id);
    else tx.objectStore('keys').add(key, purpose.id);
    await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error)), (tx.onabort = () => reject(tx.error))));
  } finally {
    db.close();
  }
}

async function keyState(purpose: Purpose): Promise<SigningKeyState> {
  const key = await readKey(purpose);
  return { publicKey: key?.publicKey ?? null, createdAt: key?.createdAt ?? null, protection: 'browser', usable: !!key };
}

async function createKey(purpose: Purpose, replace: boolean): Promise<SigningKeyResult> {
  const existing = await readKey(purpose);
  if (existing && !replace) return { ok: true, publicKey: existing.publicKey, createdAt: existing.createdAt, created: false };
  // Extractable false: the private key can sign in this profile but can never be exported.
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = await publicKeyInfo(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const key: StoredKey = { privateKey: pair.privateKey, publicKey, createdAt: chinaIsoFromEpochMs(Date.now()) };
  try {
    await writeKey(purpose, key, replace);
  } catch {
    const raced = await readKey(purpose);
    if (raced) return { ok: true, publicKey: raced.publicKey, createdAt: raced.createdAt, created: false };
    return { ok: false, message: '无法保存签名密钥' };
  }
  return { ok: true, publicKey, createdAt: key.createdAt, created: true };
}

async function signWith(purpose: Purpose, bytes: Uint8Array): Promise<SignatureResult> {
  const key = await readKey(purpose);
  if (!key) return { ok: false, message: purpose.missing };
  const problem = await purpose.signable(bytes, key.publicKey);
  if (problem) return { ok: false, message: problem };
  return { ok: true, signature: new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, bytes as Uint8Array<ArrayBuffer>)) };
}

export const browserSigningKey = () => keyState(CLAIMS);
export const createBrowserSigningKey = ({ replace }: { replace: boolean }) => createKey(CLAIMS, replace);
export const signBrowserManifest = (manifest: Uint8Array) => signWith(CLAIMS, manifest);
export const browserOfficeKey = () => keyState(OFFICE);
export const createBrowserOfficeKey = () => createKey(OFFICE, false);
export const signBrowserPolicyIssue = (unsigned: Uint8Array) => signWith(OFFICE, unsigned);
