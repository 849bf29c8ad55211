import { NotYet, PlacePage } from '../app/place-page';

export function CounterPage() {
  return (
    <PlacePage place="counter">
      <NotYet />
    </PlacePage>
  );
}
