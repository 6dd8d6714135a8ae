// Records real browsers' connect-src verdicts.
//
//   node record.js <chromium|firefox|webkit> [--holdout|--round3|--round4|--dest|--dest2|--cases FILE] [--remap-ports] [--limit N] [--only ID,ID] [--batch N] [--seed N] [--out DIR]
//   --holdout      the holdout set (holdout.js) into <out>/holdout.jsonl and <out>/holdout-meta.json
//   --round3       the third set (round3.js) into <out>/round3.jsonl and <out>/round3-meta.json
//   --round4       the fourth set (round4.js) into <out>/round4.jsonl and <out>/round4-meta.json
//   --dest, --dest2  the destination sets (dest.js, dest2.js) into <out>/<stem>.jsonl and its meta file
//   --cases FILE   hand-written cases (JSONL, the generators' format) into <out>/<name>.jsonl
//   --remap-ports  (webkit only) serve on 18080/18000/18443/18843; the proxy maps 80/8000/443/8443
//                  there, so a WebKit run can share the machine with another recording
//   (--only and --batch 1 with --out elsewhere re-check single cases, each on its own page load)
//
// 1. generates the cases (the set's generator, fixed seed) into <set>-cases.jsonl next to this file;
// 2. starts the loopback server (server.js) and the browser driver (drivers/<browser>.js);
// 3. runs the cases grouped by (policy, report_only, page), one page load per batch (runner.js);
// 4. re-runs, under `connect-src 'none'`, every request that saw no enforce violation, to tell
//    "CSP allowed it" from "the API refused it before CSP ran";
// 5. writes <out>/<stem>.jsonl and its meta file (default out: ../testdata/<browser>/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { SETS, setFromFlag } from './sets.js';
import { startServer } from './server.js';
import { probe } from './probe.js';
import { outcome } from './classify.js';
import { recordAll, controlKey, isLoad } from './runner.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROBE = probe.toString();
const OPTS = { settleMs: 100, redirectMs: 2000, markerMs: 3000, graceMs: 0, loadMs: 1500 };
const USAGE = 'usage: node record.js <chromium|firefox|webkit> [--holdout|--round3|--round4|--dest|--dest2|--cases FILE] [--remap-ports] [--limit N] [--only ID,ID] [--batch N] [--seed N] [--out DIR]';

function parseArgs(argv) {
  const a = { browser: argv[0], limit: 0, batch: 60, seed: null, out: null, only: null, set: SETS.main, remap: false };
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--limit') { a.limit = Number(v); i++; }
    else if (argv[i] === '--batch') { a.batch = Number(v); i++; }
    else if (argv[i] === '--seed') { a.seed = Number(v); i++; }
    else if (argv[i] === '--out') { a.out = v; a.outExplicit = true; i++; }
    else if (argv[i] === '--only') { a.only = new Set(v.split(',')); i++; }
    else if (argv[i] === '--cases') { a.set = fileSet(v); i++; }
    else if (setFromFlag(argv[i])) a.set = setFromFlag(argv[i]);
    else if (argv[i] === '--remap-ports') a.remap = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!['chromium', 'firefox', 'webkit'].includes(a.browser)) throw new Error(USAGE);
  if (a.remap && a.browser !== 'webkit') {
    throw new Error('--remap-ports works for webkit only (its proxy maps the ports; Chromium and Firefox connect to the real ports)');
  }
  a.seed ??= a.set.seed;
  a.out ||= path.join(here, '..', 'testdata', a.browser);
  return a;
}

