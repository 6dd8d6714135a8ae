// Fourth case generator: the areas that issue 14 ("Browser fidelity, round four") found
// uncovered by the first three sets, each with its neighbours.
//
//   node gen.js --round4 [--seed N] [--out FILE]   (default: round4-cases.jsonl next to gen.js)
//   node record.js <browser> --round4 --out DIR    (DIR/round4.jsonl and DIR/round4-meta.json)
//
// Ids are f000001… (the main set is c…, the holdout h…, round 3 r…). Every host is under
// r4.test (or is a loopback literal), so no case shares a page origin with the other sets.
//
//  1. block-all-mixed-content: https pages (default and other port, domain and loopback) making
//     http:// and ws:// requests to plain hosts, private and loopback addresses, with the
//     directive alone, beside connect-src (allowing and blocking), in default-src policies, in a
//     second policy, in a report-only policy, upper case, with a value, with
//     upgrade-insecure-requests; same-origin 302s to http:// targets; http pages as the control.
//  2. Percent-encoded source paths against WebSockets (and the other kinds for comparison):
//     escapes that decode to a space, ';', ',', '#', '?', '%', a tab, '/', letters, and non-ASCII
//     bytes (UTF-8 and not), with 'self' and other sources beside them.
//  3. A wildcard host followed by a path, query or fragment (http://*/path, ws://*/p, */p,
//     https://*?x), against the same with a port (http://*:80/path, https://*:*/p/).
//  4. A ?query or #fragment straight after the host or the port of a source (h?x=1, h:80#f,
//     h?, h#, *.h?x, wss://h?x), and after a path, against paths, ports and schemes.
//  5. 'strict-dynamic' in default-src (before and after host sources, with 'self', *, https:,
//     nonces, 'unsafe-inline'), in connect-src, and in script-src beside a default-src.
//  6. The sandbox directive with allow-scripts, with and without allow-same-origin and with
//     other flags, in every placement (first, last, second policy, report-only, upper case),
//     against 'self', host sources, *, scheme sources and 'none'; same-origin 302s away.
//  7. Invalid UTF-8 escapes in source and target paths (Chromium decodes a whole path as
//     Latin-1 when any escape in it is not UTF-8): prefix and exact source paths with %C3%A9,
//     %C3%BF, %FF, %E9, truncated and surrogate sequences, four-byte characters, lower-case hex
//     and a literal é, against targets mixing valid and invalid escapes.
import { mulberry32, KINDS } from './rng.js';

export const ROUND4_SEED = 41414004;

function sample(rnd, arr, n) {
  const a = [...arr];
  const out = [];
  while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]);
  return out;
}

// wsOf turns an http(s) URL into the ws(s) URL a WebSocket case is given.
const wsOf = (t) => t.replace(/^http/i, (m) => (m === 'http' ? 'ws' : 'WS'));

