// Tests of the recording loop without a browser: the batching logic (runner.js) is fed every
// generator's cases and driven with a fake server and a fake WebKit driver whose afterPage is
// the real WebKit decision (drivers/webkit.js needsFreshBrowser). Checked: no page is ever
// evaluated in a browser that has already shown a page with upgrade-insecure-requests (WebKit
// keeps upgrading those hosts for later pages), through first runs, re-runs of single cases,
// failed page loads and controls.
//
//   node --test internal/recorder/test/      (or: node internal/recorder/test/runner.test.js)
import test from 'node:test';
import assert from 'node:assert/strict';
import { needsFreshBrowser } from '../drivers/webkit.js';
import { recordAll, batches, controlPolicy, sandboxes, controlKey, isLoad, DEST_MARKER_POLICY } from '../runner.js';
import { SETS } from '../sets.js';
import { DEST_KINDS } from '../dest.js';

// mentionsUIR is the test's own reading of "this page has upgrade-insecure-requests": a
// directive (of any policy of a comma-joined list, enforce or report-only) whose name,
// lower-cased, is the directive's, split on any white space (Unicode included).
function mentionsUIR(policy) {
  return (policy || '').split(',').some((p) => p.split(';').some((d) => {
    const name = d.trim().split(/\s/u)[0].toLowerCase();
    return name === 'upgrade-insecure-requests';
  }));
}

// hash: a small deterministic number per string, to vary the fake browser's answers.
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

// fakeWebKit returns a launch() whose drivers log every evaluate, reset and launch into `events`.
// The fake page answers: a blocked request for some targets, an allowed one for others, a
// missing marker (forcing a re-run) for some cases in batches, and a failed page load for some
// pages (forcing a relaunch and split). The policy of a page is read from the fake server, as
// the real browser reads it from the real one.
function fakeWebKit(server, events, { failEvery = 37, noMarkerEvery = 23 } = {}) {
  let n = 0;
  return async () => {
    const id = ++n;
    events.push({ type: 'launch', id });
    return {
      name: 'webkit',
      async evaluate(page, fnSource, arg) {
        const cur = server.current;
        events.push({ type: 'evaluate', id, page, policy: cur.policy, report_only: cur.report_only, n: arg.cases.length });
        if (hash(arg.tag + page) % failEvery === 0) throw new Error('fake page load failure');
        return {
          href: page,
          results: arg.cases.map((c) => {
            const h = hash(c.kind + c.target + cur.policy);
            const events = h % 3 === 0 ? [{ disposition: 'enforce', directive: 'connect-src', blocked_uri: '', policy: cur.policy }] : [];
            return { events, marker: arg.cases.length === 1 || h % noMarkerEvery !== 0 };
          }),
        };
      },
      async afterPage(p) {
        if (needsFreshBrowser(p)) events.push({ type: 'reset', id });
      },
      async close() { events.push({ type: 'close', id }); },
    };
  };
}

function fakeServer() {
  const s = {
    current: null,
    redirected: new Set(),
    setPage(c) { s.current = { page: c.page, policy: c.policy || '', report_only: c.report_only || '' }; },
  };
  return s;
}

// assertFresh walks the event log: after an evaluate of a page with upgrade-insecure-requests
// the browser is dirty until a reset or a new launch; no evaluate may run in a dirty browser.
function assertFresh(events, label) {
  let dirty = null;
  let uirPages = 0;
  let resets = 0;
  for (const e of events) {
    if (e.type === 'launch' || e.type === 'reset') {
      if (e.type === 'reset') resets++;
      dirty = null;
    } else if (e.type === 'evaluate') {
      assert.equal(dirty, null, `${label}: ${e.page} (policy ${JSON.stringify(e.policy)}) evaluated in a browser that showed ` +
        `${dirty && dirty.page} with ${JSON.stringify(dirty && (dirty.policy + ' / ' + dirty.report_only))}`);
      if (mentionsUIR(e.policy) || mentionsUIR(e.report_only)) {
        dirty = e;
        uirPages++;
      }
    }
  }
  return { uirPages, resets };
}

const OPTS = { settleMs: 100, redirectMs: 2000, markerMs: 3000 };

