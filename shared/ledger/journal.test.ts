import { describe, expect, it } from 'vitest';
import { journalLine, JournalReader, readJournalText } from './journal';

const record = (seq: number, hash = `h${seq}`) => ({ id: `T1-${seq}`, seq, prevHash: 'p', hash });

describe('reading the journal', () => {
  it('keeps the last line written for a place in the chain, and drops a revoked one', () => {
    const text = [
      journalLine({ table: 'meals', record: record(1) }),
      journalLine({ table: 'meals', record: record(2, 'first') }),
      journalLine({ revoke: { seq: 2, hash: 'first' } }),
      journalLine({ table: 'meals', record: record(2, 'second') }),
      journalLine({ table: 'meals', record: record(3, 'lost') }),
      journalLine({ revoke: { seq: 3, hash: 'lost' } }),
      '',
    ].join('\n');
    expect(readJournalText(text).map((entry) => [entry.record.seq, entry.record.hash])).toEqual([
      [1, 'h1'],
      [2, 'second'],
    ]);
  });

  it('a revoke for another record at that place leaves the record standing', () => {
    const text = `${journalLine({ table: 'voids', record: record(1) })}\n${journalLine({ revoke: { seq: 1, hash: 'other' } })}\n`;
    expect(readJournalText(text)).toHaveLength(1);
  });

  it('reads lines split across chunks anywhere, and counts what it could not read', () => {
    const text = `${journalLine({ table: 'meals', record: record(1) })}\nnot json\n{"table":"elsewhere","record":{}}\n${journalLine({ table: 'dayClosings', record: record(2) })}\n{"table":"meals"`;
    const reader = new JournalReader();
    for (let at = 0; at < text.length; at += 7) reader.feed(text.slice(at, at + 7));
    expect(reader.finish().map((entry) => entry.table)).toEqual(['meals', 'dayClosings']);
    expect(reader.unreadable).toBe(3);
  });
});
