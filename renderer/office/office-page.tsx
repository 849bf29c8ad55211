import { NotYet, PlacePage } from '../app/place-page';

export default function OfficePage() {
  return (
    <PlacePage place="office">
      <NotYet />
    </PlacePage>
  );
}
