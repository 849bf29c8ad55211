import { NotYet, PlacePage } from '../app/place-page';

export default function MenuPage() {
  return (
    <PlacePage place="menu">
      <NotYet />
    </PlacePage>
  );
}
