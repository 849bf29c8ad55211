import { NotYet, PlacePage } from '../app/place-page';

export default function ClaimsPage() {
  return (
    <PlacePage place="claims">
      <NotYet />
    </PlacePage>
  );
}
