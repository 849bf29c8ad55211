import { EXIT, InputError, json, type Io } from '../io';
import { loadScenario, quoteScenario } from '../scenario';

export const quoteCommand = {
  name: 'quote',
  usage: 'quote <场景文件.json>',
  summary: '按场景文件（政策、老人、此前用餐、本餐）计算本餐报价，输出 JSON',
  run(args: readonly string[], io: Io): number {
    if (args.length !== 1) throw new InputError('用法：npm run canteen -- quote <场景文件.json>');
    io.out(json(quoteScenario(loadScenario(args[0] as string))));
    return EXIT.ok;
  },
};
