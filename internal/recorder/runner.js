// The recording loop, without the command line: batching, page loads, re-runs and controls.
// record.js drives it with a real server and browser; test/runner.test.js drives it with fakes.
import { fits, plausible } from './classify.js';

// isLoad: is the case a destination load (the destination set: a `dest` other than connect)?
export const isLoad = (c) => !!c.dest && c.dest !== 'connect';

// DEST_MARKER_POLICY is the marker policy of pages of destination loads, which may be images:
// its marker is a fetch() that connect-src 'none' blocks (no destination falls back to
// connect-src); the connect sets keep the marker image under img-src 'none'.
export const DEST_MARKER_POLICY = "connect-src 'none'";

// hasUIR: does a policy string hold upgrade-insecure-requests (any policy of a comma-joined list)?
export const hasUIR = (p) => /(^|[;,\s])upgrade-insecure-requests(\s|;|,|$)/i.test(p || '');

// sandboxes returns the sandbox directives of an enforce policy string, as written
// ("sandbox allow-scripts", ...), one per policy of a comma-joined list that has one.
export function sandboxes(policy) {
  const out = [];
  for (const pol of (policy || '').split(',')) {
    for (const d of pol.split(';')) {
      const t = d.trim();
      if (/^sandbox(\s|$)/i.test(t)) out.push(t);
    }
  }
  return out;
}

// controlPolicy is the policy a case's control runs under: connect-src 'none' (default-src
// 'none' for a destination load), plus the case's upgrade-insecure-requests (it changes which
// URL is checked) and its sandbox directives (a sandboxed document is another origin), each
// sandbox as a policy of its own.
export function controlPolicy(c) {
  const none = isLoad(c) ? "default-src 'none'" : "connect-src 'none'";
  const base = hasUIR(c.policy) ? `${none}; upgrade-insecure-requests` : none;
  return [base, ...sandboxes(c.policy)].join(', ');
}

// controlKey: cases with equal keys share one control.
export const controlKey = (c) => JSON.stringify([c.page, c.kind, c.target, controlPolicy(c)]);

// settleOf: how long the probe lets a case's request settle at most.
const settleOf = (c, opts) => (c.redirect ? opts.redirectMs : isLoad(c) ? opts.loadMs || opts.settleMs : opts.settleMs);

// batches groups cases by (policy, report_only, page), in first-seen order, split into chunks.
export function batches(cases, size) {
  const groups = new Map();
  for (const c of cases) {
    const k = JSON.stringify([c.policy, c.report_only || '', c.page]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(c);
  }
  const out = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  }
  return out;
}

