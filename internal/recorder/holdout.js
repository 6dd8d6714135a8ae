// Holdout case generator: a second, independent set of connect-src cases that tests whether
// the library's browser models generalise beyond the cases they were fitted to.
//
//   node gen.js --holdout [--seed N] [--out FILE]   (default: holdout-cases.jsonl next to gen.js)
//
// It shares nothing with the main set but the case format and the loopback server: other page
// hosts, other source and target hosts, its own seed, and shapes the main set does not have —
// real-site-shaped policies with long allowlists, several policies at once (comma-joined and
// report-only + enforce), redirects out of path-restricted sources and across origins,
// upgrade-insecure-requests in every placement with every request kind, ws:/wss: sources with
// every kind, `*:port` and `scheme://*:*`, explicit default ports, leading-zero ports,
// trailing dots, IDN/punycode mixes, upper case and tab/multi-space whitespace. Ids are h000001…
// so they never collide with the main set's c000001….
import { domainToUnicode } from 'node:url';
import { mulberry32, KINDS, flatten } from './rng.js';

export const HOLDOUT_SEED = 5150977;

// Pages: every one is served by server.js (ports 80, 443, 8000, 8443 on loopback). None of
// these page origins appears in the main set.
export const HOLDOUT_PAGES = [
  'https://www.shop.test/cart/checkout',
  'http://www.shop.test/',
  'https://app.saas.test:8443/dashboard/',
  'http://dev.saas.test:8000/',
  'http://127.0.0.1/index.html',
  'https://127.0.0.1:8443/',
  'http://localhost/',
  'https://localhost/app/',
  'https://xn--mnchen-3ya.test/stadt/',
  'https://news.portal.test/2026/11/story.html',
  'http://news.portal.test:8000/amp/',
  'https://WWW.Shop.TEST:443/account/',
  'http://legacy.portal.test:80/',
];

const wsOf = (u) => u.replace(/^http(s?):/i, (m, s) => (m === m.toLowerCase() ? `ws${s}:` : `WS${s.toUpperCase()}:`));

function pick(rnd, arr) {
  return arr[Math.floor(rnd() * arr.length)];
}

function sample(rnd, arr, n) {
  const a = [...arr];
  const out = [];
  while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]);
  return out;
}

// kindsOf gives the request kinds for a target: every kind (websocket gets the ws form of an
// http URL half the time), or a random subset of them.
function kindsOf(rnd, target, every) {
  const kinds = every ? [...KINDS] : sample(rnd, KINDS, 1 + Math.floor(rnd() * 2.5));
  return kinds.map((k) => {
    if (k === 'websocket' && /^https?:/i.test(target) && rnd() < 0.5) return [k, wsOf(target)];
    return [k, target];
  });
}

// Real-site-shaped policies: long allowlists, CDN wildcards, wss endpoints, API hosts.
const SITE_POLICIES = [
  "default-src 'self'; script-src 'self' https://*.shopcdn.test; connect-src 'self' https://api.shop.test " +
    'https://*.metrics-hold.test wss://live.shop.test:8443 https://o4505.ingest.errors.test; img-src * data:',
  "default-src 'none'; connect-src 'self' https://api.saas.test:8443 https://*.cdn.saas.test wss://*.rt.saas.test " +
    'https://uploads.store.test/bucket-7/; report-uri /csp-report',
  'connect-src https://*.adnet.test https://pixel.tracker.test:443 https://*.adsrv.test https://securepubads.adsrv.test ' +
    'https://cdn.amp.test http://legacy.portal.test:8000 *.portal.test https://*.video-cdn.test:*',
  "connect-src 'self' wss: https://*.chat.test",
  "connect-src 'self' http://localhost:* ws://localhost:* http://127.0.0.1:* ws://127.0.0.1:*",
  "default-src 'self' gov.test *.gov.test; connect-src 'self' *.gov.test:443 https://stats.gov.test:8443/collect/ " +
    'https://maps.gov.test/tiles/',
  "connect-src 'self' https://münchen.test https://*.xn--mnchen-3ya.test https://пример.test wss://xn--e1afmkfd.test",
  'connect-src https://api.paths.test/v1/ https://api.paths.test/v2/users https://files.paths.test/a%20b/ ' +
    'https://files.paths.test/x%2Fy/ https://files.paths.test/%2E%2E/up/',
  "connect-src 'self' https://cdn1.cdnhost.test https://*.cdnhost.test:* https://edge-*.cdnhost.test http://*.cdnhost.test:8000",
  "\tCONNECT-SRC\t\t'SELF'   HTTPS://API.Case.TEST:443\t WSS://Stream.Case.TEST ;  DEFAULT-SRC 'NONE' ",
  "script-src 'nonce-r4nd0m' 'strict-dynamic'; connect-src 'self' 'unsafe-eval' 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' " +
    'https://api.kw.test blob: data:',
  'connect-src *:8443 https://*:* ws://*:8000',
  "default-src https: wss: 'unsafe-inline'; object-src 'none'; base-uri 'self'",
  "connect-src 'self' https://api.shop.test:443 http://api.shop.test:80 wss://live.shop.test:443 ws://live.shop.test:80",
  "connect-src https://api.shop.test. https://*.metrics-hold.test. https://cdn1.cdnhost.test:0443 https://cdn1.cdnhost.test:008443",
  'connect-src http: ws:',
  "connect-src 'self'; connect-src https://api.shop.test; default-src *",
];

