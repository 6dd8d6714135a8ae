// Destination case generator (issue 12): loads of every destination CSP governs, made the way a
// page makes them, with near misses around each destination's directive fallback chain and the
// connect-side switches that carry over (ports, paths, wildcards, IP hosts, 'self', *, scheme
// sources, data: and blob:, upgrade-insecure-requests and mixed content, 302 redirects).
//
//   node gen.js --dest [--seed N] [--out FILE]   (default: dest-cases.jsonl next to gen.js)
//   node record.js <browser> --dest --out DIR    (DIR/dest.jsonl and DIR/dest-meta.json)
//
// A case is {id, policy, report_only?, page, dest, kind, target, redirect?}: dest is the
// destination as match.ParseDestination names it, kind the way the probe loads it (probe.js
// startLoad). Ids are d000001…; every host is under dt.test or a loopback literal. Every http(s)
// target carries its case id as a query parameter (k=<id>; a redirect's first hop c=<id>), so the
// server logs which case reached it (the record's `reached`) and answers with a body the kind can
// use. CSP matches paths, never queries, so the parameter changes no verdict.
//
//  1. Fallback chains: each destination's CSP3 chain (script-src-elem → script-src → default-src,
//     worker-src → child-src → script-src → default-src, frame-src → child-src → default-src,
//     ...) plus the directives an engine might use instead (script-src-attr, style-src-attr,
//     prefetch-src, child-src for objects, img-src for media...), every subset present, each
//     allowing or not.
//  2. Source near misses per destination: host, scheme-less, wildcard, port (default, other, *,
//     leading zero), path (prefix, exact, case, escapes), trailing dot, upper case, 'self', *,
//     scheme sources, IP literals, in the effective directive, a fallback or default-src.
//  3. upgrade-insecure-requests and mixed content: http:// loads from https and http pages, to
//     plain, same-host and loopback hosts, against https:, http:, host and 'self' sources, with
//     and without the directive (and block-all-mixed-content).
//  4. data: and blob: per destination against *, data:, blob:, 'self', https:, 'none'.
//  5. * and 'self' per destination from http, https, other-port and loopback pages.
//  6. Same-origin 302s to allowed, blocked and path-restricted targets per destination.
import { mulberry32 } from './rng.js';

export const DEST_SEED = 12121212;

// KINDS: destination -> the ways the probe loads it.
export const DEST_KINDS = {
  script: ['script'], style: ['style'], image: ['img'], font: ['font'], media: ['audio', 'video', 'track'],
  object: ['object', 'embed'], frame: ['iframe'], worker: ['worker'], sharedworker: ['sharedworker'],
  serviceworker: ['serviceworker'], manifest: ['manifest'], prefetch: ['prefetch'],
};
export const WORKERS = ['worker', 'sharedworker', 'serviceworker'];

// CHAINS: destination -> the directives that may govern it (CSP3's fallback list first), and
// near misses (directives some engine might use instead, or that must not count).
export const CHAINS = {
  script: [['script-src-elem', 'script-src', 'default-src'], ['script-src-attr', 'worker-src']],
  style: [['style-src-elem', 'style-src', 'default-src'], ['style-src-attr']],
  image: [['img-src', 'default-src'], ['media-src']],
  font: [['font-src', 'default-src'], ['style-src']],
  media: [['media-src', 'default-src'], ['img-src']],
  object: [['object-src', 'default-src'], ['child-src', 'frame-src']],
  frame: [['frame-src', 'child-src', 'default-src'], ['worker-src']],
  worker: [['worker-src', 'child-src', 'script-src', 'default-src'], ['script-src-elem']],
  sharedworker: [['worker-src', 'child-src', 'script-src', 'default-src'], ['script-src-elem']],
  serviceworker: [['worker-src', 'child-src', 'script-src', 'default-src'], ['script-src-elem']],
  manifest: [['manifest-src', 'default-src'], ['img-src']],
  prefetch: [['prefetch-src', 'default-src'], ['script-src', 'img-src']],
};

const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
function wavB64() {
  const n = 64;
  const b = Buffer.alloc(44 + n, 128);
  b.write('RIFF', 0); b.writeUInt32LE(36 + n, 4); b.write('WAVE', 8); b.write('fmt ', 12);
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28); b.writeUInt16LE(1, 32); b.writeUInt16LE(8, 34); b.write('data', 36); b.writeUInt32LE(n, 40);
  return b.toString('base64');
}
const JS = "try{postMessage('ok')}catch(e){}";

