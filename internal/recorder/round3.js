// Third, exploratory case generator: areas the main and holdout sets cover thinly.
//
//   node gen.js --round3 [--seed N] [--out FILE]   (default: round3-cases.jsonl next to gen.js)
//   node record.js <browser> --round3 --out DIR    (DIR/round3.jsonl and DIR/round3-meta.json)
//
// Written as a tester of CSP in browsers, without looking at the library's matching code:
// IPv6 literal targets and sources, 'self' on non-default-port pages against ws/wss/http/https
// on the same and the default ports, scheme-less sources with ports written or not on http and
// https pages, `*`/`*:*`/`scheme://*:*` against every scheme, ws:/wss: sources against WebSocket
// requests to http(s) URLs, upper and mixed case everywhere, path sources with and without
// trailing slashes against targets with `%2f`, double slashes and dot segments, several enforce
// policies plus report-only, default-src fallback across policies, data:/about:/javascript:
// targets, very long host names, a Unicode host written literally in the header, and ports
// 1, 65535 and 0. Ids are r000001… (the main set is c…, the holdout h…).
//
// Not covered, because the loopback server cannot do it: pages on an IPv6 origin (the server
// listens on 127.0.0.1 only), two separate Content-Security-Policy header lines (the case format
// has one policy string; a comma-joined policy is the same header field), and real blob: URLs
// (the probe takes its target from the case file).
import { mulberry32, KINDS } from './rng.js';

export const ROUND3_SEED = 31337003;

const HTTP_KINDS = KINDS; // fetch, xhr, websocket, eventsource, beacon

function sample(rnd, arr, n) {
  const a = [...arr];
  const out = [];
  while (out.length < n && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0]);
  return out;
}

// kindsFor: the request kinds a target is tried with. ws(s) targets only make sense for
// WebSocket (the main set covers fetch of ws: URLs); non-network schemes go to every kind.
function kindsFor(rnd, target, every) {
  if (/^wss?:/i.test(target)) return ['websocket'];
  if (every) return [...HTTP_KINDS];
  return sample(rnd, HTTP_KINDS, 2);
}

