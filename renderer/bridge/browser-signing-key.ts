// The browser build's signing key: an Ed25519 key pair made non-extractable by WebCrypto and kept in its own
// IndexedDB (never in the canteen's books, so never in a backup). Script in the page can ask it to sign, but
// it signs only a checked claim manifest, and no script can read the private key out.
import type { SignatureResult, SigningKeyResult, SigningKeyState } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import { manifestToSignProblem } from '../../shared/claims/manifest-to-sign';
import { publicKeyInfo } from '../../shared/claims/signing';

const KEY_DB = 'canteen-keystore';
const KEY_ID = 'claims-ed25519';
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

async function readKey(): Promise<StoredKey | undefined> {
  const db = await keyStore();
  try {
    return await request<StoredKey | undefined>(db.transaction('keys').objectStore('keys').get(KEY_ID));
  } finally {
    db.close();
  }
}

async function writeKey(key: StoredKey, replace: boolean): Promise<void> {
  const db = await keyStore();
  try {
    const tx = db.transaction('keys', 'readwrite', { durability: 'strict' });
    // add() when not replacing: a tab that raced us keeps its key, and we use that one.
    if (replace) tx.objectStore('keys').put(key, KEY_ID);
    else tx.objectStore('keys').add(key, KEY_ID);
    await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error)), (tx.onabort = () => reject(tx.error))));
  } finally {
    db.close();
  }
}

export async function browserSigningKey(): Promise<SigningKeyState> {
  const key = await readKey();
  return { publicKey: key?.publicKey ?? null, createdAt: key?.createdAt ?? null, protection: 'browser', usable: !!key };
}

export async function createBrowserSigningKey({ replace }: { replace: boolean }): Promise<SigningKeyResult> {
  const existing = await readKey();
  if (existing && !replace) return { ok: true, publicKey: existing.publicKey, createdAt: existing.createdAt, created: false };
  // Extractable false: the private key can sign in this profile but can never be exported.
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = await publicKeyInfo(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const key: StoredKey = { privateKey: pair.privateKey, publicKey, createdAt: chinaIsoFromEpochMs(Date.now()) };
  try {
    await writeKey(key, replace);
  } catch {
    const raced = await readKey();
    if (raced) return { ok: true, publicKey: raced.publicKey, createdAt: raced.createdAt, created: false };
    return { ok: false, message: '无法保存签名密钥' };
  }
  return { ok: true, publicKey, createdAt: key.createdAt, created: true };
}

export async function signBrowserManifest(manifest: Uint8Array): Promise<SignatureResult> {
  const key = await readKey();
  if (!key) return { ok: false, message: '本机还没有签名密钥：请在“设置 → 签名密钥”生成' };
  const problem = manifestToSignProblem(manifest, key.publicKey);
  if (problem) return { ok: false, message: problem };
  return { ok: true, signature: new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, manifest as Uint8Array<ArrayBuffer>)) };
}
