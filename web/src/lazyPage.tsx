/** A page component from its loader: suspends only while the chunk is still on its way. */
import { type ComponentType, lazy } from 'react';
import type { PageLoader } from './pages.ts';

export function lazyPage<P extends object>(page: PageLoader<P>): ComponentType<P> {
  const Lazy = lazy(page.load) as unknown as ComponentType<P>;
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module level, like lazy()
  return function Page(props: P) {
    const Loaded = page.loaded ?? Lazy;
    return <Loaded {...props} />;
  };
}
