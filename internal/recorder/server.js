// Loopback HTTP(S) server for the recorder.
//
// Every host name maps to 127.0.0.1 in the browsers, so one server per port serves
// every origin on that port. Routes:
//   the current page URL  -> an HTML page carrying the current case's CSP headers plus
//                            the marker policy (img-src 'none') in its own header
//   /redirect?to=<url>    -> 302 to <url> (also <any path>/redirect?to=<url>)
//   /marker...            -> 404 (never reached: img-src 'none' blocks it)
//   anything else         -> 200, CORS-open: "ok" (text/plain), or, for a URL whose query names
//                            a case (k=<id>) of the destination set, a body that the case's kind
//                            can use (a script, a style sheet, a GIF, a WAV, WebVTT, HTML, a
//                            manifest), and the hit is logged under the case id
// A URL with k=<id> (a destination case's target) or c=<id> (its /redirect first hop) is logged
// in caseHits: id -> the absolute URLs requested, in order (with Sec-Fetch-Dest when sent).
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

// The fixed extra enforce policy whose only job is to block the marker image.
// It must never restrict connect-src (no default-src, no connect-src).
export const MARKER_POLICY = "img-src 'none'";

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
function wav() {
  const n = 800;
  const b = Buffer.alloc(44 + n, 128);
  b.write('RIFF', 0); b.writeUInt32LE(36 + n, 4); b.write('WAVE', 8); b.write('fmt ', 12);
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28); b.writeUInt16LE(1, 32); b.writeUInt16LE(8, 34); b.write('data', 36); b.writeUInt32LE(n, 40);
  return b;
}
const JS = "try { postMessage('ok'); } catch (e) {} self.onconnect = (e) => e.ports[0].postMessage('ok');";
const HTML = '<!doctype html><meta charset="utf-8"><p>ok';

// bodyFor: what a destination case's target answers, by the case's kind.
export function bodyFor(kind) {
  switch (kind) {
    case 'script': case 'worker': case 'sharedworker': case 'serviceworker':
      return ['text/javascript', JS];
    case 'style': return ['text/css', 'p{}'];
    case 'img': return ['image/gif', GIF];
    case 'audio': case 'video': return ['audio/wav', wav()];
    case 'track': return ['text/vtt', 'WEBVTT\n\n'];
    case 'object': case 'embed': case 'iframe': return ['text/html; charset=utf-8', HTML];
    case 'manifest': return ['application/manifest+json', '{"name":"ok"}'];
    case 'font': return ['font/woff2', 'not a font'];
    default: return ['text/plain', 'ok'];
  }
}

export const HTTP_PORTS = [80, 8000];
export const HTTPS_PORTS = [443, 8443];

// latin1 turns a Unicode string into a string whose code units are its UTF-8 bytes,
// so Node (which writes header values as latin1) puts the UTF-8 bytes on the wire untouched.
export function latin1(s) {
  return Buffer.from(s, 'utf8').toString('latin1');
}

export function throwawayCert() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cspkit-rec-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '2', '-subj', '/CN=cspkit-recorder'], { stdio: 'ignore' });
  const out = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

function normalize(u) {
  try { return new URL(u).href; } catch { return u; }
}

// startServer listens on the given ports (defaults: 80, 8000 plain; 443, 8443 TLS) and
// returns { ports, setPage({page, policy, report_only}), hits, redirected, close() }.
export async function startServer({ httpPorts = HTTP_PORTS, httpsPorts = HTTPS_PORTS, log = false } = {}) {
  let current = null;
  const hits = { page: 0, redirect: 0, ok: 0 };
  const redirected = new Set(); // case ids (the c= parameter) whose /redirect hop was requested
  const caseHits = new Map(); // case id (k= or c=) -> absolute URLs requested
  let kinds = new Map(); // case id -> kind, for the destination set's bodies
  const tls = throwawayCert();

  const handler = (scheme) => (req, res) => {
    const host = req.headers.host || 'unknown';
    const abs = normalize(`${scheme}://${host}${req.url}`);
    if (log) console.error(`[server] ${req.method} ${abs}`);
    const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' });
      return res.end();
    }
    if (current && req.method === 'GET' && abs === current.page) {
      hits.page++;
      const csp = [];
      if (current.policy) csp.push(latin1(current.policy));
      csp.push(current.marker || MARKER_POLICY);
      const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store',
        'Content-Security-Policy': csp };
      if (current.report_only) headers['Content-Security-Policy-Report-Only'] = latin1(current.report_only);
      res.writeHead(200, headers);
      return res.end('<!doctype html><meta charset="utf-8"><title>cspkit recorder</title><p>cspkit recorder page</p>');
    }
    const u = new URL(req.url, 'http://x');
    const hitId = u.searchParams.get('k') || u.searchParams.get('c');
    if (hitId && !u.pathname.startsWith('/marker')) {
      if (!caseHits.has(hitId)) caseHits.set(hitId, []);
      const dest = req.headers['sec-fetch-dest'];
      caseHits.get(hitId).push(dest ? `${abs} (${dest})` : abs);
    }
    if (u.pathname === '/redirect' || u.pathname.endsWith('/redirect')) {
      hits.redirect++;
      if (u.searchParams.get('c')) redirected.add(u.searchParams.get('c'));
      res.writeHead(302, { ...cors, Location: latin1(u.searchParams.get('to') || '/ok') });
      return res.end();
    }
    if (u.pathname.startsWith('/marker') || u.pathname === '/favicon.ico') {
      res.writeHead(404, cors);
      return res.end();
    }
    hits.ok++;
    // Drain request bodies (beacons) before answering.
    req.resume();
    const kind = u.searchParams.get('k') && kinds.get(u.searchParams.get('k'));
    if (kind) {
      const [type, body] = bodyFor(kind);
      res.writeHead(200, { ...cors, 'Content-Type': type });
      return res.end(body);
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'text/plain' });
    res.end('ok');
  };

  const servers = [];
  const listen = (srv, port) => new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => { srv.off('error', reject); resolve(); });
  });
  for (const p of httpPorts) {
    const s = http.createServer(handler('http'));
    s.on('upgrade', (req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
    await listen(s, p);
    servers.push(s);
  }
  for (const p of httpsPorts) {
    const s = https.createServer({ key: tls.key, cert: tls.cert }, handler('https'));
    s.on('upgrade', (req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
    await listen(s, p);
    servers.push(s);
  }
  for (const s of servers) s.keepAliveTimeout = 2000;

  return {
    ports: [...httpPorts, ...httpsPorts],
    hits,
    redirected,
    caseHits,
    // setKinds tells the server each destination case's kind (id -> kind), for the bodies.
    setKinds(m) { kinds = m; },
    setPage(c) {
      current = { page: normalize(c.page), policy: c.policy || '', report_only: c.report_only || '', marker: c.marker || '' };
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(() => r()); })));
    },
  };
}
