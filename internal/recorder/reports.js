// Records the CSP violation reports (report-uri, application/csp-report) that real browsers send
// for blocked requests of every destination, for the report package's replay test:
//
//   node internal/recorder/reports.js chromium [firefox ...]
//
// writes internal/testdata/reports/recorded/<browser>.jsonl, one line per report:
// {"scenario", "browser", "version", "page", "csp", "cspro", "dest", "kind", "target",
//  "redirect"?, "contentType", "body"}, body as received. dest is the destination as
// match.ParseDestination names it; kind how the page made the request (a connect kind, or a
// probe.js startLoad kind); redirect, when set, is where the server's 302 for target led (the
// blocked hop). A scenario of which the browser sent no report is one line with an empty body.
// report/recorded_test.go replays them. ONLY=prefix,... records only the scenarios whose names
// start so (OUT=FILE writes them there instead); VERBOSE=1 prints what the load probe saw.
// Every host resolves to 127.0.0.1 (see drivers/); the server listens on PORT (default 18181).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probe as loadProbe } from './probe.js';
import { dataURL } from './dest.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT || 18181);
const origin = `http://app.example:${PORT}`;

// LOADS: probe.js startLoad kind -> the destination (match.ParseDestination's name) and the
// directive a policy names to govern it. Workers must be same-origin (the constructors refuse
// other origins before CSP); service workers need a secure context, so their pages are on
// localhost (a potentially trustworthy origin over http).
const LOADS = {
  script: { dest: 'script', dir: 'script-src' },
  style: { dest: 'style', dir: 'style-src' },
  img: { dest: 'image', dir: 'img-src' },
  font: { dest: 'font', dir: 'font-src' },
  audio: { dest: 'media', dir: 'media-src' },
  video: { dest: 'media', dir: 'media-src' },
  track: { dest: 'track', dir: 'media-src' },
  object: { dest: 'object', dir: 'object-src' },
  embed: { dest: 'object', dir: 'object-src' },
  iframe: { dest: 'frame', dir: 'frame-src' },
  worker: { dest: 'worker', dir: 'worker-src', own: true },
  sharedworker: { dest: 'sharedworker', dir: 'worker-src', own: true },
  serviceworker: { dest: 'serviceworker', dir: 'worker-src', own: true, secure: true },
  manifest: { dest: 'manifest', dir: 'manifest-src' },
  prefetch: { dest: 'prefetch', dir: 'default-src' },
};

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
  ...destScenarios(),
];

// destScenarios: per load kind, a blocked URL with path, query and fragment (another origin; the
// page's own for workers), a fallback to default-src (script-src for workers, so that the page's
// own marker fetch stays allowed), data: and blob: targets, a report-only policy, and a 302 from
// an allowed URL of the page's origin to a blocked one of another origin; for scripts, images,
// frames and objects also a blocked URL of the page's origin and a 302 from an allowed URL of
// another origin.
function destScenarios() {
  const out = [];
  const cross = (k) => `http://cdn.example:${PORT}/assets/${k}/file.bin?q=1&r=%2F#frag`;
  for (const [kind, { dest, dir, own, secure }] of Object.entries(LOADS)) {
    const base = secure ? `http://localhost:${PORT}` : origin;
    const blocked = own ? `/w/${kind}.js?q=1#frag` : cross(kind);
    const add = (suffix, sc) => {
      const name = `${kind}-${suffix}`;
      const ru = `; report-uri /csp-report?s=${name}`;
      out.push({ name, dest, kind, page: `/s/${name}?p=1#top`, base, ...sc,
        csp: sc.csp && sc.csp + ru, cspro: sc.cspro && sc.cspro + ru });
    };
    if (dest !== 'prefetch') add('blocked', { csp: own ? `${dir} 'none'` : `${dir} 'self'`, target: blocked });
    add('fallback', { csp: own ? "default-src 'self'; script-src 'none'" : "default-src 'self'", target: blocked });
    if (kind === 'img') {
      add('credentials', { csp: `${dir} 'self'`, target: `http://user:pw@cdn.example:${PORT}/i.gif?x=1#f` });
    }
    if (!secure) add('data', { csp: `${dir} 'self'`, target: dataURL(kind) });
    add('blob', { csp: `${dir} 'self'`, target: `blob:${base}/00000000-0000-4000-8000-000000000000` });
    add('report-only', { cspro: own ? `${dir} 'none'` : `${dir} 'self'`, target: blocked });
    if (!own) {
      const to = `http://cdn.example:${PORT}/r/${kind}?z=2#h`;
      add('redirect', { csp: `${dir} 'self'`, target: `${base}/redirect?to=${encodeURIComponent(to)}`, redirect: to });
    }
    if (['script', 'img', 'iframe', 'object'].includes(kind)) {
      // a blocked URL of the page's origin, and a 302 from another (allowed) origin
      add('same-origin', { csp: `${dir} 'none'`, target: `/assets/${kind}/same?q=1#frag` });
      const to = `http://evil.example:${PORT}/r/${kind}?z=2#h`;
      add('redirect-cross', { csp: `${dir} 'self' http://cdn.example:${PORT}`,
        target: `http://cdn.example:${PORT}/redirect?to=${encodeURIComponent(to)}`, redirect: to });
    }
  }
  return out;
}

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
// Reports about the load probe's marker fetch, and about the page's favicon (which Firefox
// loads under the page's img-src), are not about the scenario's request: dropped.
const NOT_OURS = ['/marker?', '/favicon.ico"'];