// Targets the site policies are probed with: hits and near misses of the hosts above.
const SITE_TARGETS = [
  'https://api.shop.test/v2/cart', 'http://api.shop.test/', 'https://api.shop.test:443/x', 'https://api.shop.test:8443/',
  'https://API.SHOP.TEST/', 'https://api.shop.test./', 'https://shop.test/', 'https://www.shop.test/ok',
  'http://www.shop.test/ok', 'https://eu.metrics-hold.test/collect', 'https://metrics-hold.test/collect',
  'https://a.b.metrics-hold.test/c', 'wss://live.shop.test:8443/socket', 'wss://live.shop.test/socket',
  'https://live.shop.test:8443/socket', 'ws://live.shop.test:8443/', 'https://o4505.ingest.errors.test/api/1/envelope/',
  'https://api.saas.test:8443/graphql', 'https://api.saas.test/graphql', 'https://img.cdn.saas.test/a.png',
  'https://cdn.saas.test/', 'wss://eu1.rt.saas.test/ws', 'ws://eu1.rt.saas.test/ws', 'https://eu1.rt.saas.test/',
  'https://uploads.store.test/bucket-7/file.bin', 'https://uploads.store.test/bucket-8/file.bin',
  'https://uploads.store.test/bucket-7', 'https://pixel.tracker.test/p.gif', 'http://pixel.tracker.test/p.gif',
  'https://x.adsrv.test/ad', 'https://securepubads.adsrv.test/gampad', 'https://adsrv.test/',
  'http://legacy.portal.test:8000/feed', 'https://legacy.portal.test:8000/feed', 'http://legacy.portal.test/feed',
  'http://www.portal.test/', 'https://www.portal.test/', 'https://news.portal.test/live', 'https://eu.video-cdn.test:9443/m3u8',
  'https://chat.test/', 'https://eu.chat.test/poll', 'wss://eu.chat.test/', 'ws://eu.chat.test/', 'wss://anything.example.net/',
  'http://localhost:3000/hmr', 'ws://localhost:3000/hmr', 'http://127.0.0.1:5173/', 'ws://127.0.0.1:24678/',
  'http://localhost/', 'https://localhost:8443/', 'https://stats.gov.test:8443/collect/e', 'https://stats.gov.test/collect/e',
  'https://stats.gov.test:8443/collect', 'https://maps.gov.test/tiles/1/2/3.png', 'https://maps.gov.test/tile',
  'https://www.gov.test/', 'http://www.gov.test/', 'https://gov.test/', 'https://münchen.test/api', 'https://xn--mnchen-3ya.test/',
  'https://MÜNCHEN.test/', 'https://bahn.münchen.test/', 'https://пример.test/', 'wss://пример.test/', 'https://xn--e1afmkfd.test/',
  'https://api.paths.test/v1/items', 'https://api.paths.test/v1', 'https://api.paths.test/v2/users', 'https://api.paths.test/v2/users/7',
  'https://api.paths.test/V1/items', 'https://files.paths.test/a%20b/c', 'https://files.paths.test/a b/c',
  'https://files.paths.test/x%2Fy/z', 'https://files.paths.test/x/y/z', 'https://files.paths.test/x%2fy/z',
  'https://files.paths.test/%2E%2E/up/f', 'https://files.paths.test/up/f', 'https://files.paths.test/%2e%2e/up/f',
  'https://cdn1.cdnhost.test/lib.js', 'https://cdn1.cdnhost.test:0443/lib.js', 'https://cdn2.cdnhost.test:8443/',
  'https://edge-7.cdnhost.test/', 'http://cdn2.cdnhost.test:8000/', 'http://cdn2.cdnhost.test/', 'https://api.case.test/',
  'https://API.CASE.TEST:443/', 'wss://stream.case.test/', 'https://stream.case.test/', 'https://api.kw.test/',
  'https://any.where.test:8443/', 'http://any.where.test:8443/', 'https://any.where.test/', 'ws://any.where.test:8000/',
  'wss://any.where.test:8000/', 'http://any.where.test:8000/', 'https://any.where.test:9999/', 'ftp://any.where.test/',
  'data:application/json,{}', '/relative/ok', 'https://api.shop.test:00443/', 'https://cdn1.cdnhost.test:8443/',
];

