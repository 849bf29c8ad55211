import { ageOn } from '../../shared/age';
import type { LocalDate } from '../../shared/china-time';
import { maskId } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';

/** Who is being served: the elder (or a walk-in paying full price). */
export function CustomerCard({ resident, date }: { resident: ResidentRecord | null; date: LocalDate }) {
  return (
    <div className="customer" data-testid="customer">
      {resident ? (
        <>
          <strong className="name">{resident.name}</strong>
          <span>{ageOn(resident.birthDate, date)} 岁</span>
          <span>{maskId(resident.idNumber)}</span>
        </>
      ) : (
        <strong className="name">散客（按原价）</strong>
      )}
      <span className="hint">Esc 取消</span>
    </div>
  );
}
