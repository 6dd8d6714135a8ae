// Loopback HTTP(S) server for the recorder.
//
// Every host name maps to 127.0.0.1 in the browsers, so one server per port serves
// every origin on that port. Routes:
//   the current page URL  -> an HTML page carrying the current case's CSP headers plus
//                            the marker policy (img-src 'none') in its own header
//   /redirect?to=<url>    -> 302 to <url> (also <any path>/redirect?to=<url>)
//   /marker...            -> 404 (never reached: img-src 'none' blocks it)
//   anything else         -> 200 "ok" (text/plain, CORS-open)
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

// The fixed extra enforce policy whose only job is to block the marker image.
// It must never restrict connect-src (no default-src, no connect-src).
export const MARKER_POLICY = "img-src 'none'";

export const HTTP_PORTS = [80, 8000];
export const HTTPS_PORTS = [443, 8443];

// latin1 turns a Unicode string into a string whose code units are its UTF-8 bytes,
// so Node (which writes header values as latin1) puts the UTF-8 bytes on the wire untouched.
export function latin1(s) {
  return Buffer.from(s, 'utf8').toString('latin1');
}

function throwawayCert() {
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
      csp.push(MARKER_POLICY);
      const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store',
        'Content-Security-Policy': csp };
      if (current.report_only) headers['Content-Security-Policy-Report-Only'] = latin1(current.report_only);
      res.writeHead(200, headers);
      return res.end('<!doctype html><meta charset="utf-8"><title>cspkit recorder</title><p>cspkit recorder page</p>');
    }
    const u = new URL(req.url, 'http://x');
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
    setPage(c) {
      current = { page: normalize(c.page), policy: c.policy || '', report_only: c.report_only || '' };
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(() => r()); })));
    },
  };
}
