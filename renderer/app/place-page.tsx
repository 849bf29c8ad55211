import type { ReactNode } from 'react';
import { places, type PlaceId } from './places';

/** The common heading of every place: its name and what it is for. */
/** `compact` drops the explanation line where every row of the screen counts (the counter). */
export function PlacePage({ place, compact = false, children }: { place: PlaceId; compact?: boolean; children?: ReactNode }) {
  const { label, purpose } = places.find((item) => item.id === place)!;
  return (
    <section className={compact ? 'place-page compact' : 'place-page'} aria-labelledby={`${place}-title`}>
      <h1 id={`${place}-title`}>{label}</h1>
      {!compact && <p className="purpose">{purpose}</p>}
      {children}
    </section>
  );
}

/** Said plainly where a place is not built yet, so nobody mistakes an empty screen for lost data. */
export function NotYet() {
  return <p className="not-yet">这一部分正在开发中，暂不可用。</p>;
}
