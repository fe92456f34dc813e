/** A very small router over the History API: the app has a handful of pages and needs no library for them. */
import { useSyncExternalStore } from 'react';

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
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** `/reports/:id/:tab?` → { id, tab } */
export function matchReport(path: string): { id: string; tab: string } | undefined {
  const match = /^\/reports\/([0-9a-f-]{36})(?:\/(\w+))?$/.exec(path);
  return match ? { id: match[1]!, tab: match[2] ?? 'review' } : undefined;
}
