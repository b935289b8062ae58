// Answers one request (JSON on stdin) with the official nkeys.js, so the C# tests can compare
// their NKey encoding and Ed25519 signatures with the reference implementation.
//   {"op":"derive","seed":"SU...","data":"<base64>"}       -> {"publicKey":"U...","sig":"<base64url>"}
//   {"op":"create","type":"user|account|operator|server|cluster","data":"<base64>"}
//                                                           -> {"seed":"S...","publicKey":"...","sig":"<base64url>"}
//   {"op":"verify","publicKey":"U...","data":"<base64>","sig":"<base64url>"} -> {"ok":true|false}
const nkeys = require("nkeys.js");

const creators = {
  user: nkeys.createUser, account: nkeys.createAccount, operator: nkeys.createOperator,
  server: nkeys.createServer, cluster: nkeys.createCluster,
};
const toBase64Url = (bytes) => Buffer.from(bytes).toString("base64url");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const data = Buffer.from(req.data ?? "", "base64");
  let res;
  if (req.op === "derive") {
    const kp = nkeys.fromSeed(new TextEncoder().encode(req.seed));
    res = { publicKey: kp.getPublicKey(), sig: toBase64Url(kp.sign(data)) };
  } else if (req.op === "create") {
    const kp = creators[req.type]();
    res = { seed: new TextDecoder().decode(kp.getSeed()), publicKey: kp.getPublicKey(), sig: toBase64Url(kp.sign(data)) };
  } else if (req.op === "verify") {
    const kp = nkeys.fromPublic(req.publicKey);
    res = { ok: kp.verify(data, Buffer.from(req.sig, "base64url")) };
  } else {
    throw new Error("unknown op " + req.op);
  }
  process.stdout.write(JSON.stringify(res));
});
