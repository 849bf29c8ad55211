import type { ReactNode } from 'react';
import { places, type PlaceId } from './places';

/** The common heading of every place: its name and what it is for. */
export function PlacePage({ place, children }: { place: PlaceId; children?: ReactNode }) {
  const { label, purpose } = places.find((item) => item.id === place)!;
  return (
    <section className="place-page" aria-labelledby={`${place}-title`}>
      <h1 id={`${place}-title`}>{label}</h1>
      <p className="purpose">{purpose}</p>
      {children}
    </section>
  );
}

/** Said plainly where a place is not built yet, so nobody mistakes an empty screen for lost data. */
export function NotYet() {
  return <p className="not-yet">这一部分正在开发中，暂不可用。</p>;
}