const server = http.createServer((req, res) => {
  const u = new URL(req.url, origin);
  if (req.method === 'POST' && u.pathname === '/csp-report') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const s = u.searchParams.get('s');
      if (NOT_OURS.some((x) => body.includes(x))) { res.writeHead(204).end(); return; }
      if (!received.has(s)) received.set(s, []);
      received.get(s).push({ contentType: req.headers['content-type'] || '', body });
      res.writeHead(204).end();
    });
    return;
  }
  if (u.pathname === '/redirect') {
    res.writeHead(302, { 'Access-Control-Allow-Origin': '*', Location: u.searchParams.get('to') || '/' }).end();
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

// LOAD_ARG: the load probe's timing (probe.js). The marker is a fetch() that no scenario's policy
// blocks; it only gives the load time to report before the probe removes the element.
const LOAD_ARG = { settleMs: 1500, loadMs: 1500, redirectMs: 2500, markerMs: 800, graceMs: 0, marker: 'fetch' };

async function record(browserName) {
  const { launch } = await import(`./drivers/${browserName}.js`);
  const b = await launch();
  const lines = [];
  const only = process.env.ONLY ? process.env.ONLY.split(',') : null;
  try {
    for (const sc of scenarios) {
      if (only && !only.some((o) => sc.name.startsWith(o))) continue;
      const pageURL = (sc.base || origin) + sc.page;
      if (sc.dest) {
        const arg = { ...LOAD_ARG, tag: sc.name, cases: [{ kind: sc.kind, target: sc.target, redirect: !!sc.redirect }] };
        let out;
        try {
          out = await b.evaluate(pageURL, loadProbe.toString(), arg, 30000);
        } catch (e) {
          console.log(`${browserName}: ${sc.name}: ${e.message}`);
        }
        if (process.env.VERBOSE) console.log(sc.name, JSON.stringify(out && out.results));
        await waitFor(sc.name, 1, 1500);
      } else {
        await b.evaluate(pageURL, probe, { kind: sc.kind, target: sc.target }, 30000);
        await waitFor(sc.name, sc.name === 'two-policies' ? 2 : 1, 5000);
      }
    }
    // late reports (Firefox sends frame and object violations from its parent process)
    await new Promise((r) => setTimeout(r, 2000));
    for (const sc of scenarios) {
      if (only && !only.some((o) => sc.name.startsWith(o))) continue;
      const pageURL = (sc.base || origin) + sc.page;
      const reports = received.get(sc.name) || [];
      if (reports.length === 0) {
        // The browser sent none: recorded as one line with an empty body, which the replay
        // checks too (no report is built for it).
        console.log(`${browserName}: no report for ${sc.name}`);
        reports.push({ contentType: '', body: '' });
      }
      for (const r of reports) {
        lines.push(JSON.stringify({ scenario: sc.name, browser: b.name, version: b.version, page: pageURL,
          csp: sc.csp || '', cspro: sc.cspro || '', dest: sc.dest || 'connect', kind: sc.kind, target: sc.target,
          ...(sc.redirect ? { redirect: sc.redirect } : {}), contentType: r.contentType, body: r.body }));
      }
    }
    received.clear();
  } finally {
    await b.close();
  }
  const out = process.env.OUT || path.join(here, '..', 'testdata', 'reports', 'recorded', `${browserName}.jsonl`);
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
