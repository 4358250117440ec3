// The compute worker: runs the engine's compute service (`compute` of the JS API, the module in
// tools/) off the page's thread. Each message is { id, request } with the request as JSON text;
// each answer is { id, reply, ms }, the reply as JSON text and the time the engine took. Requests
// are answered one at a time, in the order they come; the page sends the next when this one is
// answered, so it can drop work a newer plan has made stale before it starts.
import init, { compute } from './tools/ncms_sim.js';

const ready = init();

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch {
    self.postMessage({ id: data.id, failed: true });
    return;
  }
  const started = performance.now();
  let reply;
  try {
    reply = compute(data.request);
  } catch {
    self.postMessage({ id: data.id, failed: true });
    return;
  }
  self.postMessage({ id: data.id, reply, ms: performance.now() - started });
};
