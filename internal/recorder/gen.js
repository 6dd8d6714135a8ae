// Deterministic case generator: near-miss connect-src cases around every matching rule.
//
//   node gen.js [--seed N] [--out FILE]      (default: cases.jsonl next to this file)
//   node gen.js --holdout [--seed N] [--out FILE]   the holdout set (holdout.js; holdout-cases.jsonl)
//   node gen.js --round3 [--seed N] [--out FILE]    the third, exploratory set (round3.js; round3-cases.jsonl)
//   node gen.js --round4 [--seed N] [--out FILE]    the fourth set, issue 14's areas (round4.js; round4-cases.jsonl)
//   node gen.js --dest [--seed N] [--out FILE]      destination loads, issue 12 (dest.js; dest-cases.jsonl)
//   node gen.js --dest2 [--seed N] [--out FILE]     destination corners dest.js misses (dest2.js; dest2-cases.jsonl)
//   node gen.js --inline [--seed N] [--out FILE]    inline code, eval, embedding and forms, issue 13 (inline.js; inline-cases.jsonl)
//
// A case is {id, policy, report_only?, page, kind, target, redirect?}. The same seed always
// gives the same cases, byte for byte, so the cases file is regenerated, never committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, KINDS, flatten } from './rng.js';

export const DEFAULT_SEED = 20261124;
export { mulberry32, KINDS };

// Pages: http and https, default and non-default ports, domain, sub-domain, IP, localhost, IDN.
// Every page origin is served by server.js (ports 80, 443, 8000, 8443).
export const PAGES = [
  'http://example.com/',
  'https://example.com/app/page.html',
  'http://example.com:8000/dir/page',
  'https://example.com:8443/p',
  'http://sub.example.com/index',
  'https://sub.example.com/x/y',
  'http://127.0.0.1:8000/',
  'https://127.0.0.1/',
  'http://localhost:8000/',
  'https://localhost:8443/',
  'https://xn--bcher-kva.example/',
];

// Focus hosts the sources are written around (host as written in a source).
const FOCUS = [
  'example.com', 'sub.example.com', 'example.net', 'api.example.net', 'example.org',
  '127.0.0.1', 'localhost', 'xn--bcher-kva.example', 'a.b.example.org',
];

const isIP = (h) => /^\d+\.\d+\.\d+\.\d+$/.test(h);
const apex = (h) => (isIP(h) || h.split('.').length < 3 ? null : h.split('.').slice(1).join('.'));

// Source-expression templates around a focus host h (and a non-default port np).
function sourceTemplates(h, np) {
  const H = h.toUpperCase();
  const list = [
    `https://${h}`, `http://${h}`, `${h}`, `*.${h}`, `https://*.${h}`, `http://*.${h}`,
    `ws://${h}`, `wss://${h}`, 'ws:', 'wss:', 'https:', 'http:', '*', "'self'",
    `https://${h}:443`, `http://${h}:80`, `http://${h}:443`, `https://${h}:80`, `${h}:443`, `${h}:80`,
    `https://${h}:${np}`, `http://${h}:${np}`, `${h}:${np}`, `https://${h}:*`, `http://${h}:*`, `*.${h}:*`,
    'https://*:*', 'https://*', 'http://*', 'http://*:80', `*.${h}:${np}`, `https://*.${h}:8443`,
    `https://${h}/api`, `https://${h}/api/`, `https://${h}/a/b`, `https://${h}/a%2Fb`, `https://${h}/%61pi/`,
    `https://${h}/a%2E/`, `https://${h}/p?x=1`, `https://${h}/p#f`, `https://${h}/api/?q`, `${h}/api/`,
    `HTTPS://${H}`, `https://${H}/API/`, `https://${h}.`, `${h}.`, `https://${h}:0443`, `https://${h}:0`,
    `https://${h}:99999`, `https://${h}:443/`, `http://${h}:8000/`, "'none'", 'self', "'SELF'", 'data:', 'blob:',
    'ftp:', `ftp://${h}`, `wss://${h}:443`, `ws://${h}:80`, `wss://${h}/api/`, `https://${h}:`,
    `https://user@${h}`, `'unsafe-inline'`, `'foo'`, `"self"`, `http://*:8000`, `*:443`, `https://*.com`,
  ];
  if (h === 'xn--bcher-kva.example') list.push('https://bücher.example', 'bücher.example');
  if (isIP(h)) list.push('10.0.0.1', 'https://10.0.0.1', `https://${h.replace(/\.1$/, '.01')}`, 'https://127.1');
  return list;
}

