import { historyEntryFromQuote, quoteMeal, quoteSequence } from '../../shared/quote/quote';
import { EXIT, InputError, json, type Io } from '../io';
import { loadScenario } from '../scenario';

export const quoteCommand = {
  name: 'quote',
  usage: 'quote <场景文件.json>',
  summary: '按场景文件（政策、老人、此前用餐、本餐）计算本餐报价，输出 JSON',
  run(args: readonly string[], io: Io): number {
    if (args.length !== 1) throw new InputError('用法：npm run canteen -- quote <场景文件.json>');
    const s = loadScenario(args[0] as string);
    const base = { policies: s.policies, resident: s.resident, ...(s.canteen ? { canteen: s.canteen } : {}) };
    // Earlier meals are quoted in order, without the override, so their benefits count toward limits.
    const history = quoteSequence(base, s.earlierMeals).map(historyEntryFromQuote);
    const quote = quoteMeal({ ...base, ...(s.options ? { options: s.options } : {}), meal: s.meal, history });
    io.out(json(quote));
    return EXIT.ok;
  },
};
