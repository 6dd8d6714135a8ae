// Records the CSP violation reports (report-uri, application/csp-report) that real browsers send
// for blocked connect-src requests, for the report package's replay test:
//
//   node internal/recorder/reports.js chromium [firefox ...]
//
// writes internal/testdata/reports/recorded/<browser>.jsonl, one line per report:
// {"scenario", "browser", "version", "page", "csp", "cspro", "kind", "target", "contentType", "body"},
// body as received. report/recorded_test.go replays them.
// Every host resolves to 127.0.0.1 (see drivers/); the server listens on PORT (default 18181).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT || 18181);
const origin = `http://app.example:${PORT}`;

// Each scenario: the page's headers, the page URL suffix, and the request the page makes.
export const scenarios = [
  { name: 'default-src-fallback', csp: "default-src 'self'; report-uri /csp-report?s=default-src-fallback",
    page: '/s/default-src-fallback?user=7#top', kind: 'fetch', target: `http://evil.example:${PORT}/steal?q=1#frag` },
  { name: 'report-only', cspro: "connect-src 'none'; report-uri /csp-report?s=report-only",
    page: '/s/report-only', kind: 'fetch', target: '/api/items?x=1' },
  { name: 'xhr-credentials', csp: "connect-src 'self' ; report-uri /csp-report?s=xhr-credentials",
    page: '/s/xhr-credentials', kind: 'xhr', target: `http://user:pw@evil.example:${PORT}/x#f` },
  { name: 'websocket', csp: "connect-src 'self'; report-uri /csp-report?s=websocket",
    page: '/s/websocket', kind: 'websocket', target: `ws://evil.example:${PORT}/sock?t=1` },
  { name: 'two-policies', csp: "connect-src 'self' http://api.example:" + PORT + "; report-uri /csp-report?s=two-policies, connect-src http://api.example:" + PORT + "/v1/; report-uri /csp-report?s=two-policies",
    page: '/s/two-policies', kind: 'fetch', target: `http://api.example:${PORT}/v2/items` },
  { name: 'serialisation', csp: "Connect-Src HTTPS://API.Example.COM:443/V1/ 'SELF'  *.Example.com:* http://h.example:80; Report-URI /csp-report?s=serialisation  https://r.example/x",
    page: '/s/serialisation', kind: 'fetch', target: `http://other.test:${PORT}/a%2Fb?c#d` },
];

// probe runs in the page: make the request, then give the browser time to report.
const probe = `async (arg) => {
  try {
    if (arg.kind === 'fetch') { fetch(arg.target).catch(() => {}); }
    else if (arg.kind === 'xhr') { const x = new XMLHttpRequest(); x.open('GET', arg.target); x.send(); }
    else if (arg.kind === 'websocket') { new WebSocket(arg.target); }
  } catch (e) {}
  await new Promise((r) => setTimeout(r, 500));
  return { ok: true };
}`;

const received = new Map(); // scenario -> [{contentType, body}]

const server = http.createServer((req, res) => {
  const u = new URL(req.url, origin);
  if (req.method === 'POST' && u.pathname === '/csp-report') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const s = u.searchParams.get('s');
      if (!received.has(s)) received.set(s, []);
      received.get(s).push({ contentType: req.headers['content-type'] || '', body });
      res.writeHead(204).end();
    });
    return;
  }
  const sc = scenarios.find((x) => u.pathname === '/s/' + x.name);
  if (sc) {
    const h = { 'Content-Type': 'text/html; charset=utf-8' };
    if (sc.csp) h['Content-Security-Policy'] = sc.csp;
    if (sc.cspro) h['Content-Security-Policy-Report-Only'] = sc.cspro;
    res.writeHead(200, h).end('<!doctype html><title>report probe</title><body>probe</body>');
    return;
  }
  res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
});

async function waitFor(name, n, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end && (received.get(name) || []).length < n) await new Promise((r) => setTimeout(r, 100));
}

async function record(browserName) {
  const { launch } = await import(`./drivers/${browserName}.js`);
  const b = await launch();
  const lines = [];
  try {
    for (const sc of scenarios) {
      const pageURL = origin + sc.page;
      await b.evaluate(pageURL, probe, { kind: sc.kind, target: sc.target }, 30000);
      await waitFor(sc.name, sc.name === 'two-policies' ? 2 : 1, 5000);
      for (const r of received.get(sc.name) || []) {
        lines.push(JSON.stringify({ scenario: sc.name, browser: b.name, version: b.version, page: pageURL,
          csp: sc.csp || '', cspro: sc.cspro || '', kind: sc.kind, target: sc.target,
          contentType: r.contentType, body: r.body }));
      }
      received.delete(sc.name);
    }
  } finally {
    await b.close();
  }
  const out = path.join(here, '..', 'testdata', 'reports', 'recorded', `${browserName}.jsonl`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${browserName}: ${lines.length} reports -> ${out}`);
}

await new Promise((r) => server.listen(PORT, '127.0.0.1', r));
try {
  for (const name of process.argv.slice(2)) await record(name);
} finally {
  server.close();
}
