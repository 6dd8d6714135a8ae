// Records real browsers' connect-src verdicts.
//
//   node record.js <chromium|firefox|webkit> [--holdout|--round3] [--remap-ports] [--limit N] [--only ID,ID] [--batch N] [--seed N] [--out DIR]
//   --holdout      the holdout set (holdout.js) into <out>/holdout.jsonl and <out>/holdout-meta.json
//   --round3       the third set (round3.js) into <out>/round3.jsonl and <out>/round3-meta.json
//   --remap-ports  (webkit only) serve on 18080/18000/18443/18843; the proxy maps 80/8000/443/8443
//                  there, so a WebKit run can share the machine with another recording
//   (--only and --batch 1 with --out elsewhere re-check single cases, each on its own page load)
//
// 1. generates the cases (gen.js, fixed seed) into cases.jsonl next to this file;
// 2. starts the loopback server (server.js) and the browser driver (drivers/<browser>.js);
// 3. runs the cases grouped by (policy, report_only, page), one page load per batch;
// 4. re-runs, under `connect-src 'none'`, every request that saw no enforce violation, to tell
//    "CSP allowed it" from "the API refused it before CSP ran";
// 5. writes <out>/cases.jsonl and <out>/meta.json (default out: ../testdata/<browser>/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { generate, DEFAULT_SEED } from './gen.js';
import { generateHoldout, HOLDOUT_SEED } from './holdout.js';
import { generateRound3, ROUND3_SEED } from './round3.js';
import { startServer } from './server.js';
import { probe } from './probe.js';
import { outcome, plausible } from './classify.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROBE = probe.toString();
const OPTS = { settleMs: 100, redirectMs: 2000, markerMs: 3000 };

function parseArgs(argv) {
  const a = { browser: argv[0], limit: 0, batch: 60, seed: null, out: null, only: null, holdout: false, round3: false, remap: false };
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--limit') { a.limit = Number(v); i++; }
    else if (argv[i] === '--batch') { a.batch = Number(v); i++; }
    else if (argv[i] === '--seed') { a.seed = Number(v); i++; }
    else if (argv[i] === '--out') { a.out = v; i++; }
    else if (argv[i] === '--only') { a.only = new Set(v.split(',')); i++; }
    else if (argv[i] === '--holdout') a.holdout = true;
    else if (argv[i] === '--round3') a.round3 = true;
    else if (argv[i] === '--remap-ports') a.remap = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!['chromium', 'firefox', 'webkit'].includes(a.browser)) {
    throw new Error('usage: node record.js <chromium|firefox|webkit> [--holdout|--round3] [--remap-ports] [--limit N] [--only ID,ID] [--batch N] [--seed N] [--out DIR]');
  }
  if (a.remap && a.browser !== 'webkit') {
    throw new Error('--remap-ports works for webkit only (its proxy maps the ports; Chromium and Firefox connect to the real ports)');
  }
  a.seed ??= a.holdout ? HOLDOUT_SEED : a.round3 ? ROUND3_SEED : DEFAULT_SEED;
  a.out ||= path.join(here, '..', 'testdata', a.browser);
  return a;
}

// batches groups cases by (policy, report_only, page), in first-seen order, split into chunks.
function batches(cases, size) {
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

// The Debian packages behind each browser, for meta.json.
const PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['libwebkit2gtk-4.1-0', 'webkit2gtk-driver'] };
function packageVersions(browser) {
  const out = {};
  for (const p of PACKAGES[browser] || []) {
    try { out[p] = execFileSync('dpkg-query', ['-W', '-f', '${Version}', p], { encoding: 'utf8' }).trim(); } catch { /* not a dpkg system */ }
  }
  return out;
}

// --remap-ports: where the server listens instead of 80/8000/443/8443 (WebKit's proxy maps them).
const REMAP = { http: [18080, 18000], https: [18443, 18843], map: { 80: 18080, 8000: 18000, 443: 18443, 8443: 18843 } };

