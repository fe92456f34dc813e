/**
 * A batch worker thread: analyses the files the main thread sends, one at a time and in order (the main
 * thread keeps the next file queued here, and pairs each answer with the oldest file it sent).
 */
import { parentPort } from 'node:worker_threads';
import { analyseTask } from './analyse.ts';
import type { Task } from './types.ts';

let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (task: Task) => {
  queue = queue.then(async () => {
    parentPort!.postMessage(await analyseTask(task));
  });
});