// recordAll runs every case and the controls it needs.
//   cases       the cases, as generated
//   batch       largest number of cases on one page load
//   server      { setPage({page, policy, report_only}), redirected: Set of case ids }
//   launch      async () => driver: { evaluate(page, fnSource, arg, timeoutMs), afterPage?(page), close() }
//   probe       the in-page function's source
//   opts        { settleMs, redirectMs, markerMs, loadMs }
//   log         function(...message)
// Returns { results: Map id -> probe result or null, controls: Map controlKey -> result or null,
//           need: Map controlKey -> control case, hopSeen: Set of case ids,
//           reached: Map id -> the URLs the server saw for the case before the controls ran
//           (server.caseHits), driver }.
export async function recordAll({ cases, batch, server, launch, probe, opts, log = () => {} }) {
  let driver = await launch();
  let tagN = 0;
  const started = Date.now();

  // run evaluates one batch of cases sharing policy/report_only/page; relaunches the browser
  // and splits the batch when something goes wrong. Returns results aligned with list
  // (null for a case that could not be run).
  async function run(list, policy, reportOnly, page, depth = 0) {
    const loads = isLoad(list[0]);
    server.setPage({ page, policy, report_only: reportOnly, marker: loads ? DEST_MARKER_POLICY : '' });
    const arg = { ...opts, tag: `t${++tagN}`, cases: list.map((c) => ({ kind: c.kind, target: c.target, redirect: c.redirect })) };
    if (loads) Object.assign(arg, { marker: 'fetch', markerPolicy: DEST_MARKER_POLICY });
    const grace = (c) => (!opts.graceKinds || opts.graceKinds.includes(c.kind) ? opts.graceMs || 0 : 0);
    const timeout = 15000 + list.reduce((t, c) => t + settleOf(c, opts) + grace(c) + 500, 0);
    let out;
    let failure = null;
    try {
      out = await driver.evaluate(page, probe, arg, timeout);
    } catch (e) {
      failure = e;
    }
    // A driver may replace its browser after some pages (WebKit: upgrade-insecure-requests
    // state that leaks into later pages), whether or not the page's probe came back.
    if (driver.afterPage) {
      try {
        await driver.afterPage({ page, policy, report_only: reportOnly });
      } catch (e) {
        failure ||= e;
      }
    }
    try {
      if (failure) throw failure;
      if (new URL(out.href).href !== new URL(page).href) throw new Error(`page loaded as ${out.href}, wanted ${page}`);
      // In a batch, a missing marker or an event naming another URL or directive sends the case
      // to a re-run on its own page load. Alone on its page, a connect case owns every event; a
      // destination load's event naming another URL or a directive that cannot be its own came
      // from an earlier page (Firefox), so the case runs again in a fresh browser, and is left
      // out when that happens twice (the catch below).
      return out.results.map((r, i) => {
        const own = r.events.every((e) => fits(list[i], e.directive) && (!isLoad(list[i]) || plausible(list[i], e.blocked_uri)));
        if (list.length === 1 && !own && isLoad(list[0])) throw new Error(`an event of another request (${r.events.map((e) => e.directive + ' ' + e.blocked_uri).join(', ')})`);
        return (list.length === 1 && (own || !isLoad(list[0]))) || (r.marker && own && r.events.every((e) => plausible(list[i], e.blocked_uri)))
          ? { ...r, origin: out.origin } : null;
      });
    } catch (e) {
      log(`batch of ${list.length} on ${page} failed: ${String(e.message).split('\n')[0]}`);
      try { await driver.close(); } catch { /* already gone */ }
      driver = await launch();
      if (depth >= 2) return list.map(() => null);
      if (list.length === 1) return run(list, policy, reportOnly, page, depth + 1);
      const mid = Math.ceil(list.length / 2);
      return [...await run(list.slice(0, mid), policy, reportOnly, page, depth + 1),
        ...await run(list.slice(mid), policy, reportOnly, page, depth + 1)];
    }
  }

  // Pass 1: the cases themselves.
  const results = new Map();
  const bs = batches(cases, batch);
  let done = 0;
  for (let i = 0; i < bs.length; i++) {
    const list = bs[i];
    const rs = await run(list, list[0].policy, list[0].report_only || '', list[0].page);
    list.forEach((c, j) => results.set(c.id, rs[j]));
    done += list.length;
    if (i % 25 === 0) log(`${done}/${cases.length} cases, ${(done / Math.max(1, (Date.now() - started) / 1000)).toFixed(1)}/s`);
  }
  const hopSeen = new Set(server.redirected);

  // Cases whose events could not be attributed in their batch run again on their own page load.
  const again = cases.filter((c) => results.get(c.id) === null);
  if (again.length) log(`${again.length} cases re-run one per page load`);
  for (const c of again) {
    const [r] = await run([c], c.policy, c.report_only || '', c.page, 1);
    results.set(c.id, r);
  }
  for (const id of server.redirected) hopSeen.add(id);
  const reached = new Map();
  if (server.caseHits) for (const c of cases) if (server.caseHits.has(c.id)) reached.set(c.id, [...server.caseHits.get(c.id)]);

  // Pass 2: controls under `connect-src 'none'` for every case without an enforce violation.
  const need = new Map();
  for (const c of cases) {
    const r = results.get(c.id);
    if (!r || r.events.some((e) => e.disposition === 'enforce')) continue;
    const k = controlKey(c);
    if (!need.has(k)) need.set(k, { ...c, id: `ctl-${need.size}`, policy: controlPolicy(c), report_only: '' });
  }
  log(`pass 2: ${need.size} controls`);
  const controls = new Map();
  for (const list of batches([...need.values()], batch)) {
    const rs = await run(list, list[0].policy, '', list[0].page);
    list.forEach((c, j) => controls.set(controlKey(c), rs[j]));
  }
  return { results, controls, need, hopSeen, reached, driver };
}