for (const [name, set] of Object.entries(SETS).filter(([, s]) => !s.own)) {
  test(`WebKit gets a fresh browser after every upgrade-insecure-requests page: ${name} set`, async () => {
    const cases = set.generate(set.seed);
    const server = fakeServer();
    const events = [];
    const { results, controls, need } = await recordAll({ cases, batch: 60, server, launch: fakeWebKit(server, events), probe: '() => 0', opts: OPTS });
    const { uirPages } = assertFresh(events, name);
    // every page of the set with the directive was evaluated (so the walk above saw them all)
    const want = new Set(cases.filter((c) => mentionsUIR(c.policy) || mentionsUIR(c.report_only)).map((c) => c.page + '\n' + c.policy + '\n' + (c.report_only || '')));
    const seen = new Set(events.filter((e) => e.type === 'evaluate').map((e) => e.page + '\n' + e.policy + '\n' + e.report_only));
    for (const k of want) assert.ok(seen.has(k), `${name}: page never evaluated: ${k}`);
    assert.ok(uirPages >= want.size);
    // controls of cases with the directive carry it, so their pages restart the browser too
    const uirCases = cases.some((c) => mentionsUIR(c.policy));
    const uirControls = [...need.values()].filter((c) => mentionsUIR(c.policy));
    assert.equal(uirControls.length > 0, uirCases, `${name}: controls with upgrade-insecure-requests`);
    assert.equal(results.size, cases.length);
    assert.ok(controls.size > 0);
  });
}

test('fresh browser also when every page load fails or every batch re-runs', async () => {
  const cases = SETS.round4.generate(SETS.round4.seed).concat(SETS.holdout.generate(SETS.holdout.seed).filter((c) => mentionsUIR(c.policy) || mentionsUIR(c.report_only)));
  for (const knobs of [{ failEvery: 2, noMarkerEvery: 1000 }, { failEvery: 100000, noMarkerEvery: 1 }, { failEvery: 3, noMarkerEvery: 2 }]) {
    const server = fakeServer();
    const events = [];
    await recordAll({ cases, batch: 60, server, launch: fakeWebKit(server, events, knobs), probe: '() => 0', opts: OPTS });
    const { uirPages } = assertFresh(events, JSON.stringify(knobs));
    assert.ok(uirPages > 0);
  }
});

test('the check catches a driver that never restarts the browser', async () => {
  const cases = SETS.holdout.generate(SETS.holdout.seed);
  const server = fakeServer();
  const events = [];
  const launch = fakeWebKit(server, events, { failEvery: 100000, noMarkerEvery: 1000 });
  const noRestart = async () => { const d = await launch(); delete d.afterPage; return d; };
  await recordAll({ cases, batch: 60, server, launch: noRestart, probe: '() => 0', opts: OPTS });
  assert.throws(() => assertFresh(events, 'no restart'), /evaluated in a browser that showed/);
});

test('needsFreshBrowser: every way of writing the directive', () => {
  for (const p of ['upgrade-insecure-requests', 'UPGRADE-INSECURE-REQUESTS', "connect-src 'self'; upgrade-insecure-requests",
    "connect-src *, upgrade-insecure-requests", 'upgrade-insecure-requests\u00a0x', '  Upgrade-Insecure-Requests  ;',
    'upgrade-insecure-requests;upgrade-insecure-requests']) {
    assert.ok(needsFreshBrowser({ policy: p }), p);
    assert.ok(needsFreshBrowser({ policy: "connect-src 'self'", report_only: p }), `report-only ${p}`);
  }
  for (const p of ['', "connect-src 'self'", 'block-all-mixed-content', 'sandbox allow-scripts']) {
    assert.ok(!needsFreshBrowser({ policy: p, report_only: p }), p);
  }
});

test('controls keep upgrade-insecure-requests and sandbox', () => {
  assert.equal(controlPolicy({ policy: "connect-src 'self'" }), "connect-src 'none'");
  assert.equal(controlPolicy({ policy: "upgrade-insecure-requests; connect-src 'self'" }), "connect-src 'none'; upgrade-insecure-requests");
  assert.equal(controlPolicy({ policy: "sandbox allow-scripts; default-src 'self'" }), "connect-src 'none', sandbox allow-scripts");
  assert.equal(controlPolicy({ policy: "connect-src 'self', SANDBOX allow-scripts allow-same-origin" }),
    "connect-src 'none', SANDBOX allow-scripts allow-same-origin");
  assert.deepEqual(sandboxes("sandbox; connect-src *, sandbox allow-scripts"), ['sandbox', 'sandbox allow-scripts']);
  assert.deepEqual(sandboxes("connect-src https://sandbox.example"), []);
  // destination loads: default-src 'none', with the same additions
  assert.equal(controlPolicy({ dest: 'image', policy: "img-src 'self'" }), "default-src 'none'");
  assert.equal(controlPolicy({ dest: 'worker', policy: "worker-src 'self'; upgrade-insecure-requests" }), "default-src 'none'; upgrade-insecure-requests");
  assert.equal(controlPolicy({ dest: 'connect', policy: "connect-src 'self'" }), "connect-src 'none'");
  // the control of a control is itself: one control per key
  const c = { page: 'https://a.test/', kind: 'fetch', target: 'https://b.test/', policy: "sandbox allow-scripts; upgrade-insecure-requests" };
  assert.equal(controlKey(c), controlKey({ ...c, policy: controlPolicy(c) }));
});

