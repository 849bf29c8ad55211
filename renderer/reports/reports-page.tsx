import { PlacePage } from '../app/place-page';
import { DayClosing } from './day-closing';
import { RangeReportPanel } from './range-report-panel';

export default function ReportsPage() {
  return (
    <PlacePage place="reports">
      <DayClosing />
      <RangeReportPanel />
    </PlacePage>
  );
}