// dataURL: a data: URL each kind can use.
export function dataURL(kind) {
  switch (kind) {
    case 'script': case 'worker': case 'sharedworker': case 'serviceworker': return 'data:text/javascript,' + encodeURIComponent(JS);
    case 'style': return 'data:text/css,p%7B%7D';
    case 'img': return `data:image/gif;base64,${GIF}`;
    case 'font': return 'data:font/woff2;base64,AAAA';
    case 'audio': case 'video': return `data:audio/wav;base64,${wavB64()}`;
    case 'track': return 'data:text/vtt,WEBVTT%0A%0A';
    case 'object': case 'embed': case 'iframe': return 'data:text/html,%3Cp%3Eok';
    case 'manifest': return 'data:application/manifest+json,%7B%7D';
    default: return 'data:text/plain,ok';
  }
}
const blobOf = (page) => `blob:${new URL(page).origin}/00000000-0000-4000-8000-000000000000`;

// withId adds k=<id> to an http(s) URL's query (before any fragment); other URLs stay as they are.
export function withId(url, id, param = 'k') {
  if (/^(data|blob):/i.test(url)) return url;
  const hash = url.indexOf('#');
  const [base, frag] = hash >= 0 ? [url.slice(0, hash), url.slice(hash)] : [url, ''];
  return `${base}${base.includes('?') ? '&' : '?'}${param}=${id}${frag}`;
}

export function sample(rnd, arr, n) {
  const a = [...arr];
  const out = [];
  while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]);
  return out;
}
export const pick = (rnd, arr) => arr[Math.floor(rnd() * arr.length)];

const CDN = 'cdn.dt.test';
const PAGE_HTTPS = 'https://dt.test/';
const PAGES = ['https://dt.test/', 'http://dt.test/', 'https://dt.test:8443/app/', 'http://dt.test:8000/',
  'https://sub.dt.test/p', 'https://127.0.0.1/', 'http://localhost:8000/', 'http://127.0.0.1:8000/'];

// Sources around a host h (with a non-default port np) for the near-miss part.
function sources(h, np) {
  const H = h.toUpperCase();
  const parent = /^[\d.]+$/.test(h) ? 'dt.test' : h.split('.').slice(1).join('.');
  return [
    `https://${h}`, `http://${h}`, h, `*.${parent}`, `https://*.${parent}`, `*.${h}`, 'https:', 'http:', '*', "'self'",
    `https://${h}:443`, `http://${h}:80`, `https://${h}:${np}`, `${h}:${np}`, `https://${h}:*`, 'https://*:*', 'https://*',
    'http://*', `https://${h}/lib/`, `https://${h}/lib`, `https://${h}/lib/x.js`, `https://${h}/LIB/`, `https://${h}/l%69b/`,
    `${h}/lib/`, `https://${h}.`, `HTTPS://${H}`, `https://${h}:0443`, '*:443', `https://${h}/lib/?q`, `https://${h}#f`,
    'ws:', `wss://${h}`, "'none'", 'data:', `http://${h}:443`, `http://${h}:${np}`, `https://${h}:80`,
  ];
}

// Targets around host h: paths and ports a load might ask for.
function targets(h, np) {
  const ip = /^[\d.]+$/.test(h);
  const parent = ip ? '' : h.split('.').slice(1).join('.');
  const list = [
    `https://${h}/lib/x.js`, `http://${h}/lib/x.js`, `https://${h}:${np}/lib/x.js`, `http://${h}:8000/lib/x.js`,
    `https://${h}/lib`, `https://${h}/lib/`, `https://${h}/libx`, `https://${h}/LIB/x`, `https://${h}/l%69b/x`,
    `https://${h}/lib%2Fx`, ip ? 'https://127.0.0.2/x' : `https://sub.${h}/x`, `https://${h.toUpperCase()}/lib/x`, `https://${h}./x`,
    `https://other.dt.test/x`, `https://127.0.0.1/x`, `https://localhost:8443/x`, `https://${h}:443/x`,
    `https://${h}/lib/x.js?q=1`, `http://${h}:443/x`,
  ];
  if (parent) list.push(`https://${parent}/x`);
  return list;
}