// mentions: does the policy name the target's site (its last two host labels, in ASCII or
// Unicode form)? Used only to aim most targets of a site policy at its own hosts.
function mentions(policy, target) {
  let host;
  try { host = new URL(target, 'https://www.shop.test/').hostname; } catch { return false; }
  const site = host.replace(/\.$/, '').split('.').slice(-2).join('.');
  const text = policy.toLowerCase();
  return text.includes(site) || text.includes(domainToUnicode(site)) || (host === 'localhost' && text.includes('localhost'));
}

// Source atoms for the systematic block; each is tried with every request kind.
function atoms(h) {
  return [
    'ws:', 'wss:', 'WSS:', 'Ws:', 'http:', 'HTTPS:', '*:8443', '*:80', '*:443', '*:*', 'https://*:*', 'http://*:*',
    'wss://*:*', 'ws://*', 'wss://*', `wss://${h}`, `ws://${h}`, `wss://${h}:443`, `ws://${h}:80`, `wss://${h}:8443`,
    `ws://${h}:8000`, `https://${h}:443`, `http://${h}:80`, `${h}:443`, `${h}:80`, `${h}:8000`, `https://${h}:00443`,
    `https://${h}:8443`, `http://${h}:8000`, `https://${h}.`, `${h}.`, `HTTPS://${h.toUpperCase()}`, `*.${h}`,
    `wss://*.${h}`, `ws://*.${h}:*`, `https://${h}/ws/`, `wss://${h}/ws/`, `https://${h}:*`,
  ];
}

function atomTargets(h) {
  return [
    `https://${h}/`, `http://${h}/`, `wss://${h}/`, `ws://${h}/`, `https://${h}:443/`, `http://${h}:80/`,
    `wss://${h}:443/`, `ws://${h}:80/`, `https://${h}:8443/`, `http://${h}:8000/`, `wss://${h}:8443/`, `ws://${h}:8000/`,
    `https://${h}./`, `wss://${h}./`, `https://${h.toUpperCase()}/`, `WSS://${h}/`, `https://${h}:0443/`,
    `wss://${h}/ws/chat`, `https://${h}/ws/chat`, `https://sub.${h}/`, `wss://sub.${h}/`, `ws://sub.${h}:8000/`,
    `https://${h}:9443/`,
  ];
}

// upgrade-insecure-requests in every placement.
const UIR_PLACEMENTS = [
  { name: 'none', wrap: (p) => ({ policy: p }) },
  { name: 'same', wrap: (p) => ({ policy: `upgrade-insecure-requests; ${p}` }) },
  { name: 'after', wrap: (p) => ({ policy: `${p};upgrade-insecure-requests` }) },
  { name: 'comma', wrap: (p) => ({ policy: `${p}, upgrade-insecure-requests` }) },
  { name: 'report-only', wrap: (p) => ({ policy: p, report_only: 'upgrade-insecure-requests' }) },
  { name: 'upper', wrap: (p) => ({ policy: `UPGRADE-INSECURE-REQUESTS;\t${p}` }) },
  { name: 'both', wrap: (p) => ({ policy: `upgrade-insecure-requests; ${p}`, report_only: `upgrade-insecure-requests; ${p}` }) },
];

