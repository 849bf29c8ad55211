// The canteen's Ed25519 key pair, made on first start. The private key is kept only sealed by the shell's
// key store (the operating system's in the desktop app, a non-extractable WebCrypto key in the browser),
// and unsealed for the moment of signing a claim. A backup restored on another computer carries the
// sealed key but not the key store, so it cannot sign there: the manager makes a new key instead.
import type { Bridge } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import { fromBase64, generateSigningKeyPair, publicKeyInfo, signBytes, toBase64 } from '../../shared/claims/signing';
import type { CanteenDB } from './canteen-db';

const SETTING = 'claims.signingKey';

export type StoredKey = { publicKey: PublicKeyInfo; sealedPrivateKey: string; createdAt: string };

export class SigningKeyError extends Error {}

/** A new key pair, its private half sealed by the shell's key store at once and wiped from memory. */
export async function sealedKeyPair(bridge: Bridge): Promise<StoredKey> {
  const pair = await generateSigningKeyPair();
  const sealed = await bridge.sealSecret(pair.privateKeyPkcs8);
  pair.privateKeyPkcs8.fill(0);
  return { publicKey: await publicKeyInfo(pair.publicKeyRaw), sealedPrivateKey: toBase64(sealed), createdAt: chinaIsoFromEpochMs(Date.now()) };
}

/** Signs with a sealed key, unsealed only for this call; `unusable` says what to do when this computer cannot open it. */
export async function signWithSealed(bridge: Bridge, key: StoredKey, bytes: Uint8Array, unusable: string): Promise<Uint8Array> {
  let privateKey: Uint8Array;
  try {
    privateKey = await bridge.unsealSecret(fromBase64(key.sealedPrivateKey));
  } catch {
    throw new SigningKeyError(unusable);
  }
  try {
    return await signBytes(privateKey, bytes);
  } finally {
    privateKey.fill(0);
  }
}

/** The stored key, or undefined before the first start has made it; safe inside a live query. */
export async function readSigningKey(db: CanteenDB): Promise<StoredKey | undefined> {
  return (await db.settings.get(SETTING))?.value as StoredKey | undefined;
}

async function makeKey(db: CanteenDB, bridge: Bridge, actorId: string, replacing: boolean): Promise<StoredKey> {
  const key = await sealedKeyPair(bridge);
  await db.transaction('rw', db.settings, db.audit, async () => {
    // Two windows starting at once: the first key made is the canteen's.
    if (!replacing && (await readSigningKey(db))) return;
    await db.settings.put({ key: SETTING, value: key });
    await db.audit.add({ at: key.createdAt, actorId, action: replacing ? 'signing_key_replace' : 'signing_key_create', details: { fingerprint: key.publicKey.fingerprint } });
  });
  return (await readSigningKey(db))!;
}

/** The canteen's public key, made now if this is the first start. */
export async function ensureSigningKey(db: CanteenDB, bridge: Bridge): Promise<StoredKey> {
  return (await readSigningKey(db)) ?? makeKey(db, bridge, 'system', false);
}

/** A new key pair, for a till restored on another computer; the office must register the new fingerprint. */
export function replaceSigningKey(db: CanteenDB, bridge: Bridge, managerId: string): Promise<StoredKey> {
  return makeKey(db, bridge, managerId, true);
}

/** Whether this computer's key store can open the sealed key. */
export async function signingKeyUsable(db: CanteenDB, bridge: Bridge): Promise<boolean> {
  const key = await readSigningKey(db);
  if (!key) return false;
  try {
    (await bridge.unsealSecret(fromBase64(key.sealedPrivateKey))).fill(0);
    return true;
  } catch {
    return false;
  }
}

/** Signs with the canteen's key, unsealed only for this call. */
export async function canteenSigner(db: CanteenDB, bridge: Bridge): Promise<{ publicKey: PublicKeyInfo; sign: (bytes: Uint8Array) => Promise<Uint8Array> }> {
  const key = await ensureSigningKey(db, bridge);
  return {
    publicKey: key.publicKey,
    sign: (bytes) => signWithSealed(bridge, key, bytes, '本机无法解开食堂的签名密钥（可能是从其他电脑恢复的备份）。请在“设置 → 签名密钥”生成新密钥，并把新的指纹交给街道登记。'),
  };
}
