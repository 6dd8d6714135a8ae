// Recording loop of the inline set (inline.js): every case is a page of its own, loaded in an
// iframe of a harness page of the same origin (no policy), which then clicks or submits what the
// case needs and reads back from the case document what ran; violations arrive as reports at the
// server (the served policy carries report-uri /report/<id>/<e|r>).
//
// record.js calls recordInline(args, helpers) for `--inline`.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pageHTML, EXTERNAL_BODY, RED } from './inline.js';
import { latin1, throwawayCert } from './server.js';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// served adds report-uri to every policy of a comma-joined list (d: e enforce, r report-only).
export function served(policy, id, d) {
  if (!policy) return '';
  return policy.split(',').map((p) => `${p.replace(/\s+$/, '')}; report-uri /report/${id}/${d}`).join(',');
}

// harnessOrigin: the origin of the top-level page that frames the case.
export const harnessOrigin = (c) => (c.ancestors ? c.ancestors[0] : new URL(c.page).origin);

// frameURL: what the harness frames: the next ancestor's nesting page, or the case page.
export function frameURL(c, level = 1) {
  if (!c.ancestors || level >= c.ancestors.length) return c.page;
  return `${c.ancestors[level]}/n/${c.id}/${level}`;
}

// act: what the harness does to the case document once it has loaded.
export function actOf(c) {
  if (c.kind === 'form-action') return 'submit';
  if (c.kind === 'javascript-url' || (c.kind === 'script-attr' && c.attr === 'onclick')) return 'click';
  return '';
}

// settleOf: how long the harness waits after the load (and the action) before it reads.
export function settleOf(c) {
  if (c.kind === 'form-action') return 1200;
  if (c.kind === 'frame-ancestors') return 600;
  return 300;
}

