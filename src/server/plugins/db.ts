/** Makes the store available as `app.store`; the store's owner (serve, a test) closes it. */
import fp from 'fastify-plugin';
import type { Store } from '../../store/connect.ts';
import type { Settings } from '../types.ts';

export default fp<{ store: Store; settings: Settings }>(
  async (app, options) => {
    app.decorate('store', options.store);
    app.decorate('settings', options.settings);
  },
  { name: 'jixiao-db' },
);
