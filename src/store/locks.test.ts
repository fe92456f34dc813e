import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './connect.ts';
import { acquireLock, getLock, releaseLock, renewLock, takeOverLock } from './locks.ts';
import { backends, openFresh } from './testing.ts';

const all = await backends();

for (const backend of all) {
  describe.skipIf(!backend.available)(`leases on ${backend.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openFresh(backend);
    });
    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('lets one owner hold a lock until it releases it', async () => {
      expect(await acquireLock(store.db, 'job', 'a', 60_000)).toBe(true);
      expect(await acquireLock(store.db, 'job', 'b', 60_000)).toBe(false);
      expect(await acquireLock(store.db, 'job', 'a', 60_000)).toBe(true); // already ours
      expect(await renewLock(store.db, 'job', 'b', 60_000)).toBe(false);
      expect(await renewLock(store.db, 'job', 'a', 60_000)).toBe(true);
      await releaseLock(store.db, 'job', 'b'); // not b's: nothing happens
      expect((await getLock(store.db, 'job'))?.owner).toBe('a');
      await releaseLock(store.db, 'job', 'a');
      expect(await acquireLock(store.db, 'job', 'b', 60_000)).toBe(true);
      await releaseLock(store.db, 'job', 'b');
    });

    it('gives a lock whose lease ran out to the next owner, and the old one learns it lost it', async () => {
      expect(await acquireLock(store.db, 'lease', 'a', 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await acquireLock(store.db, 'lease', 'b', 60_000)).toBe(true);
      expect(await renewLock(store.db, 'lease', 'a', 60_000)).toBe(false);
      expect(await takeOverLock(store.db, 'lease', 'a', 'c', 60_000)).toBe(false); // a no longer holds it
      expect(await takeOverLock(store.db, 'lease', 'b', 'c', 60_000)).toBe(true);
      expect((await getLock(store.db, 'lease'))?.owner).toBe('c');
    });

    it('has exactly one winner when many race for a free lock', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `racer-${i}`);
      const won = await Promise.all(owners.map((owner) => acquireLock(store.db, 'race', owner, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await getLock(store.db, 'race'))?.owner).toBe(owners[won.indexOf(true)]);
    });
  });
}
