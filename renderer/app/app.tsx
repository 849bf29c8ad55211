import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { CounterPage } from '../counter/counter-page';
import { placeForKey, placeFromHash, places, type PlaceId } from './places';

// The counter loads with the frame; the back-office places load when first opened.
const pages: Record<PlaceId, ComponentType> = {
  counter: CounterPage,
  residents: lazy(() => import('../residents/residents-page')),
  menu: lazy(() => import('../menu/menu-page')),
  policies: lazy(() => import('../policies/policies-page')),
  reports: lazy(() => import('../reports/reports-page')),
  claims: lazy(() => import('../claims/claims-page')),
  office: lazy(() => import('../office/office-page')),
  settings: lazy(() => import('../settings/settings-page')),
};

function useHashPlace(): PlaceId {
  const [place, setPlace] = useState(() => placeFromHash(location.hash));
  useEffect(() => {
    const onHashChange = () => setPlace(placeFromHash(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return place;
}

export const goTo = (place: PlaceId) => {
  location.hash = `#/${place}`;
};

export function App() {
  const place = useHashPlace();
  const Page = pages[place];

  useEffect(() => {
    // Function keys switch places from anywhere, even while typing in a field.
    const onKeyDown = (event: KeyboardEvent) => {
      const target = placeForKey(event.key);
      if (!target || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      goTo(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">助餐收银台</div>
        <nav className="places" aria-label="功能">
          {places.map((item) => (
            <a key={item.id} href={`#/${item.id}`} className="place" aria-current={item.id === place ? 'page' : undefined}>
              <span className="place-label">{item.label}</span>
              <kbd>{item.key}</kbd>
            </a>
          ))}
        </nav>
      </header>
      <main className="page" id="main">
        <Suspense fallback={<p className="loading">正在打开…</p>}>
          <Page />
        </Suspense>
      </main>
    </div>
  );
}