// Target battery around host h; returns absolute http(s) URLs (schemes chosen per kind later)
// plus a few relative and non-network ones.
function targetPool(h, np, page) {
  const sub = isIP(h) ? null : `sub.${h}`;
  const deep = isIP(h) ? null : `a.b.${h}`;
  const ap = apex(h);
  const pool = [
    `https://${h}/`, `http://${h}/`, `https://${h}:443/`, `http://${h}:80/`, `http://${h}:443/`, `https://${h}:80/`,
    `https://${h}:${np}/`, `http://${h}:${np}/`, `https://${h}:8443/ok`, `http://${h}:8000/ok`, `https://${h}:8000/`,
    `https://${h}/api`, `https://${h}/api/`, `https://${h}/api/x`, `https://${h}/apix`, `https://${h}/a/b`,
    `https://${h}/a%2Fb`, `https://${h}/%61pi/`, `https://${h}/api%2F`, `https://${h}/API/`, `https://${h}/a%2E/`,
    `https://${h}/a/./b`, `https://${h}/%2E%2E/api/`, `https://${h}/p?x=1`, `https://${h}/p#f`, `https://${h}/p?x=2`,
    `https://${h.toUpperCase()}/`, `https://${h}./`, isIP(h) ? `https://${h}0/` : `https://not${h}/`, `https://${h}.evil.test/`,
    `https://user:pw@${h}/`, `http://${h}:0443/`, `https://${h}:0443/`, `https://${h}:08443/`,
    `https://127.0.0.1/`, `http://127.0.0.1:8000/`, `http://localhost:8000/`, `https://localhost/`,
    'data:text/plain,x', `blob:${new URL(page).origin}/00000000-0000-4000-8000-000000000000`,
    '/ok', 'ok', `//${h}/ok`, '?q=1', '#frag', './', `ftp://${h}/`,
  ];
  if (sub) pool.push(`https://${sub}/`, `http://${sub}/`, `https://${sub}:8443/`, `https://SUB.${h}/`);
  if (deep) pool.push(`https://${deep}/`);
  if (ap) pool.push(`https://${ap}/`, `http://${ap}/`);
  if (h === 'xn--bcher-kva.example') pool.push('https://bücher.example/', 'https://BÜCHER.example/');
  if (isIP(h)) pool.push('https://10.0.0.1/', 'https://127.0.0.2/', 'https://127.1/', 'https://0x7f.0.0.1/', 'https://2130706433/');
  return pool;
}

// Directive structures around a source list X.
const NBSP = '\u00a0';
const STRUCTURES = [
  (x) => `connect-src ${x}`,
  (x) => `default-src ${x}`,
  (x) => `default-src 'none'; connect-src ${x}`,
  (x) => `connect-src ${x}; img-src 'self'`,
  (x) => `connect-src 'self' ${x}`,
  (x) => `connect-src 'none' ${x}`,
  (x) => `connect-src ${x}; connect-src 'none'`,
  (x) => `connect-src https://ü.example; connect-src ${x}`,
  (x) => `connect-src https://ü.example ${x}`,
  (x) => `foo-src bar; connect-src ${x};;`,
  (x) => `connect_src ${x}`,
  (x) => `conect-src ${x}; default-src 'self'`,
  (x) => `CONNECT-SRC ${x}`,
  (x) => `connect-src${NBSP}${x}`,
  (x) => `connect-src 'self'${NBSP}${x}`,
  (x) => `connect-src\t${x}\t`,
  (x) => `  connect-src   ${x}  ;  script-src 'none'  `,
  (x) => `connect-src ${x}, connect-src 'self'`,
  (x) => `connect-src ${x}, default-src *`,
  (x) => `default-src ${x}, connect-src *`,
  (x) => `upgrade-insecure-requests; connect-src ${x}`,
  (x) => `connect-src ${x}; upgrade-insecure-requests`,
  (x) => `default-src https: 'self'; connect-src ${x}`,
  (x) => `connect-src ${x} ${x}`,
];

// pickKinds chooses the request kinds for one target, and the URL each kind is given.
function kindsFor(rnd, target) {
  const out = [];
  const http = /^https?:/i.test(target);
  const n = 1 + Math.floor(rnd() * 2.2);
  const kinds = [...KINDS];
  for (let i = 0; i < n && kinds.length; i++) {
    const k = kinds.splice(Math.floor(rnd() * kinds.length), 1)[0];
    let t = target;
    if (k === 'websocket' && http && rnd() < 0.75) t = target.replace(/^http/i, (m) => (m === 'http' ? 'ws' : 'WS'));
    if (k !== 'websocket' && http && rnd() < 0.06) t = target.replace(/^http/i, 'ws');
    out.push([k, t]);
  }
  return out;
}