// fileSet: a hand-written case file (JSONL, the generators' format) recorded as a set of its own,
// for targeted probes: <out>/<name>.jsonl and <out>/<name>-meta.json.
function fileSet(file) {
  const stem = path.basename(file).replace(/\.jsonl$/, '');
  const cases = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return { flag: null, stem, meta: `${stem}-meta.json`, casesFile: null, seed: 0, generate: () => cases, generator: `case file ${file}`, prefix: '' };
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

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const set = args.set;
  const started = Date.now();
  let cases = set.generate(args.seed);
  if (set.casesFile) fs.writeFileSync(path.join(here, set.casesFile), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  if (set.own) {
    // a set with a recording loop of its own (the inline set: inline-run.js)
    const { recordInline } = await import(`./${set.own}`);
    const log = (...m) => console.error(`[${args.browser} ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...m);
    return recordInline(args, { set, packageVersions, remap: args.remap ? REMAP : null, log });
  }
  if (args.only) cases = cases.filter((c) => args.only.has(c.id));
  if (args.limit) cases = cases.slice(0, args.limit);
  const log = (...m) => console.error(`[${args.browser} ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...m);
  log(`${cases.length} cases`);

  const server = await startServer(args.remap ? { httpPorts: REMAP.http, httpsPorts: REMAP.https } : {});
  server.setKinds(new Map(cases.map((c) => [c.id, c.kind])));
  const { launch } = await import(`./drivers/${args.browser}.js`);
  const launchOpts = { hostPorts: server.ports };
  // how long a request without a violation waits for a late one (the driver's choice;
  // RECORD_GRACE_MS overrides it)
  const probeOpts = { ...OPTS };
  if (args.remap) launchOpts.portMap = REMAP.map;
  let first = true;
  const { results, controls, need, hopSeen, reached, driver } = await recordAll({
    cases, batch: args.batch, server, probe: PROBE, opts: probeOpts, log,
    launch: async () => {
      const d = await launch(launchOpts);
      if (first) {
        probeOpts.graceMs = process.env.RECORD_GRACE_MS ? Number(process.env.RECORD_GRACE_MS) : d.graceMs || 0;
        // RECORD_GRACE_KINDS=all (or a comma list) overrides the driver's kinds
        const kinds = process.env.RECORD_GRACE_KINDS || (d.graceKinds ? d.graceKinds.join(',') : 'all');
        if (kinds !== 'all') probeOpts.graceKinds = kinds.split(',');
        log(`${d.name} ${d.version}; grace ${probeOpts.graceMs} ms for ${kinds}`);
        first = false;
      }
      return d;
    },
  });

  // RECORD_RAW=FILE keeps what the probe saw for every case and control (for debugging).
  if (process.env.RECORD_RAW) {
    fs.writeFileSync(process.env.RECORD_RAW, JSON.stringify({ results: Object.fromEntries(results), controls: Object.fromEntries(controls) }, null, 1));
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
    // destination loads: the URLs the server saw for the case (with Sec-Fetch-Dest), so an
    // allowed load that never arrived, or arrived upgraded to https, shows
    if (isLoad(c)) o.reached = reached.get(c.id) || [];
    if (r.marker_policy) o.marker_policy = r.marker_policy;
    lines.push(JSON.stringify({ ...c, ...o }));
  }
  const seconds = (Date.now() - started) / 1000;
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, `${set.stem}.jsonl`), lines.join('\n') + '\n');
  const meta = {
    browser: driver.name,
    version: driver.version,
    user_agent: driver.userAgent,
    debian_packages: packageVersions(args.browser),
    recorded: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node internal/recorder/record.js ${process.argv.slice(2).join(' ')}`.trim(),
    generator: set.generator,
    seed: args.seed,
    cases: lines.length,
    counts,
    not_recorded: skipped.length,
    not_recorded_ids: skipped,
    redirect_not_reached_ids: unreached,
    grace_ms: probeOpts.graceMs,
    grace_kinds: probeOpts.graceKinds || 'all',
    seconds: Math.round(seconds),
    cases_per_second: Number((cases.length / seconds).toFixed(1)),
    platform: `${process.platform} ${process.arch}, node ${process.version}`,
  };
  fs.writeFileSync(path.join(args.out, set.meta), JSON.stringify(meta, null, 2) + '\n');
  log(`wrote ${lines.length} cases to ${args.out}: ${JSON.stringify(counts)}; ${skipped.length} not recorded; ${meta.cases_per_second} cases/s`);
  await driver.close();
  await server.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
