import { NotYet, PlacePage } from '../app/place-page';

export default function ResidentsPage() {
  return (
    <PlacePage place="residents">
      <NotYet />
    </PlacePage>
  );
}
