// The support person's log: one plain-text file per day in the app's data folder, kept for a month.
// Lines never carry an ID number or a PIN, whoever wrote them (main process or renderer).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import { redact } from '../shared/log-redact';

export const LOG_DAYS_KEPT = 30;
/** A runaway loop must not fill the disk: past this a day's file takes one last line and no more. */
export const LOG_MAX_BYTES_PER_DAY = 5 * 1024 * 1024;
const LOG_NAME = /^canteen-\d{4}-\d{2}-\d{2}\.log$/;

export type LogLevel = 'info' | 'warn' | 'error';

type LogFs = Pick<typeof fs, 'appendFile' | 'mkdir' | 'readdir' | 'readFile' | 'rm' | 'stat'>;

export class DailyLog {
  private queue: Promise<unknown> = Promise.resolve();
  private lastPrunedDay = '';

  constructor(
    readonly folder: string,
    private readonly now: () => number = Date.now,
    private readonly io: LogFs = fs,
  ) {}

  fileFor(ms: number): string {
    return path.join(this.folder, `canteen-${chinaIsoFromEpochMs(ms).slice(0, 10)}.log`);
  }

  /** Appends one line; never throws (a log that cannot be written must not stop the till). */
  write(level: LogLevel, source: string, message: string): Promise<void> {
    const ms = this.now();
    const line = `${chinaIsoFromEpochMs(ms)} ${level.toUpperCase()} [${source}] ${redact(message)}\n`;
    const run = async () => {
      await this.io.mkdir(this.folder, { recursive: true });
      const file = this.fileFor(ms);
      const size = await this.io.stat(file).then((stat) => stat.size, () => 0);
      if (size > LOG_MAX_BYTES_PER_DAY) return;
      await this.io.appendFile(file, size + line.length > LOG_MAX_BYTES_PER_DAY ? `${line.slice(0, 200)} …（今日日志已满，之后的记录不再写入）\n` : line);
      const day = chinaIsoFromEpochMs(ms).slice(0, 10);
      if (day !== this.lastPrunedDay) {
        this.lastPrunedDay = day;
        await this.prune();
      }
    };
    const next = this.queue.then(run).catch(() => undefined);
    this.queue = next;
    return next;
  }

  /** The log files, oldest first. */
  async files(): Promise<string[]> {
    const names = await this.io.readdir(this.folder).catch(() => [] as string[]);
    return names.filter((name) => LOG_NAME.test(name)).sort();
  }

  /** Keeps the newest LOG_DAYS_KEPT days; other files in the folder are not the log's to remove. */
  async prune(): Promise<void> {
    const files = await this.files();
    for (const name of files.slice(0, Math.max(0, files.length - LOG_DAYS_KEPT))) await this.io.rm(path.join(this.folder, name), { force: true });
  }

  /** The last `maxChars` of the most recent logs, for 设置 → 关于. */
  async recent(maxChars = 20_000): Promise<string> {
    await this.queue;
    let text = '';
    for (const name of (await this.files()).reverse()) {
      text = (await this.io.readFile(path.join(this.folder, name), 'utf8')) + text;
      if (text.length >= maxChars) break;
    }
    return text.length > maxChars ? text.slice(text.indexOf('\n', text.length - maxChars) + 1) : text;
  }
}
