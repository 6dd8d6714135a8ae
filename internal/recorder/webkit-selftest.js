// Self-test of the WebKit driver and the loopback proxy, independent of the
// recorder core: serves its own pages (throwaway self-signed certificate) and
// checks that
//   - http://, https:// on default and other ports, ws:// and wss:// requests to
//     arbitrary host names (IDN included) reach the local server through the proxy;
//   - a connect-src policy blocks the right request and reports it.
// Run: node webkit-selftest.js   (needs webkit2gtk-driver, xvfb, openssl)
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { launch } from "./drivers/webkit.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wk-selftest-"));
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
  "-subj", "/CN=cspkit-selftest", "-keyout", path.join(dir, "key.pem"),
  "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
const tls = { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) };
fs.rmSync(dir, { recursive: true, force: true });

function handler(req, res) {
  const u = new URL(req.url, "http://x");
  if (u.pathname === "/page") {
    const headers = { "content-type": "text/html; charset=utf-8" };
    const csp = u.searchParams.get("csp");
    if (csp) headers["content-security-policy"] = csp;
    res.writeHead(200, headers);
    res.end("<!doctype html><title>selftest</title>");
    return;
  }
  res.writeHead(200, {
    "content-type": "text/plain",
    "access-control-allow-origin": "*",
  });
  res.end(`host=${req.headers.host}`);
}

// Minimal WebSocket server side: accept, send one text frame naming the host.
function upgrade(req, socket) {
  const key = req.headers["sec-websocket-key"];
  const accept = crypto.createHash("sha1")
    .update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
  socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n" +
    `Connection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const msg = Buffer.from(`host=${req.headers.host}`);
  socket.write(Buffer.concat([Buffer.from([0x81, msg.length]), msg]));
  socket.on("error", () => {});
  socket.on("data", () => {});
}

const plain = http.createServer(handler).on("upgrade", upgrade);
const secure = https.createServer(tls, handler).on("upgrade", upgrade);
await new Promise((r) => plain.listen(0, "127.0.0.1", r));
await new Promise((r) => secure.listen(0, "127.0.0.1", r));
const hp = plain.address().port;
const sp = secure.address().port;
const proxyLines = [];
const browser = await launch({
  portMap: { 80: hp, 443: sp, 8443: sp, 8080: hp },
  proxyLog: (l) => proxyLines.push(l),
  log: (l) => process.env.VERBOSE && console.error(l),
});
console.log(`launched ${browser.name} ${browser.version}`);

// Runs in the page: one request per target, in order, collecting results and
// securitypolicyviolation events.
const probe = async (targets) => {
  const violations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    violations.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective, policy: e.originalPolicy });
  });
  const out = [];
  for (const t of targets) {
    try {
      if (/^wss?:/.test(t)) {
        out.push(await new Promise((resolve) => {
          const ws = new WebSocket(t);
          const timer = setTimeout(() => resolve("timeout"), 3000);
          ws.onmessage = (m) => { clearTimeout(timer); ws.close(); resolve(String(m.data)); };
          ws.onerror = () => { clearTimeout(timer); resolve("error"); };
        }));
      } else {
        const r = await fetch(t);
        out.push(await r.text());
      }
    } catch (e) {
      out.push("error: " + e.message);
    }
  }
  await new Promise((r) => setTimeout(r, 50));
  return { out, violations, origin: location.origin };
};

let failures = 0;
function check(name, cond, detail) {
  console.log(`${cond ? "ok  " : "FAIL"} ${name}${cond ? "" : ": " + JSON.stringify(detail)}`);
  if (!cond) failures++;
}

try {
  // 1. Routing: no policy, every shape of request reaches the local servers.
  const targets = [
    "http://example.com/whoami",
    "https://sub.example.com:8443/whoami",
    "https://bücher.example/whoami",
    "ws://example.com/ws",
    "wss://sub.example.com:8443/ws",
    "ws://ws.example.org:8080/ws",
  ];
  const r1 = await browser.evaluate("http://example.com/page", probe.toString(), targets, 20000);
  check("page origin", r1.origin === "http://example.com", r1);
  const want = ["host=example.com", "host=sub.example.com:8443", "host=xn--bcher-kva.example",
    "host=example.com", "host=sub.example.com:8443", "host=ws.example.org:8080"];
  targets.forEach((t, i) => check(`reach ${t}`, r1.out[i] === want[i], r1.out[i]));

  // 2. CSP: https page with connect-src https://a.com; b.com is blocked and reported.
  const csp = "connect-src https://a.com";
  const page = `https://example.com/page?csp=${encodeURIComponent(csp)}`;
  const r2 = await browser.evaluate(page, probe.toString(), ["https://a.com/x", "https://b.com/y"], 20000);
  check("a.com allowed", r2.out[0] === "host=a.com", r2);
  check("b.com failed", String(r2.out[1]).startsWith("error"), r2);
  check("one violation, for b.com", r2.violations.length === 1 &&
    r2.violations[0].blockedURI.startsWith("https://b.com") &&
    r2.violations[0].policy === csp, r2.violations);
} finally {
  await browser.close();
  plain.close();
  secure.close();
}
if (process.env.VERBOSE) console.error(proxyLines.join("\n"));
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