// generateRound3 returns the cases in a fixed order for a seed.
export function generateRound3(seed = ROUND3_SEED) {
  const rnd = mulberry32(seed);
  const cases = [];
  const seen = new Set();
  const add = (policy, page, kind, target, extra = {}) => {
    const key = JSON.stringify([policy, extra.report_only || '', page, kind, target]);
    if (seen.has(key)) return;
    seen.add(key);
    const c = { id: 'r' + String(cases.length + 1).padStart(6, '0'), policy };
    if (extra.report_only) c.report_only = extra.report_only;
    c.page = page;
    c.kind = kind;
    c.target = target;
    cases.push(c);
  };
  const block = ({ policies, pages, targets, every = false, report_only }) => {
    for (const policy of policies) {
      for (const page of pages) {
        for (const target of targets) {
          for (const kind of kindsFor(rnd, target, every)) add(policy, page, kind, target, { report_only });
        }
      }
    }
  };

  // 1. IPv6 literal targets and sources.
  block({
    policies: ["connect-src *", "connect-src https://*", "connect-src http://*", "connect-src 'self'",
      "connect-src *:*", "connect-src https://[::1]", "connect-src [::1]", "connect-src http://[::1]:8000",
      "connect-src https://[2001:db8::1]", "connect-src https://[2001:DB8:0::1]", "connect-src https://*.[::1]"],
    pages: ['https://v6.r3.test/', 'http://v6.r3.test:8000/'],
    targets: ['http://[::1]/', 'https://[::1]/x', 'http://[::1]:8000/', 'https://[2001:db8::1]/',
      'https://[2001:DB8:0:0:0:0:0:1]/', 'ws://[::1]/', 'wss://[2001:db8::1]:8443/', 'http://[::ffff:127.0.0.1]/'],
  });

  // 2. 'self' on default and non-default-port pages vs every scheme on the same and default ports.
  const selfTargets = [];
  for (const s of ['http', 'https', 'ws', 'wss']) {
    for (const p of ['', ':80', ':443', ':8000', ':8443']) selfTargets.push(`${s}://self.r3.test${p}/s`);
  }
  block({
    policies: ["connect-src 'self'", "CONNECT-SRC 'SELF'"],
    pages: ['http://self.r3.test:8000/', 'https://self.r3.test:8443/', 'http://self.r3.test/', 'https://self.r3.test/'],
    targets: selfTargets,
  });

  // 3. Scheme-less host sources with and without ports, on http and https pages.
  block({
    policies: ['connect-src sl.r3.test', 'connect-src sl.r3.test:80', 'connect-src sl.r3.test:443',
      'connect-src sl.r3.test:8000', 'connect-src sl.r3.test:8443', 'connect-src SL.R3.TEST:*', 'connect-src *.r3.test:443'],
    pages: ['http://pg.r3.test/', 'https://pg.r3.test/', 'http://pg.r3.test:8000/', 'https://pg.r3.test:8443/'],
    targets: ['http://sl.r3.test/', 'https://sl.r3.test/', 'http://sl.r3.test:8000/', 'https://sl.r3.test:8443/',
      'http://sl.r3.test:443/', 'https://sl.r3.test:80/', 'ws://sl.r3.test/', 'wss://sl.r3.test/', 'wss://sl.r3.test:8443/'],
  });

  // 4. Wildcards with and without ports vs every scheme.
  block({
    policies: ['connect-src *', 'connect-src *:*', 'connect-src https://*:*', 'connect-src http://*:*',
      'connect-src ws://*:*', 'connect-src wss://*', 'connect-src HTTPS://*', 'connect-src http://*', 'connect-src *:8443'],
    pages: ['https://wc.r3.test/', 'http://wc.r3.test/'],
    targets: ['http://o.r3.test/', 'https://o.r3.test:8443/', 'http://o.r3.test:8000/', 'ws://o.r3.test:8000/',
      'wss://o.r3.test/', 'wss://o.r3.test:8443/', 'ftp://o.r3.test/'],
  });

  // 5. ws:/wss: sources vs WebSocket (and other kinds) to http(s) and ws(s) URLs.
  const wsTargets = ['http://w.r3.test/', 'https://w.r3.test/', 'https://w.r3.test:8443/', 'http://w.r3.test:8000/',
    'ws://w.r3.test/', 'wss://w.r3.test/', 'ws://w.r3.test:8000/', 'wss://w.r3.test:8443/'];
  block({
    policies: ['connect-src ws://w.r3.test', 'connect-src wss://w.r3.test', 'connect-src ws:', 'connect-src wss:',
      'connect-src WSS://W.R3.TEST:8443', 'connect-src ws://w.r3.test:*', 'connect-src Ws://W.r3.Test:8000'],
    pages: ['https://ws.r3.test/', 'http://ws.r3.test:8000/'],
    targets: wsTargets,
  });

  // 6. Upper and mixed case in directives, sources and targets.
  block({
    policies: ['CONNECT-SRC HTTPS://UP.R3.TEST:8443/API/', 'Connect-Src Https://*.R3.Test', 'connect-src HTTP:',
      "Default-Src 'Self'", 'connect-src https://up.r3.test:8443/api/'],
    pages: ['HTTPS://UP.R3.TEST:8443/', 'http://Up.R3.Test/'],
    targets: ['https://up.r3.test:8443/API/x', 'https://up.r3.test:8443/api/x', 'HTTPS://UP.R3.TEST:8443/API/',
      'https://UP.r3.TEST:8443/Api/x', 'http://UP.R3.TEST/', 'HTTP://Other.R3.Test/', 'WSS://UP.R3.TEST:8443/API/'],
  });

  // 7. Path sources vs trailing slashes, %2f, double slashes and dot segments.
  block({
    policies: ['connect-src https://p.r3.test/a/', 'connect-src https://p.r3.test/a', 'connect-src https://p.r3.test/a/b',
      'connect-src https://p.r3.test/a%2fb', 'connect-src https://p.r3.test/a%2Fb', 'connect-src https://p.r3.test//a/',
      'connect-src https://p.r3.test/a/./b', 'connect-src https://p.r3.test/a/../c', 'connect-src https://p.r3.test/A/'],
    pages: ['https://pp.r3.test/'],
    targets: ['https://p.r3.test/a', 'https://p.r3.test/a/', 'https://p.r3.test/a/b', 'https://p.r3.test/a%2fb',
      'https://p.r3.test/a%2Fb', 'https://p.r3.test//a/', 'https://p.r3.test/a/./b', 'https://p.r3.test/a/../c',
      'https://p.r3.test/c', 'https://p.r3.test/a/b/', 'https://p.r3.test/A/', 'https://p.r3.test/a;x', 'https://p.r3.test/a?q=/a/'],
  });

  // 8. Several enforce policies plus report-only; default-src fallback across policies.
  const multiPolicies = [
    "connect-src *, default-src 'none'",
    "default-src 'self', connect-src https://m.r3.test",
    "default-src 'none', default-src https://m.r3.test",
    "connect-src https://m.r3.test, connect-src https://m.r3.test:8443, connect-src 'self'",
    "default-src https:; connect-src http://m.r3.test, img-src *",
    "connect-src 'self' https://m.r3.test,connect-src https://*.r3.test",
  ];
  block({
    policies: multiPolicies,
    pages: ['https://mp.r3.test/', 'http://mp.r3.test:8000/'],
    targets: ['https://m.r3.test/', 'https://m.r3.test:8443/', 'http://m.r3.test/', 'https://mp.r3.test/x',
      'http://mp.r3.test:8000/x', 'wss://m.r3.test/'],
  });
  for (const ro of ["connect-src 'none'", 'connect-src https://m.r3.test', "default-src 'self'"]) {
    block({
      policies: ["connect-src https://m.r3.test, default-src 'self'", 'connect-src *'],
      pages: ['https://mp.r3.test/'],
      targets: ['https://m.r3.test/', 'https://mp.r3.test/x', 'http://m.r3.test:8000/'],
      report_only: ro,
    });
  }

  // 9. Non-network targets: data:, about:, javascript:.
  block({
    policies: ['connect-src *', 'connect-src * data:', 'connect-src data:', 'connect-src about:', 'connect-src javascript:',
      "connect-src 'self'", 'connect-src https:'],
    pages: ['https://nn.r3.test/'],
    targets: ['data:text/plain,hi', 'DATA:,x', 'about:blank', 'javascript:void(0)'],
    every: true,
  });

  // 10. Very long host names (63-character labels, 64 is too long, ~250 characters total).
  const l63 = 'a'.repeat(63);
  const l64 = 'b'.repeat(64);
  const long = [l63, l63, l63, 'c'.repeat(51), 'test'].join('.'); // 251 characters
  block({
    policies: [`connect-src https://${l63}.r3.test`, `connect-src https://*.${l63}.r3.test`, `connect-src https://${long}`,
      `connect-src https://${l64}.r3.test`, 'connect-src https://*.r3.test', 'connect-src https://*.test'],
    pages: ['https://lh.r3.test/'],
    targets: [`https://${l63}.r3.test/`, `https://x.${l63}.r3.test/`, `https://${long}/`, `https://${l64}.r3.test/`,
      `https://${l63.toUpperCase()}.R3.TEST/`],
  });

  // 11. Unicode host written literally in the header vs punycode.
  block({
    policies: ['connect-src https://bücher.example', 'connect-src https://*.bücher.example', 'connect-src https://BÜCHER.example',
      'connect-src https://xn--bcher-kva.example', 'connect-src bücher.example:8443', "connect-src 'self'"],
    pages: ['https://xn--bcher-kva.example/', 'https://idn.r3.test/'],
    targets: ['https://xn--bcher-kva.example/', 'https://bücher.example/', 'https://sub.xn--bcher-kva.example/',
      'https://BÜCHER.example:8443/', 'wss://bücher.example/'],
  });

  // 12. Ports 1, 65535, 0 (and 65536 in a source).
  block({
    policies: ['connect-src https://pt.r3.test:1', 'connect-src https://pt.r3.test:65535', 'connect-src https://pt.r3.test:0',
      'connect-src https://pt.r3.test:65536', 'connect-src https://pt.r3.test:*', 'connect-src pt.r3.test:1 pt.r3.test:0'],
    pages: ['https://ptp.r3.test/'],
    targets: ['https://pt.r3.test:1/', 'https://pt.r3.test:65535/', 'https://pt.r3.test:0/', 'http://pt.r3.test:1/',
      'wss://pt.r3.test:65535/', 'https://pt.r3.test/'],
  });

  // 13. Follow-ups, added after the first replay (ids above are unchanged): which ports a
  // WebSocket refuses before CSP (WebKit refused ports 0 and 1 without a CSP check), and which
  // non-network schemes fetch/XHR/EventSource refuse before CSP (Firefox: about:, javascript:).
  const badPortTargets = [];
  for (const port of [0, 1, 7, 25, 6000, 6665, 10080, 65535, 8443]) {
    for (const s of ['ws', 'wss', 'http', 'https']) badPortTargets.push(`${s}://bp.r3.test:${port}/`);
  }
  block({
    policies: ['connect-src *:*', 'connect-src https://other.r3.test'],
    pages: ['https://bp.r3.test/'],
    targets: badPortTargets,
    every: true,
  });
  block({
    policies: ['connect-src * about: javascript: file: view-source: mailto: filesystem: tel:', 'connect-src https:'],
    pages: ['https://bp.r3.test/'],
    targets: ['about:srcdoc', 'ABOUT:BLANK', 'JavaScript:void(0)', 'file:///etc/hosts', 'view-source:https://bp.r3.test/',
      'mailto:a@b.test', 'filesystem:https://bp.r3.test/temporary/x', 'tel:1'],
    every: true,
  });

  return cases;
}
