import { NotYet, PlacePage } from '../app/place-page';

export default function ReportsPage() {
  return (
    <PlacePage place="reports">
      <NotYet />
    </PlacePage>
  );
}
