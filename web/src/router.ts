/** A very small router over the History API: the app has a handful of pages and needs no library for them. */
import { useSyncExternalStore } from 'react';
import { dropPrefetched } from './preload.ts';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  // Data fetched ahead for the first page is not reused once the user has moved on.
  dropPrefetched();
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export { matchReport } from './routes.ts';