// generateRound4 returns the cases in a fixed order for a seed.
export function generateRound4(seed = ROUND4_SEED) {
  const rnd = mulberry32(seed);
  const cases = [];
  const seen = new Set();
  // add appends one case unless the same (policy, report-only, page, kind, target, redirect)
  // is already there. A redirect case's target is the server's /redirect on `first`, carrying
  // the case id so that the server can tell whether the first hop was reached.
  const add = (policy, page, kind, target, extra = {}) => {
    const key = JSON.stringify([policy, extra.report_only || '', page, kind, target, extra.redirect || '']);
    if (seen.has(key)) return;
    seen.add(key);
    const id = 'f' + String(cases.length + 1).padStart(6, '0');
    const c = { id, policy };
    if (extra.report_only) c.report_only = extra.report_only;
    c.page = page;
    c.kind = kind;
    if (extra.redirect) {
      c.target = `${target}/redirect?to=${encodeURIComponent(extra.redirect)}&c=${id}`;
      c.redirect = extra.redirect;
    } else {
      c.target = target;
    }
    cases.push(c);
  };
  // kinds: the (kind, URL) pairs a target is tried with. ws(s) targets go to WebSocket only;
  // an http(s) target goes to `n` kinds (all five when n >= 5), WebSocket getting its ws(s) form.
  const kinds = (target, n) => {
    if (/^wss?:/i.test(target)) return [['websocket', target]];
    if (!/^https?:/i.test(target)) return (n >= 5 ? KINDS : sample(rnd, KINDS, n)).map((k) => [k, target]);
    return (n >= 5 ? KINDS : sample(rnd, KINDS, n)).map((k) => [k, k === 'websocket' ? wsOf(target) : target]);
  };
  const block = ({ policies, pages, targets, n = 2, report_only }) => {
    for (const policy of policies) {
      for (const page of pages) {
        for (const target of targets) {
          for (const [k, t] of kinds(target, n)) add(policy, page, k, t, { report_only });
        }
      }
    }
  };
  // redirects: same-origin first hops (the page's origin) to each destination, fetch, XHR,
  // EventSource and sendBeacon (WebSockets do not follow redirects).
  const redirects = ({ policies, pages, dests, report_only, kindsList = ['fetch', 'xhr', 'eventsource', 'beacon'] }) => {
    for (const policy of policies) {
      for (const page of pages) {
        const first = new URL(page).origin;
        for (const d of dests) {
          for (const k of kindsList) add(policy, page, k, first, { report_only, redirect: d });
        }
      }
    }
  };

  // 1. block-all-mixed-content.
  const mxTargets = ['http://mx.r4.test/x', 'http://other.r4.test:8000/x', 'http://10.0.0.1/x', 'http://127.0.0.1:8000/x',
    'http://localhost:8000/x', 'http://sub.localhost:8000/x', 'http://[::1]:8000/x', 'http://127.0.0.2/x',
    'https://other.r4.test/x', 'ws://mx.r4.test/w', 'ws://127.0.0.1:8000/w', 'ws://localhost:8000/w'];
  block({
    policies: ['block-all-mixed-content', 'connect-src *; block-all-mixed-content', 'connect-src *'],
    pages: ['https://mx.r4.test/', 'https://mx.r4.test:8443/p'],
    targets: mxTargets,
    n: 5,
  });
  block({
    policies: ['block-all-mixed-content', 'connect-src http: https: ws: wss:; block-all-mixed-content'],
    pages: ['https://127.0.0.1/', 'https://localhost:8443/', 'http://mx.r4.test/'],
    targets: mxTargets,
    n: 1,
  });
  block({
    policies: ["connect-src 'none'; block-all-mixed-content", 'connect-src https://other.r4.test; block-all-mixed-content',
      'default-src *; block-all-mixed-content', 'default-src https:; block-all-mixed-content',
      'BLOCK-ALL-MIXED-CONTENT; connect-src *', 'block-all-mixed-content foo; connect-src *',
      'upgrade-insecure-requests; block-all-mixed-content', 'connect-src *, block-all-mixed-content',
      'block-all-mixed-content, connect-src http://mx.r4.test', "connect-src 'self' http:; block-all-mixed-content",
      'block-all-mixed-content;', 'connect-src *; block-all-mixed-content; block-all-mixed-content'],
    pages: ['https://mx.r4.test/'],
    targets: ['http://mx.r4.test/x', 'http://other.r4.test:8000/x', 'http://127.0.0.1:8000/x', 'http://localhost:8000/x',
      'ws://mx.r4.test/w', 'https://other.r4.test/x'],
    n: 2,
  });
  for (const ro of ['block-all-mixed-content', 'connect-src *; block-all-mixed-content']) {
    block({
      policies: ['connect-src *', ''],
      pages: ['https://mx.r4.test/'],
      targets: ['http://mx.r4.test/x', 'http://127.0.0.1:8000/x', 'ws://mx.r4.test/w', 'https://other.r4.test/x'],
      n: 5,
      report_only: ro,
    });
  }
  redirects({
    policies: ['block-all-mixed-content', 'connect-src *; block-all-mixed-content', 'connect-src *'],
    pages: ['https://mx.r4.test/'],
    dests: ['http://mx.r4.test/x', 'http://other.r4.test:8000/x', 'http://127.0.0.1:8000/x', 'https://other.r4.test/x'],
  });

  // 2. Percent-encoded source paths, WebSockets against the other kinds.
  const pe = 'pe.r4.test';
  const peSources = [
    [`wss://${pe}/a%20b/`, ['/a%20b/c', '/a%20b/', '/a b/c', '/a/', '/a', '/b/', '/a%20c/']],
    [`wss://${pe}/a%20b/c`, ['/a%20b/c', '/a%20b/d', '/a']],
    [`ws://${pe}/a%20b/`, ['/a%20b/c', '/a']],
    [`wss://${pe}/a%3Bb/`, ['/a%3Bb/c', '/a;b/c', '/a', '/a/']],
    [`wss://${pe}/a%2Cb/`, ['/a%2Cb/c', '/a,b/c', '/a']],
    [`wss://${pe}/a%23b/`, ['/a%23b/c', '/a', '/a/']],
    [`wss://${pe}/a%3Fb/`, ['/a%3Fb/c', '/a', '/a/']],
    [`wss://${pe}/a%2541/`, ['/a%2541/c', '/aA/c', '/a%41/c']],
    [`wss://${pe}/a%09b/`, ['/a%09b/c', '/a']],
    [`wss://${pe}/a%2Fb/`, ['/a%2Fb/c', '/a/b/c']],
    [`wss://${pe}/%61b/`, ['/ab/c', '/%61b/c']],
    [`wss://${pe}/%C3%A9/`, ['/%C3%A9/c', '/é/c', '/%E9/c', '/x']],
    [`wss://${pe}/%E9/`, ['/%E9/c', '/%C3%A9/c']],
    [`wss://${pe}/a%27b/`, ['/a\'b/c', '/a%27b/c']],
  ];
  for (const page of ['https://wsp.r4.test/', 'http://wsp.r4.test:8000/']) {
    const secure = page.startsWith('https');
    for (const [src, paths] of peSources) {
      if (!secure && src.startsWith('wss')) continue;
      if (secure && src.startsWith('ws:')) continue;
      const httpSrc = src.replace(/^ws/, 'http');
      for (const policy of [`connect-src ${src}`, `connect-src ${httpSrc}`]) {
        for (const p of paths) {
          const https = `${secure ? 'https' : 'http'}://${pe}${p}`;
          add(policy, page, 'websocket', wsOf(https));
          for (const k of sample(rnd, ['fetch', 'xhr', 'eventsource', 'beacon'], 2)) add(policy, page, k, https);
        }
      }
    }
  }
  // ... and their effect on the page's own host and on other sources of the same list.
  block({
    policies: [`connect-src 'self' wss://${pe}/%C3%A9/`, `connect-src 'self' https://${pe}/%C3%A9/`,
      `connect-src 'self' wss://${pe}/%E9/`, `connect-src 'self' wss://${pe}/a%20b/`, `connect-src 'self' wss://${pe}/a%3Bb/`,
      `connect-src wss://${pe}/%C3%A9/ 'self'`, `connect-src wss://${pe}/%C3%A9/ wss://ok.r4.test`,
      `connect-src wss://ok.r4.test wss://${pe}/a%20b/`, `connect-src 'self' wss://${pe}/a%2Cb/`,
      `default-src 'self' wss://${pe}/%C3%A9/`, `connect-src 'self' wss://${pe}/ok/`, `connect-src 'self' wss://${pe}/%C3%A9`],
    pages: ['https://wsp.r4.test/'],
    targets: ['https://wsp.r4.test/x', `https://${pe}/%C3%A9/c`, 'https://ok.r4.test/', `https://${pe}/a%20b/c`],
    n: 5,
  });
  block({
    policies: [`connect-src 'self' ws://${pe}/%C3%A9/`, `connect-src 'self' ws://${pe}/a%20b/`],
    pages: ['http://wsp.r4.test:8000/'],
    targets: ['http://wsp.r4.test:8000/x', `http://${pe}/%C3%A9/c`],
    n: 5,
  });

  // 3. A wildcard host followed by a path, query or fragment.
  block({
    policies: ['connect-src http://*/path', 'connect-src http://*/path https://ok.r4.test', 'connect-src https://*/',
      'connect-src https://*/p/', 'connect-src ws://*/p', 'connect-src wss://*/p/', 'connect-src */p/',
      'connect-src http://*:80/path', 'connect-src https://*:443/p/', 'connect-src https://*:*/p/', 'connect-src *:*/p/',
      'connect-src https://*?x', 'connect-src https://*#f', 'connect-src https://*.r4.test/p/', "connect-src https://*/p/ 'self'",
      'default-src https://*/p/', 'connect-src wss://*:443/p/', 'connect-src https://*/p/ https://*:443/q/'],
    pages: ['http://wcp.r4.test/', 'https://wcp.r4.test/'],
    targets: ['http://a.r4.test/path', 'http://a.r4.test/other', 'https://a.r4.test/p/x', 'https://a.r4.test/q/x',
      'https://a.r4.test/', 'ws://a.r4.test/p', 'wss://a.r4.test/p/x', 'https://ok.r4.test/', 'https://wcp.r4.test/p/x'],
    n: 1,
  });
  redirects({
    policies: ["connect-src 'self' https://*/p/", "connect-src 'self' https://*:443/p/"],
    pages: ['https://wcp.r4.test/'],
    dests: ['https://a.r4.test/p/x', 'https://a.r4.test/q'],
    kindsList: ['fetch', 'xhr'],
  });

  // 4. A query or fragment straight after the host or port of a source.
  const qh = 'qh.r4.test';
  block({
    policies: [`connect-src ${qh}?x=1`, `connect-src https://${qh}?x=1`, `connect-src https://${qh}#f`,
      `connect-src https://${qh}:443?x`, `connect-src ${qh}:80#f`, `connect-src https://${qh}:8443#f`,
      `connect-src https://${qh}/?x`, `connect-src https://${qh}/p?x`, `connect-src https://*.r4.test?x`,
      `connect-src https://${qh}?`, `connect-src https://${qh}#`, `connect-src wss://${qh}?x`,
      `connect-src https://${qh}?x/p/`, `connect-src https://${qh}?x https://other.r4.test`, `connect-src https://${qh}:?x`,
      `connect-src https://${qh}:*?x`, `default-src https://${qh}?x=1`, `connect-src ${qh}#f/p/`],
    pages: ['http://qp.r4.test/', 'https://qp.r4.test/'],
    targets: [`https://${qh}/`, `https://${qh}/any/path`, `http://${qh}/`, `https://${qh}:8443/`, `http://${qh}:8000/`,
      `wss://${qh}/`, `https://sub.${qh}/`, 'https://other.r4.test/', `https://${qh}/p`, `https://${qh}/p/x`],
    n: 1,
  });

  // 5. 'strict-dynamic' in default-src and its neighbours.
  const sd = 'sd.r4.test';
  block({
    policies: ["default-src 'strict-dynamic'", `default-src 'strict-dynamic' https://${sd}`,
      `default-src https://${sd} 'strict-dynamic'`, "default-src 'self' 'strict-dynamic'", "default-src 'strict-dynamic' 'self'",
      "default-src 'strict-dynamic' *", "default-src 'strict-dynamic' https:", `default-src 'nonce-abc' 'strict-dynamic' https://${sd}`,
      `default-src 'unsafe-inline' 'strict-dynamic' https://${sd}`, `connect-src 'strict-dynamic' https://${sd}`,
      `connect-src https://${sd} 'strict-dynamic'`, `default-src 'strict-dynamic' https://${sd}; connect-src https://${sd}`,
      `script-src 'strict-dynamic'; default-src https://${sd}`, `script-src 'strict-dynamic' 'nonce-x'; connect-src https://${sd}`,
      `default-src 'STRICT-DYNAMIC' https://${sd}`, `default-src 'strict-dynamic' https://${sd}, connect-src *`,
      `default-src https://${sd} 'strict-dynamic' 'self'`, `default-src 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' 'strict-dynamic' https://${sd}`,
      "default-src 'strict-dynamic' 'unsafe-eval' 'self'", "default-src 'strict-dynamic' wss: https:"],
    pages: ['https://sdp.r4.test/', 'http://sdp.r4.test:8000/'],
    targets: [`https://${sd}/`, 'https://other.r4.test/', 'https://sdp.r4.test/x', 'http://sdp.r4.test:8000/x', `wss://${sd}/`],
    n: 2,
  });
  block({
    policies: [`default-src 'strict-dynamic' https://${sd}`, "default-src 'self' 'strict-dynamic'", "default-src 'strict-dynamic' *"],
    pages: ['https://sdp.r4.test/'],
    targets: [`https://${sd}/`, 'https://other.r4.test/', 'https://sdp.r4.test/x'],
    n: 5,
  });
  block({
    policies: ["default-src 'strict-dynamic' 'self'"],
    report_only: `default-src 'strict-dynamic' https://${sd}`,
    pages: ['https://sdp.r4.test/'],
    targets: [`https://${sd}/`, 'https://sdp.r4.test/x', 'https://other.r4.test/'],
    n: 2,
  });
  redirects({
    policies: [`default-src 'self' 'strict-dynamic' https://${sd}`],
    pages: ['https://sdp.r4.test/'],
    dests: [`https://${sd}/`, 'https://other.r4.test/'],
    kindsList: ['fetch', 'xhr'],
  });

  // 6. sandbox with allow-scripts, with and without allow-same-origin.
  const sbTargets = ['https://sb.r4.test/x', 'http://sb.r4.test/x', 'https://sb.r4.test:8443/x', 'http://sb.r4.test:8000/x',
    'https://attacker.r4.test/x', 'http://attacker.r4.test:8000/x', 'https://sub.sb.r4.test/x', 'wss://sb.r4.test/w',
    'ws://sb.r4.test:8000/w', '/ok'];
  block({
    policies: ["sandbox allow-scripts; default-src 'self'", "sandbox allow-scripts; connect-src 'self'",
      "sandbox allow-scripts allow-same-origin; connect-src 'self'", "default-src 'self'"],
    pages: ['https://sb.r4.test/', 'http://sb.r4.test:8000/'],
    targets: sbTargets,
    n: 5,
  });
  block({
    policies: ["sandbox allow-scripts; connect-src 'self' https://ok.r4.test", 'sandbox allow-scripts; connect-src https://ok.r4.test',
      'sandbox allow-scripts; connect-src *', "sandbox allow-scripts; connect-src 'none'", 'sandbox allow-scripts; connect-src https:',
      "sandbox allow-scripts allow-forms allow-popups; connect-src 'self'", "sandbox allow-scripts allow-top-navigation; default-src 'self'",
      "connect-src 'self'; sandbox allow-scripts", "connect-src 'self', sandbox allow-scripts", "sandbox allow-scripts, connect-src 'self'",
      "SANDBOX ALLOW-SCRIPTS; connect-src 'self'", "sandbox allow-scripts; default-src 'self' 'unsafe-inline'",
      'sandbox allow-scripts; connect-src *.r4.test', "sandbox allow-scripts; connect-src 'self' wss:",
      "sandbox allow-scripts allow-same-origin allow-forms; default-src 'self'", "sandbox allow-scripts bogus-flag; connect-src 'self'",
      "sandbox allow-scripts; connect-src sb.r4.test", "sandbox allow-scripts; connect-src https://sb.r4.test"],
    pages: ['https://sb.r4.test/'],
    targets: ['https://sb.r4.test/x', 'http://sb.r4.test/x', 'https://attacker.r4.test/x', 'https://ok.r4.test/', 'wss://sb.r4.test/w', '/ok'],
    n: 2,
  });
  block({
    policies: ["sandbox allow-scripts; connect-src 'self'", "sandbox allow-scripts allow-same-origin; connect-src 'self'"],
    pages: ['https://sb.r4.test:8443/', 'https://127.0.0.1/', 'http://localhost:8000/'],
    targets: ['https://sb.r4.test:8443/x', 'https://127.0.0.1/x', 'http://localhost:8000/x', 'https://attacker.r4.test/x', '/ok'],
    n: 2,
  });
  block({
    policies: ["connect-src 'self'"],
    report_only: 'sandbox allow-scripts',
    pages: ['https://sb.r4.test/'],
    targets: ['https://sb.r4.test/x', 'https://attacker.r4.test/x'],
    n: 5,
  });
  redirects({
    policies: ["sandbox allow-scripts; connect-src 'self'", "sandbox allow-scripts allow-same-origin; connect-src 'self'"],
    pages: ['https://sb.r4.test/'],
    dests: ['https://attacker.r4.test/x', 'https://sb.r4.test/y'],
  });

  // 7. Invalid UTF-8 escapes in source and target paths.
  const pd = 'pd.r4.test';
  const pdSources = ['/%C3%A9/', '/%C3%BF/', '/%FF/', '/%E9/', '/%C3%A9', '/%E9', '/%C3/', '/%C3%A9%FF/', '/é/',
    '/%ED%A0%80/', '/%F0%9F%98%80/', '/%c3%a9/', '/a%FFb', '/%FF'];
  const pdTargets = ['/%C3%A9/x', '/%C3%A9/%FF', '/%C3%A9/%C3%BF', '/é/x', '/%E9/x', '/%C3%BF/x', '/%FF/x', '/ÿ/x', '/%C3%A9',
    '/%E9', '/%C3/x', '/%C3%A9%FF/x', '/%ED%A0%80/x', '/%F0%9F%98%80/x', '/😀/x', '/%c3%a9/x', '/a%FFb', '/a%C3%BFb', '/%FF',
    '/%C3%A9/%E9', '/%C3%BF/%FF'];
  for (const s of pdSources) {
    block({
      policies: [`connect-src https://${pd}${s}`],
      pages: ['https://pdp.r4.test/'],
      targets: pdTargets.map((p) => `https://${pd}${p}`),
      n: 1,
    });
  }
  // The pairs named in issue 17, with every kind.
  block({
    policies: [`connect-src https://${pd}/%C3%A9/`, `connect-src https://${pd}/%C3%BF/`, `connect-src https://${pd}/%FF/`,
      `connect-src https://${pd}/%E9/`],
    pages: ['https://pdp.r4.test/'],
    targets: ['/%C3%A9/%FF', '/%C3%A9/x', '/%FF/x', '/%C3%BF/x', '/%E9/x', '/%C3%BF/%FF'].map((p) => `https://${pd}${p}`),
    n: 5,
  });
  redirects({
    policies: [`connect-src 'self' https://${pd}/%C3%A9/`, `connect-src 'self' https://${pd}/%FF/`],
    pages: ['https://pdp.r4.test/'],
    dests: [`https://${pd}/%C3%A9/%FF`, `https://${pd}/%FF/x`, `https://${pd}/other`],
    kindsList: ['fetch', 'xhr'],
  });

  return cases;
}
