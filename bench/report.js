// Reads Go benchmark output and peers.js output (any number of files, in
// any order), keeps the fastest of the repeated runs of each benchmark
// (the least disturbed by other load), and prints the comparison tables
// and whether each target of BENCHMARKS.md is met.
//
// usage: node report.js FILE...
"use strict";
const fs = require("fs");

const best = new Map(); // "Group/name" -> {ns, allocs, bytes, metrics}
const line = /^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op(.*)$/;
for (const file of process.argv.slice(2)) {
  for (const l of fs.readFileSync(file, "utf8").split("\n")) {
    const m = line.exec(l);
    if (!m) continue;
    const name = m[1];
    const ns = Number(m[2]);
    const rest = m[3];
    const metric = (unit) => {
      const r = new RegExp(`([\\d.]+) ${unit.replace("/", "\\/")}`).exec(rest);
      return r ? Number(r[1]) : undefined;
    };
    const cur = best.get(name);
    if (cur && cur.ns <= ns) {
      const cpu = metric("cpu-ns/op");
      if (cpu !== undefined && (cur.cpu === undefined || cpu < cur.cpu)) cur.cpu = cpu;
      continue;
    }
    const cpu = metric("cpu-ns/op");
    const prev = best.get(name);
    best.set(name, {
      ns,
      cpu: prev && prev.cpu !== undefined && cpu !== undefined ? Math.min(prev.cpu, cpu) : cpu,
      allocs: metric("allocs/op"),
      bytes: metric("bytes"),
      perDecision: metric("ns/decision"),
      perSource: metric("ns/source"),
      mbps: metric("MB/s"),
    });
  }
}
const get = (name) => {
  const b = best.get(name);
  if (!b) throw new Error(`missing benchmark ${name}`);
  return b;
};
const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const verdict = (ok) => (ok ? "met" : "NOT met");
const fmt = (x, d = 0) => x.toFixed(d);

// Parse: every corpus header. Ratios use process CPU time per operation
// (both runtimes' garbage collector and, for Node, JIT threads included),
// which other programs on a shared machine disturb far less than wall
// time; wall-time ratios are printed too.
const headers = [...best.keys()]
  .filter((k) => k.startsWith("ParseCorpus/"))
  .map((k) => k.slice("ParseCorpus/".length));
const rows = headers.map((h) => {
  const go = get(`ParseCorpus/${h}`);
  const split = get(`SplitCorpus/${h}`);
  const helmet = get(`Helmet/${h}`);
  const evaluator = get(`Evaluator/${h}`);
  return {
    h,
    bytes: helmet.bytes,
    allocs: go.allocs,
    cpu: { go: go.cpu, split: split.cpu, helmet: helmet.cpu, evaluator: evaluator.cpu },
    wall: { go: go.ns, split: split.ns, helmet: helmet.ns, evaluator: evaluator.ns },
  };
});
rows.sort((a, b) => a.bytes - b.bytes);
const pad = (s, n) => String(s).padStart(n);
console.log("Parse, per header: process CPU ns/op, fastest round (ratios: peer time / csp.Parse time)");
console.log(
  `${"header".padEnd(30)}${pad("bytes", 6)}${pad("csp.Parse", 11)}${pad("allocs", 7)}${pad("split", 9)}` +
    `${pad("helmet", 9)}${pad("x", 7)}${pad("evaluator", 11)}${pad("x", 7)}${pad("parse/split", 12)}`,
);
for (const r of rows) {
  const c = r.cpu;
  console.log(
    `${r.h.padEnd(30)}${pad(r.bytes, 6)}${pad(fmt(c.go), 11)}${pad(r.allocs, 7)}${pad(fmt(c.split), 9)}` +
      `${pad(fmt(c.helmet), 9)}${pad(fmt(c.helmet / c.go, 1), 7)}${pad(fmt(c.evaluator), 11)}` +
      `${pad(fmt(c.evaluator / c.go, 1), 7)}${pad(fmt(c.go / c.split, 2), 12)}`,
  );
}
const ratios = (kind) => ({
  helmet: geomean(rows.map((r) => r[kind].helmet / r[kind].go)),
  evaluator: geomean(rows.map((r) => r[kind].evaluator / r[kind].go)),
  split: geomean(rows.map((r) => r[kind].go / r[kind].split)),
});
const cpuR = ratios("cpu");
const wallR = ratios("wall");

// ParseLazy: the scanner's path (BenchmarkParseLazyCorpus: parse, then
// read the source list that governs connect requests in each policy) and
// ParseLazy alone (BenchmarkParseLazyOnly), against the same peer runs.
const lazyRows = rows.map((r) => {
  const scan = get(`ParseLazyCorpus/${r.h}`);
  const only = get(`ParseLazyOnly/${r.h}`);
  return { ...r, lazy: { cpu: scan.cpu, ns: scan.ns, allocs: scan.allocs }, only: { cpu: only.cpu, ns: only.ns } };
});
console.log();
console.log("ParseLazy, per header: process CPU ns/op, fastest round (ratios: peer time / ParseLazy time)");
console.log(
  `${"header".padEnd(30)}${pad("bytes", 6)}${pad("lazy+connect", 13)}${pad("allocs", 7)}${pad("helmet x", 9)}` +
    `${pad("eval x", 8)}${pad("lazy only", 10)}${pad("helmet x", 9)}${pad("eval x", 8)}`,
);
for (const r of lazyRows) {
  const c = r.cpu;
  console.log(
    `${r.h.padEnd(30)}${pad(r.bytes, 6)}${pad(fmt(r.lazy.cpu), 13)}${pad(r.lazy.allocs, 7)}` +
      `${pad(fmt(c.helmet / r.lazy.cpu, 1), 9)}${pad(fmt(c.evaluator / r.lazy.cpu, 1), 8)}` +
      `${pad(fmt(r.only.cpu), 10)}${pad(fmt(c.helmet / r.only.cpu, 1), 9)}${pad(fmt(c.evaluator / r.only.cpu, 1), 8)}`,
  );
}
const lazyR = (kind, which) => ({
  helmet: geomean(lazyRows.map((r) => r[kind].helmet / r[which][kind === "cpu" ? "cpu" : "ns"])),
  evaluator: geomean(lazyRows.map((r) => r[kind].evaluator / r[which][kind === "cpu" ? "cpu" : "ns"])),
});
const lazyCPU = lazyR("cpu", "lazy");
const lazyWall = lazyR("wall", "lazy");
const onlyCPU = lazyR("cpu", "only");
const onlyWall = lazyR("wall", "only");

