// Records what Node's URL parser (WHATWG URL, with ada's own UTS #46) does with every input of
// inputs.js, into ../testdata/idna/cases.jsonl (one line per input: {"input", "node"}, where
// node is the href or null when parsing fails) and ../testdata/idna/meta.json.
//
//   node gen.js
//
// Existing browser columns (browsers.js) are kept for inputs that did not change.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUTS } from './inputs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = path.join(here, '..', 'testdata', 'idna');
export const CASES = path.join(OUT_DIR, 'cases.jsonl');
export const META = path.join(OUT_DIR, 'meta.json');

// href returns what new URL(input).href is in this JavaScript engine, or null.
export function href(input) {
  try {
    return new URL(input).href;
  } catch {
    return null;
  }
}

export function readCases() {
  if (!fs.existsSync(CASES)) return new Map();
  const m = new Map();
  for (const line of fs.readFileSync(CASES, 'utf8').split('\n')) {
    if (line) {
      const c = JSON.parse(line);
      m.set(c.input, c);
    }
  }
  return m;
}

export function writeCases(cases) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(CASES, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
}

export function readMeta() {
  return fs.existsSync(META) ? JSON.parse(fs.readFileSync(META, 'utf8')) : {};
}

export function writeMeta(meta) {
  fs.writeFileSync(META, JSON.stringify(meta, null, 2) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const old = readCases();
  const seen = new Set();
  const cases = [];
  for (const input of INPUTS) {
    if (seen.has(input)) continue;
    seen.add(input);
    const c = { ...(old.get(input) || {}), input, node: href(input) };
    cases.push(c);
  }
  writeCases(cases);
  const meta = readMeta();
  meta.node = {
    version: process.version,
    ada: process.versions.ada,
    icu: process.versions.icu,
    unicode: process.versions.unicode,
  };
  writeMeta(meta);
  console.log(`${cases.length} cases; node ${process.version}, ada ${process.versions.ada}`);
}
