// Interop peer for tests/Kryten.Nats.Tests/Connection/JsInteropTests.cs, using the official nats.js client.
// Usage: node peer.js <mode> <server-url>. Prints READY once its subscriptions are live, and at most one JSON
// result line. Exits when stdin closes or after 60 s, so it can never outlive the test run.
"use strict";
const { connect, headers, StringCodec } = require("nats");

const sc = StringCodec();
const [mode, url] = process.argv.slice(2);
setTimeout(() => { console.error("peer timed out"); process.exit(3); }, 60000).unref();

function headersToObject(h) {
  const out = {};
  if (!h) return out;
  for (const k of h.keys()) out[k] = h.values(k);
  return out;
}

async function main() {
  const nc = await connect({ servers: url, name: "js-peer-" + mode });
  const stdinClosed = new Promise((resolve) => { process.stdin.on("end", resolve); process.stdin.on("close", resolve); process.stdin.resume(); });

  if (mode === "echo") {
    const sub = nc.subscribe("interop.js.echo");
    (async () => {
      for await (const m of sub) {
        const h = headers();
        if (m.headers) for (const k of m.headers.keys()) for (const v of m.headers.values(k)) h.append(k, v);
        h.append("Js-Seen", "yes");
        m.respond(sc.encode("js:" + sc.decode(m.data)), { headers: h });
      }
    })();
    await nc.flush();
    console.log("READY");
    await stdinClosed;
  } else if (mode === "request") {
    const h = headers();
    h.append("From", "js");
    h.append("Multi", "1");
    h.append("Multi", "2");
    const r = await nc.request("interop.dotnet.echo", sc.encode("ping from js"), { timeout: 20000, headers: h });
    console.log(JSON.stringify({ data: sc.decode(r.data), headers: headersToObject(r.headers) }));
  } else if (mode === "queue") {
    let count = 0;
    nc.subscribe("interop.q", { queue: "shared", callback: () => { count++; } });
    const done = nc.subscribe("interop.q.done", { max: 1 });
    await nc.flush();
    console.log("READY");
    for await (const _ of done) { /* wait for the end marker */ }
    console.log(JSON.stringify({ count }));
  } else {
    throw new Error("unknown mode " + mode);
  }
  await nc.drain();
}

main().catch((err) => { console.error(err && err.stack ? err.stack : String(err)); process.exit(2); });
