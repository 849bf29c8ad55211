// A manager's PIN asked for in the middle of a save: `const approval = await ask('改价格'); if (!approval) return;`
// The dialog is the usual ManagerApproval; the promise settles with the approval, or null when cancelled.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ManagerApproval, type Approval } from './manager-approval';

export function useManagerApproval(): [(title: string, detail?: string) => Promise<Approval | null>, ReactNode] {
  const [request, setRequest] = useState<{ title: string; detail?: string }>();
  const settle = useRef<(approval: Approval | null) => void>(undefined);
  const ask = useCallback(
    (title: string, detail?: string) =>
      new Promise<Approval | null>((resolve) => {
        settle.current?.(null);
        settle.current = resolve;
        setRequest({ title, detail });
      }),
    [],
  );
  const finish = (approval: Approval | null) => {
    setRequest(undefined);
    settle.current?.(approval);
    settle.current = undefined;
  };
  const dialog = request ? <ManagerApproval title={request.title} detail={request.detail} defaultReason={request.title} onApproved={finish} onCancel={() => finish(null)} /> : null;
  return [ask, dialog];
}
