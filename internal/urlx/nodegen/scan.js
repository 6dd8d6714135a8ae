// Runs every code point from U+0080 to U+10FFFF (surrogates excepted) through a URL parser, in two
// hosts: https://x<c>y/ and https://<c>/, and writes the hosts (or null) to a JSON file:
// {"parser": version, "first": 128, "results": [[host1, host2] or null for surrogates, ...]}.
//
//   node scan.js node OUT.json                       Node's URL (no browser needed)
//   node scan.js chromium|firefox|webkit OUT.json    a browser, with the recorder's drivers
//
// The output (about 15 MB) is not committed: it was compared once with urlx (see README.md).
import fs from 'node:fs';
import http from 'node:http';

const [name, out] = process.argv.slice(2);
if (!name || !out) throw new Error('usage: node scan.js node|chromium|firefox|webkit OUT.json');

// Runs in the page (or here for Node).
const scan = ([from, to]) => {
  const res = [];
  for (let c = from; c < to; c++) {
    if (c >= 0xd800 && c <= 0xdfff) { res.push(null); continue; }
    const s = String.fromCodePoint(c);
    const host = (u) => { try { return new URL(u).host; } catch { return null; } };
    res.push([host('https://x' + s + 'y/'), host('https://' + s + '/')]);
  }
  return res;
};

const results = [];
let parser;
if (name === 'node') {
  parser = 'node ' + process.version;
  for (let c = 0x80; c < 0x110000; c += 0x10000) {
    for (const r of scan([c, Math.min(c + 0x10000, 0x110000)])) results.push(r);
  }
} else {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>scan</title>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = `http://127.0.0.1:${server.address().port}/`;
  const { launch } = await import(`../../recorder/drivers/${name}.js`);
  const browser = await launch({ log: () => {} });
  try {
    parser = browser.version;
    for (let c = 0x80; c < 0x110000; c += 0x10000) {
      const part = await browser.evaluate(page, scan.toString(), [c, Math.min(c + 0x10000, 0x110000)], 600000);
      for (const r of part) results.push(r);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
fs.writeFileSync(out, JSON.stringify({ parser, first: 0x80, results }));
console.log(`${parser}: ${results.length} code points`);
