// Adds what real browsers' URL parsers do with every input of cases.jsonl (written by gen.js):
// one column per browser, the href or null. It drives the browsers with the recorder's drivers
// (../../recorder/drivers; run `npm ci` in internal/recorder first) and evaluates
// `new URL(input).href` in a page served on loopback; no request leaves the machine.
//
//   node browsers.js [chromium] [firefox] [webkit]     (default: all three)
import http from 'node:http';
import { readCases, writeCases, readMeta, writeMeta } from './gen.js';

const names = process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox', 'webkit'];
const cases = [...readCases().values()];
if (!cases.length) throw new Error('no cases: run node gen.js first');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><meta charset="utf-8"><title>idna</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const page = `http://127.0.0.1:${server.address().port}/`;

// Runs in the page.
const probe = (inputs) => inputs.map((s) => {
  try {
    return new URL(s).href;
  } catch {
    return null;
  }
});

const meta = readMeta();
meta.browsers ||= {};
try {
  for (const name of names) {
    const { launch } = await import(`../../recorder/drivers/${name}.js`);
    const browser = await launch({ log: () => {} });
    try {
      const out = await browser.evaluate(page, probe.toString(), cases.map((c) => c.input), 300000);
      cases.forEach((c, i) => { c[name] = out[i]; });
      meta.browsers[name] = browser.version;
      console.log(`${name} ${browser.version}: ${out.filter((h) => h === null).length} of ${out.length} fail`);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
writeCases(cases);
writeMeta(meta);
