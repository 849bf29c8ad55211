// The main process's signing key, with a stand-in for Electron's safeStorage: the key is sealed on disk, signs
// only checked claim manifests, and no call answers with private key material.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../shared/bridge';
import { buildClaim } from '../shared/claims/build-claim';
import { readClaimPackage, writeClaimPackage } from '../shared/claims/claim-package';
import { fromBase64, toBase64 } from '../shared/claims/signing';
import { aHeader, aKey, aMeal, books, WANG, zengcheng } from '../shared/claims/test-fixtures';
import { readPolicyFile, signPolicy } from '../shared/policy/issued-policy';
import { keyFileAt, POLICY_KEY, SigningKeyStore, type SafeStorageLike } from './signing-key-store';

/** A key store that remembers what it was asked to seal, so the test can look for it in every answer. */
function standIn({ available = true, backend = 'gnome_libsecret', broken = false } = {}) {
  const sealedSecrets: string[] = [];
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => {
      sealedSecrets.push(plain);
      return Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0xa5));
    },
    decryptString: (sealed) => {
      if (broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.map((byte) => byte ^ 0xa5)).toString('utf8');
    },
  };
  return { safeStorage, sealedSecrets };
}

async function aStore(options: Parameters<typeof standIn>[0] = {}, platform = 'win32') {
  const folder = await mkdtemp(path.join(tmpdir(), 'signing-key-'));
  const file = path.join(folder, 'signing-key.json');
  const { safeStorage, sealedSecrets } = standIn(options);
  return { store: new SigningKeyStore(safeStorage, keyFileAt(file), platform), file, sealedSecrets, safeStorage };
}

/** Every form of the private key a leak could take: the sealed base64 text, its bytes, and their base64. */
function privateForms(sealedSecrets: string[]): string[] {
  return sealedSecrets.flatMap((secret) => {
    const bytes = fromBase64(secret);
    return [secret, toBase64(bytes.subarray(16)), Buffer.from(bytes).toString('hex')];
  });
}

function serialised(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Uint8Array ? Buffer.from(inner).toString('hex') + toBase64(inner) : inner));
}

async function aManifestClaim(publicKey: Parameters<typeof aHeader>[1]) {
  return buildClaim(aHeader('2026-10', publicKey), books([aMeal(1, '2026-10-08T11:30:00+08:00', WANG)]));
}

