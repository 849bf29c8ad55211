// Ed25519 signatures over claim manifests, with WebCrypto (the same in Chromium, Electron and Node), so
// the canteen signs and the office and the command line verify with one piece of code.
import { sha256Hex } from '../ledger/chain';
import type { PublicKeyInfo } from './claim-schema';

const ED25519 = { name: 'Ed25519' } as const;
// Named through the API, not the DOM's CryptoKey: shared/ is type-checked without the DOM library too.
type WebCryptoKey = Parameters<typeof crypto.subtle.exportKey>[1];

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The 32 bytes of an Ed25519 public key given in base64 (spaces ignored), or undefined when it is not one. */
export function rawPublicKey(base64: string): Uint8Array | undefined {
  try {
    const raw = fromBase64(base64.replace(/\s+/g, ''));
    return raw.length === 32 ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Made once per canteen; the private key is exportable only so it can be sealed at once (see signing-key.ts). */
export async function generateSigningKeyPair(): Promise<{ publicKeyRaw: Uint8Array; privateKeyPkcs8: Uint8Array }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as unknown as Record<'publicKey' | 'privateKey', WebCryptoKey>;
  return {
    publicKeyRaw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)),
    privateKeyPkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
  };
}

/** "AB12 CD34 …": the first 16 bytes of the key's SHA-256, short enough to print and read aloud. */
export async function keyFingerprint(publicKeyRaw: Uint8Array): Promise<string> {
  const hex = (await sha256Hex(publicKeyRaw)).slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

export async function publicKeyInfo(publicKeyRaw: Uint8Array): Promise<PublicKeyInfo> {
  return { algorithm: 'Ed25519', key: toBase64(publicKeyRaw), fingerprint: await keyFingerprint(publicKeyRaw) };
}

/** Fingerprints compare however they were typed: spaces, dashes and case do not matter. */
export function sameFingerprint(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/[\s:-]/g, '').toUpperCase();
  return plain(a) === plain(b);
}

export async function signBytes(privateKeyPkcs8: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('pkcs8', privateKeyPkcs8 as Uint8Array<ArrayBuffer>, ED25519, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign(ED25519, key, data as Uint8Array<ArrayBuffer>));
}

/** False for a bad key or signature as much as for a wrong one: a verifier never throws. */
export async function verifyBytes(publicKeyBase64: string, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64(publicKeyBase64) as Uint8Array<ArrayBuffer>, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}
