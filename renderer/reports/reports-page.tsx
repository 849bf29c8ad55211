import { PlacePage } from '../app/place-page';
import { DayClosing } from './day-closing';

export default function ReportsPage() {
  return (
    <PlacePage place="reports">
      <DayClosing />
    </PlacePage>
  );
}