describe('the main process signing key', () => {
  it("is reached through narrow bridge calls (the canteen's key, and the office's); nothing unseals or exports a key", () => {
    expect(bridgeMethods.filter((method) => /key|seal|sign|secret/i.test(method)).sort()).toEqual(['createOfficeKey', 'createSigningKey', 'officeKey', 'signClaimManifest', 'signPolicyIssue', 'signingKey']);
  });

  it('keeps the private key sealed on disk, and no answer to the renderer carries it', async () => {
    const { store, file, sealedSecrets } = await aStore();
    expect(await store.state()).toEqual({ publicKey: null, createdAt: null, protection: 'keystore', usable: false });
    const made = await store.create({ replace: false });
    expect(made).toMatchObject({ ok: true, created: true, publicKey: { algorithm: 'Ed25519' } });
    expect(sealedSecrets).toHaveLength(1);
    const onDisk = await readFile(file, 'utf8');
    const answers: unknown[] = [made, await store.state(), await store.create({ replace: false })];
    const claim = await aManifestClaim((made as { publicKey: Parameters<typeof aHeader>[1] }).publicKey);
    const written = await writeClaimPackage(claim, async (bytes) => {
      const signed = await store.sign(bytes);
      answers.push(signed);
      if (!signed.ok) throw new Error(signed.message);
      return signed.signature;
    });
    answers.push(await store.sign(new TextEncoder().encode('{"schema":"x"}')));
    for (const secret of privateForms(sealedSecrets)) {
      expect(onDisk).not.toContain(secret);
      for (const answer of answers) expect(serialised(answer)).not.toContain(secret);
    }
    // And the signature is good: the office verifies it against the public key.
    const read = await readClaimPackage(written.bytes);
    expect(read.ok).toBe(true);
  });

  it('signs a claim manifest naming its key, and refuses anything else', async () => {
    const { store } = await aStore();
    const made = await store.create({ replace: false });
    if (!made.ok) throw new Error(made.message);
    const other = await (await aStore()).store.create({ replace: false });
    if (!other.ok) throw new Error(other.message);
    const refusals: Record<string, Uint8Array> = {
      'random bytes': crypto.getRandomValues(new Uint8Array(64)),
      'a challenge text': new TextEncoder().encode('login-challenge-123'),
      'JSON that is no manifest': new TextEncoder().encode('{"amount":100}'),
    };
    for (const [what, bytes] of Object.entries(refusals)) expect((await store.sign(bytes)).ok, what).toBe(false);
    let manifestBytes: Uint8Array | undefined;
    await writeClaimPackage(await aManifestClaim(other.publicKey), async (bytes) => {
      manifestBytes = bytes;
      return new Uint8Array(64);
    });
    expect(await store.sign(manifestBytes!)).toEqual({ ok: false, message: '申报清单所附公钥不是本机的签名密钥' });
    // The same manifest, not in canonical form (pretty-printed), is refused too.
    await writeClaimPackage(await aManifestClaim(made.publicKey), async (bytes) => {
      manifestBytes = bytes;
      return new Uint8Array(64);
    });
    const pretty = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(manifestBytes)), null, 2));
    expect((await store.sign(pretty)).ok).toBe(false);
    expect((await store.sign(manifestBytes!)).ok).toBe(true);
  });

  it('makes one key for two first starts at once, and a new one only when asked', async () => {
    const { store } = await aStore();
    const [a, b] = await Promise.all([store.create({ replace: false }), store.create({ replace: false })]);
    expect(a.ok && b.ok && a.publicKey.key === b.publicKey.key).toBe(true);
    const replaced = await store.create({ replace: true });
    expect(replaced.ok && a.ok && replaced.publicKey.key !== a.publicKey.key).toBe(true);
  });

  it('says plainly when the key is weakly protected, or cannot be kept or opened', async () => {
    expect((await aStore({ backend: 'basic_text' }, 'linux')).store.protection()).toBe('weak');
    expect((await aStore({ backend: 'gnome_libsecret' }, 'linux')).store.protection()).toBe('keystore');
    const { store: unavailable } = await aStore({ available: false });
    expect(await unavailable.create({ replace: false })).toEqual({ ok: false, message: '系统密钥库不可用，无法保护签名密钥' });
    const { safeStorage, file } = await aStore({ broken: true });
    const writer = new SigningKeyStore({ ...safeStorage, decryptString: standIn().safeStorage.decryptString }, keyFileAt(file));
    await writer.create({ replace: false });
    const reader = new SigningKeyStore(safeStorage, keyFileAt(file));
    expect(await reader.state()).toMatchObject({ usable: false });
  });

  it("keeps the office's key apart, signing only a policy file that names it, never a claim manifest", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'office-key-'));
    const { safeStorage, sealedSecrets } = standIn();
    const office = new SigningKeyStore(safeStorage, keyFileAt(path.join(folder, 'office-signing-key.json')), 'win32', Date.now, POLICY_KEY);
    const made = await office.create({ replace: false });
    if (!made.ok) throw new Error(made.message);
    const answers: unknown[] = [made, await office.state()];
    const signed = await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: made.publicKey }, '2026-11-01T09:00:00.000+08:00', async (bytes) => {
      const result = await office.sign(bytes);
      answers.push(result);
      if (!result.ok) throw new Error(result.message);
      return result.signature;
    });
    expect((await readPolicyFile(JSON.stringify(signed))).ok).toBe(true);
    // A claim manifest naming the office's key, a policy file naming another key, a changed policy: refused.
    let manifestBytes: Uint8Array | undefined;
    await writeClaimPackage(await aManifestClaim(made.publicKey), async (bytes) => {
      manifestBytes = bytes;
      return new Uint8Array(64);
    });
    expect((await office.sign(manifestBytes!)).ok).toBe(false);
    const other = await aKey();
    await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: other.info }, '2026-11-01T09:00:00.000+08:00', async (bytes) => {
      const result = await office.sign(bytes);
      expect(result).toEqual({ ok: false, message: '政策文件所附公钥不是本机街道的签名密钥' });
      const tampered = new TextEncoder().encode(new TextDecoder().decode(bytes).replace(other.info.key, made.publicKey.key).replace('"amountFen":', '"amountFen":1'));
      expect((await office.sign(tampered)).ok).toBe(false);
      return new Uint8Array(64);
    });
    for (const secret of privateForms(sealedSecrets)) for (const answer of answers) expect(serialised(answer)).not.toContain(secret);
  });
});