// startInlineServer serves the harness, the case pages and everything they load, and collects
// the reports and hits per case id.
export async function startInlineServer({ httpPorts = [80, 8000], httpsPorts = [443, 8443], log = false } = {}) {
  const cases = new Map();
  const reports = new Map(); // id -> [{d, body}]
  const hits = new Map(); // id -> ['GET https://...']
  const tls = throwawayCert();
  const hit = (id, s) => { if (!hits.has(id)) hits.set(id, []); hits.get(id).push(s); };
  const handler = (scheme) => (req, res) => {
    const abs = `${scheme}://${req.headers.host}${req.url}`;
    if (log) console.error(`[server] ${req.method} ${abs}`);
    const u = new URL(abs);
    const p = u.pathname;
    const base = { 'Cache-Control': 'no-store' };
    let m;
    if (p === '/h') {
      res.writeHead(200, { ...base, 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><meta charset="utf-8"><title>h</title><body>');
    }
    if ((m = /^\/report\/([^/]+)\/([er])$/.exec(p))) {
      const chunks = [];
      req.on('data', (d) => chunks.push(d));
      req.on('end', () => {
        let body = null;
        try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = Buffer.concat(chunks).toString('utf8'); }
        if (!reports.has(m[1])) reports.set(m[1], []);
        reports.get(m[1]).push({ d: m[2], body, type: req.headers['content-type'] || '' });
        res.writeHead(204, base);
        res.end();
      });
      return;
    }
    if ((m = /^\/p\/([^/]+)$/.exec(p)) && cases.has(m[1])) {
      const c = cases.get(m[1]);
      hit(c.id, `${req.method} ${abs}`);
      const h = { ...base, 'Content-Type': 'text/html; charset=utf-8' };
      if (c.policy) h['Content-Security-Policy'] = latin1(served(c.policy, c.id, 'e'));
      if (c.report_only) h['Content-Security-Policy-Report-Only'] = latin1(served(c.report_only, c.id, 'r'));
      res.writeHead(200, h);
      return res.end(pageHTML(c));
    }
    if ((m = /^\/n\/([^/]+)\/(\d+)$/.exec(p)) && cases.has(m[1])) {
      const c = cases.get(m[1]);
      res.writeHead(200, { ...base, 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><meta charset="utf-8"><title>n</title><iframe src="${frameURL(c, Number(m[2]) + 1)}"></iframe>`);
    }
    const k = u.searchParams.get('k') || (/^\/seen\/([^/]+)/.exec(p) || [])[1];
    if (k) hit(k, `${req.method} ${abs}`);
    const cors = { ...base, 'Access-Control-Allow-Origin': '*' };
    if (p === '/x.js') {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/javascript' });
      return res.end(EXTERNAL_BODY);
    }
    if (p === '/xs.js') {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/javascript' });
      return res.end(`new Image().src="/seen/${k}/ext"`);
    }
    if (p.startsWith('/seen/')) {
      res.writeHead(200, { ...cors, 'Content-Type': 'image/gif' });
      return res.end(GIF);
    }
    if ((m = /^\/redirect\/([^/]+)\/([^/]+)$/.exec(p))) {
      hit(m[1], `${req.method} ${abs}`);
      req.resume();
      res.writeHead(302, { ...cors, Location: decodeURIComponent(m[2]) });
      return res.end();
    }
    if ((m = /^\/form\/([^/]+)$/.exec(p))) {
      hit(m[1], `${req.method} ${abs}`);
      req.resume();
      res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>form</title>ok');
    }
    res.writeHead(404, cors);
    res.end();
  };
  const servers = [];
  const listen = (srv, port) => new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => { srv.off('error', reject); resolve(); });
  });
  for (const port of httpPorts) { const s = http.createServer(handler('http')); await listen(s, port); servers.push(s); }
  for (const port of httpsPorts) { const s = https.createServer({ key: tls.key, cert: tls.cert }, handler('https')); await listen(s, port); servers.push(s); }
  for (const s of servers) s.keepAliveTimeout = 2000;
  return {
    reports, hits,
    setCases(list) { for (const c of list) cases.set(c.id, c); },
    // forget drops what the server saw for a case (before it runs again)
    forget(id) { reports.delete(id); hits.delete(id); },
    async close() { await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(() => r()); }))); },
  };
}

// harness runs in the harness page: frames every case, acts, waits, reads back.
export async function harness(arg) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const one = async (c) => {
    const r = { id: c.id };
    const f = document.createElement('iframe');
    const loaded = new Promise((res) => {
      f.addEventListener('load', () => res(true), { once: true });
      setTimeout(() => res(false), arg.loadMs);
    });
    f.src = c.url;
    document.body.appendChild(f);
    r.loaded = await loaded;
    try {
      const d = f.contentDocument;
      if (c.act === 'click') d.getElementById('h').click();
      else if (c.act === 'submit') d.getElementById('f').submit();
    } catch (e) { r.act_error = String((e && e.message) || e); }
    await sleep(c.settle);
    try {
      const w = f.contentWindow;
      const d = f.contentDocument;
      r.href = w.location.href;
      const e = d.documentElement;
      r.ran = e.dataset.ran || null;
      r.alive = e.dataset.alive || null;
      r.err = e.dataset.err || null;
      if (e.dataset.vio) r.events = e.dataset.vio.split(' ');
      const s = d.getElementById('s');
      if (s) r.color = w.getComputedStyle(s).color;
      const l = d.getElementById('l');
      if (l) r.link = l.href;
    } catch (e) { r.read_error = String((e && e.message) || e); }
    return r;
  };
  const results = await Promise.all(arg.cases.map(one));
  return { href: location.href, results };
}

// isTop: is the case loaded as the top-level page rather than in a frame of the harness?
export const isTop = (c) => c.kind === 'eval' || c.kind === 'wasm';

// readTop runs in a top-level case page (eval, wasm) after its load: waits, reads back.
export async function readTop(arg) {
  await new Promise((r) => setTimeout(r, arg.settle));
  const d = document.documentElement.dataset;
  const r = { id: arg.id, loaded: true, href: location.href, ran: d.ran || null, alive: d.alive || null, err: d.err || null };
  if (d.vio) r.events = d.vio.split(' ');
  return { href: location.href, results: [r] };
}

// reportFields: the fields of a legacy csp-report body (null when it is not one).
function reportFields(r) {
  const b = r.body && typeof r.body === 'object' ? r.body['csp-report'] || r.body : null;
  if (!b) return null;
  return {
    directive: b['effective-directive'] || b['violated-directive'] || '',
    violated: b['violated-directive'] || '',
    blocked_uri: b['blocked-uri'] ?? '',
    sample: b['script-sample'] ?? '',
    original_policy: b['original-policy'] || '',
  };
}

// classify turns what the harness read, the hits and the reports into the record's outcome.
export function classify(c, r, hits = [], reports = []) {
  const o = {};
  // a top-level page's favicon (Firefox, WebKit) is checked against img-src: not the case's
  const own = (f) => f && !/\/favicon\.ico$/.test(f.blocked_uri);
  const enf = reports.filter((x) => x.d === 'e').map(reportFields).filter(own);
  const ro = reports.filter((x) => x.d === 'r').map(reportFields).filter(own);
  const seen = (re) => hits.some((h) => re.test(h));
  let ran;
  switch (c.kind) {
    case 'style-inline': case 'style-attr': ran = r.color === RED; break;
    case 'frame-ancestors': ran = seen(new RegExp(`/seen/${c.id}$`)); break;
    case 'form-action': ran = seen(new RegExp(`/form/${c.id}(\\?|$)`)); break;
    case 'sandbox': ran = seen(new RegExp(`/seen/${c.id}$`)); break;
    case 'base-uri': {
      let want = null;
      try { want = new URL('rel', new URL(c.target, c.page)).href; } catch { /* invalid base */ }
      const fallback = new URL('rel', c.page).href;
      if (r.link && r.link === want && want !== fallback) ran = true;
      else if (r.link === fallback) ran = false;
      else { ran = null; o.detail = `link resolved to ${r.link}`; }
      break;
    }
    default: ran = r.ran === '1';
  }
  const allowWord = ['frame-ancestors', 'form-action', 'base-uri'].includes(c.kind) ? 'allowed' : 'ran';
  if ((c.kind === 'eval' || c.kind === 'wasm') && r.alive !== '1') {
    o.outcome = 'error';
    o.detail = 'the runner script did not run';
  } else if (ran === true) o.outcome = allowWord;
  else if (ran === null) o.outcome = 'error';
  else if (enf.length) o.outcome = 'blocked';
  else if ((c.kind === 'eval' || c.kind === 'wasm') && r.err) o.outcome = 'blocked';
  else if (c.kind === 'sandbox') o.outcome = 'not-run';
  else {
    o.outcome = 'error';
    o.detail = r.loaded === false ? 'the page did not load' : r.read_error && c.kind !== 'form-action' && c.kind !== 'frame-ancestors'
      ? `did not run, no violation (${r.read_error})` : 'did not run, no violation';
  }
  if (r.err) o.error_name = r.err;
  // eval and wasm pages: the violation events their runner's listener saw
  const events = (r.events || []).filter((e) => !/\/favicon\.ico$/.test(e));
  if (events.length) o.events = events;
  if (enf.length) {
    o.directive = enf[0].directive;
    const ds = [...new Set(enf.map((e) => e.directive))];
    if (ds.length > 1) o.directives = ds;
    o.blocked_uri = enf[0].blocked_uri;
    if (enf[0].sample) o.sample = enf[0].sample;
    if (c.policy.includes(',')) o.violated_policy = enf[0].original_policy;
    if (enf.length > 1) o.reports = enf.length;
  }
  if (ro.length) {
    o.reported = true;
    o.reported_directive = ro[0].directive;
    o.reported_blocked_uri = ro[0].blocked_uri;
    if (ro[0].sample) o.reported_sample = ro[0].sample;
  }
  if (c.kind === 'form-action' && c.redirect && o.outcome === 'blocked') o.hop = seen(/\/redirect\//) ? 'redirect' : 'target';
  // the sandboxed page's external script: ran (it loaded /seen/<id>/ext), fetched only, or neither
  if (c.kind === 'sandbox') o.external = seen(/\/ext$/) ? 'ran' : seen(/\/xs\.js\?/) ? 'fetched' : 'not-fetched';
  if (['script-external-nonce', 'script-external-integrity', 'script-strict-dynamic-parser', 'script-strict-dynamic-dynamic'].includes(c.kind)) {
    o.fetched = seen(/\/x\.js\?/);
  }
  return o;
}

// batchesByHarness groups cases by harness origin, in first-seen order, in chunks of size.
export function batchesByHarness(cases, size) {
  const groups = new Map();
  for (const c of cases) {
    const k = harnessOrigin(c);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(c);
  }
  const out = [];
  for (const list of groups.values()) for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// runInline records cases with a driver factory; returns Map id -> harness result (or null).
export async function runInline({ cases, launch, batch = 20, log = () => {}, loadMs = 4000, forget = null }) {
  let driver = await launch();
  const results = new Map();
  const src = harness.toString();
  let n = 0;
  const started = Date.now();
  async function run(list, depth) {
    const origin = harnessOrigin(list[0]);
    const arg = { loadMs, cases: list.map((c) => ({ id: c.id, url: frameURL(c), act: actOf(c), settle: settleOf(c) })) };
    try {
      const out = await driver.evaluate(`${origin}/h?b=${++n}`, src, arg, 20000 + loadMs + 2000);
      return out.results;
    } catch (e) {
      log(`batch of ${list.length} at ${origin} failed: ${String(e.message).split('\n')[0]}`);
      try { await driver.close(); } catch { /* gone */ }
      driver = await launch();
      if (depth >= 2) return list.map(() => null);
      if (list.length === 1) return run(list, depth + 1);
      const mid = Math.ceil(list.length / 2);
      return [...await run(list.slice(0, mid), depth + 1), ...await run(list.slice(mid), depth + 1)];
    }
  }
  // eval and wasm cases: each the top-level page (WebKitGTK neither reports nor fires an event
  // for an eval violation in a frame), read after a pause by a function the driver evaluates
  async function top(c, depth) {
    try {
      const out = await driver.evaluate(c.page, readTop.toString(), { id: c.id, settle: 400 }, 15000);
      return out.results[0];
    } catch (e) {
      log(`top-level ${c.id} failed: ${String(e.message).split('\n')[0]}`);
      try { await driver.close(); } catch { /* gone */ }
      driver = await launch();
      return depth >= 1 ? null : top(c, depth + 1);
    }
  }
  const tops = cases.filter(isTop);
  for (let i = 0; i < tops.length; i++) {
    results.set(tops[i].id, await top(tops[i], 0));
    if (i % 50 === 49) log(`${i + 1}/${tops.length} top-level cases`);
  }
  const bs = batchesByHarness(cases.filter((c) => !isTop(c)), batch);
  let done = 0;
  for (let i = 0; i < bs.length; i++) {
    const rs = await run(bs[i], 0);
    bs[i].forEach((c, j) => results.set(c.id, rs[j]));
    done += bs[i].length;
    if (i % 20 === 0) log(`${done}/${cases.length} cases, ${(done / Math.max(1, (Date.now() - started) / 1000)).toFixed(1)}/s`);
  }
  // Cases whose frame never fired load (WebKit, now and then, with many frames at once) run
  // again, each alone, with what the first attempt left on the server forgotten.
  const again = cases.filter((c) => results.get(c.id) && results.get(c.id).loaded === false);
  if (again.length) {
    log(`${again.length} cases whose frame did not load run again alone`);
    await new Promise((r) => setTimeout(r, 1000));
    for (const c of again) {
      if (forget) forget(c.id);
      results.set(c.id, (await run([c], 1))[0]);
    }
  }
  return { results, driver };
}

// recordInline is record.js's entry for the inline set.
export async function recordInline(args, { set, packageVersions, remap, log }) {
  const started = Date.now();
  let cases = set.generate(args.seed);
  if (args.only) cases = cases.filter((c) => args.only.has(c.id));
  if (args.limit) cases = cases.slice(0, args.limit);
  log(`${cases.length} cases`);
  const server = await startInlineServer(remap ? { httpPorts: remap.http, httpsPorts: remap.https } : {});
  server.setCases(cases);
  const { launch } = await import(`./drivers/${args.browser}.js`);
  const launchOpts = { hostPorts: [80, 8000, 443, 8443] };
  if (remap) launchOpts.portMap = remap.map;
  const batch = args.batch === 60 ? 20 : args.batch;
  const { results, driver } = await runInline({ cases, batch, log, launch: () => launch(launchOpts), forget: server.forget });
  await new Promise((r) => setTimeout(r, 2000)); // late reports
  const counts = {};
  const lines = [];
  const skipped = [];
  for (const c of cases) {
    const r = results.get(c.id);
    if (!r) { skipped.push(c.id); continue; }
    const o = classify(c, r, server.hits.get(c.id) || [], server.reports.get(c.id) || []);
    counts[o.outcome] = (counts[o.outcome] || 0) + 1;
    lines.push(JSON.stringify({ ...c, ...o }));
  }
  if (process.env.RECORD_RAW) {
    fs.writeFileSync(process.env.RECORD_RAW, JSON.stringify({ results: Object.fromEntries(results), hits: Object.fromEntries(server.hits), reports: Object.fromEntries(server.reports) }, null, 1));
  }
  const out = args.outExplicit ? args.out : path.join(args.out, 'inline');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${set.stem}.jsonl`), lines.join('\n') + '\n');
  const seconds = (Date.now() - started) / 1000;
  const meta = {
    browser: driver.name, version: driver.version, user_agent: driver.userAgent,
    debian_packages: packageVersions(args.browser),
    recorded: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `node internal/recorder/record.js ${process.argv.slice(2).join(' ')}`.trim(),
    generator: set.generator, seed: args.seed, cases: lines.length, counts,
    not_recorded: skipped.length, not_recorded_ids: skipped,
    seconds: Math.round(seconds), cases_per_second: Number((cases.length / seconds).toFixed(1)),
    platform: `${process.platform} ${process.arch}, node ${process.version}`,
  };
  fs.writeFileSync(path.join(out, set.meta), JSON.stringify(meta, null, 2) + '\n');
  log(`wrote ${lines.length} cases to ${out}: ${JSON.stringify(counts)}; ${skipped.length} not recorded`);
  await driver.close();
  await server.close();
}
