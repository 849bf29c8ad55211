import { formatYuan } from '../../shared/money';

export type Change = { tenderedFen: number; changeFen: number };

/** The change of the last cash sale, as large as the amount due, until the next elder is served. */
export function ChangeDue({ change }: { change: Change }) {
  return (
    <p className="change-due" data-testid="change-due" aria-live="polite">
      <span>收现金 {formatYuan(change.tenderedFen)}</span>
      <strong>找零 {formatYuan(change.changeFen)}</strong>
    </p>
  );
}
