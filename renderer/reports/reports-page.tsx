import { PlacePage } from '../app/place-page';
import { CareList } from './care-list';
import { DayClosing } from './day-closing';
import { RangeReportPanel } from './range-report-panel';

export default function ReportsPage() {
  return (
    <PlacePage place="reports">
      <DayClosing />
      <RangeReportPanel />
      <CareList />
    </PlacePage>
  );
}
