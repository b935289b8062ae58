// Asks the AOT SeenService, with the official NATS JavaScript client, what it recorded of the CI user's "!ping" (sent
// by echobot-ping-check.mjs): seen.get with the name in other case must succeed with the message, in the envelope the
// ecosystem's services use, and an unknown name must fail with error_code RECORD_NOT_FOUND. Exit 0 on success, 1 otherwise.
// usage: node seen-check.mjs <nats-url> <user> <message>
import { connect } from "nats";

const [url, user, message] = process.argv.slice(2);
if (!url || !user || !message) {
  console.error("usage: node seen-check.mjs <nats-url> <user> <message>");
  process.exit(2);
}
const fail = (why) => {
  console.error(`FAIL: ${why}`);
  process.exit(1);
};

const nc = await connect({ servers: url, name: "seen-check" });
const ask = async (name) => {
  const body = JSON.stringify({ service: "seen", command: "seen.get", name });
  const reply = new TextDecoder().decode((await nc.request("kryten.seen.command", new TextEncoder().encode(body), { timeout: 5000 })).data);
  console.log(`seen.get ${name}: ${reply}`);
  return JSON.parse(reply);
};

// SeenService records the line as it arrives; poll briefly in case the request overtakes it.
let found;
for (let attempt = 0; attempt < 20; attempt++) {
  found = await ask(user.toUpperCase());
  if (found.success) break;
  await new Promise((r) => setTimeout(r, 250));
}
const problems = [];
if (Object.keys(found).join(",") !== "service,command,success,data") problems.push("reply keys are not service, command, success, data");
if (found.success !== true) problems.push(`success is ${found.success}`);
if (found.data?.name !== user) problems.push(`data.name is ${found.data?.name}, expected ${user}`);
if (found.data?.last_message !== message) problems.push(`data.last_message is ${found.data?.last_message}, expected ${message}`);
if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/.test(found.data?.last_seen ?? "")) problems.push("data.last_seen is not ISO 8601 with an offset");
const missing = await ask("nobody-ci");
if (missing.success !== false || missing.error_code !== "RECORD_NOT_FOUND") problems.push("an unknown user is not RECORD_NOT_FOUND");
if (problems.length) fail(problems.join("; "));
console.log("OK: SeenService answered seen.get with the CI user's message, and RECORD_NOT_FOUND for a stranger");
await nc.close();
