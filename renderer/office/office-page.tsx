import { useEffect, useState } from 'react';
import { PlacePage } from '../app/place-page';
import { officeDb } from '../db/office-db';
import { ensureReviewsCurrent } from '../db/office-repository';
import { CanteensPanel } from './canteens-panel';
import { ImportPanel } from './import-panel';
import { OfficePoliciesPanel } from './policies-panel';
import { ReviewPanel } from './review-panel';
import { RosterPanel } from './roster-panel';
import './office.css';

export default function OfficePage() {
  const [month, setMonth] = useState<string>();
  // Reviews made by an older version of the checks are done again once.
  useEffect(() => void ensureReviewsCurrent(officeDb()), []);
  return (
    <PlacePage place="office">
      {/* A canteen is registered before its first package can be verified: registration comes first. */}
      <CanteensPanel />
      <ImportPanel onImported={(months) => months[0] && setMonth(months[0])} />
      <ReviewPanel month={month} onMonth={setMonth} />
      <OfficePoliciesPanel />
      <RosterPanel />
    </PlacePage>
  );
}
