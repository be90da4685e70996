/**
 * One instance of a cloud function: a worker thread with its own copy of process.env, running one
 * invocation at a time, like one instance in the cloud. Plain JavaScript because worker threads load
 * files with Node itself, outside tsx and jest transforms.
 *
 * workerData: { entry: absolute path of the bundle's index.js }
 * message in:  { id, env: {NAME: value}, event, context }
 * message out: { id, started: true } once the bundle is loaded (the function's timeout runs from here), then
 *              { id, ok: true, result: JSON string } | { id, ok: false, error: { name, message, stack } }
 */
const { parentPort, workerData } = require('node:worker_threads');

let main;

parentPort.on('message', async (message) => {
  Object.assign(process.env, message.env);
  try {
    if (!main) {
      main = require(workerData.entry).main;
      if (typeof main !== 'function') throw new TypeError(`${workerData.entry} exports no main function`);
    }
    parentPort.postMessage({ id: message.id, started: true });
    const result = await main(message.event, message.context);
    parentPort.postMessage({ id: message.id, ok: true, result: JSON.stringify(result === undefined ? null : result) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    parentPort.postMessage({
      id: message.id,
      ok: false,
      error: { name: error.name, message: error.message, stack: error.stack ?? '' },
    });
  }
});
