// The signing keys, kept by the main process and never handed to the renderer: the canteen's claim-signing key
// and, in the office's place, the office's policy-signing key. Each private key is sealed with Electron's
// safeStorage (the operating system's key store) in its own file under userData, outside the database, so no
// backup carries it: a restored till on a new PC makes a new key. The renderer may ask for the public key, for
// a new key, and for a signature over what the key exists to sign (checked first); nothing else.
import { promises as fs } from 'node:fs';
import type { KeyProtection, SignatureResult, SigningKeyResult, SigningKeyState } from '../shared/bridge';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import type { PublicKeyInfo } from '../shared/claims/claim-schema';
import { manifestToSignProblem } from '../shared/claims/manifest-to-sign';
import { policyIssueToSignProblem } from '../shared/policy/issued-policy';
import { fromBase64, generateSigningKeyPair, publicKeyInfo, signBytes, toBase64 } from '../shared/claims/signing';
import { writeFileAtomic } from './files';

/** The part of Electron's safeStorage used here (a stand-in in the tests). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' when no keyring was found and a fixed password protects the data. */
  getSelectedStorageBackend?(): string;
};

/** Reads and (atomically) writes the one key file; read gives null when there is none. */
export type KeyFileIo = { read(): Promise<string | null>; write(text: string): Promise<void> };

type KeyFile = { publicKey: PublicKeyInfo; sealedPrivateKey: string; createdAt: string };

/** What a key is for: the only bytes it signs, and what the renderer is told when it cannot. */
export type KeyPurpose = {
  /** Null when the key may sign these bytes; otherwise why not, in Chinese. */
  signable(bytes: Uint8Array, publicKey: PublicKeyInfo): string | null | Promise<string | null>;
  missing: string;
  unusable: string;
};

/** The canteen's key signs claim manifests only (shared/claims/manifest-to-sign.ts). */
export const CLAIM_KEY: KeyPurpose = {
  signable: manifestToSignProblem,
  missing: '本机还没有签名密钥：请在“设置 → 签名密钥”生成',
  unusable: '本机无法解开食堂的签名密钥。请在“设置 → 签名密钥”生成新密钥，并把新的指纹交给街道登记。',
};

/** The office's key signs the policy files it issues only (shared/policy/issued-policy.ts). */
export const POLICY_KEY: KeyPurpose = {
  signable: policyIssueToSignProblem,
  missing: '本机还没有街道的签名密钥',
  unusable: '本机无法解开街道的签名密钥，无法签发政策文件。',
};

export class SigningKeyStore {
  // One change at a time: two windows asking for a first key get the same one.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly io: KeyFileIo,
    private readonly platform: string = process.platform,
    private readonly now: () => number = Date.now,
    private readonly purpose: KeyPurpose = CLAIM_KEY,
  ) {}

  protection(): KeyProtection {
    if (!this.safeStorage.isEncryptionAvailable()) return 'unavailable';
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return 'weak';
    return 'keystore';
  }

  private async load(): Promise<KeyFile | null> {
    const text = await this.io.read();
    if (!text) return null;
    try {
      const file = JSON.parse(text) as KeyFile;
      return file.publicKey?.key && file.sealedPrivateKey ? file : null;
    } catch {
      return null;
    }
  }

  private unseal(file: KeyFile): Uint8Array {
    return fromBase64(this.safeStorage.decryptString(Buffer.from(file.sealedPrivateKey, 'base64')));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async state(): Promise<SigningKeyState> {
    const file = await this.load();
    const protection = this.protection();
    let usable = false;
    if (file && protection !== 'unavailable') {
      try {
        this.unseal(file).fill(0);
        usable = true;
      } catch {
        usable = false;
      }
    }
    return { publicKey: file?.publicKey ?? null, createdAt: file?.createdAt ?? null, protection, usable };
  }

  create({ replace }: { replace: boolean }): Promise<SigningKeyResult> {
    return this.serial(async () => {
      const existing = await this.load();
      if (existing && !replace) return { ok: true, publicKey: existing.publicKey, createdAt: existing.createdAt, created: false };
      if (this.protection() === 'unavailable') return { ok: false, message: '系统密钥库不可用，无法保护签名密钥' };
      const pair = await generateSigningKeyPair();
      try {
        const sealed = this.safeStorage.encryptString(toBase64(pair.privateKeyPkcs8));
        const file: KeyFile = { publicKey: await publicKeyInfo(pair.publicKeyRaw), sealedPrivateKey: sealed.toString('base64'), createdAt: chinaIsoFromEpochMs(this.now()) };
        await this.io.write(`${JSON.stringify(file)}\n`);
        return { ok: true, publicKey: file.publicKey, createdAt: file.createdAt, created: true };
      } finally {
        pair.privateKeyPkcs8.fill(0);
      }
    });
  }

  /** Signs `bytes` if they are what this key is for (a claim manifest naming it, or a policy file naming it). */
  async sign(bytes: Uint8Array): Promise<SignatureResult> {
    const file = await this.load();
    if (!file) return { ok: false, message: this.purpose.missing };
    const problem = await this.purpose.signable(bytes, file.publicKey);
    if (problem) return { ok: false, message: problem };
    let privateKey: Uint8Array;
    try {
      privateKey = this.unseal(file);
    } catch {
      return { ok: false, message: this.purpose.unusable };
    }
    try {
      return { ok: true, signature: await signBytes(privateKey, bytes) };
    } finally {
      privateKey.fill(0);
    }
  }
}

/** The key file on disk, written atomically (files.ts), readable only by this user. */
export function keyFileAt(filePath: string, io: Pick<typeof fs, 'readFile' | 'writeFile' | 'rename' | 'rm'> = fs): KeyFileIo {
  return {
    read: async () => {
      try {
        return await io.readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: async (text) => {
      const written = await writeFileAtomic(filePath, new TextEncoder().encode(text), io);
      if (!written.ok) throw new Error(written.message);
    },
  };
}
