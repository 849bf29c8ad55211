import { lazy, startTransition, Suspense, useEffect, useState, type ComponentType } from 'react';
import { CounterPage } from '../counter/counter-page';
import { SignedInBar } from '../people/signed-in-bar';
import { StaffGate } from '../people/staff-gate';
import { SyncBadge } from '../sync/sync-badge';
import { appMode, useAppMode } from './app-mode';
import { BooksGate } from './books-guard';
import { AutoBackupAlert } from './auto-backup';
import { ErrorBoundary } from './error-boundary';
import { appTitle, defaultPlace, isPlaceShown, placeForKey, placeFromHash, places, type PlaceId } from './places';

/**
 * A place whose code loads apart from the first screen. Once preloaded it renders without suspending,
 * so switching places never waits on React's Suspense reveal throttle (about 300 ms).
 */
function lazyPlace(load: () => Promise<{ default: ComponentType }>) {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () => (loading ??= load().then((module) => (loaded = module.default)));
  const Suspending = lazy(() => preload().then((component) => ({ default: component })));
  const Place = () => {
    // Chosen once per visit: switching from the lazy wrapper to the loaded component mid-visit would
    // remount the page and lose what the manager was doing (a check's result, a restore's preview).
    const [Component] = useState(() => loaded ?? Suspending);
    return <Component />;
  };
  return Object.assign(Place, { preload });
}

// The counter loads with the frame; the back-office places load just after the first screen shows.
const lazyPlaces = {
  residents: lazyPlace(() => import('../residents/residents-page')),
  menu: lazyPlace(() => import('../menu/menu-page')),
  policies: lazyPlace(() => import('../policies/policies-page')),
  reports: lazyPlace(() => import('../reports/reports-page')),
  claims: lazyPlace(() => import('../claims/claims-page')),
  office: lazyPlace(() => import('../office/office-page')),
  settings: lazyPlace(() => import('../settings/settings-page')),
};
const pages: Record<PlaceId, ComponentType> = { counter: CounterPage, ...lazyPlaces };

function useHashPlace(): PlaceId {
  const [place, setPlace] = useState(() => placeFromHash(location.hash));
  useEffect(() => {
    // A transition keeps the current place on screen until the next one is ready: no blank fallback.
    const onHashChange = () => startTransition(() => setPlace(placeFromHash(location.hash)));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return place;
}

export const goTo = (place: PlaceId) => {
  location.hash = `#/${place}`;
};

export function App() {
  const mode = useAppMode();
  const hashPlace = useHashPlace();
  const place = isPlaceShown(hashPlace, mode) ? hashPlace : defaultPlace(mode);
  const Page = pages[place];

  useEffect(() => {
    for (const page of Object.values(lazyPlaces)) void page.preload();
  }, []);

  useEffect(() => {
    document.title = appTitle(mode);
  }, [mode]);

  useEffect(() => {
    // Function keys switch places from anywhere, even while typing in a field.
    const onKeyDown = (event: KeyboardEvent) => {
      const target = placeForKey(event.key);
      if (!target || !isPlaceShown(target, appMode()) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      goTo(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <StaffGate>
    <div className="frame">
      <header className="topbar">
        <div className="brand">{appTitle(mode)}</div>
        <nav className="places" aria-label="功能">
          {places.filter((item) => isPlaceShown(item.id, mode)).map((item) => (
            <a key={item.id} href={`#/${item.id}`} className="place" aria-current={item.id === place ? 'page' : undefined}>
              <span className="place-label">{item.label}</span>
              <kbd>{item.key}</kbd>
            </a>
          ))}
        </nav>
        <SignedInBar />
        <SyncBadge />
      </header>
      <main className="page" id="main">
        <AutoBackupAlert />
        <ErrorBoundary resetKey={place} office={mode === 'office'} onBack={() => goTo(defaultPlace(mode))}>
          <BooksGate allowWhenBlocked={place === 'settings'}>
            <Suspense fallback={<p className="loading">正在打开…</p>}>
              <Page />
            </Suspense>
          </BooksGate>
        </ErrorBoundary>
      </main>
    </div>
    </StaffGate>
  );
}