function sample(rnd, arr, n) {
  const a = [...arr];
  const out = [];
  while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]);
  return out;
}

// The hand-written cases behind the sanity checks and the divergence table rows.
function spotlight() {
  const g = [];
  const all = (t) => KINDS.map((k) => [k, k === 'websocket' ? t.replace(/^http/, 'ws') : t]);
  g.push({ policy: "connect-src 'none'", page: 'https://example.com/app/page.html', targets: all('https://example.com/ok') });
  g.push({ policy: '', page: 'https://example.com/app/page.html', targets: [...all('https://example.com/ok'), ...all('https://example.net/ok')] });
  g.push({ policy: 'connect-src https://a.example.net', page: 'https://example.com/app/page.html',
    targets: [...all('https://a.example.net/'), ...all('https://b.example.net/')] });
  g.push({ policy: '', report_only: "connect-src 'none'", page: 'https://example.com/app/page.html', targets: all('https://example.com/ok') });
  g.push({ policy: "connect-src 'self'", report_only: "connect-src 'none'", page: 'http://example.com/', targets: all('http://example.com/ok') });
  // rows 1-6: 80 -> 443
  g.push({ policy: 'connect-src http://example.net:80', page: 'https://example.com/app/page.html',
    targets: [...all('https://example.net/'), ...all('http://example.net:443/'), ...all('http://example.net/')] });
  g.push({ policy: 'connect-src http://*:80', page: 'https://example.com/app/page.html', targets: all('https://x.example.net/') });
  g.push({ policy: 'connect-src http://example.net', page: 'http://example.com/', targets: [...all('http://example.net:443/'), ...all('https://example.net/')] });
  g.push({ policy: 'connect-src http://example.net:443', page: 'https://example.com/app/page.html', targets: all('https://example.net/') });
  g.push({ policy: 'connect-src example.net:443', page: 'http://example.com/', targets: all('https://example.net/') });
  // rows 7-17: ws/wss
  for (const src of ['ws:', 'wss://example.net', 'https://example.net', 'https:', '*', "'self'"]) {
    g.push({ policy: `connect-src ${src}`, page: 'https://example.com/app/page.html',
      targets: [['fetch', 'https://example.net/'], ['websocket', 'wss://example.net/'], ['websocket', 'ws://example.net/'],
        ['websocket', 'https://example.net/'], ['websocket', 'wss://example.com/'], ['fetch', 'https://example.com/'],
        ['fetch', 'ftp://example.net/'], ['xhr', 'ftp://example.net/'], ['fetch', 'wss://example.net/']] });
    g.push({ policy: `connect-src ${src}`, page: 'http://example.com:8000/dir/page',
      targets: [['websocket', 'ws://example.com:8000/'], ['fetch', 'https://example.com:8000/'], ['websocket', 'wss://example.com/'],
        ['fetch', 'https://example.com/'], ['websocket', 'ws://example.net/'], ['xhr', 'http://example.net/']] });
  }
  // rows 41: http->https on the same non-default port, also after a redirect
  g.push({ policy: "connect-src http://example.net:8000 'self'", page: 'https://example.com/app/page.html',
    targets: [['fetch', 'https://example.net:8000/'], ['xhr', 'https://example.net:8000/'],
      ['fetch', 'https://example.com/redirect?to=' + encodeURIComponent('https://example.net:8000/ok'), 'https://example.net:8000/ok']] });
  return g;
}

