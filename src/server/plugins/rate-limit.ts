/** Rate limiting, off by default (`global: false`); routes opt in through `config.rateLimit` (login does). */
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { apiError } from '../errors.ts';

export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () => apiError('JX_RATE_LIMITED'),
    });
  },
  { name: 'jixiao-rate-limit' },
);
