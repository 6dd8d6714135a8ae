// Second destination case generator: the corners of destination loads that dest.js never
// reaches, each with its neighbours.
//
//   node gen.js --dest2 [--seed N] [--out FILE]   (default: dest2-cases.jsonl next to gen.js)
//   node record.js <browser> --dest2 --out DIR    (DIR/dest2.jsonl and DIR/dest2-meta.json)
//
// Cases have dest.js's shape ({id, policy, report_only?, page, dest, kind, target, redirect?}),
// ids e000001…, every host under d2.test or a loopback literal (no page origin is shared with
// dest.js's dt.test), and every http(s) target names its case (k=<id>; a redirect's first hop
// c=<id>), as in dest.js.
//
//  1. 'strict-dynamic' for workers (dedicated, shared, service): in worker-src, child-src,
//     script-src and default-src, alone, with nonces and hashes, with host lists that match the
//     (same-origin) worker script and lists that do not, 'self', *, scheme and path sources, upper
//     case; in one directive of the chain while another governs; in a second policy and a
//     report-only one; data: and blob: workers; same-origin 302s. (Never for <script>: the probe
//     inserts scripts from script, which is another question.)
//  2. Keywords, nonces and hashes in fetch directives for URL loads ('unsafe-inline',
//     'unsafe-eval', 'nonce-…', 'sha256-…' of the very body the server answers,
//     'wasm-unsafe-eval', 'report-sample', 'unsafe-hashes', 'unsafe-allow-redirects',
//     'inline-speculation-rules'): alone, upper case, beside a matching source, in default-src.
//  3. Two and three enforced policies (comma-joined) per destination, and report-only policies
//     beside enforced ones.
//  4. Sandboxed pages (sandbox allow-scripts without allow-same-origin: an opaque origin) loading
//     images, frames, scripts, styles (and a few fonts and media) against 'self', scheme-less
//     and scheme sources, *, wildcards; the sandbox first, last, in a second policy, with
//     allow-same-origin, report-only; same-origin 302s.
//  5. Hosts, ports and paths for fonts, styles, manifests and workers: IPv4 and localhost hosts,
//     explicit default ports, :*, other ports, wildcard hosts, paths with %2F, trailing and double
//     slashes, upper-case schemes, hosts and paths.
//  6. 302s per destination to other origins (allowed and not), another port, http:, back to the
//     page's origin and to data:, from same-origin and cross-origin first hops.
import { createHash } from 'node:crypto';
import { mulberry32 } from './rng.js';
import { DEST_KINDS, CHAINS, WORKERS, dataURL, withId, sample, pick } from './dest.js';
import { bodyFor } from './server.js';

export const DEST2_SEED = 22022022;

const CDN = 'cdn.d2.test';
const OTHER = 'other.d2.test';
const PAGE = 'https://d2.test/';

// HASH: the sha256 source of the script body the server answers for a case target.
const HASH = `'sha256-${createHash('sha256').update(bodyFor('script')[1]).digest('base64')}'`;

// The directive that governs each destination first (CSP3's fallback chain, dest.js CHAINS).
const first = (dest) => CHAINS[dest][0][0];
const isWorker = (d) => WORKERS.includes(d);
const blobOf = (page) => `blob:${new URL(page).origin}/00000000-0000-4000-8000-000000000000`;
// destOfKind: the destination a kind loads (inverse of DEST_KINDS).
const destOfKind = Object.fromEntries(Object.entries(DEST_KINDS).flatMap(([d, ks]) => ks.map((k) => [k, d])));