test('batches: one page per (policy, report-only, page), at most the batch size, order kept', () => {
  const cases = SETS.round4.generate(SETS.round4.seed);
  const bs = batches(cases, 60);
  assert.equal(bs.flat().length, cases.length);
  for (const b of bs) {
    assert.ok(b.length >= 1 && b.length <= 60);
    for (const c of b) {
      assert.equal(c.policy, b[0].policy);
      assert.equal(c.report_only || '', b[0].report_only || '');
      assert.equal(c.page, b[0].page);
    }
  }
});

test('destination pages carry the fetch marker and its policy; connect pages keep the image marker', async () => {
  const cases = SETS.dest.generate(SETS.dest.seed).slice(0, 200).concat(SETS.round4.generate(SETS.round4.seed).slice(0, 50));
  const markers = [];
  const server = { ...fakeServer(), setPage(c) { markers.push([c.policy, c.marker]); server.current = { page: c.page, policy: c.policy || '', report_only: '' }; } };
  const args = [];
  const launch = async () => ({
    name: 'fake',
    async evaluate(page, fn, arg) {
      args.push(arg);
      return { href: page, results: arg.cases.map(() => ({ events: [], marker: true })) };
    },
    async close() {},
  });
  await recordAll({ cases, batch: 60, server, launch, probe: '() => 0', opts: { ...OPTS, loadMs: 1500 } });
  const dest = args.filter((a) => a.marker === 'fetch');
  assert.ok(dest.length > 0);
  for (const a of dest) assert.equal(a.markerPolicy, DEST_MARKER_POLICY);
  assert.ok(args.some((a) => a.marker === undefined));
  assert.ok(markers.some(([, m]) => m === DEST_MARKER_POLICY));
  assert.ok(markers.some(([, m]) => m === ''));
});

test('dest set: every http(s) target names its case, workers load same-origin or data:/blob: mostly', () => {
  const cases = SETS.dest.generate(SETS.dest.seed);
  assert.ok(cases.length >= 5000, `${cases.length} cases`);
  for (const c of cases) {
    assert.ok(isLoad(c), c.id);
    if (/^(data|blob):/.test(c.target)) continue;
    const u = new URL(c.target, c.page);
    assert.equal(u.searchParams.get('k') || u.searchParams.get('c'), c.id, c.target);
    if (c.redirect) assert.equal(new URL(c.redirect).searchParams.get('k'), c.id);
  }
  const dests = new Set(cases.map((c) => c.dest));
  for (const d of ['script', 'style', 'image', 'font', 'media', 'object', 'frame', 'worker', 'sharedworker', 'serviceworker', 'manifest', 'prefetch']) {
    assert.ok(dests.has(d), d);
  }
});

test("plausible: a bare scheme must be the scheme of the case's target or redirect", async () => {
  const { plausible } = await import('../classify.js');
  const c = (target, extra = {}) => ({ page: 'https://a.test/', kind: 'object', target, ...extra });
  assert.ok(plausible(c('blob:https://a.test/x'), 'blob'));
  assert.ok(plausible(c('data:text/html,x'), 'data'));
  assert.ok(!plausible(c('data:text/html,x'), 'blob'));
  assert.ok(!plausible(c('https://a.test/x'), 'blob'));
  assert.ok(plausible(c('https://a.test/r', { redirect: 'data:text/plain,x' }), 'data'));
  assert.ok(plausible({ page: 'https://a.test/', kind: 'websocket', target: 'https://b.test/' }, 'wss'));
  assert.ok(plausible(c('https://b.test/x'), 'https://b.test/x'));
  assert.ok(!plausible(c('https://b.test/x'), 'https://c.test/x'));
});

test('fits: a destination load owns only violations of its own directives', async () => {
  const { fits } = await import('../classify.js');
  assert.ok(fits({ kind: 'img' }, 'img-src'));
  assert.ok(!fits({ kind: 'img' }, 'frame-src'));
  assert.ok(!fits({ kind: 'track' }, 'object-src'));
  assert.ok(fits({ kind: 'embed' }, 'frame-src'));
  assert.ok(fits({ kind: 'video' }, 'block-all-mixed-content'));
  assert.ok(fits({ kind: 'prefetch' }, 'default-src'));
  assert.ok(fits({ kind: 'fetch' }, 'img-src'), 'connect kinds are not checked');
});