const hasUIR = (p) => /(^|[;,\s])upgrade-insecure-requests(\s|;|,|$)/i.test(p || '');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  let cases = args.holdout ? generateHoldout(args.seed) : args.round3 ? generateRound3(args.seed) : generate(args.seed);
  const stem = args.holdout ? 'holdout' : args.round3 ? 'round3' : 'cases';
  fs.writeFileSync(path.join(here, args.holdout ? 'holdout-cases.jsonl' : args.round3 ? 'round3-cases.jsonl' : 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  if (args.only) cases = cases.filter((c) => args.only.has(c.id));
  if (args.limit) cases = cases.slice(0, args.limit);
  const log = (...m) => console.error(`[${args.browser} ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...m);
  log(`${cases.length} cases`);

  const server = await startServer(args.remap ? { httpPorts: REMAP.http, httpsPorts: REMAP.https } : {});
  const { launch } = await import(`./drivers/${args.browser}.js`);
  const launchOpts = { hostPorts: server.ports };
  if (args.remap) launchOpts.portMap = REMAP.map;
  let driver = await launch(launchOpts);
  log(`${driver.name} ${driver.version}`);

  let tagN = 0;
  // run evaluates one batch of cases sharing policy/report_only/page; relaunches the browser
  // and splits the batch when something goes wrong. Returns results aligned with list
  // (null for a case that could not be run).
  async function run(list, policy, reportOnly, page, depth = 0) {
    server.setPage({ page, policy, report_only: reportOnly });
    const arg = { ...OPTS, tag: `t${++tagN}`, cases: list.map((c) => ({ kind: c.kind, target: c.target, redirect: c.redirect })) };
    const timeout = 15000 + list.reduce((t, c) => t + (c.redirect ? OPTS.redirectMs : OPTS.settleMs) + 500, 0);
    try {
      const out = await driver.evaluate(page, PROBE, arg, timeout);
      // A driver may replace its browser after some pages (WebKit: state that leaks into later pages).
      if (driver.afterPage) await driver.afterPage({ page, policy, report_only: reportOnly });
      if (new URL(out.href).href !== new URL(page).href) throw new Error(`page loaded as ${out.href}, wanted ${page}`);
      // Alone on its page, every event is the case's own; in a batch, a missing marker or an
      // event naming another URL sends the case to a re-run on its own page load.
      return out.results.map((r, i) => (list.length === 1 || (r.marker && r.events.every((e) => plausible(list[i], e.blocked_uri))) ? r : null));
    } catch (e) {
      log(`batch of ${list.length} on ${page} failed: ${e.message.split('\n')[0]}`);
      if (depth >= 2) return list.map(() => null);
      try { await driver.close(); } catch { /* already gone */ }
      driver = await launch(launchOpts);
      if (list.length === 1) return run(list, policy, reportOnly, page, depth + 1);
      const mid = Math.ceil(list.length / 2);
      return [...await run(list.slice(0, mid), policy, reportOnly, page, depth + 1),
        ...await run(list.slice(mid), policy, reportOnly, page, depth + 1)];
    }
  }

  // Pass 1: the cases themselves.
  const results = new Map();
  const bs = batches(cases, args.batch);
  let done = 0;
  for (let i = 0; i < bs.length; i++) {
    const list = bs[i];
    const rs = await run(list, list[0].policy, list[0].report_only || '', list[0].page);
    list.forEach((c, j) => results.set(c.id, rs[j]));
    done += list.length;
    if (i % 25 === 0) log(`${done}/${cases.length} cases, ${(done / ((Date.now() - started) / 1000)).toFixed(1)}/s`);
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

  // Pass 2: controls under `connect-src 'none'` for every case without an enforce violation.
  const controlKey = (c) => JSON.stringify([c.page, c.kind, c.target, hasUIR(c.policy)]);
  const need = new Map();
  for (const c of cases) {
    const r = results.get(c.id);
    if (!r || r.events.some((e) => e.disposition === 'enforce')) continue;
    const k = controlKey(c);
    if (!need.has(k)) need.set(k, { ...c, id: `ctl-${need.size}`, policy: hasUIR(c.policy) ? "connect-src 'none'; upgrade-insecure-requests" : "connect-src 'none'", report_only: '' });
  }
  log(`pass 2: ${need.size} controls`);
  const controls = new Map();
  const cb = batches([...need.values()], args.batch);
  for (const list of cb) {
    const rs = await run(list, list[0].policy, '', list[0].page);
    list.forEach((c, j) => controls.set(controlKey(c), rs[j]));
  }

  // Outcomes.
  const counts = { allowed: 0, blocked: 0, mixed: 0, error: 0 };
  const lines = [];
  const skipped = [];
  const unreached = []; // redirect cases whose first hop never reached the server
  for (const c of cases) {
    const r = results.get(c.id);
    const k = controlKey(c);
    if (!r || (need.has(k) && !r.events.some((e) => e.disposition === 'enforce') && !controls.get(k))) {
      skipped.push(c.id);
      continue;
    }
    const o = outcome(c, r, controls.get(k), hopSeen.has(c.id));
    // A redirect case that saw no violation says nothing about its redirect unless the
    // server answered the first hop (an upgraded first hop to a plain-http port, say, fails
    // before any redirect): not recorded.
    if (c.redirect && (o.outcome === 'allowed' || o.outcome === 'mixed') && !hopSeen.has(c.id)) {
      unreached.push(c.id);
      skipped.push(c.id);
      continue;
    }
    counts[o.outcome]++;
    lines.push(JSON.stringify({ ...c, ...o }));
  }
  const seconds = (Date.now() - started) / 1000;
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, `${stem}.jsonl`), lines.join('\n') + '\n');
  const meta = {
    browser: driver.name,
    version: driver.version,
    user_agent: driver.userAgent,
    debian_packages: packageVersions(args.browser),
    recorded: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node internal/recorder/record.js ${process.argv.slice(2).join(' ')}`.trim(),
    generator: args.holdout ? 'internal/recorder/holdout.js (node gen.js --holdout)'
      : args.round3 ? 'internal/recorder/round3.js (node gen.js --round3)' : 'internal/recorder/gen.js',
    seed: args.seed,
    cases: lines.length,
    counts,
    not_recorded: skipped.length,
    not_recorded_ids: skipped,
    redirect_not_reached_ids: unreached,
    seconds: Math.round(seconds),
    cases_per_second: Number((cases.length / seconds).toFixed(1)),
    platform: `${process.platform} ${process.arch}, node ${process.version}`,
  };
  fs.writeFileSync(path.join(args.out, args.holdout ? 'holdout-meta.json' : args.round3 ? 'round3-meta.json' : 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  log(`wrote ${lines.length} cases to ${args.out}: ${JSON.stringify(counts)}; ${skipped.length} not recorded; ${meta.cases_per_second} cases/s`);
  await driver.close();
  await server.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
