import { NotYet, PlacePage } from '../app/place-page';

export default function PoliciesPage() {
  return (
    <PlacePage place="policies">
      <NotYet />
    </PlacePage>
  );
}