// generateDest returns the cases in a fixed order for a seed.
export function generateDest(seed = DEST_SEED) {
  const rnd = mulberry32(seed);
  const cases = [];
  const seen = new Set();
  // add appends one case (dest, kind) unless it is there already. redirect: a same-origin first
  // hop (the page's origin) to that URL.
  const add = (policy, page, dest, kind, target, extra = {}) => {
    const key = JSON.stringify([policy, extra.report_only || '', page, kind, target, extra.redirect || '']);
    if (seen.has(key)) return;
    seen.add(key);
    const id = 'd' + String(cases.length + 1).padStart(6, '0');
    const c = { id, policy };
    if (extra.report_only) c.report_only = extra.report_only;
    c.page = page;
    // A <track>'s Fetch destination is "track", apart from audio and video (mixed content
    // upgrades those, never a track), though media-src governs all three.
    c.dest = kind === 'track' ? 'track' : dest;
    c.kind = kind;
    if (extra.redirect) {
      const to = withId(extra.redirect, id);
      c.target = `${new URL(page).origin}/redirect?to=${encodeURIComponent(to)}&c=${id}`;
      c.redirect = to;
    } else {
      c.target = withId(target, id);
    }
    cases.push(c);
  };
  // kindsOf: the kinds a destination is loaded with (media and object: a sample of them).
  const kindsOf = (dest, n = 1) => (DEST_KINDS[dest].length <= n ? DEST_KINDS[dest] : sample(rnd, DEST_KINDS[dest], n));
  // a worker script must be same-origin (or data:): worker loads go to the page's origin.
  const sameOrigin = (page, path) => new URL(path, page).href;
  const isWorker = (d) => WORKERS.includes(d);

  // 1. Fallback chains: every subset of the chain and its near misses, each directive allowing
  //    the target (a host source for it) or not (another host, or 'none').
  for (const [dest, [chain, near]] of Object.entries(CHAINS)) {
    const names = [...chain, ...near];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const present = names.filter((_, i) => mask & (1 << i));
      for (let rep = 0; rep < 2; rep++) {
        const page = isWorker(dest) ? pick(rnd, ['https://dt.test/', 'http://dt.test:8000/']) : PAGE_HTTPS;
        const target = isWorker(dest) ? sameOrigin(page, '/lib/w.js') : `https://${CDN}/lib/x`;
        const allow = isWorker(dest) ? new URL(page).origin : `https://${CDN}`;
        const policy = present.map((n) => `${n} ${rnd() < 0.5 ? allow : rnd() < 0.5 ? "'none'" : 'https://other.dt.test'}`).join('; ');
        for (const k of kindsOf(dest)) add(policy, page, dest, k, target);
      }
    }
    // each directive alone, allowing and denying, and the chain in reverse order
    for (const n of names) {
      for (const v of ['*', "'none'"]) {
        const page = isWorker(dest) ? 'https://dt.test/' : PAGE_HTTPS;
        const target = isWorker(dest) ? sameOrigin(page, '/lib/w.js') : `https://${CDN}/lib/x`;
        for (const k of DEST_KINDS[dest]) add(`${n} ${v}`, page, dest, k, target);
        for (const k of DEST_KINDS[dest]) add(`default-src 'none'; ${n} ${v}`, page, dest, k, target);
      }
    }
  }

  // 2. Source near misses per destination, in the effective directive, a fallback or default-src.
  for (const [dest, [chain]] of Object.entries(CHAINS)) {
    const perDest = isWorker(dest) ? 70 : dest === 'manifest' || dest === 'prefetch' ? 50 : 110;
    for (let i = 0; i < perDest; i++) {
      const page = isWorker(dest) ? pick(rnd, ['https://dt.test/', 'https://dt.test:8443/app/', 'http://dt.test:8000/', 'https://127.0.0.1/', 'http://localhost:8000/'])
        : pick(rnd, PAGES);
      const ph = new URL(page).hostname;
      const h = isWorker(dest) ? ph : pick(rnd, [CDN, CDN, CDN, '127.0.0.1', 'dt.test']);
      const np = isWorker(dest) ? Number(new URL(page).port) || 8443 : 8443;
      let src = pick(rnd, sources(h, np));
      if (rnd() < 0.15) src = `${src} ${pick(rnd, sources(h, np))}`;
      const dir = rnd() < 0.5 ? chain[0] : pick(rnd, chain);
      const policy = rnd() < 0.1 ? `default-src 'none'; ${dir} ${src}` : `${dir} ${src}`;
      const origin = new URL(page).origin;
      // a worker script must be same-origin (a few cross-origin ones: refused by the constructor)
      const pool = isWorker(dest)
        ? [`${origin}/lib/x.js`, `${origin}/x.js`, `${origin}/LIB/x.js`, `${origin}/l%69b/x.js`, '/lib/w.js',
          `${origin}/lib`, `${origin}/lib%2Fx.js`, `${origin}/lib/x.js?q=1`, `https://${CDN}/lib/x.js`]
        : targets(h, np);
      const report = rnd() < 0.05;
      for (const target of sample(rnd, pool, 3)) {
        for (const k of kindsOf(dest)) {
          if (report) add('', page, dest, k, target, { report_only: policy });
          else add(policy, page, dest, k, target);
        }
      }
    }
  }

  // 3. upgrade-insecure-requests and mixed content.
  const mixedSources = ['https:', 'http:', `https://${CDN}`, `http://${CDN}`, CDN, "'self'", '*', `https://${CDN} http://127.0.0.1:8000`];
  for (const dest of Object.keys(CHAINS)) {
    for (const page of ['https://dt.test/', 'http://dt.test/', 'http://127.0.0.1:8000/']) {
      const origin = new URL(page).origin;
      const pool = isWorker(dest)
        ? [`http://${new URL(page).host}/lib/w.js`, `${origin}/lib/w.js`]
        : [`http://${CDN}/lib/x`, `http://dt.test/lib/x`, 'http://127.0.0.1:8000/lib/x', 'http://localhost:8000/lib/x', `https://${CDN}/lib/x`];
      for (const src of sample(rnd, mixedSources, 4)) {
        const dir = pick(rnd, [CHAINS[dest][0][0], 'default-src']);
        for (const extra of ['', '; upgrade-insecure-requests', '; block-all-mixed-content']) {
          if (extra === '; block-all-mixed-content' && rnd() < 0.6) continue;
          for (const t of sample(rnd, pool, isWorker(dest) ? 2 : 3)) {
            for (const k of kindsOf(dest)) add(`${dir} ${src}${extra}`, page, dest, k, t);
          }
        }
      }
      // the directive in a report-only policy: ignored
      for (const k of kindsOf(dest)) add('', page, dest, k, pool[0], { report_only: `${CHAINS[dest][0][0]} https:; upgrade-insecure-requests` });
    }
  }

  // 4. data: and blob: per destination.
  const schemeSources = ['*', 'data:', 'blob:', "'self'", 'https:', "'none'", '* data:', "'self' blob:", 'data: blob:', 'DATA:', 'https: data: blob:'];
  for (const dest of Object.keys(CHAINS)) {
    for (const src of schemeSources) {
      const page = pick(rnd, ['https://dt.test/', 'http://dt.test:8000/', 'https://127.0.0.1/']);
      const dir = rnd() < 0.7 ? CHAINS[dest][0][0] : 'default-src';
      for (const k of DEST_KINDS[dest]) {
        add(`${dir} ${src}`, page, dest, k, dataURL(k));
        add(`${dir} ${src}`, page, dest, k, blobOf(page));
      }
    }
  }

  // 5. * and 'self' per destination, from every page, against the page's origin and its neighbours.
  for (const dest of Object.keys(CHAINS)) {
    for (const page of PAGES) {
      const u = new URL(page);
      const other = u.protocol === 'https:' ? 'http:' : 'https:';
      const otherPort = u.port ? `${u.protocol}//${u.hostname}/lib/x` : `${u.protocol}//${u.hostname}:${u.protocol === 'https:' ? 8443 : 8000}/lib/x`;
      const pool = [`${u.origin}/lib/x`, `${other}//${u.host}/lib/x`, otherPort,
        `${u.protocol}//sub.${u.hostname}/lib/x`, `https://${CDN}/lib/x`, `http://${CDN}/lib/x`];
      for (const src of ['*', "'self'", "* 'self'", "'self' https:"]) {
        const dir = rnd() < 0.7 ? CHAINS[dest][0][0] : 'default-src';
        for (const t of sample(rnd, pool, isWorker(dest) ? 3 : 2)) {
          if (/sub\.\d|sub\.localhost/.test(t)) continue;
          for (const k of kindsOf(dest)) add(`${dir} ${src}`, page, dest, k, t);
        }
      }
    }
  }

  // 6. Same-origin 302s per destination.
  const redirectPolicies = (dest) => {
    const d = CHAINS[dest][0][0];
    return [`${d} 'self' https://${CDN}`, `${d} 'self' https://${CDN}/lib/`, `${d} 'self'`, `default-src 'self' https://${CDN}/a/b`];
  };
  for (const dest of Object.keys(CHAINS)) {
    for (const policy of redirectPolicies(dest)) {
      for (const page of ['https://dt.test/', 'http://dt.test:8000/']) {
        const origin = new URL(page).origin;
        const dests = [`https://${CDN}/lib/x`, `https://${CDN}/other/x`, 'https://other.dt.test/x', `${origin}/lib/y`, `http://${CDN}/lib/x`];
        for (const to of sample(rnd, dests, 3)) {
          for (const k of kindsOf(dest)) add(policy, page, dest, k, origin, { redirect: to });
        }
      }
    }
  }
  return cases;
}
