// The official NATS JavaScript client (npm `nats`) doing what Kryten.Benchmarks `nats` does, against the same server,
// so the two can be compared in one run. Prints one JSON object on stdout.
// usage: node nats-bench.mjs <nats-url> <publish-count> <pubsub-count> <request-count>
import { connect } from "nats";
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";

const [url, publishCount, pubSubCount, requestCount] = [
  process.argv[2] ?? "nats://127.0.0.1:4222",
  Number(process.argv[3] ?? 2_000_000),
  Number(process.argv[4] ?? 1_000_000),
  Number(process.argv[5] ?? 20_000),
];

async function publishOnly(size) {
  const nc = await connect({ servers: url });
  const payload = new Uint8Array(size).fill(97);
  const subject = `bench.js.pub.${size}`;
  const started = performance.now();
  for (let i = 0; i < publishCount; i++) {
    nc.publish(subject, payload);
    // nats.js buffers without bound; yielding now and then keeps its buffer and memory in check, as a real app would.
    if ((i & 0xffff) === 0xffff) await nc.flush();
  }
  await nc.flush();
  const seconds = (performance.now() - started) / 1000;
  await nc.close();
  return publishCount / seconds;
}

async function pubSub(size) {
  const subConn = await connect({ servers: url });
  const pubConn = await connect({ servers: url });
  const subject = `bench.js.pubsub.${size}`;
  const payload = new Uint8Array(size).fill(98);
  let received = 0;
  let started = 0;
  const sub = subConn.subscribe(subject);
  const done = (async () => {
    for await (const _ of sub) {
      if (++received === pubSubCount) break;
    }
  })();
  await subConn.flush();
  started = performance.now();
  for (let i = 0; i < pubSubCount; i++) {
    pubConn.publish(subject, payload);
    if ((i & 0xffff) === 0xffff) await pubConn.flush();
  }
  await pubConn.flush();
  const timeout = setTimeout(() => sub.unsubscribe(), 120_000);
  await done;
  clearTimeout(timeout);
  const seconds = (performance.now() - started) / 1000;
  await pubConn.close();
  await subConn.close();
  return { rate: received / seconds, received };
}

async function requestReply() {
  const responder = await connect({ servers: url });
  const requester = await connect({ servers: url });
  const subject = "bench.js.rr";
  const sub = responder.subscribe(subject);
  (async () => {
    for await (const m of sub) m.respond(m.data);
  })();
  await responder.flush();
  const payload = new Uint8Array(16).fill(99);
  for (let i = 0; i < 500; i++) await requester.request(subject, payload, { timeout: 5000 });
  const samples = new Float64Array(requestCount);
  for (let i = 0; i < requestCount; i++) {
    const t0 = performance.now();
    await requester.request(subject, payload, { timeout: 5000 });
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  await requester.close();
  await responder.close();
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

const result = {
  client: "nats.js " + JSON.parse(readFileSync(new URL("./node_modules/nats/package.json", import.meta.url))).version,
  publish16: await publishOnly(16),
  publish256: await publishOnly(256),
};
const ps16 = await pubSub(16);
const ps256 = await pubSub(256);
Object.assign(result, { pubSub16: ps16.rate, pubSub256: ps256.rate, received16: ps16.received, received256: ps256.received });
const rr = await requestReply();
Object.assign(result, { requestP50Us: rr.p50, requestP99Us: rr.p99 });
console.log(JSON.stringify(result));
