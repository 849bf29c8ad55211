import { parseIdNumber } from '../../shared/id-number';
import { EXIT, InputError, type Io } from '../io';

export const idCommand = {
  name: 'id',
  usage: 'id <证件号码>',
  summary: '校验证件号码，输出一个 JSON 对象（有效退出码 0，无效 1）',
  run(args: readonly string[], io: Io): number {
    if (args.length === 0) throw new InputError('请给出证件号码，例如：npm run canteen -- id 11010519491231002X');
    // A number typed with spaces arrives as several arguments.
    const result = parseIdNumber(args.join(''), io.today);
    io.out(JSON.stringify(result));
    return result.ok ? EXIT.ok : EXIT.invalid;
  },
};
