/**
 * Property tests explore new random inputs on every local run; in CI they replay one fixed seed so a landing
 * never depends on luck. Set FC_SEED to replay a reported counterexample.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261127' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
