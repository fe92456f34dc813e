import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 20_000,
    setupFiles: ['test/setup.ts'],
    // Every server reply is also checked against its zod schema (src/server/plugins/schemas.ts).
    env: { JIXIAO_CHECK_REPLIES: '1' },
  },
});
