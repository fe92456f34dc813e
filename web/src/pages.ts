/**
 * The pages' code, each in its own chunk: loaded when first shown, or earlier by the first-load preload
 * (preload.ts), and remembered once loaded so the page then renders without suspending. No React here: the
 * entry chunk imports this and must stay small.
 */
import type { ComponentType } from 'react';

export interface PageLoader<P> {
  load(): Promise<{ default: ComponentType<P> }>;
  /** The component once its chunk has arrived. */
  readonly loaded: ComponentType<P> | undefined;
}

function pageLoader<P>(load: () => Promise<{ default: ComponentType<P> }>): PageLoader<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  let loaded: ComponentType<P> | undefined;
  return {
    load: () =>
      (pending ??= load().then(
        (module) => {
          loaded = module.default;
          return module;
        },
        (error: unknown) => {
          pending = undefined; // a chunk that failed (network) is asked for again next time
          throw error;
        },
      )),
    get loaded() {
      return loaded;
    },
  };
}

export const reportsPage = pageLoader(() => import('./pages/Reports.tsx'));
export const reportPage = pageLoader(() => import('./pages/Report.tsx'));
export const overviewPage = pageLoader(() => import('./pages/Overview.tsx'));
export const reviewTab = pageLoader(() => import('./pages/Review.tsx'));
export const fillTab = pageLoader(() => import('./pages/Fill.tsx'));
export const scoreTab = pageLoader(() => import('./pages/Score.tsx'));
export const versionsTab = pageLoader(() => import('./pages/Versions.tsx'));
