/**
 * The entry: a few hundred bytes that start the first load (session, page chunks, page data: preload.ts)
 * before React and antd arrive, then hand over to boot.tsx once they have.
 */
import { startFirstLoad } from './preload.ts';

const first = startFirstLoad(window.location.pathname);
void import('./boot.tsx').then(({ boot }) => boot(first));