// generateDest2 returns the cases in a fixed order for a seed.
export function generateDest2(seed = DEST2_SEED) {
  const rnd = mulberry32(seed);
  const cases = [];
  const seen = new Set();
  // add appends one case of a kind unless it is there already. redirect: a first hop (the page's
  // origin, or extra.first) to that URL.
  const add = (policy, page, kind, target, extra = {}) => {
    const key = JSON.stringify([policy, extra.report_only || '', page, kind, target, extra.redirect || '', extra.first || '']);
    if (seen.has(key)) return;
    seen.add(key);
    const id = 'e' + String(cases.length + 1).padStart(6, '0');
    const c = { id, policy };
    if (extra.report_only) c.report_only = extra.report_only;
    c.page = page;
    c.dest = kind === 'track' ? 'track' : destOfKind[kind];
    c.kind = kind;
    if (extra.redirect) {
      const to = withId(extra.redirect, id);
      c.target = `${extra.first || new URL(page).origin}/redirect?to=${encodeURIComponent(to)}&c=${id}`;
      c.redirect = to;
    } else {
      c.target = withId(target, id);
    }
    cases.push(c);
  };
  // kindOf: one way of loading a destination (media and object: a sampled one).
  const kindOf = (dest) => pick(rnd, DEST_KINDS[dest]);
  const DESTS = Object.keys(DEST_KINDS);

  // 1. 'strict-dynamic' for workers.
  const sdValues = (S, O) => [
    "'strict-dynamic'", `'strict-dynamic' ${O}`, `${O} 'strict-dynamic'`, "'strict-dynamic' 'self'",
    "'nonce-abc' 'strict-dynamic'", `'nonce-abc' 'strict-dynamic' ${O}`, `'strict-dynamic' ${HASH}`,
    `'strict-dynamic' 'unsafe-inline' ${O}`, `'strict-dynamic' ${S}/w/`, `'strict-dynamic' ${S}/other/`,
    "'strict-dynamic' 'none'", `'STRICT-DYNAMIC' ${O}`, "'strict-dynamic' https:", "'strict-dynamic' *",
    "'strict-dynamic' data: blob:", `'self' 'strict-dynamic'`, `${S} 'strict-dynamic'`,
  ];
  const workerDirs = ['worker-src', 'child-src', 'script-src', 'default-src'];
  {
    const O = `https://${OTHER}`;
    const page = PAGE;
    const S = new URL(page).origin;
    const values = sdValues(S, O);
    for (const dir of workerDirs) {
      values.forEach((v, i) => {
        for (const k of WORKERS) {
          add(`${dir} ${v}`, page, k, `${S}/w/x.js`);
          // data: and blob: workers for a few of the lists
          if ([0, 1].includes(i)) {
            add(`${dir} ${v}`, page, k, dataURL(k));
            add(`${dir} ${v}`, page, k, blobOf(page));
          }
        }
      });
    }
    // other pages: a secure loopback page (service workers register), another https port, and an
    // http page (no service worker: not a secure context)
    for (const [page2, idx] of [['http://localhost:8000/', [0, 1, 5]], ['https://d2.test:8443/app/', [0, 1]], ['http://d2.test:8000/', [0, 1]]]) {
      const S2 = new URL(page2).origin;
      const vs = sdValues(S2, O);
      for (const dir of workerDirs) {
        for (const i of idx) {
          for (const k of WORKERS) {
            if (k === 'serviceworker' && page2.startsWith('http://d2.test')) continue;
            add(`${dir} ${vs[i]}`, page2, k, `${S2}/w/x.js`);
          }
        }
      }
    }
    // one directive of the chain has the keyword while another governs
    const combos = [
      `worker-src 'strict-dynamic'; script-src 'none'`, `worker-src ${O}; script-src 'strict-dynamic'`,
      `worker-src ${O}; child-src 'strict-dynamic'`, `child-src 'strict-dynamic'; script-src 'none'`,
      `script-src 'strict-dynamic' ${O}; default-src 'none'`, `script-src 'strict-dynamic' 'nonce-abc'; worker-src 'self'`,
      `script-src-elem 'strict-dynamic'; default-src ${O}`, `script-src-elem 'strict-dynamic'; script-src ${O}`,
      `default-src 'strict-dynamic'; worker-src ${O}`, `default-src ${O}; script-src 'strict-dynamic' ${O}`,
      `script-src-attr 'strict-dynamic'; script-src ${O}`, `worker-src 'strict-dynamic' ${O}; script-src 'strict-dynamic'`,
      // a second enforced policy
      `worker-src 'strict-dynamic', worker-src ${O}`, `worker-src 'strict-dynamic', worker-src 'self'`,
      `worker-src 'strict-dynamic' ${O}, script-src 'strict-dynamic'`, `default-src 'self', worker-src 'strict-dynamic' ${O}`,
    ];
    for (const p of combos) for (const k of WORKERS) add(p, page, k, `${S}/w/x.js`);
    // report-only
    for (const [p, ro] of [['', `worker-src 'strict-dynamic' ${O}`], ["worker-src 'self'", "worker-src 'strict-dynamic'"],
      [`worker-src 'strict-dynamic' ${O}`, "worker-src 'self'"], ['', "script-src 'strict-dynamic'"]]) {
      for (const k of WORKERS) add(p, page, k, `${S}/w/x.js`, { report_only: ro });
    }
    // same-origin 302s (a service worker's script never follows one)
    for (const v of ["'strict-dynamic'", `'strict-dynamic' ${O}`, `'strict-dynamic' ${S}/w/`, `'strict-dynamic' ${S}/redirect`]) {
      for (const to of [`${S}/w/y.js`, `${S}/z/y.js`, `${O}/w/y.js`]) {
        for (const k of ['worker', 'sharedworker']) add(`worker-src ${v}`, page, k, S, { redirect: to });
      }
    }
  }

  // 2. Keywords, nonces and hashes in fetch directives, for URL loads.
  const KEYWORDS = ["'unsafe-inline'", "'unsafe-eval'", "'nonce-abc'", HASH, "'wasm-unsafe-eval'", "'report-sample'",
    "'unsafe-hashes'", "'unsafe-allow-redirects'", "'inline-speculation-rules'"];
  for (const dest of DESTS) {
    const page = isWorker(dest) ? PAGE : pick(rnd, [PAGE, PAGE, 'http://d2.test:8000/']);
    const origin = new URL(page).origin;
    const target = isWorker(dest) ? `${origin}/w/x.js` : `https://${CDN}/lib/x`;
    const allow = isWorker(dest) ? origin : `https://${CDN}`;
    const d = first(dest);
    for (const kw of KEYWORDS) {
      add(`${d} ${kw}`, page, kindOf(dest), target);
      if (rnd() < 0.5) add(`default-src ${kw}`, page, kindOf(dest), target);
      add(rnd() < 0.5 ? `${d} ${kw} ${allow}` : `${d} ${allow} ${kw}`, page, kindOf(dest), target);
      // the page's own origin: 'self' beside the keyword, and the keyword against a same-origin load
      if (rnd() < 0.4) add(`${d} 'self' ${kw}`, page, kindOf(dest), `${origin}/lib/y`);
    }
    for (const kw of ["'UNSAFE-INLINE'", "'SHA256-" + HASH.slice(8), "'none' 'unsafe-inline'", `'nonce-abc' ${allow}/nomatch/`]) {
      add(`${d} ${kw}`, page, kindOf(dest), target);
    }
    // a data: URL against a keyword alone (for the destinations that load one)
    if (['script', 'style', 'image', 'frame', 'font'].includes(dest)) {
      for (const kw of sample(rnd, KEYWORDS, 4)) add(`${d} ${kw}`, page, kindOf(dest), dataURL(DEST_KINDS[dest][0]));
    }
  }

  // 3. Two and three enforced policies, and report-only beside enforced ones, per destination.
  for (const dest of DESTS) {
    const page = isWorker(dest) ? PAGE : pick(rnd, [PAGE, PAGE, 'https://d2.test:8443/app/']);
    const origin = new URL(page).origin;
    const d = first(dest);
    const A = isWorker(dest) ? origin : `https://${CDN}`;
    const B = `https://${OTHER}`;
    const lib = isWorker(dest) ? `${origin}/lib/w.js` : `https://${CDN}/lib/x`;
    const fallback = CHAINS[dest][0][1];
    const enforced = [
      `${d} ${A}, ${d} ${B}`, `${d} ${B}, ${d} ${A}`, `${d} ${A}, ${d} *`, `${d} ${A}, default-src 'none'`,
      `default-src *, ${d} 'none'`, `default-src ${A}, default-src 'self' ${A}`, `${d} ${A}, script-src 'none'`,
      `${d} ${A}/lib/, ${d} ${A}`, `${d} ${A}/lib/, ${d} ${A}/other/`, `${d} *, ${d} https:, ${d} ${B}`,
      `${fallback} ${A}, ${d} ${B}`, `${fallback} ${B}; ${d} ${A}, default-src ${A}`,
      `${d} ${A},${d} ${B}`, `${d} ${A} ,, ${d} *`,
    ];
    for (const p of enforced) add(p, page, kindOf(dest), lib);
    const reportOnly = [
      ['', `${d} 'none'`], [`${d} ${A}`, `${d} ${B}`], [`${d} ${B}`, `${d} ${A}`], ['', `${d} ${A}, ${d} ${B}`],
      [`${d} *`, "default-src 'none'"], ['', `sandbox allow-scripts; ${d} 'self'`], [`${d} ${A}, ${d} *`, `${d} ${B}, ${d} ${A}`],
      [`default-src ${B}`, `${d} ${A}`],
    ];
    for (const [p, ro] of reportOnly) add(p, page, kindOf(dest), lib, { report_only: ro });
  }

  // 4. Sandboxed pages: an opaque origin.
  const SB_KINDS = [['img', 'img-src'], ['iframe', 'frame-src'], ['script', 'script-src'], ['style', 'style-src']];
  const placements = [
    (x) => `sandbox allow-scripts; ${x}`, (x) => `${x}; sandbox allow-scripts`, (x) => `${x}, sandbox allow-scripts`,
    (x) => `sandbox allow-scripts allow-same-origin; ${x}`, (x) => `SANDBOX ALLOW-SCRIPTS; ${x}`,
    (x) => `sandbox allow-scripts allow-forms allow-popups; ${x}`,
  ];
  for (const page of ['https://sb.d2.test/', 'http://sb.d2.test:8000/', 'https://127.0.0.1/', 'http://localhost:8000/']) {
    const u = new URL(page);
    const ph = u.hostname;
    const full = page.startsWith('https://sb') || page.startsWith('http://sb');
    const srcs = ["'self'", u.host, ph, CDN, `${u.protocol}//${u.host}`, '*', 'https:', 'http:', "'self' " + CDN, '*.d2.test', `https://${ph}:*`];
    const pool = [`${u.origin}/lib/x`, '/lib/x', `https://${ph}:8443/lib/x`, `https://${CDN}/lib/x`, `https://${OTHER}/lib/x`];
    if (u.protocol === 'http:') pool.push(`https://${ph}/lib/x`, `http://${CDN}/lib/x`);
    else pool.push(`https://${ph}:443/lib/x`);
    for (const src of full ? srcs : ["'self'", ph]) {
      for (const [k, dir] of SB_KINDS) {
        const d = rnd() < 0.2 ? 'default-src' : dir;
        for (const t of sample(rnd, pool, 2)) add(placements[0](`${d} ${src}`), page, k, t);
      }
    }
    // other placements and allow-same-origin, for 'self' and the scheme-less page host
    for (const src of ["'self'", ph]) {
      for (const place of full ? placements.slice(1) : [placements[1], placements[3]]) {
        for (const [k, dir] of SB_KINDS) {
          for (const t of sample(rnd, pool, 1)) add(place(`${dir} ${src}`), page, k, t);
        }
      }
    }
    if (!full) continue;
    // fonts and media, a data: image, the sandbox report-only (ignored), same-origin 302s
    for (const src of ["'self'", ph, '*']) {
      add(`sandbox allow-scripts; font-src ${src}`, page, 'font', `${u.origin}/lib/f`);
      add(`sandbox allow-scripts; font-src ${src}`, page, 'font', `https://${CDN}/lib/f`);
      add(`sandbox allow-scripts; media-src ${src}`, page, pick(rnd, ['audio', 'video']), `${u.origin}/lib/m`);
      add(`sandbox allow-scripts; img-src ${src} data:`, page, 'img', dataURL('img'));
      add(`sandbox allow-scripts; img-src ${src}`, page, 'img', dataURL('img'));
    }
    for (const [k, dir] of SB_KINDS) {
      add(`${dir} 'self'`, page, k, `${u.origin}/lib/x`, { report_only: 'sandbox allow-scripts' });
      for (const to of [`${u.origin}/lib/y`, `https://${CDN}/lib/y`]) {
        add(`sandbox allow-scripts; ${dir} 'self' ${CDN}`, page, k, u.origin, { redirect: to });
        add(`sandbox allow-scripts; ${dir} 'self'`, page, k, u.origin, { redirect: to });
      }
    }
  }

  // 5. Hosts, ports and paths for fonts, styles, manifests and workers.
  const hostSources = (h, H) => [
    `https://${h}:443`, `${h}:443`, `https://${h}:*`, `${h}:*`, `https://${h}:8443`, `https://${h}/fonts/`, `https://${h}/fonts`,
    `https://${h}/fonts/a.woff2`, `https://${h}/fonts%2Fa.woff2`, `https://${h}/fonts%2F`, `https://${h}/FONTS/`, `HTTPS://${H}/fonts/`,
    `https://${h}/fonts//`, `http://${h}:80`, `http://${h}`, `${h}/fonts/`, `https://${h}:443/fonts/`, `https://${h}:*/fonts/`,
    ...(/^[\d.]+$/.test(h) || h === 'localhost' ? ['https://127.0.0.1:*', 'https://localhost:*', '127.0.0.1', 'localhost']
      : ['https://*.d2.test', '*.d2.test:*', 'https://*.d2.test:443', 'https://*.d2.test/fonts/', `https://*.${h}`]),
  ];
  const hostTargets = (h, H) => [
    `https://${h}/fonts/a.woff2`, `https://${h}:443/fonts/a.woff2`, `https://${h}:8443/fonts/a.woff2`, `https://${h}/fonts`,
    `https://${h}/fonts/`, `https://${h}/fonts%2Fa.woff2`, `https://${h}/FONTS/a.woff2`, `https://${H}/fonts/a.woff2`,
    `https://${h}/fontsx/a`, `https://${h}/fonts/a%2Fb.woff2`, `https://${h}//fonts/a.woff2`, `https://${h}/fonts//a.woff2`,
    `https://${h}/%66onts/a.woff2`,
  ];
  for (const [kind, dir, perHost] of [['font', 'font-src', 2], ['style', 'style-src', 2], ['manifest', 'manifest-src', 0.5]]) {
    for (const h of [CDN, '127.0.0.1', 'localhost']) {
      const H = h.toUpperCase();
      for (const src of hostSources(h, H)) {
        if (perHost < 1 && rnd() >= perHost) continue;
        const d = rnd() < 0.15 ? 'default-src' : dir;
        const n = h === CDN ? Math.max(1, perHost) : 1;
        for (const t of sample(rnd, hostTargets(h, H), n)) add(`${d} ${src}`, PAGE, kind, t);
      }
    }
  }
  for (const page of ['https://d2.test/', 'https://w.d2.test:8443/', 'https://127.0.0.1/', 'http://localhost:8000/']) {
    const u = new URL(page);
    const h = u.hostname;
    const H = h.toUpperCase();
    const dflt = u.protocol === 'https:' ? 443 : 80;
    const srcs = ["'self'", `${u.protocol}//${h}:${u.port || dflt}`, `${h}:${u.port || dflt}`, `${h}:*`, `${u.protocol}//${h}:*`,
      `${u.protocol}//${h}:${u.protocol === 'https:' ? 8443 : 8000}`, `${u.origin}/w/`, `${u.origin}/w`, `${u.origin}/w/x.js`,
      `${u.origin}/W/`, `${u.protocol.toUpperCase()}//${H}${u.port ? ':' + u.port : ''}`, `${u.origin}/w%2Fx.js`, `${u.origin}/w%2F`,
      `${u.origin}/w//`, h, ...(/^[\d.]+$/.test(h) || h === 'localhost' ? ['127.0.0.1', 'localhost', `${u.protocol}//127.0.0.1:*`]
        : ['*.d2.test', `${u.protocol}//*.d2.test`, `${u.protocol}//*.d2.test:*`, `*.d2.test:${u.port || dflt}`])];
    const pool = [`${u.origin}/w/x.js`, `${u.origin}/w/`, `${u.origin}/w`, `${u.origin}/W/x.js`, `${u.origin}/w%2Fx.js`,
      `${u.origin}/w//x.js`, `${u.protocol}//${H}${u.port ? ':' + u.port : ''}/w/x.js`, `${u.protocol}//${h}:${u.port || dflt}/w/x.js`,
      `${u.origin}/%77/x.js`];
    for (const src of srcs) {
      const dir = pick(rnd, ['worker-src', 'worker-src', 'child-src', 'script-src', 'default-src']);
      for (const t of sample(rnd, pool, 2)) add(`${dir} ${src}`, page, pick(rnd, WORKERS), t);
    }
  }

  // 6. 302s per destination: to other origins, another port, http:, the page's origin and data:.
  for (const dest of DESTS) {
    const page = PAGE;
    const S = new URL(page).origin;
    const d = first(dest);
    const k0 = DEST_KINDS[dest][0];
    const policies = [`${d} 'self' https://${CDN}`, `${d} 'self' https://${CDN} data:`, `${d} * data:`];
    const tos = isWorker(dest)
      ? [`${S}/r/x.js`, `https://${CDN}/r/x.js`, `https://d2.test:8443/r/x.js`]
      : [`https://${CDN}/r/x`, `https://${OTHER}/r/x`, `https://${CDN}:8443/r/x`, `${S}/r/x`, `http://${CDN}/r/x`, `https://${CDN}/r/x/`];
    for (const policy of policies) {
      for (const firstHop of isWorker(dest) ? [S] : [S, `https://${CDN}`]) {
        const k = kindOf(dest);
        add(policy, page, k, firstHop, { redirect: dataURL(k), first: firstHop });
        for (const to of sample(rnd, tos, 2)) add(policy, page, kindOf(dest), firstHop, { redirect: to, first: firstHop });
      }
    }
    // a data: URL the load could use, redirected to from an http page too
    if (dest !== 'serviceworker') add(`${d} 'self' data:`, 'http://d2.test:8000/', k0, 'http://d2.test:8000', { redirect: dataURL(k0) });
  }
  return cases;
}
