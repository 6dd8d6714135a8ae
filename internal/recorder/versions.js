// Compares two recordings of the same case set, typically the committed one and a new one from
// another browser version, and prints what changed:
//
//   node versions.js <browser> --old DIR --new DIR [--keep] [--json FILE] [stem ...]
//
// stems default to every set (cases, holdout, round3, round4) present in both folders. For each:
// the two versions (from the meta files), case counts, the ids whose verdict changed (outcome,
// directive, hop, violated policy, report-only report; `a → b` per id) and, apart, the ids where
// only the wording changed (blocked_uri, detail). With --keep, when the versions differ and some
// case changed or vanished, the old version's records of those cases (and its meta file) are
// written to <new>/previous/<browser>-<old version>/, which the replay test does not read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETS } from './sets.js';

const VERDICT = ['outcome', 'directive', 'hop', 'violated_policy', 'reported'];
const WORDING = ['blocked_uri', 'detail', 'directives', 'opaque_origin'];

function readJSONL(file) {
  if (!fs.existsSync(file)) return null;
  const out = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    out.set(o.id, o);
  }
  return out;
}

function readMeta(file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

// versionSlug: the version part of a meta version string, for a folder name
// ("Chrome/148.0.7778.167" -> "148.0.7778.167", "WebKitGTK 2.50.6-1~deb12u1" -> "2.50.6-1-deb12u1").
export function versionSlug(v) {
  const m = /(\d[\w.~+-]*)/.exec(v || '');
  return (m ? m[1] : 'unknown').replace(/[~+]/g, '-');
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const verdict = (o) => [o.outcome, o.directive, o.hop].filter(Boolean).join(' ');

// diffSet compares one set's old and new records; returns a summary object.
export function diffSet(oldRecs, newRecs) {
  const changed = [];
  const reworded = [];
  const onlyOld = [];
  const onlyNew = [];
  for (const [id, o] of oldRecs) {
    const n = newRecs.get(id);
    if (!n) { onlyOld.push(id); continue; }
    const fields = VERDICT.filter((k) => !same(o[k], n[k]));
    if (fields.length) changed.push({ id, from: verdict(o), to: verdict(n), fields });
    else if (WORDING.some((k) => !same(o[k], n[k]))) reworded.push(id);
  }
  for (const id of newRecs.keys()) if (!oldRecs.has(id)) onlyNew.push(id);
  return { changed, reworded, onlyOld, onlyNew };
}

function main(argv) {
  const browser = argv[0];
  let oldDir = null;
  let newDir = null;
  let keep = false;
  let json = null;
  const stems = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--old') oldDir = argv[++i];
    else if (argv[i] === '--new') newDir = argv[++i];
    else if (argv[i] === '--keep') keep = true;
    else if (argv[i] === '--json') json = argv[++i];
    else stems.push(argv[i]);
  }
  if (!browser || !oldDir || !newDir) {
    throw new Error('usage: node versions.js <browser> --old DIR --new DIR [--keep] [--json FILE] [stem ...]');
  }
  const sets = Object.values(SETS).filter((s) => stems.length === 0 || stems.includes(s.stem));
  const report = [];
  for (const set of sets) {
    const oldRecs = readJSONL(path.join(oldDir, `${set.stem}.jsonl`));
    const newRecs = readJSONL(path.join(newDir, `${set.stem}.jsonl`));
    if (!newRecs) continue;
    const newMeta = readMeta(path.join(newDir, set.meta));
    if (!oldRecs) {
      console.log(`${browser} ${set.stem}: new set, ${newRecs.size} cases (${newMeta.version})`);
      report.push({ browser, stem: set.stem, to: newMeta.version, cases: newRecs.size, new_set: true });
      continue;
    }
    const oldMeta = readMeta(path.join(oldDir, set.meta));
    const d = diffSet(oldRecs, newRecs);
    const line = `${browser} ${set.stem}: ${oldMeta.version} → ${newMeta.version}: ${oldRecs.size} → ${newRecs.size} cases; ` +
      `verdict changed: ${d.changed.length}; wording only: ${d.reworded.length}; only in old: ${d.onlyOld.length}; only in new: ${d.onlyNew.length}`;
    console.log(line);
    for (const c of d.changed) {
      const more = c.fields.filter((k) => !['outcome', 'directive', 'hop'].includes(k)).map((k) => `; ${k}: ${JSON.stringify(oldRecs.get(c.id)[k] ?? null)} → ${JSON.stringify(newRecs.get(c.id)[k] ?? null)}`);
      console.log(`  ${c.id}: ${c.from} → ${c.to}${more.join('')}`);
    }
    if (d.reworded.length) console.log(`  wording only: ${d.reworded.join(' ')}`);
    if (d.onlyOld.length) console.log(`  only in old: ${d.onlyOld.join(' ')}`);
    if (d.onlyNew.length) console.log(`  only in new: ${d.onlyNew.join(' ')}`);
    const entry = { browser, stem: set.stem, from: oldMeta.version, to: newMeta.version, old_cases: oldRecs.size, new_cases: newRecs.size, ...d };
    const ids = new Set([...d.changed.map((c) => c.id), ...d.reworded, ...d.onlyOld]);
    if (keep && ids.size && oldMeta.version && oldMeta.version !== newMeta.version) {
      const dir = path.join(newDir, 'previous', `${browser}-${versionSlug(oldMeta.version)}`);
      fs.mkdirSync(dir, { recursive: true });
      const lines = [...oldRecs.values()].filter((o) => ids.has(o.id)).map((o) => JSON.stringify(o));
      fs.writeFileSync(path.join(dir, `${set.stem}.jsonl`), lines.join('\n') + '\n');
      fs.writeFileSync(path.join(dir, set.meta), JSON.stringify(oldMeta, null, 2) + '\n');
      entry.kept = path.relative(newDir, dir);
      console.log(`  kept ${lines.length} old records in ${dir}`);
    }
    report.push(entry);
  }
  if (json) fs.writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}