// generate returns the full, deterministic case list.
export function generate(seed = DEFAULT_SEED) {
  const rnd = mulberry32(seed);
  const groups = [];
  for (const s of spotlight()) groups.push(s);

  // Template × structure × page groups with a sampled target battery.
  let si = 0;
  for (const h of FOCUS) {
    const np = [8000, 8443, 8080][Math.floor(rnd() * 3)];
    const templates = sourceTemplates(h, np);
    for (const tpl of templates) {
      // every template for the main hosts, a sample of them for the others
      if (!['example.net', '127.0.0.1', 'xn--bcher-kva.example'].includes(h) && rnd() < 0.5) continue;
      for (let rep = 0; rep < 1; rep++) {
        const structure = rnd() < 0.4 ? STRUCTURES[0] : STRUCTURES[si++ % STRUCTURES.length];
        let x = tpl;
        if (rnd() < 0.2) x = `${x} ${sourceTemplates(h, np)[Math.floor(rnd() * templates.length)]}`;
        const page = PAGES[Math.floor(rnd() * PAGES.length)];
        const policy = structure(x);
        const group = { policy, page, targets: [] };
        if (rnd() < 0.07) { group.report_only = policy; group.policy = rnd() < 0.5 ? '' : "connect-src 'self'"; }
        const pool = targetPool(h, np, page);
        const n = 9 + Math.floor(rnd() * 6);
        for (const t of sample(rnd, pool, n)) for (const kt of kindsFor(rnd, t)) group.targets.push(kt);
        groups.push(group);
      }
    }
  }

  // 'self' against the page's own origin variants, for every page.
  for (const page of PAGES) {
    const u = new URL(page);
    const other = u.protocol === 'https:' ? 'http' : 'https';
    const host = u.hostname;
    const port = u.port;
    const targets = [
      page, `${other}://${host}/`, `${u.protocol}//${host}:${port || (u.protocol === 'https:' ? 443 : 80)}/`,
      `${other}://${host}:${port || (u.protocol === 'https:' ? 443 : 80)}/`, `${u.protocol}//${host}:1234/`,
      isIP(host) ? `${u.protocol}//127.0.0.2/` : `${u.protocol}//sub.${host}/`, '/ok', `${u.protocol}//${host.toUpperCase()}${port ? ':' + port : ''}/ok`,
    ];
    for (const pol of ["connect-src 'self'", "default-src 'self'", "connect-src self", "connect-src 'self' 'none'",
      "connect-src 'none'", 'connect-src', 'connect-src ;', "connect-src *", "connect-src 'self'; upgrade-insecure-requests"]) {
      const group = { policy: pol, page, targets: [] };
      for (const t of targets) {
        group.targets.push(['fetch', t]);
        const ws = t.startsWith('/') ? t : t.replace(/^http/, 'ws');
        group.targets.push(['websocket', ws]);
        if (rnd() < 0.5) group.targets.push([KINDS[1 + Math.floor(rnd() * 4)], t]);
      }
      groups.push(group);
    }
  }

  // Redirects: the first hop is same-origin (or an allowed other origin); the second hop is a near miss.
  const redirectSources = ["'self' https://example.net/api/", "'self' http://example.net:80", "'self' http://example.net:8000",
    "'self' https://*.example.net", "'self' *", "'self' https:", "'self' https://example.net/x/y",
    "'self' https://api.example.net:8443 https://example.org", "https://api.example.net:8443 'self'"];
  const dests = ['https://example.net/api/', 'https://example.net/other', 'https://example.net:443/x', 'http://example.net/',
    'https://example.net:8000/', 'http://example.net:8000/', 'https://sub.example.net/', 'https://example.org/',
    'https://example.net/x/y', 'https://example.net/x/z', 'https://api.example.net:8443/', 'https://127.0.0.1/',
    'http://example.net:8443/'];
  for (const src of redirectSources) {
    for (const page of ['https://example.com/app/page.html', 'http://example.com:8000/dir/page', 'http://example.com/']) {
      const origin = new URL(page).origin;
      const group = { policy: `connect-src ${src}`, page, targets: [] };
      for (const d of sample(rnd, dests, 5)) {
        const k = ['fetch', 'xhr', 'eventsource', 'fetch', 'xhr', 'beacon'][Math.floor(rnd() * 6)];
        const first = rnd() < 0.25 ? 'https://api.example.net:8443' : origin;
        group.targets.push([k, `${first}/redirect?to=${encodeURIComponent(d)}`, d]);
      }
      groups.push(group);
    }
  }

  return flatten(groups, 'c');
}

// The command line runs after this module has finished loading (sets.js imports it back).
async function main(args) {
  const { SETS, setFromFlag } = await import('./sets.js');
  const set = args.map(setFromFlag).find(Boolean) || SETS.main;
  const seedAt = args.indexOf('--seed');
  const outAt = args.indexOf('--out');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : set.seed;
  const out = outAt >= 0 ? args[outAt + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), set.casesFile);
  const cases = set.generate(seed);
  fs.writeFileSync(out, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const kinds = {};
  for (const c of cases) kinds[c.kind] = (kinds[c.kind] || 0) + 1;
  console.error(`wrote ${cases.length} cases to ${out} (seed ${seed}) ${JSON.stringify(kinds)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => { console.error(e); process.exit(1); });
}