test('dest2 set: deterministic, ids e000001… in order, 1,500-2,000 cases, every destination, its corners', () => {
  const set = SETS.dest2;
  assert.equal(set.flag, '--dest2');
  assert.equal(set.prefix, 'e');
  const cases = set.generate(set.seed);
  assert.equal(JSON.stringify(set.generate(set.seed)), JSON.stringify(cases), 'same seed, same cases');
  assert.notEqual(JSON.stringify(set.generate(set.seed + 1)), JSON.stringify(cases), 'the seed matters');
  assert.ok(cases.length >= 1500 && cases.length <= 2000, `${cases.length} cases`);
  cases.forEach((c, i) => assert.equal(c.id, 'e' + String(i + 1).padStart(6, '0')));
  const keys = new Set(cases.map((c) => JSON.stringify([c.policy, c.report_only || '', c.page, c.kind, c.target.replace(/[?&][kc]=e\d+/g, ''), c.redirect || ''])));
  assert.equal(keys.size, cases.length, 'no case twice');
  const dests = new Set(cases.map((c) => c.dest));
  for (const d of ['script', 'style', 'image', 'font', 'media', 'track', 'object', 'frame', 'worker', 'sharedworker', 'serviceworker', 'manifest', 'prefetch']) {
    assert.ok(dests.has(d), d);
  }
  const workers = ['worker', 'sharedworker', 'serviceworker'];
  const hasSD = (c) => /'strict-dynamic'/i.test(c.policy + ' ' + (c.report_only || ''));
  for (const c of cases) {
    assert.ok(isLoad(c), c.id);
    // dest is the destination that loads the kind (a <track>'s is track)
    assert.ok(c.kind === 'track' ? c.dest === 'track' : DEST_KINDS[c.dest].includes(c.kind), `${c.id}: ${c.dest} ${c.kind}`);
    // 'strict-dynamic' only for workers (a probe-inserted <script> is issue 13's question)
    if (hasSD(c)) assert.ok(workers.includes(c.kind), `${c.id}: strict-dynamic for ${c.kind}`);
    // no sandboxed worker (an opaque origin cannot construct one)
    if (/(^|[;,]\s*)sandbox/i.test(c.policy)) assert.ok(!workers.includes(c.kind), c.id);
    for (const u of [c.page, c.target, c.redirect].filter((x) => x && /^https?:/i.test(x))) {
      const h = new URL(u).hostname;
      assert.ok(h === 'd2.test' || h.endsWith('.d2.test') || h === '127.0.0.1' || h === 'localhost', `${c.id}: host ${h}`);
    }
    if (/^(data|blob):/.test(c.target)) continue;
    const u = new URL(c.target, c.page);
    assert.equal(u.searchParams.get('k') || u.searchParams.get('c'), c.id, c.target);
    if (c.redirect && /^https?:/.test(c.redirect)) assert.equal(new URL(c.redirect).searchParams.get('k'), c.id);
    // a worker's first hop is on the page's origin
    if (workers.includes(c.kind)) assert.equal(u.origin, new URL(c.page).origin, c.id);
  }
  // the corners it is for, each present
  for (const k of workers) {
    for (const d of ['worker-src', 'child-src', 'script-src', 'default-src']) {
      assert.ok(cases.some((c) => c.kind === k && c.policy.startsWith(`${d} 'strict-dynamic'`)), `${k} ${d} 'strict-dynamic'`);
    }
  }
  for (const k of ['img', 'iframe', 'script', 'style']) assert.ok(cases.some((c) => /^sandbox allow-scripts;/.test(c.policy) && c.kind === k), `sandboxed ${k}`);
  assert.ok(cases.some((c) => c.report_only && c.policy === ''));
  assert.ok(cases.some((c) => c.policy.includes(', ') && c.kind === 'font'));
  for (const kw of ['unsafe-inline', 'unsafe-eval', 'nonce-abc', 'sha256-', 'wasm-unsafe-eval', 'report-sample', 'unsafe-hashes']) {
    assert.ok(cases.some((c) => c.kind === 'img' && c.policy.includes(`'${kw}`)), kw);
  }
  for (const d of dests) {
    if (d === 'serviceworker') continue;
    assert.ok(cases.some((c) => c.dest === d && /^data:/.test(c.redirect || '')) || d === 'track', `${d}: 302 to data:`);
  }
});
