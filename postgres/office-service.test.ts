// The shell's side of the 街道 page's PostgreSQL store (postgres/office-service.ts) against a real server (the test
// run's, a fresh database for this file): choosing a server checks it and changes nothing when refused, the
// password stays in the shell, and two office PCs (two services, two data folders) share one store.
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OfficeDB } from '../renderer/db/office-db';
import * as indexedStore from '../renderer/db/office-repository';
import { officeSnapshot } from '../renderer/db/office-snapshot';
import { toBase64 } from '../shared/claims/signing';
import type { ImportedFile, MonthOverviewWire, OfficeServer, OfficeStoreResult } from '../shared/office/office-store-wire';
import { WANG, aCanteen, anElder, claimOf, meals, packageOf } from '../shared/office/test-packages';
import { bridgeOfficeStore, type MonthOverview } from '../renderer/office/office-store';
import { OfficeService } from './office-service';
import { freshDatabase, type TestDatabase } from './test-database';

vi.setConfig({ testTimeout: 60_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const ZHAO = anElder('r3', '赵桂兰', '1950-06-01');
const atLicheng = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]])));
const atZengjiang = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-10T11:50:00+08:00', ZHAO]])));

let db: TestDatabase;
let server: OfficeServer;
let password: string;
const folders: string[] = [];
const folder = () => {
  const made = mkdtempSync(path.join(os.tmpdir(), 'office-pc-'));
  folders.push(made);
  return made;
};
beforeAll(async () => {
  db = await freshDatabase();
  const url = new URL(db.url);
  server = { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: decodeURIComponent(url.username), tls: 'prefer' };
  password = decodeURIComponent(url.password);
});
afterAll(async () => {
  await db.drop();
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

const value = <T>(result: OfficeStoreResult): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value as T;
};
const events = async () =>
  (await db.pool.query("SELECT to_regclass('office_events') AS t")).rows[0].t ? (await db.pool.query<{ by: string; what: string }>('SELECT by, what FROM office_events ORDER BY seq')).rows : [];

describe('choosing the office store', () => {
  it('refuses a wrong password, address or database in Chinese and changes nothing; keeps the password from the page', async () => {
    const dir = folder();
    const office = new OfficeService(dir);
    try {
      expect(await office.status()).toEqual({ mode: 'local' });
      const wrongPassword = await office.configure({ mode: 'postgres', server, password: 'not-the-password', by: '周审核' });
      expect(wrongPassword).toEqual({ ok: false, message: expect.stringContaining('用户名或密码不对') });
      const noDatabase = await office.configure({ mode: 'postgres', server: { ...server, database: 'no_such_office' }, password, by: '周审核' });
      expect(noDatabase).toEqual({ ok: false, message: expect.stringContaining('没有数据库“no_such_office”') });
      const nothingThere = await office.configure({ mode: 'postgres', server: { ...server, port: 1 }, password, by: '周审核' });
      expect(nothingThere).toEqual({ ok: false, message: expect.stringContaining('连不上') });
      // The server here offers no TLS: asked for, it is refused; preferred, the plain connection is used.
      const tlsOnly = await office.configure({ mode: 'postgres', server: { ...server, tls: 'require' }, password, by: '周审核' });
      expect(tlsOnly).toEqual({ ok: false, message: expect.stringContaining('不支持加密连接') });
      expect(await office.configure({ mode: 'postgres', server, password, by: ' ' })).toMatchObject({ ok: false });
      expect(await office.status()).toEqual({ mode: 'local' });
      expect(existsSync(path.join(dir, 'office-store.json'))).toBe(false);
      expect(await events()).toEqual([]);

      const chosen = await office.configure({ mode: 'postgres', server, password, by: '周审核' });
      expect(chosen).toMatchObject({ ok: true, status: { mode: 'postgres', server, connected: true, configuredBy: '周审核' } });
      expect(JSON.stringify(chosen)).not.toContain(password);
      expect(JSON.stringify(await office.status())).not.toContain(password);
      // Kept by the shell for this user only: the next start connects by itself.
      const saved = path.join(dir, 'office-store.json');
      expect(statSync(saved).mode & 0o077).toBe(0);
      expect(readFileSync(saved, 'utf8')).toContain(password);
      expect(await events()).toEqual([{ by: '周审核', what: 'connected' }]);
      const restarted = new OfficeService(dir);
      expect(await restarted.status()).toMatchObject({ mode: 'postgres', connected: true });
      await restarted.close();

      // A wrong password later leaves the store that works as it was.
      expect(await office.configure({ mode: 'postgres', server, password: 'wrong', by: '周审核' })).toMatchObject({ ok: false });
      expect(await office.status()).toMatchObject({ mode: 'postgres', connected: true });
      expect(value<string[]>(await office.call({ op: 'months' }))).toEqual([]);
      expect(await office.configure({ mode: 'local' })).toEqual({ ok: true, status: { mode: 'local' } });
      expect(await office.call({ op: 'months' })).toEqual({ ok: false, message: expect.stringContaining('尚未选择 PostgreSQL 服务器') });
    } finally {
      await office.close();
    }
  });
});

describe('two office PCs on one PostgreSQL store', () => {
  it('share canteens, packages, reviews and decisions naming who decided; a re-import changes nothing; bad calls are refused', async () => {
    const first = new OfficeService(folder());
    const second = new OfficeService(folder());
    try {
      for (const office of [first, second]) expect(await office.configure({ mode: 'postgres', server, password, by: '周审核' })).toMatchObject({ ok: true });
      value(await first.call({ op: 'registerCanteen', input: { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' }, by: '周审核' }));
      value(await second.call({ op: 'registerCanteen', input: { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint }, by: '吴复核' }));
      const importAt = async (office: OfficeService, written: { fileName: string; bytes: Uint8Array }) =>
        value<ImportedFile>(await office.call({ op: 'importPackage', file: { name: written.fileName, bytesBase64: toBase64(written.bytes) }, by: '周审核' }));
      expect(await importAt(first, atLicheng)).toMatchObject({ ok: true, canteenName: licheng.name, month: '2026-10', revision: 1, meals: 1 });
      expect(await importAt(first, atZengjiang)).toMatchObject({ ok: true, canteenName: zengjiang.name });
      const counts = async () => (await db.pool.query('SELECT (SELECT count(*) FROM office_packages) p, (SELECT count(*) FROM office_lines) l')).rows[0];
      const before = await counts();
      expect(await importAt(second, atLicheng)).toMatchObject({ ok: false, alreadyHeld: true, message: expect.stringContaining('已经导入过') });
      expect(await counts()).toEqual(before);

      // Imported at one PC, reviewed at the other: the meal claimed at both canteens is flagged at both.
      const overview = value<MonthOverviewWire>(await second.call({ op: 'monthOverview', month: '2026-10' }));
      const flagged = overview.reviews.flatMap((review) => review.findings.map((finding) => ({ packageId: review.id, mealId: finding.line.mealId, kinds: finding.flags.map((flag) => flag.kind) })));
      expect(flagged.filter((line) => line.kinds.includes('duplicate_across'))).toHaveLength(2);
      const [one, other] = flagged;
      value(await second.call({ op: 'decide', packageId: one!.packageId, mealId: one!.mealId, verdict: 'reject', note: '重复申报', by: '吴复核' }));
      value(await first.call({ op: 'decide', packageId: other!.packageId, mealId: other!.mealId, verdict: 'approve', note: '核实', by: '周审核' }));
      for (const office of [first, second]) {
        const seen = value<MonthOverviewWire>(await office.call({ op: 'monthOverview', month: '2026-10' }));
        expect(seen.decisions.map((decision) => `${decision.mealId} ${decision.verdict} ${decision.by}`).sort()).toEqual([`${one!.mealId} reject 吴复核`, `${other!.mealId} approve 周审核`].sort());
      }
      // Every act names a person; a line that is not flagged, or a revision not held, is not the page's to decide.
      expect(await first.call({ op: 'decide', packageId: one!.packageId, mealId: one!.mealId, verdict: 'reject', note: '复核', by: '' })).toMatchObject({ ok: false, message: expect.stringContaining('请求无效') });
      expect(await first.call({ op: 'acceptRevision', packageId: one!.packageId, note: '核实', by: '周审核' })).toEqual({ ok: false, message: '这一版本无需另行接受' });
      expect(await first.call({ op: 'decide', packageId: one!.packageId, mealId: 'ZC-001-T1-9', verdict: 'reject', note: '复核', by: '周审核' })).toEqual({ ok: false, message: '这一笔不是疑点，无需审核' });
      expect(await first.call({ op: 'importPackage', file: { name: 'x.claim.zip', bytesBase64: '不是base64' }, by: '周审核' })).toMatchObject({ ok: false });
      expect(await first.call({ op: 'replaceRoster', people: [{ idNumber: 'x' }], by: '周审核' })).toMatchObject({ ok: false, message: expect.stringContaining('名册格式不对') });
      expect(await first.call({ op: 'drop tables' })).toMatchObject({ ok: false, message: expect.stringContaining('请求无效') });
      expect(value<number>(await second.call({ op: 'rosterCount' }))).toBe(0);
      expect(value<{ code: string }[]>(await first.call({ op: 'canteens' })).map((canteen) => canteen.code)).toEqual(['ZC-001', 'ZC-002']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('moves a PC’s IndexedDB store up, verified after; a second move changes nothing and names who moved', async () => {
    const target = await freshDatabase();
    const office = new OfficeService(folder());
    try {
      const url = new URL(target.url);
      expect(await office.configure({ mode: 'postgres', server: { ...server, database: url.pathname.slice(1) }, password, by: '周审核' })).toMatchObject({ ok: true });
      const indexed = new OfficeDB('office-service-move');
      await indexedStore.registerCanteen(indexed, { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' });
      await indexedStore.registerCanteen(indexed, { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint });
      await indexedStore.importPackageFiles(indexed, [
        { name: atLicheng.fileName, bytes: atLicheng.bytes },
        { name: atZengjiang.fileName, bytes: atZengjiang.bytes },
      ]);
      const [review] = (await indexedStore.monthOverview(indexed, '2026-10')).reviews.filter((entry) => entry.findings.length);
      await indexedStore.decide(indexed, { packageId: review!.id, mealId: review!.findings[0]!.line.mealId, verdict: 'reject', note: '重复申报', by: '周审核' });
      // With the roster's optional columns, which move with it.
      const person = { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'active' as const, hukouArea: '440118102', residenceArea: '440118102', inCareHome: false };
      await indexedStore.replaceRoster(indexed, [person]);
      const snapshot = await officeSnapshot(indexed);
      const report = { canteens: 2, policies: 0, packages: 2, decisions: 1, roster: 1, refused: [] };
      expect(value(await office.call({ op: 'move', snapshot, by: '刘经理' }))).toEqual(report);
      const rows = async () => (await target.pool.query('SELECT (SELECT count(*) FROM office_packages) p, (SELECT count(*) FROM office_decisions) d, (SELECT count(*) FROM office_canteens) c')).rows[0];
      const after = await rows();
      expect(value(await office.call({ op: 'move', snapshot, by: '刘经理' }))).toEqual(report);
      expect(await rows()).toEqual(after);
      const moved = value<MonthOverviewWire>(await office.call({ op: 'monthOverview', month: '2026-10' }));
      expect(moved.decisions).toEqual([expect.objectContaining({ note: '重复申报', by: '周审核' })]);
      expect((await target.pool.query('SELECT person FROM office_roster')).rows.map((row) => row.person)).toEqual([person]);
      expect((await target.pool.query('SELECT by, what FROM office_events ORDER BY seq')).rows.map((row) => `${row.by} ${row.what}`)).toEqual(['周审核 connected', '刘经理 moved', '刘经理 moved']);
      // A snapshot edited on the way is refused whole.
      const forged = { ...snapshot, packages: snapshot.packages.map((entry) => ({ ...entry, bytesBase64: toBase64(atLicheng.bytes) })) };
      expect(await office.call({ op: 'move', snapshot: forged, by: '刘经理' })).toMatchObject({ ok: false });
    } finally {
      await office.close();
      await target.drop();
    }
  });
});

describe('the 街道 page on a shared store', () => {
  it('reads again only when the store changed, and then shows another PC’s decision with its person’s name', async () => {
    // The page's store over the real shell, a stand-in for its window's focus event.
    const first = new OfficeService(folder());
    const second = new OfficeService(folder());
    try {
      for (const office of [first, second]) expect(await office.configure({ mode: 'postgres', server, password, by: '周审核' })).toMatchObject({ ok: true });
      const here = bridgeOfficeStore({ officeStoreCall: (request) => first.call(request) }, 50, new EventTarget());
      const there = bridgeOfficeStore({ officeStoreCall: (request) => second.call(request) }, 50, new EventTarget());
      const seen: MonthOverview[] = [];
      const stop = here.watch(() => here.monthOverview('2026-10'), (overview) => seen.push(overview), (message) => { throw new Error(message); });
      try {
        await vi.waitFor(() => expect(seen).toHaveLength(1));
        // Nothing changed: five rounds of the version token, no month read again.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(seen).toHaveLength(1);
        // A line decided before, decided again at the other PC: the latest decision counts.
        const review = seen[0]!.reviews.find((entry) => entry.findings.length)!;
        const finding = review.findings[0]!;
        await there.decide({ packageId: review.id, mealId: finding.line.mealId, verdict: 'reject', note: '另一台电脑复核', by: '郑三' });
        await vi.waitFor(() => expect(seen.at(-1)!.decisions.get(`${review.id}/${finding.line.mealId}`)).toMatchObject({ note: '另一台电脑复核', by: '郑三' }));
        expect(seen).toHaveLength(2);
      } finally {
        stop();
      }
    } finally {
      await first.close();
      await second.close();
    }
  });
});
