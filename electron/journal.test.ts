import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJournalText } from '../shared/ledger/journal';
import { JOURNAL_FILE, LedgerJournal, MASTER_COPY_FILE, storageSpace } from './journal';

const folders: string[] = [];
const journals: LedgerJournal[] = [];
async function aJournal() {
  const folder = await mkdtemp(path.join(tmpdir(), 'journal-'));
  folders.push(folder);
  const journal = new LedgerJournal(folder);
  journals.push(journal);
  return { folder, journal };
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(journals.splice(0).map((journal) => journal.close()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

const line = (seq: number) => JSON.stringify({ table: 'meals', record: { id: `T1-${seq}`, seq, prevHash: 'p', hash: `h${seq}` } });

describe('the desktop journal', () => {
  it('appends lines in call order, one per line, readable by any reader of the file', async () => {
    const { folder, journal } = await aJournal();
    await Promise.all([1, 2, 3].map((seq) => journal.append(line(seq))));
    const text = await readFile(path.join(folder, JOURNAL_FILE), 'utf8');
    expect(text).toBe(`${line(1)}\n${line(2)}\n${line(3)}\n`);
    expect(readJournalText(text).map((entry) => entry.record.seq)).toEqual([1, 2, 3]);
    const state = await journal.state();
    expect(state.size).toBe(Buffer.byteLength(text));
    expect(new TextDecoder().decode(await journal.read({ offset: 0, length: 10_000 }))).toBe(text);
  });

  it('flushes to disk when asked, after every line appended before, and says so in Chinese when it cannot', async () => {
    const { folder, journal } = await aJournal();
    const probe = await open(path.join(folder, 'probe'), 'w');
    const datasync = vi.spyOn(Object.getPrototypeOf(probe) as { datasync(): Promise<void> }, 'datasync');
    await probe.close();
    const appended = [1, 2].map((seq) => journal.append(line(seq)));
    const flushed = journal.flush();
    await Promise.all(appended);
    // The appends only write: the one flush syncs them both, after them.
    expect(datasync).toHaveBeenCalledTimes(0);
    await flushed;
    expect(datasync).toHaveBeenCalledTimes(1);
    expect(await readFile(path.join(folder, JOURNAL_FILE), 'utf8')).toBe(`${line(1)}\n${line(2)}\n`);
    datasync.mockRejectedValueOnce(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(journal.flush()).rejects.toThrow(/账本日志没能存到磁盘/);
  });

  it('takes back a refused record\'s line: cut off while it is the last, else revoked', async () => {
    const { folder, journal } = await aJournal();
    const revoke = (seq: number) => JSON.stringify({ revoke: { seq, hash: `h${seq}` } });
    await journal.append(line(1));
    await journal.append(line(2));
    await journal.takeBack(line(2), revoke(2));
    expect(await readFile(path.join(folder, JOURNAL_FILE), 'utf8')).toBe(`${line(1)}\n`);
    expect((await journal.state()).size).toBe(Buffer.byteLength(`${line(1)}\n`));
    // Another line came after it: the line stays, and a revoke follows.
    await journal.append(line(2));
    await journal.append(line(3));
    await journal.takeBack(line(2), revoke(2));
    await journal.append(line(4));
    const text = await readFile(path.join(folder, JOURNAL_FILE), 'utf8');
    expect(text).toBe(`${line(1)}\n${line(2)}\n${line(3)}\n${revoke(2)}\n${line(4)}\n`);
    expect(readJournalText(text).map((entry) => entry.record.seq)).toEqual([1, 3, 4]);
  });

  it('closes a line cut off by a crash before appending, so the next record stands on its own line', async () => {
    const { folder, journal } = await aJournal();
    await writeFile(path.join(folder, JOURNAL_FILE), `${line(1)}\n{"table":"meals","rec`);
    await journal.append(line(2));
    const entries = readJournalText(await readFile(path.join(folder, JOURNAL_FILE), 'utf8'));
    expect(entries.map((entry) => entry.record.seq)).toEqual([1, 2]);
  });

  it('keeps the head marker apart from the journal, written whole', async () => {
    const { journal } = await aJournal();
    expect(await journal.state()).toEqual({ size: 0, marker: null });
    await journal.mark({ seq: 7, hash: 'a'.repeat(64) });
    expect((await journal.state()).marker).toEqual({ seq: 7, hash: 'a'.repeat(64) });
  });

  it('keeps the master data copy beside the journal, replaced whole, and says so when it cannot be written', async () => {
    const { folder, journal } = await aJournal();
    expect(await journal.readMasterCopy()).toBeNull();
    await journal.saveMasterCopy('{"savedAt":"1"}');
    await journal.saveMasterCopy('{"savedAt":"2"}');
    expect(await journal.readMasterCopy()).toBe('{"savedAt":"2"}');
    expect(await readFile(path.join(folder, MASTER_COPY_FILE), 'utf8')).toBe('{"savedAt":"2"}');
    const broken = new LedgerJournal(path.join(folder, '\0bad'));
    journals.push(broken);
    await expect(broken.saveMasterCopy('{}')).rejects.toThrow();
    expect(await journal.readMasterCopy()).toBe('{"savedAt":"2"}');
  });

  it('reads an empty journal when there is none yet, and tells the free space of its disk', async () => {
    const { folder, journal } = await aJournal();
    expect((await journal.read({ offset: 0, length: 100 })).length).toBe(0);
    expect((await storageSpace(folder)).freeBytes).toBeGreaterThan(0);
  });

  it('says in Chinese that nothing was recorded when the disk refuses the write, and leaves the file as it was', async () => {
    const { folder } = await aJournal();
    const journal = new LedgerJournal(path.join(folder, 'missing', '\0bad'));
    journals.push(journal);
    await expect(journal.append(line(1))).rejects.toThrow(/账本日志写不进磁盘，这一笔没有记录/);
  });
});
