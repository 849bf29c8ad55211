import { useEffect, useMemo, useState } from 'react';
import type { OfficeStoreStatus } from '../../shared/office/office-store-wire';
import { PlacePage } from '../app/place-page';
import { bridge } from '../bridge';
import { officeDb } from '../db/office-db';
import { ensureReviewsCurrent } from '../db/office-repository';
import { CanteensPanel } from './canteens-panel';
import { ImportPanel } from './import-panel';
import { officeStoreFor, SHARED_REFRESH_MS } from './office-store';
import { OfficePoliciesPanel } from './policies-panel';
import { ReviewPanel } from './review-panel';
import { RosterPanel } from './roster-panel';
import { OfficeStoreProvider } from './use-office-store';
import './office.css';

export default function OfficePage() {
  const [month, setMonth] = useState<string>();
  const [status, setStatus] = useState<OfficeStoreStatus>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => void bridge.officeStoreStatus().then(setStatus), []);
  // Reviews made by an older version of the checks are done again once (this PC's own store).
  useEffect(() => {
    if (status?.mode === 'local') void ensureReviewsCurrent(officeDb());
  }, [status?.mode]);
  const context = useMemo(() => status && { store: officeStoreFor(status, officeDb(), bridge), reportProblem: setProblem }, [status]);
  if (!status || !context) return <PlacePage place="office">{null}</PlacePage>;
  return (
    <PlacePage place="office">
      <OfficeStoreProvider value={context}>
        <p className={status.mode === 'postgres' && (problem ?? status.problem) ? 'warning office-store-line' : 'hint office-store-line'} data-testid="office-store">
          {status.mode === 'local'
            ? '数据存放：本机（只在这台电脑上）。多台电脑共用请在“设置 › 街道数据存放”连接 PostgreSQL 服务器。'
            : `数据存放：PostgreSQL 服务器 ${status.server.host}:${status.server.port} / ${status.server.database}，与其他审核电脑共用，每 ${SHARED_REFRESH_MS / 1000} 秒及回到本窗口时刷新。`}
          {status.mode === 'postgres' && (problem ?? status.problem) && (
            <>
              <br />
              <strong role="alert">{problem ?? status.problem}</strong>
            </>
          )}
        </p>
        {/* A canteen is registered before its first package can be verified: registration comes first. */}
        <CanteensPanel />
        <ImportPanel onImported={(months) => months[0] && setMonth(months[0])} />
        <ReviewPanel month={month} onMonth={setMonth} />
        <OfficePoliciesPanel />
        <RosterPanel />
      </OfficeStoreProvider>
    </PlacePage>
  );
}
