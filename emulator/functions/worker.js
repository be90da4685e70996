/**
 * One instance of a cloud function: a worker thread with its own copy of process.env, running one
 * invocation at a time, like one instance in the cloud. Plain JavaScript because worker threads load
 * files with Node itself, outside tsx and jest transforms.
 *
 * workerData: { entry: absolute path of the bundle's index.js }
 * message in:  { id, env: {NAME: value}, event, context, clockOffsetMs }
 * message out: { id, started: true } once the bundle is loaded (the function's timeout runs from here), then
 *              { id, ok: true, result: JSON string } | { id, ok: false, error: { name, message, stack } }
 */
const { parentPort, workerData } = require('node:worker_threads');

/**
 * The local cloud's clock: a test moves "now" of the functions by an offset (FunctionRuntime.setClock) instead of
 * waiting for a day to pass. While it is moved, the global Date answers the moved time to `new Date()` and
 * `Date.now()` (the function and every library it holds read it at call time); dates built from a given value are
 * unchanged. While it is not, the real Date is in place, untouched.
 */
const RealDate = Date;
let clockOffsetMs = 0;
// A function, not a class: Date() without `new` still answers a string, and every date, however made, is an
// instance of both.
function CloudDate(...args) {
  const at = args.length === 0 ? new RealDate(RealDate.now() + clockOffsetMs) : new RealDate(...args);
  return new.target ? at : at.toString();
}
CloudDate.prototype = RealDate.prototype;
CloudDate.now = () => RealDate.now() + clockOffsetMs;
CloudDate.parse = RealDate.parse;
CloudDate.UTC = RealDate.UTC;

let main;

parentPort.on('message', async (message) => {
  Object.assign(process.env, message.env);
  clockOffsetMs = message.clockOffsetMs ?? 0;
  globalThis.Date = clockOffsetMs === 0 ? RealDate : CloudDate;
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
