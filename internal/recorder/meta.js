// Records whether real browsers enforce <meta http-equiv="Content-Security-Policy"> policies
// placed in various parts of a document, for csp/html_recorded_test.go:
//
//   node internal/recorder/meta.js chromium [firefox webkit]
//
// writes internal/testdata/meta/recorded/<browser>.jsonl, one line per case:
// {"case", "browser", "version", "page", "doc", "target", "blocked"}. "blocked" is true when
// fetch(target) after load raised an enforce securitypolicyviolation event.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT || 18182);
const origin = `http://app.example:${PORT}`;
const target = `http://other.example:${PORT}/x`;
const meta = (content, equiv = 'Content-Security-Policy') => `<meta http-equiv="${equiv}" content="${content}">`;
const block = meta("connect-src 'self'");

export const cases = [
  { name: 'in-head', doc: `<!doctype html><html><head>${block}</head><body>x</body></html>` },
  { name: 'implied-head', doc: `${block}<p>x` },
  { name: 'in-body', doc: `<!doctype html><html><head></head><body>${block}</body></html>` },
  { name: 'between-head-and-body', doc: `<!doctype html><html><head></head>${block}<body>x</body></html>` },
  { name: 'after-text', doc: `<!doctype html><title>t</title>hello${block}` },
  { name: 'after-div-in-head', doc: `<!doctype html><head><div></div>${block}</head>` },
  { name: 'in-template', doc: `<!doctype html><head><template>${block}</template></head>` },
  { name: 'after-template', doc: `<!doctype html><head><template><p>x</p></template>${block}</head>` },
  { name: 'in-noscript', doc: `<!doctype html><head><noscript>${block}</noscript></head>` },
  { name: 'upper-case', doc: `<!DOCTYPE html><HEAD><META HTTP-EQUIV="content-SECURITY-policy" CONTENT="connect-src 'self'"></HEAD>` },
  { name: 'report-only', doc: `<!doctype html><head>${meta("connect-src 'self'", 'Content-Security-Policy-Report-Only')}</head>` },
  { name: 'empty-content', doc: `<!doctype html><head>${meta('')}</head>` },
  { name: 'second-meta', doc: `<!doctype html><head>${meta('connect-src *')}${block}</head>` },
  { name: 'after-br-end-tag', doc: `<!doctype html><head></br>${block}</head>` },
  { name: 'dropped-directives', doc: `<!doctype html><head>${meta("sandbox; report-uri /r; frame-ancestors 'none'; connect-src 'self'")}</head>` },
  { name: 'comma', doc: `<!doctype html><head>${meta(`connect-src 'self', connect-src ${target.replace('/x', '')}`)}</head>` },
  { name: 'duplicate-attributes', doc: `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="connect-src 'self'" content="connect-src *"></head>` },
];

const probe = `async (target) => {
  let blocked = false;
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.disposition === 'enforce' && e.blockedURI.startsWith(target.slice(0, 20))) blocked = true;
  });
  try { await fetch(target); } catch (e) {}
  await new Promise((r) => setTimeout(r, 300));
  return { blocked };
}`;

const server = http.createServer((req, res) => {
  const u = new URL(req.url, origin);
  const c = cases.find((x) => u.pathname === '/m/' + x.name);
  if (c && u.hostname === 'app.example') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(c.doc);
    return;
  }
  res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
});

async function record(browserName) {
  const { launch } = await import(`./drivers/${browserName}.js`);
  const b = await launch();
  const lines = [];
  try {
    for (const c of cases) {
      const page = `${origin}/m/${c.name}`;
      const out = await b.evaluate(page, probe, target, 30000);
      lines.push(JSON.stringify({ case: c.name, browser: b.name, version: b.version, page, doc: c.doc, target,
        blocked: !!out.blocked }));
    }
  } finally {
    await b.close();
  }
  const file = path.join(here, '..', 'testdata', 'meta', 'recorded', `${browserName}.jsonl`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${browserName}: ${lines.length} cases -> ${file}`);
}

await new Promise((r) => server.listen(PORT, '127.0.0.1', r));
try {
  for (const name of process.argv.slice(2)) await record(name);
} finally {
  server.close();
}
