// Times the JavaScript CSP parsers on the corpus headers and prints one
// line per (parser, header) in Go benchmark format, the minimum over
// several rounds: "BenchmarkHelmet/NAME 1 1234 ns/op 1200 cpu-ns/op 420 bytes".
//
// usage: node peers.js HEADERS_DIR ROUNDS
// NODE_PATH must reach content-security-policy-parser and csp_evaluator.
"use strict";
const fs = require("fs");
const path = require("path");
const helmet = require("content-security-policy-parser").default;
const { CspParser } = require("csp_evaluator/dist/parser.js");

const dir = process.argv[2];
const rounds = Number(process.argv[3] || 5);

// Both libraries parse one serialized policy; a header value may carry
// several, separated by commas, so each is given every policy in turn,
// the way a browser (and csp.Parse) reads the value.
const peers = {
  Helmet: (value) => value.split(",").map((p) => helmet(p)),
  Evaluator: (value) => value.split(",").map((p) => new CspParser(p).csp),
};

let sink;
// timeOne returns wall and process CPU time (user and system, JIT and
// garbage collector threads included) per call, in nanoseconds.
function timeOne(fn, value) {
  // Size batches to about 50 ms so that timer resolution does not matter.
  let n = 1;
  for (;;) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink = fn(value);
    const dt = Number(process.hrtime.bigint() - t0);
    const c = process.cpuUsage(c0);
    if (dt > 50e6) return [dt / n, ((c.user + c.system) * 1000) / n];
    n *= 2;
  }
}

// dir may name several directories, separated by commas.
const headers = dir.split(",").flatMap((d) =>
  fs.readdirSync(d).filter((f) => f.endsWith(".txt")).sort()
    .map((f) => [f.slice(0, -4), fs.readFileSync(path.join(d, f), "utf8").replace(/\n$/, "")]));
for (const [peer, fn] of Object.entries(peers)) {
  for (const [name, value] of headers) {
    timeOne(fn, value); // warm up the JIT
    let best = Infinity;
    let bestCPU = Infinity;
    for (let r = 0; r < rounds; r++) {
      const [wall, cpu] = timeOne(fn, value);
      best = Math.min(best, wall);
      bestCPU = Math.min(bestCPU, cpu);
    }
    console.log(`Benchmark${peer}/${name} 1 ${best.toFixed(1)} ns/op ${bestCPU.toFixed(1)} cpu-ns/op ${value.length} bytes`);
  }
}
if (sink === undefined) throw new Error("unreachable");
