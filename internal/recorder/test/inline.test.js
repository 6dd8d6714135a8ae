// Tests of the inline set's generator (inline.js) and of the pure parts of its recording loop
// (inline-run.js): no browser needed.
//
//   node --test internal/recorder/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { generateInline, pageHTML, hashOf, INLINE_SEED, RAN, RUNNER_NONCE } from '../inline.js';
import { served, frameURL, harnessOrigin, classify, batchesByHarness } from '../inline-run.js';
import { SETS, setFromFlag } from '../sets.js';

const cases = generateInline();

test('deterministic for a seed, and the seed matters', () => {
  assert.deepEqual(generateInline(INLINE_SEED), cases);
  assert.notDeepEqual(generateInline(INLINE_SEED + 1).map((c) => c.page), cases.map((c) => c.page));
});

test('enough cases of every kind, unique sequential ids with prefix i', () => {
  assert.ok(cases.length >= 3000, `${cases.length} cases`);
  cases.forEach((c, i) => assert.equal(c.id, `i${String(i + 1).padStart(6, '0')}`));
  const by = {};
  for (const c of cases) by[c.kind] = (by[c.kind] || 0) + 1;
  for (const k of ['script-inline', 'style-inline', 'script-attr', 'style-attr', 'javascript-url', 'script-external-nonce',
    'script-external-integrity', 'script-strict-dynamic-parser', 'script-strict-dynamic-dynamic', 'eval', 'wasm',
    'frame-ancestors', 'form-action', 'base-uri', 'sandbox']) {
    assert.ok(by[k] >= 40, `${k}: ${by[k]}`);
  }
});

test('every case has its own page, and a page HTML', () => {
  const pages = new Set();
  for (const c of cases) {
    assert.match(c.page, new RegExp(`^https?://[a-z0-9.]+\\.in\\.test(:\\d+)?/p/${c.id}$`));
    assert.ok(!pages.has(c.page));
    pages.add(c.page);
    const html = pageHTML(c);
    assert.match(html, /^<!doctype html>/);
    if (c.text && c.kind !== 'script-attr' && c.kind !== 'javascript-url' && c.kind !== 'style-attr') assert.ok(html.includes(c.text), c.id);
  }
});

test('hash sources are of the exact text the page carries', () => {
  const want = crypto.createHash('sha256').update(RAN, 'utf8').digest('base64');
  assert.equal(hashOf(RAN), `sha256-${want}`);
  assert.equal(hashOf(RAN, 'sha256', { url: true }), `sha256-${want.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`);
  const exact = cases.filter((c) => c.kind === 'script-inline' && c.note === 'sha256; text plain');
  assert.equal(exact.length, 3);
  for (const c of exact) assert.ok(c.policy.includes(`'${hashOf(c.text)}'`), c.id);
  // CRLF text: "exact" is of the LF-normalized text the parser delivers
  const crlf = cases.find((c) => c.kind === 'script-inline' && c.note === 'sha256; text crlf');
  assert.ok(crlf.text.includes('\r\n'));
  assert.ok(crlf.policy.includes(hashOf(crlf.text.replace(/\r\n/g, '\n'))));
  // the strict-dynamic inserter hash is of the final text (with the case id in it)
  for (const c of cases.filter((x) => x.kind === 'script-strict-dynamic-dynamic' && x.note.startsWith('hash of inserter'))) {
    assert.ok(c.text.includes(c.id));
    assert.ok(c.policy.includes(`'${hashOf(c.text)}'`), c.id);
  }
});

test('eval and wasm pages run their code from a nonced script the policy allows', () => {
  for (const c of cases.filter((x) => x.kind === 'eval' || x.kind === 'wasm')) {
    assert.ok(pageHTML(c).includes(`<script nonce="${RUNNER_NONCE}">`));
    assert.ok((c.policy + (c.report_only || '')).includes(`'nonce-${RUNNER_NONCE}'`), c.id);
  }
});

test('targets carry the case id', () => {
  for (const c of cases.filter((x) => x.target)) {
    if (c.kind === 'base-uri') continue;
    assert.ok(c.target.includes(c.id), `${c.id} ${c.target}`);
  }
  for (const c of cases.filter((x) => x.redirect)) assert.ok(c.target.endsWith(encodeURIComponent(c.redirect)));
});

test('frame-ancestors chains frame the page from the outermost ancestor', () => {
  const c = cases.find((x) => x.kind === 'frame-ancestors' && x.ancestors.length === 3);
  assert.equal(harnessOrigin(c), c.ancestors[0]);
  assert.equal(frameURL(c), `${c.ancestors[1]}/n/${c.id}/1`);
  assert.equal(frameURL(c, 2), `${c.ancestors[2]}/n/${c.id}/2`);
  assert.equal(frameURL(c, 3), c.page);
  const meta = cases.find((x) => x.delivery === 'meta');
  assert.ok(pageHTML(meta).includes(`<meta http-equiv="Content-Security-Policy" content="${meta.meta_policy.replace(/'/g, "'")}">`));
});

test('served policies get a report-uri per policy', () => {
  assert.equal(served("script-src 'none'", 'i1', 'e'), "script-src 'none'; report-uri /report/i1/e");
  assert.equal(served('a, b ', 'i2', 'r'), 'a; report-uri /report/i2/r, b; report-uri /report/i2/r');
  assert.equal(served('', 'i3', 'e'), '');
});

test('classify needs evidence for blocked', () => {
  const c = cases[0];
  assert.equal(classify(c, { ran: '1' }).outcome, 'ran');
  assert.equal(classify(c, { ran: null }).outcome, 'error');
  const rep = [{ d: 'e', body: { 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline', 'script-sample': 'x' } } }];
  assert.deepEqual(classify(c, { ran: null }, [], rep), { outcome: 'blocked', directive: 'script-src-elem', blocked_uri: 'inline', sample: 'x' });
  const ro = [{ d: 'r', body: { 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } } }];
  assert.equal(classify(c, { ran: '1' }, [], ro).reported, true);
  const ev = cases.find((x) => x.kind === 'eval');
  assert.equal(classify(ev, { ran: null, alive: '1', err: 'EvalError' }).outcome, 'blocked');
  assert.equal(classify(ev, { ran: null, alive: null }).outcome, 'error');
});

test('batches share a harness origin', () => {
  for (const b of batchesByHarness(cases, 20)) {
    assert.ok(b.length <= 20);
    assert.ok(b.every((c) => harnessOrigin(c) === harnessOrigin(b[0])));
  }
});

test('the set is registered', () => {
  assert.equal(setFromFlag('--inline'), SETS.inline);
  assert.equal(SETS.inline.prefix, 'i');
  assert.equal(SETS.inline.seed, INLINE_SEED);
});
