import { checkPolicy, formatPolicyNote, policyWarningNotes } from '../../shared/policy/check-policy';
import { explainPolicy } from '../../shared/policy/explain';
import { inForceOn } from '../../shared/policy/warnings';
import { EXIT, InputError, readJsonSource, type Io } from '../io';

export const policyCommand = {
  name: 'policy',
  usage: 'policy check <政策文件.json>',
  summary: '校验政策文件，说明 --today 那天是否生效、有哪些提示，并用中文逐条解释规则（有效退出码 0，无效 1）',
  run(args: readonly string[], io: Io): number {
    const [sub, file, ...rest] = args;
    if (sub !== 'check' || file === undefined || rest.length > 0) {
      throw new InputError('用法：npm run canteen -- policy check <政策文件.json>');
    }
    const source = readJsonSource(file);
    const r = checkPolicy(source.value, source.lineOf);
    if (!r.ok) {
      io.out([`✗ ${file} 不是有效的政策文件（${r.problems.length} 处问题）：`, ...r.problems.map((p) => `  - ${formatPolicyNote(p)}`)].join('\n'));
      return EXIT.invalid;
    }
    const status = inForceOn(r.policy, io.today);
    const warnings = policyWarningNotes(r.policy, source.lineOf, source.duplicateKeys, io.today);
    io.out(
      [
        `✓ ${file} 是有效的政策文件。`,
        `${status.inForce ? '' : '⚠ '}${status.message}。`,
        ...(warnings.length > 0 ? [`⚠ 提示（${warnings.length} 条）：`, ...warnings.map((w) => `  - ${formatPolicyNote(w)}`)] : []),
        '',
        ...explainPolicy(r.policy),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
