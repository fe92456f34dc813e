/** A batch worker thread: analyses the files the main thread sends, one at a time. */
import { parentPort } from 'node:worker_threads';
import { analyseTask } from './analyse.ts';
import type { Task } from './types.ts';

parentPort!.on('message', async (task: Task) => {
  parentPort!.postMessage(await analyseTask(task));
});