console.log();
console.log("Targets (geometric means over the corpus; CPU time, wall time in brackets)");
console.log(`  parse vs content-security-policy-parser: ${fmt(cpuR.helmet, 1)}x faster [${fmt(wallR.helmet, 1)}x] (target >= 5x): ${verdict(cpuR.helmet >= 5)}`);
console.log(`  parse vs csp_evaluator:                  ${fmt(cpuR.evaluator, 1)}x faster [${fmt(wallR.evaluator, 1)}x] (target >= 20x): ${verdict(cpuR.evaluator >= 20)}`);
console.log(`  ParseLazy + connect list vs content-security-policy-parser: ${fmt(lazyCPU.helmet, 1)}x faster [${fmt(lazyWall.helmet, 1)}x] (target about 10x): ${verdict(lazyCPU.helmet >= 10)}`);
console.log(`  ParseLazy + connect list vs csp_evaluator:                  ${fmt(lazyCPU.evaluator, 1)}x faster [${fmt(lazyWall.evaluator, 1)}x]`);
console.log(`  (ParseLazy alone: ${fmt(onlyCPU.helmet, 1)}x [${fmt(onlyWall.helmet, 1)}x] content-security-policy-parser, ` +
  `${fmt(onlyCPU.evaluator, 1)}x [${fmt(onlyWall.evaluator, 1)}x] csp_evaluator)`);
console.log(`  parse vs strings.Split+Fields:           ${fmt(cpuR.split, 2)}x the time [${fmt(wallR.split, 2)}x] (target <= 1): ${verdict(cpuR.split <= 1)}`);
const maxAllocs = Math.max(...rows.map((r) => r.allocs));
console.log(`  allocations per parse:                   ${Math.min(...rows.map((r) => r.allocs))} to ${maxAllocs} ` +
  `(3 plus one per problem message or upper-case name to lower; never per token otherwise)`);

for (const kind of ["policies", "sources"]) {
  const small = get(`ParseScale/${kind}-1KB`);
  const large = get(`ParseScale/${kind}-1MB`);
  const ratio = small.mbps / large.mbps;
  console.log(`  per-byte cost, 1 MB vs 1 KB (${kind}):   ${fmt(ratio, 2)}x (${fmt(large.mbps, 1)} vs ${fmt(small.mbps, 1)} MB/s; target <= 1.5x): ${verdict(ratio <= 1.5)}`);
}

const urlPair = get("URLParse/pair").ns;
const urlOne = get("URLParse/one").ns;
const connect = get("Connect").ns;
const pre = get("Allows/browsers");
const preName = "match.Allows";
const connectURL = get("ConnectURL");
const chromium = get("Allows/chromium");
const connectOne = get("ConnectOneEngine");
console.log(`  match.Connect, one engine, vs url.Parse(page)+url.Parse(target): ${fmt(connectOne.ns)} vs ${fmt(urlPair)} ns = ${fmt(connectOne.ns / urlPair, 2)}x, ` +
  `${connectOne.allocs} allocs (target <= 1.5x): ${verdict(connectOne.ns / urlPair <= 1.5)}`);
console.log(`  match.Connect, every browser engine (the default): ${fmt(connect)} ns = ${fmt(connect / urlPair, 2)}x (target <= 3x): ${verdict(connect / urlPair <= 3)}`);
console.log(`  ${preName} (pre-parsed), one engine: ${fmt(chromium.ns)} ns = ${fmt(chromium.ns / urlPair, 2)}x the pair, ${chromium.allocs} allocs ` +
  `(target <= 0.25x, 0 allocs): ${verdict(chromium.ns / urlPair <= 0.25 && chromium.allocs === 0)}`);
console.log(`  (${preName} with every browser engine: ${fmt(pre.ns)} ns, ${pre.allocs} allocs; ` +
  `match.ConnectURL, which builds the Decision for every engine: ${fmt(connectURL.ns)} ns, ${connectURL.allocs} allocs)`);
const lin = [100, 1000, 10000].map((n) => get(`LongList/sources=${n}`).perSource);
console.log(`  decision cost per source at 100 / 1,000 / 10,000 sources: ${lin.map((x) => fmt(x, 1)).join(" / ")} ns ` +
  `(linear: 10,000 within 1.5x of 100): ${verdict(lin[2] <= 1.5 * lin[0])}`);
for (const k of [...best.keys()].filter((k) => k.startsWith("ManyTargets/"))) {
  const b = get(k);
  console.log(`  1,000 targets vs one 8 KB header, ${k.slice(12)}: ${fmt(b.perDecision)} ns/decision, ${fmt(b.allocs / 1000, 1)} allocs/decision`);
}
