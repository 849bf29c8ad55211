// The canteen's Ed25519 key pair, made on first start and kept by the shell, never by the page: the desktop's
// main process seals it with the operating system's key store, the browser keeps it as a non-extractable
// WebCrypto key. The renderer sees the public key and asks the shell to sign a claim manifest. Neither the key
// nor anything sealed is in the canteen's books, so a backup restored on another computer makes a new key there.
import type { Bridge, SigningKeyState } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import type { CanteenDB } from './canteen-db';

export class SigningKeyError extends Error {}

const REPLACE_HINT = '请在“设置 → 签名密钥”生成新密钥，并把新的指纹交给街道登记。';

export function signingKeyState(bridge: Bridge): Promise<SigningKeyState> {
  return bridge.signingKey();
}

async function makeKey(db: CanteenDB, bridge: Bridge, actorId: string, replace: boolean): Promise<PublicKeyInfo> {
  const made = await bridge.createSigningKey({ replace });
  if (!made.ok) throw new SigningKeyError(made.message);
  if (made.created) {
    await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId, action: replace ? 'signing_key_replace' : 'signing_key_create', details: { fingerprint: made.publicKey.fingerprint } });
  }
  return made.publicKey;
}

/** The canteen's public key, made now if this is the first start on this computer. */
export async function ensureSigningKey(db: CanteenDB, bridge: Bridge): Promise<PublicKeyInfo> {
  const state = await bridge.signingKey();
  return state.publicKey ?? makeKey(db, bridge, 'system', false);
}

/** A new key pair (a manager approved it); the office must register the new fingerprint. */
export function replaceSigningKey(db: CanteenDB, bridge: Bridge, managerId: string): Promise<PublicKeyInfo> {
  return makeKey(db, bridge, managerId, true);
}

/** Signs claim manifests through the shell; refused before anything is closed if this computer cannot sign. */
export async function canteenSigner(db: CanteenDB, bridge: Bridge): Promise<{ publicKey: PublicKeyInfo; sign: (bytes: Uint8Array) => Promise<Uint8Array> }> {
  await ensureSigningKey(db, bridge);
  const state = await bridge.signingKey();
  if (!state.publicKey || !state.usable) throw new SigningKeyError(`本机无法使用食堂的签名密钥。${REPLACE_HINT}`);
  return {
    publicKey: state.publicKey,
    sign: async (bytes) => {
      const signed = await bridge.signClaimManifest(bytes);
      if (!signed.ok) throw new SigningKeyError(`${signed.message}`);
      return signed.signature;
    },
  };
}
