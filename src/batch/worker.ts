/**
 * A batch worker thread: analyses the files the main thread sends one at a time, in order, and answers in
 * that order (the main thread pairs each answer with the oldest file it sent). A file's answer waits for its
 * JSON result to be written; the next file's analysis does not.
 */
import { parentPort } from 'node:worker_threads';
import { analyseTask } from './analyse.ts';
import type { Task } from './types.ts';

let analysing: Promise<unknown> = Promise.resolve();
let answering: Promise<void> = Promise.resolve();

parentPort!.on('message', (task: Task) => {
  const analysed = analysing.then(() => analyseTask(task));
  analysing = analysed;
  answering = Promise.all([answering, analysed]).then(async ([, { answer }]) => {
    parentPort!.postMessage(await answer);
  });
});
