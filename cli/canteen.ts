// canteen: the domain core from the command line, for office IT staff and policy authors.
// Each subcommand is one entry in COMMANDS.
import { chinaIsoFromEpochMs, isLocalDate } from '../shared/china-time';
import { usePlatformAsciiDecoder } from '../shared/files/json-bytes';
import { usePlatformInflater } from '../shared/files/zip-reader';
import { usePlatformHasher } from '../shared/ledger/chain';
import { claimsCommand } from './commands/claims';
import { idCommand } from './commands/id';
import { officeCommand } from './commands/office';
import { policyCommand } from './commands/policy';
import { quoteCommand } from './commands/quote';
import { EXIT, InputError, type Io } from './io';
import { nodeSha256 } from './node-hash';
import { nodeAscii } from './node-ascii';
import { nodeInflate } from './node-inflate';

type Command = {
  name: string;
  usage: string;
  summary: string;
  run: (args: readonly string[], io: Io) => number | Promise<number>;
};

const COMMANDS: readonly Command[] = [idCommand, policyCommand, quoteCommand, claimsCommand, officeCommand(() => Date.now())];

function help(): string {
  return [
    '用法：npm run canteen -- <命令> [参数] [--today YYYY-MM-DD]',
    '',
    '命令：',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(30)}${c.summary}`),
    '',
    '选项：',
    '  --today YYYY-MM-DD            按指定日期判断（默认今天，北京时间）；policy check 据此说明政策当天是否生效',
    '  --help                        显示本说明',
    '',
    '退出码：0 成功/有效；1 校验未通过；2 参数错误或输入文件无法读取、格式不对。',
    '文档：docs/policy-format.md（政策文件），docs/quote-scenario.md（场景文件），docs/office.md（申报包核验）。',
  ].join('\n');
}

export async function main(argv: readonly string[], io: Omit<Io, 'today'>, nowMs: number): Promise<number> {
  const args = [...argv];
  if (args.length === 0) {
    io.err(help());
    return EXIT.input;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help());
    return EXIT.ok;
  }
  let today = chinaIsoFromEpochMs(nowMs).slice(0, 10);
  try {
    const t = args.indexOf('--today');
    if (t >= 0) {
      const value = args[t + 1];
      if (value === undefined || !isLocalDate(value)) throw new InputError('--today 后面要跟 YYYY-MM-DD 格式的日期');
      today = value;
      args.splice(t, 2);
    }
    const [name, ...rest] = args;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new InputError(`未知命令：${name ?? ''}。可用命令：${COMMANDS.map((c) => c.name).join('、')}（--help 查看说明）`);
    return await command.run(rest, { ...io, today });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(`错误：${e.message}`);
    return EXIT.input;
  }
}

usePlatformInflater(nodeInflate);
usePlatformAsciiDecoder(nodeAscii);
usePlatformHasher(nodeSha256);
process.exitCode = await main(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }, Date.now());
