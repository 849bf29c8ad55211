// The browser till's log: kept in memory for this session (a browser has no data folder to write
// into), shown in 设置 → 关于 and downloaded as a text file for the support person.
import type { FileResult, LogEntry, SupportInfo } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { redact } from '../../shared/log-redact';

const LINES_KEPT = 500;
const lines: string[] = [];

export async function writeBrowserLog({ level, message }: LogEntry): Promise<void> {
  lines.push(`${chinaIsoFromEpochMs(Date.now())} ${level.toUpperCase()} [renderer] ${redact(message)}`);
  if (lines.length > LINES_KEPT) lines.splice(0, lines.length - LINES_KEPT);
}

export async function browserSupportInfo(): Promise<SupportInfo> {
  return { logFolder: null, crashFolder: null, recentLog: lines.join('\n'), updateSource: null, versions: { browser: navigator.userAgent } };
}

export function downloadBrowserLog(download: (name: string, bytes: Uint8Array) => FileResult): FileResult<{ folder?: string }> {
  const stamp = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  return download(`收银台日志-${stamp}.txt`, new TextEncoder().encode(`${lines.join('\n')}\n`));
}
