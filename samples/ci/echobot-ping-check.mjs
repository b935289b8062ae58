// Plays the Kryten bridge for one exchange, with the official NATS JavaScript client as an independent peer:
// publishes a chatMsg envelope carrying "!ping" in the bridge's exact bytes (Python json.dumps format, wire-contract
// §2.1) and waits for the bot's `say` request with message "pong" on kryten.robot.command, checking its shape
// (vectors/commands.json `say/success`). Answers it as the bridge would. Then polls for services
// (kryten.service.discovery.poll) and expects EchoBot's startup announcement. Exit 0 on success, 1 otherwise.
// usage: node echobot-ping-check.mjs <nats-url> <domain> <channel> <subject-token> [timeout-seconds]
import { connect } from "nats";
import { randomUUID } from "node:crypto";

const [url, domain, channel, token, timeoutSeconds] = process.argv.slice(2);
if (!url || !domain || !channel || !token) {
  console.error("usage: node echobot-ping-check.mjs <nats-url> <domain> <channel> <subject-token> [timeout-seconds]");
  process.exit(2);
}
const deadline = Date.now() + 1000 * Number(timeoutSeconds ?? 30);

// Python's json.dumps: ", " and ": " separators, non-ASCII as lowercase \uXXXX.
const py = (value) =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
// isoformat() drops the fraction when the microsecond is 0.
const pyTimestamp = (d) => d.toISOString().replace(/\.(\d{3})Z$/, (_, ms) => (ms === "000" ? "+00:00" : `.${ms}000+00:00`));
const envelope = () =>
  `{"event_name": "chatMsg", "payload": {"username": "ci-user", "msg": "!ping", "meta": {}, "time": ${Date.now()}}, ` +
  `"channel": ${py(channel)}, "domain": ${py(domain)}, "timestamp": "${pyTimestamp(new Date())}", ` +
  `"correlation_id": "${randomUUID()}"}`;

const fail = (why) => {
  console.error(`FAIL: ${why}`);
  process.exit(1);
};

const nc = await connect({ servers: url, name: "echobot-ping-check" });
const commands = nc.subscribe("kryten.robot.command");
await nc.flush();

const subject = `kryten.events.cytube.${token}.chatmsg`;
const sent = new Set();
// The bot may still be subscribing: publish again every second until it answers.
const publisher = setInterval(() => {
  const body = envelope();
  sent.add(JSON.parse(body).correlation_id);
  nc.publish(subject, new TextEncoder().encode(body));
}, 1000);
const timer = setTimeout(() => fail(`no 'say' request with message "pong" within ${timeoutSeconds ?? 30} s`), deadline - Date.now());

for await (const m of commands) {
  const text = new TextDecoder().decode(m.data);
  let request;
  try {
    request = JSON.parse(text);
  } catch {
    fail(`command request is not JSON: ${text}`);
  }
  if (request.command !== "say") continue;
  console.log(`request: ${text}`);
  const problems = [];
  if (request.service !== "robot") problems.push(`service is ${request.service}, expected "robot"`);
  if (request.args?.message !== "pong") problems.push(`args.message is ${request.args?.message}, expected "pong"`);
  if (request.meta?.channel !== channel) problems.push(`meta.channel is ${request.meta?.channel}, expected ${channel}`);
  if (request.meta?.domain !== domain) problems.push(`meta.domain is ${request.meta?.domain}, expected ${domain}`);
  if (!/^[0-9a-f-]{36}$/.test(request.meta?.request_id ?? "")) problems.push("meta.request_id is not a uuid");
  if (typeof request.meta?.timestamp !== "string") problems.push("meta.timestamp missing");
  if (problems.length) fail(problems.join("; "));
  if (m.reply) m.respond(new TextEncoder().encode('{"service": "robot", "command": "say", "success": true, "data": {"success": true}}'));
  clearInterval(publisher);
  clearTimeout(timer);
  console.log(`OK: '!ping' on ${subject} produced say "pong" (${sent.size} envelope(s) published)`);
  break;
}

// EchoBot has a service identity: it answers a discovery poll with its startup announcement, in kryten-py's bytes
// (wire-contract §5.4: base keys in order, ", " separators, an ISO timestamp with +00:00, a float uptime).
const announcements = nc.subscribe("kryten.lifecycle.echobot.startup", { max: 1 });
await nc.flush();
nc.publish("kryten.service.discovery.poll", new TextEncoder().encode("{}"));
const pollTimer = setTimeout(() => fail("EchoBot did not answer the discovery poll on kryten.lifecycle.echobot.startup"), 10000);
for await (const m of announcements) {
  const text = new TextDecoder().decode(m.data);
  console.log(`announcement: ${text}`);
  const shape = /^\{"service": "echobot", "version": "[^"]+", "hostname": "[^"]+", "timestamp": "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00", "uptime_seconds": [0-9.e+-]+\}$/;
  if (!shape.test(text)) fail(`the announcement is not kryten-py's lifecycle payload: ${text}`);
  clearTimeout(pollTimer);
  console.log("OK: EchoBot answered the discovery poll as service echobot");
}
await nc.drain();
