import { explainPolicy } from '../../shared/policy/explain';
import { PolicySchema } from '../../shared/policy/schema';
import { validate } from '../../shared/validation';
import { EXIT, InputError, formatIssues, readJsonFile, type Io } from '../io';

export const policyCommand = {
  name: 'policy',
  usage: 'policy check <政策文件.json>',
  summary: '校验政策文件，并用中文逐条解释规则（有效退出码 0，无效 1）',
  run(args: readonly string[], io: Io): number {
    const [sub, file, ...rest] = args;
    if (sub !== 'check' || file === undefined || rest.length > 0) {
      throw new InputError('用法：npm run canteen -- policy check <政策文件.json>');
    }
    const r = validate(PolicySchema, readJsonFile(file));
    if (!r.ok) {
      io.out([`✗ ${file} 不是有效的政策文件（${r.issues.length} 处问题）：`, ...formatIssues(r.issues)].join('\n'));
      return EXIT.invalid;
    }
    io.out([`✓ ${file} 是有效的政策文件。`, '', ...explainPolicy(r.value)].join('\n'));
    return EXIT.ok;
  },
};