export function generateHoldout(seed = HOLDOUT_SEED) {
  const rnd = mulberry32(seed);
  const groups = [];
  const add = (g) => { if (g.targets.length) groups.push(g); };

  // 1. Real-site-shaped policies, alone and combined.
  for (const pol of SITE_POLICIES) {
    const near = SITE_TARGETS.filter((t) => mentions(pol, t));
    for (const page of sample(rnd, HOLDOUT_PAGES, 2)) {
      const g = { policy: pol, page, targets: [] };
      const ts = [...sample(rnd, near, 9), ...sample(rnd, SITE_TARGETS.filter((t) => !near.includes(t)), 3)];
      for (const t of ts) g.targets.push(...kindsOf(rnd, t, false));
      add(g);
    }
  }
  // Several policies: comma-joined enforce pairs, and enforce + report-only mixes.
  for (let i = 0; i < 24; i++) {
    const [a, b] = sample(rnd, SITE_POLICIES, 2);
    const page = pick(rnd, HOLDOUT_PAGES);
    const mode = i % 4;
    const g = { page, targets: [] };
    if (mode === 0) g.policy = `${a}, ${b}`;
    else if (mode === 1) g.policy = `${a},${b}`;
    else if (mode === 2) { g.policy = a; g.report_only = b; }
    else { g.policy = ''; g.report_only = `${a}, ${b}`; }
    const near = SITE_TARGETS.filter((t) => mentions(`${a} ${b}`, t));
    for (const t of [...sample(rnd, near, 7), ...sample(rnd, SITE_TARGETS, 3)]) g.targets.push(...kindsOf(rnd, t, false));
    add(g);
  }

  // 2. Systematic: scheme/port/wildcard atoms, every request kind.
  const atomHosts = ['rt.hold.test', 'xn--e1afmkfd.test', '127.0.0.1', 'localhost'];
  for (const h of atomHosts) {
    for (const atom of atoms(h)) {
      if (h !== 'rt.hold.test' && rnd() < 0.8) continue;
      const structure = pick(rnd, [
        (x) => `connect-src ${x}`, (x) => `default-src ${x}`, (x) => `connect-src  ${x}\t`,
        (x) => `Connect-Src ${x}`, (x) => `default-src 'none'; connect-src ${x}`, (x) => `connect-src ${x}, connect-src ${x} 'self'`,
      ]);
      const page = pick(rnd, HOLDOUT_PAGES);
      const g = { policy: structure(atom), page, targets: [] };
      const th = h === 'localhost' || h === '127.0.0.1' ? h : pick(rnd, [h, h, 'rt.hold.test']);
      for (const t of sample(rnd, atomTargets(th).filter((u) => !(u.includes('sub.') && /^\d/.test(th))), 3)) {
        for (const k of KINDS) g.targets.push([k, t]);
      }
      add(g);
    }
  }

  // 3. upgrade-insecure-requests in every placement, with every kind, against sources that
  //    match the http, the https or neither form of the target.
  const uirSources = ["'self'", 'https:', 'http://up.hold.test', 'https://up.hold.test', 'wss://up.hold.test',
    'ws:', "'self' https://up.hold.test:8443", 'up.hold.test', 'https://localhost http://127.0.0.1'];
  const uirTargets = (page) => {
    const u = new URL(page);
    return [`http://${u.hostname}/ok`, 'http://up.hold.test/x', 'ws://up.hold.test/x', 'http://up.hold.test:80/x',
      'http://up.hold.test:8000/x', 'http://up.hold.test:443/x', 'http://localhost/x', 'http://127.0.0.1:8000/x', 'ws://localhost/x',
      'https://up.hold.test/x'];
  };
  for (const pl of UIR_PLACEMENTS) {
    for (const src of sample(rnd, uirSources, 3)) {
      const page = pick(rnd, ['https://www.shop.test/cart/checkout', 'http://www.shop.test/', 'https://127.0.0.1:8443/',
        'http://news.portal.test:8000/amp/', 'https://localhost/app/', 'http://legacy.portal.test:80/']);
      const g = { ...pl.wrap(`connect-src ${src}`), page, targets: [] };
      for (const t of sample(rnd, uirTargets(page), 4)) for (const k of KINDS) g.targets.push([k, t]);
      add(g);
    }
  }

  // 4. 'self' on IP, localhost, non-default-port and trailing-dot pages.
  const selfPages = ['http://127.0.0.1/index.html', 'https://127.0.0.1:8443/', 'http://localhost/', 'https://localhost/app/',
    'http://dev.saas.test:8000/', 'https://app.saas.test:8443/dashboard/', 'http://news.portal.test:8000/amp/',
    'https://WWW.Shop.TEST:443/account/', 'https://xn--mnchen-3ya.test/stadt/'];
  const selfPolicies = ["connect-src 'self'", "connect-src 'SELF'", "default-src 'self'", "connect-src\t'self'\twss:",
    "connect-src 'self', connect-src *", "connect-src 'self'; connect-src 'none'", "connect-src 'none', connect-src 'self'"];
  for (const page of selfPages) {
    const u = new URL(page);
    const host = u.hostname;
    const port = u.port;
    const dport = u.protocol === 'https:' ? '443' : '80';
    const flip = u.protocol === 'https:' ? 'http:' : 'https:';
    const alt = host === '127.0.0.1' ? 'localhost' : host === 'localhost' ? '127.0.0.1' : `x.${host}`;
    const variants = [
      `${u.protocol}//${host}${port ? ':' + port : ''}/same`, `${u.protocol}//${host}:${port || dport}/explicit`,
      `${flip}//${host}${port ? ':' + port : ''}/flip`, `${flip}//${host}/flipdefault`, `${u.protocol}//${host}:${port ? dport : '8000'}/otherport`,
      `${u.protocol}//${host}.${port ? ':' + port : ''}/dot`, `${u.protocol}//${host.toUpperCase()}${port ? ':' + port : ''}/upper`,
      `${u.protocol}//${alt}${port ? ':' + port : ''}/alt`, `${u.protocol}//${host}:0${port || dport}/zero`,
      `${wsOf(u.protocol)}//${host}${port ? ':' + port : ''}/ws`, `${wsOf(flip)}//${host}${port ? ':' + port : ''}/wsflip`,
      '/rel', '//' + host + (port ? ':' + port : '') + '/protorel',
    ];
    if (host === '127.0.0.1') variants.push(`${u.protocol}//127.1${port ? ':' + port : ''}/short`, `${u.protocol}//0x7f000001${port ? ':' + port : ''}/hex`);
    if (host.startsWith('xn--')) variants.push(`${u.protocol}//münchen.test/unicode`);
    for (const pol of sample(rnd, selfPolicies, 2)) {
      const g = { policy: pol, page, targets: [] };
      for (const t of variants) g.targets.push(...kindsOf(rnd, t, false));
      add(g);
    }
  }

  // 5. Redirects: same-origin 302 first hops to other origins, out of path-restricted sources,
  //    across schemes and ports; and allowed cross-origin first hops through a path.
  const redirectPolicies = [
    "connect-src 'self' https://api.r-hold.test/v1/",
    "connect-src 'self' https://api.r-hold.test/v1/ https://cdn.r-hold.test/assets/app.js",
    "connect-src 'self' https://*.r-hold.test",
    "connect-src 'self' https://api.r-hold.test:8443 http://api.r-hold.test:8000",
    "connect-src 'self' wss: https:",
    "connect-src 'self'",
    "connect-src 'self' https://api.r-hold.test/v1/; upgrade-insecure-requests",
    "connect-src 'self', connect-src https://api.r-hold.test/v1/ 'self'",
  ];
  const dests = ['https://api.r-hold.test/v1/x', 'https://api.r-hold.test/v2/x', 'https://api.r-hold.test/', 'http://api.r-hold.test/v1/x',
    'https://api.r-hold.test:8443/v1/x', 'http://api.r-hold.test:8000/v1/x', 'https://cdn.r-hold.test/assets/app.js',
    'https://cdn.r-hold.test/assets/other.js', 'https://r-hold.test/v1/', 'https://evil.test/v1/x', 'https://API.R-HOLD.TEST/V1/x',
    'https://api.r-hold.test:443/v1/x', 'https://api.r-hold.test./v1/x', 'https://api.r-hold.test/v1/%2E%2E/v2/'];
  const rpages = ['https://www.shop.test/cart/checkout', 'http://dev.saas.test:8000/', 'https://app.saas.test:8443/dashboard/', 'http://127.0.0.1/index.html'];
  for (const pol of redirectPolicies) {
    for (const page of rpages) {
      const origin = new URL(page).origin;
      const g = { policy: pol, page, targets: [] };
      for (const d of sample(rnd, dests, 6)) {
        const k = pick(rnd, ['fetch', 'xhr', 'eventsource', 'beacon', 'fetch', 'xhr']);
        let first = origin;
        const r = rnd();
        if (r < 0.2) first = 'https://api.r-hold.test/v1';
        else if (r < 0.3) first = '';
        const url = `${first}/redirect?to=${encodeURIComponent(d)}`;
        g.targets.push([k, url, d]);
      }
      add(g);
    }
  }

  // 6. Source/target spelling mixes: IDN vs punycode, trailing dots, leading-zero and explicit
  //    default ports, percent-encoded paths, upper case.
  const spell = [
    ['https://münchen.test', ['https://xn--mnchen-3ya.test/', 'https://münchen.test/', 'https://MÜNCHEN.TEST/', 'https://muenchen.test/']],
    ['https://xn--mnchen-3ya.test', ['https://münchen.test/a', 'https://XN--MNCHEN-3YA.test/', 'wss://münchen.test/']],
    ['*.пример.test', ['https://a.xn--e1afmkfd.test/', 'https://xn--e1afmkfd.test/', 'http://a.пример.test/', 'wss://a.пример.test/']],
    ['https://MÜNCHEN.test', ['https://münchen.test/']],
    ['https://dot.hold.test.', ['https://dot.hold.test/', 'https://dot.hold.test./', 'https://DOT.hold.test./']],
    ['https://dot.hold.test', ['https://dot.hold.test./', 'wss://dot.hold.test./']],
    ['*.dot.hold.test.', ['https://a.dot.hold.test./', 'https://a.dot.hold.test/']],
    ['https://zp.hold.test:0443', ['https://zp.hold.test/', 'https://zp.hold.test:443/', 'https://zp.hold.test:0443/']],
    ['https://zp.hold.test:08443', ['https://zp.hold.test:8443/', 'https://zp.hold.test:08443/', 'https://zp.hold.test/']],
    ['http://zp.hold.test:00080', ['http://zp.hold.test/', 'http://zp.hold.test:80/', 'https://zp.hold.test/']],
    ['https://zp.hold.test:443', ['https://zp.hold.test/', 'https://zp.hold.test:443/', 'wss://zp.hold.test/', 'http://zp.hold.test:443/']],
    ['http://zp.hold.test:80', ['http://zp.hold.test/', 'ws://zp.hold.test:80/', 'https://zp.hold.test/', 'https://zp.hold.test:80/']],
    ['zp.hold.test:443', ['https://zp.hold.test/', 'http://zp.hold.test:443/', 'wss://zp.hold.test/']],
    ['https://pe.hold.test/a%2Fb/', ['https://pe.hold.test/a/b/', 'https://pe.hold.test/a%2Fb/c', 'https://pe.hold.test/a%2fb/c']],
    ['https://pe.hold.test/a%20b', ['https://pe.hold.test/a b', 'https://pe.hold.test/a%20b', 'https://pe.hold.test/a+b']],
    ['https://pe.hold.test/%2E/x/', ['https://pe.hold.test/x/', 'https://pe.hold.test/./x/', 'https://pe.hold.test/%2E/x/y']],
    ['https://pe.hold.test/a/b', ['https://pe.hold.test/a/b/', 'https://pe.hold.test/a/b', 'https://pe.hold.test/a/%62', 'https://pe.hold.test/A/B']],
    ['https://pe.hold.test/~user/', ['https://pe.hold.test/~user/x', 'https://pe.hold.test/%7Euser/x']],
    ['HTTPS://UP.HOLD.TEST/API/', ['https://up.hold.test/API/x', 'https://up.hold.test/api/x']],
    ["'SELF' WSS://UP.HOLD.TEST", ['wss://up.hold.test/', 'https://up.hold.test/']],
    ['https://*.up.hold.test:*', ['https://a.up.hold.test:9443/', 'wss://a.up.hold.test:8443/', 'https://up.hold.test:8443/']],
  ];
  for (const [src, targets] of spell) {
    for (const structure of [(x) => `connect-src ${x}`, (x) => `connect-src\t \t${x}  ;`]) {
      const page = pick(rnd, HOLDOUT_PAGES);
      const g = { policy: structure(src), page, targets: [] };
      for (const t of targets) g.targets.push(...kindsOf(rnd, t, rnd() < 0.3));
      add(g);
    }
  }

  // 7. upgrade-insecure-requests with redirects: the first hop is same-origin, the redirect goes
  //    to an http URL whose https form the policy allows (or does not).
  for (const pl of UIR_PLACEMENTS.filter((p) => ['same', 'comma', 'report-only', 'none'].includes(p.name))) {
    for (const page of ['https://www.shop.test/cart/checkout', 'http://www.shop.test/']) {
      const g = { ...pl.wrap("connect-src 'self' https://api.r-hold.test"), page, targets: [] };
      for (const d of ['http://api.r-hold.test/v1/x', 'http://api.r-hold.test:8000/x', 'http://localhost/x']) {
        for (const k of ['fetch', 'xhr', 'eventsource', 'beacon']) {
          g.targets.push([k, `https://www.shop.test/redirect?to=${encodeURIComponent(d)}`, d]);
        }
      }
      add(g);
    }
  }

  return flatten(groups, 'h');
}
