// Inline-code case generator (issue 13): inline <script> and <style> elements, event-handler and
// style attributes, javascript: URLs, external scripts with a nonce or integrity metadata,
// 'strict-dynamic', eval and WebAssembly, frame-ancestors, form-action, base-uri and sandbox.
//
//   node gen.js --inline [--seed N] [--out FILE]   (default: inline-cases.jsonl next to gen.js)
//   node record.js <browser> --inline              (../testdata/<browser>/inline/inline.jsonl)
//
// Every case is served as a page of its own (pageHTML below builds its HTML from the case), so the
// code under test is the page's own: nothing the driver evaluates is checked against the policy.
// Ids are i000001…; every host is under in.test. See README.md ("Inline code") for the fields.
import crypto from 'node:crypto';
import { mulberry32 } from './rng.js';

export const INLINE_SEED = 13131313;

// Page origins and other origins.
const PAGES = ['https://a.in.test', 'http://a.in.test', 'https://a.in.test:8443'];
const CDN = 'https://cdn.in.test';
const OTHER = 'https://b.in.test';

// RAN is what the code under test does when it runs: the driver reads it back afterwards.
export const RAN = 'document.documentElement.dataset.ran="1"';
// RED is the style under test: the driver reads the computed color of #s.
export const RED = 'rgb(1, 2, 3)';
export const RUNNER_NONCE = 'UnNlcjEz';
// LISTENER: the eval and wasm pages' runner script first records every securitypolicyviolation
// event as "disposition:effectiveDirective:blockedURI" (space-separated) in data-vio.
export const LISTENER = 'document.addEventListener("securitypolicyviolation",function(e){var d=document.documentElement.dataset;'
  + 'd.vio=(d.vio?d.vio+" ":"")+e.disposition+":"+e.effectiveDirective+":"+e.blockedURI});';

// TEXTS: the inline script variants (exactly as they stand between the tags / in the attribute).
export const SCRIPT_TEXTS = {
  plain: RAN,
  ws: `\n  ${RAN};\n`,
  utf8: `${RAN};/*é✓€*/`,
  crlf: `${RAN};\r\n`,
  tab: `\t${RAN}`,
};
export const STYLE_TEXTS = {
  plain: `#s{color:${RED}}`,
  ws: `\n  #s { color: ${RED}; }\n`,
  utf8: `#s{color:${RED}}/*é✓€*/`,
  crlf: `#s{color:${RED}}\r\n`,
  tab: `\t#s{color:${RED}}`,
};
export const STYLE_ATTR = `color:${RED}`;
export const JS_URL = `javascript:void(${RAN})`;

// hash returns a CSP hash-source value ('sha256-...') of text's UTF-8 bytes.
export function hashOf(text, alg = 'sha256', { url = false } = {}) {
  let b = crypto.createHash(alg).update(text, 'utf8').digest('base64');
  if (url) b = b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${alg}-${b}`;
}

// hashVariants: the hash sources tried against text (name -> source expression, quoted).
// "exact" hashes are of the text the parser delivers (CRLF normalized to LF by the HTML parser).
function hashVariants(text) {
  const parsed = text.replace(/\r\n?/g, '\n');
  const h = (t, alg, o) => `'${hashOf(t, alg, o)}'`;
  const v = {
    sha256: h(parsed, 'sha256'),
    sha384: h(parsed, 'sha384'),
    sha512: h(parsed, 'sha512'),
    'sha256 base64url': h(parsed, 'sha256', { url: true }),
    'sha384 base64url': h(parsed, 'sha384', { url: true }),
    'sha256 no padding': `'${hashOf(parsed, 'sha256').replace(/=+$/, '')}'`,
    'SHA256 upper-case algorithm': `'${hashOf(parsed, 'sha256').replace('sha256', 'SHA256')}'`,
    'sha256 upper-case digest': `'sha256-${hashOf(parsed, 'sha256').slice(7).toUpperCase()}'`,
    'sha256 of trimmed text': h(parsed.trim(), 'sha256'),
    'sha256 of text plus newline': h(parsed + '\n', 'sha256'),
    'sha256 of other text': h(parsed + ';', 'sha256'),
    'sha256 unquoted': hashOf(parsed, 'sha256'),
    'sha1': h(parsed, 'sha1'),
    'sha256 then other': `${h(parsed, 'sha256')} ${h('x', 'sha256')}`,
  };
  if (parsed !== text) v['sha256 of CRLF text'] = h(text, 'sha256');
  if (/[^\x00-\x7f]/.test(text)) v['sha256 of latin1 bytes'] = `'sha256-${crypto.createHash('sha256').update(Buffer.from(text, 'latin1')).digest('base64')}'`;
  return v;
}

// NONCES: [policy nonce, element nonce, note].
const NONCES = [
  ['abc123', 'abc123', 'match'],
  ['abc123', 'ABC123', 'case differs'],
  ['ABC123', 'abc123', 'case differs'],
  ['abc123', 'abc1234', 'element longer'],
  ['abc123', 'abc12', 'element shorter'],
  ['abc123', null, 'no nonce attribute'],
  ['abc123', '', 'empty nonce attribute'],
  ['YWJjMTIz=', 'YWJjMTIz=', 'match with ='],
  ['YWJjMTIz==', 'YWJjMTIz==', 'match with =='],
  ['YWJjMTIz', 'YWJjMTIz=', 'element has trailing ='],
  ['YWJjMTIz=', 'YWJjMTIz', 'policy has trailing ='],
  ['a-b_c', 'a-b_c', 'base64url chars'],
  ['a+b/c', 'a+b/c', 'base64 chars'],
  ['a-b_c', 'a+b/c', 'base64url vs base64'],
  ['abc123', ' abc123', 'element leading space'],
  ['abc123', 'abc123 ', 'element trailing space'],
  ['a.b', 'a.b', 'dot (not base64)'],
  ['a=b', 'a=b', '= in the middle'],
];

const SCRIPT_DIRS = ['script-src', 'script-src-elem', 'default-src'];
const STYLE_DIRS = ['style-src', 'style-src-elem', 'default-src'];
const SCRIPT_ATTR_DIRS = ['script-src', 'script-src-attr', 'default-src', 'script-src-elem'];
const STYLE_ATTR_DIRS = ['style-src', 'style-src-attr', 'default-src', 'style-src-elem'];

// pageHTML returns the HTML page a case is served as.
export function pageHTML(c) {
  const head = '<!doctype html><html><head><meta charset="utf-8"><title>i</title>';
  const meta = c.delivery === 'meta' ? `<meta http-equiv="Content-Security-Policy" content="${attr(c.meta_policy)}">` : '';
  const n = c.nonce == null ? '' : ` nonce="${attr(c.nonce)}"`;
  const runner = (code) => `<script nonce="${RUNNER_NONCE}">${LISTENER}document.documentElement.dataset.alive="1";${code}</script>`;
  switch (c.kind) {
    case 'script-inline':
      return `${head}${meta}<script${n}>${c.text}</script></head><body></body></html>`;
    case 'style-inline':
      return `${head}${meta}<style${n}>${c.text}</style></head><body><p id="s">s</p></body></html>`;
    case 'script-attr':
      if (c.attr === 'onclick') return `${head}${meta}</head><body><div id="h"${n} onclick='${c.text}'>h</div></body></html>`;
      return `${head}${meta}</head><body${n} onload='${c.text}'></body></html>`;
    case 'style-attr':
      return `${head}${meta}</head><body><p id="s"${n} style="${c.text}">s</p></body></html>`;
    case 'javascript-url':
      return `${head}${meta}</head><body><a id="h"${n} href='${c.text}'>h</a></body></html>`;
    case 'script-external-nonce':
    case 'script-external-integrity':
    case 'script-strict-dynamic-parser': {
      const i = c.integrity == null ? '' : ` integrity="${attr(c.integrity)}" crossorigin="anonymous"`;
      return `${head}${meta}<script src="${attr(c.target)}"${n}${i}></script></head><body></body></html>`;
    }
    case 'script-strict-dynamic-dynamic':
      return `${head}${meta}<script${n}>${c.text}</script></head><body></body></html>`;
    case 'eval':
    case 'wasm':
      return `${head}${meta}${runner(c.text)}</head><body></body></html>`;
    case 'frame-ancestors':
      return `${head}${meta}</head><body><img src="/seen/${c.id}" alt=""></body></html>`;
    case 'form-action':
      return `${head}${meta}</head><body><form id="f" method="${c.method}" action="${attr(c.target)}"><input name="q" value="1"></form></body></html>`;
    case 'base-uri':
      return `${head}${meta}<base href="${attr(c.target)}"></head><body><a id="l" href="rel">l</a></body></html>`;
    case 'sandbox':
      return `${head}${meta}<script${n}>${c.text}</script><script src="${attr(c.target)}"></script></head><body></body></html>`;
    default:
      throw new Error(`pageHTML: unknown kind ${c.kind}`);
  }
}

function attr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// externalBody: what an external script target of a case answers (the integrity is of this).
export const EXTERNAL_BODY = RAN;

// generateInline returns the cases, deterministic for a seed.
export function generateInline(seed = INLINE_SEED) {
  const rnd = mulberry32(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const raw = [];
  const add = (c) => raw.push(c);
  const page = () => pick(PAGES);

  // 1. Inline <script> and <style>: nonces.
  for (const [kind, dirs, text] of [['script-inline', SCRIPT_DIRS, SCRIPT_TEXTS.plain], ['style-inline', STYLE_DIRS, STYLE_TEXTS.plain]]) {
    for (const d of dirs) {
      for (const [pn, en, note] of NONCES) {
        for (const extra of ['', " 'unsafe-inline'"]) {
          add({ policy: `${d} 'nonce-${pn}'${extra}`, page: page(), kind, nonce: en, text, note: `nonce ${note}` });
        }
      }
      // nonce-source spellings in the policy
      for (const [src, note] of [["'NONCE-abc123'", 'upper-case keyword'], ["'nonce-abc123", 'missing closing quote'], ['nonce-abc123', 'unquoted'],
        ["'nonce-'", 'empty nonce'], ["'nonce-abc123' 'nonce-xyz'", 'two nonces'], ["'nonce-abc 123'", 'space inside']]) {
        add({ policy: `${d} ${src}`, page: page(), kind, nonce: 'abc123', text, note: `nonce source ${note}` });
      }
    }
  }

  // 2. Inline <script> and <style>: hashes of each text variant.
  for (const [kind, dirs, texts] of [['script-inline', SCRIPT_DIRS, SCRIPT_TEXTS], ['style-inline', STYLE_DIRS, STYLE_TEXTS]]) {
    for (const [tname, text] of Object.entries(texts)) {
      for (const [hname, src] of Object.entries(hashVariants(text))) {
        for (const d of dirs) {
          add({ policy: `${d} ${src}`, page: page(), kind, text, note: `${hname}; text ${tname}` });
        }
        if (tname === 'plain' || rnd() < 0.3) {
          const d = pick(dirs);
          add({ policy: `${d} ${src} 'unsafe-inline'`, page: page(), kind, text, note: `${hname} + unsafe-inline; text ${tname}` });
          add({ policy: `${d} ${src}`, page: page(), kind, nonce: 'abc123', text, note: `${hname}, element has a nonce; text ${tname}` });
        }
      }
    }
  }

  // 3. Inline <script> and <style>: keywords and directive combinations.
  const kw = (kind) => {
    const H = hashVariants(kind === 'script-inline' ? SCRIPT_TEXTS.plain : STYLE_TEXTS.plain).sha256;
    const [src, elem, attrd] = kind === 'script-inline' ? ['script-src', 'script-src-elem', 'script-src-attr'] : ['style-src', 'style-src-elem', 'style-src-attr'];
    return [
      `${src} 'unsafe-inline'`, `${src} 'none'`, `${src} 'self'`, `${src} *`, `${src} 'self' 'unsafe-inline'`, `${src}`, `${src} 'UNSAFE-INLINE'`, `${src} unsafe-inline`,
      `default-src 'unsafe-inline'`, `default-src 'none'`, `default-src 'self'`, `default-src 'none'; ${src} 'unsafe-inline'`,
      `default-src 'unsafe-inline'; ${src} 'none'`, `${src} 'unsafe-inline'; ${elem} 'none'`, `${src} 'none'; ${elem} 'unsafe-inline'`,
      `${src} 'none'; ${attrd} 'unsafe-inline'`, `${attrd} 'none'`, `${attrd} 'unsafe-inline'; default-src 'none'`,
      `${src} 'unsafe-inline' 'strict-dynamic'`, `${src} 'strict-dynamic'`, `${src} 'nonce-abc123' 'strict-dynamic' 'unsafe-inline'`,
      `${src} ${H} 'strict-dynamic' 'unsafe-inline'`, `${src} 'unsafe-inline' 'unsafe-hashes'`, `${src} 'unsafe-hashes' ${H}`,
      `${src} 'report-sample'`, `${src} 'report-sample' 'none'`, `${src} 'none' 'report-sample'`, `${src} 'unsafe-inline' 'report-sample'`,
      `${src} 'unsafe-eval'`, `${src} 'wasm-unsafe-eval'`, `${src} data:`, `${src} 'unsafe-inline' 'nonce-'`, `${src} 'unsafe-inline' 'sha256-'`,
      `${src} 'unsafe-inline' 'sha256-!!'`, `${src} 'unsafe-inline' 'sha999-abc'`, `${src} 'unsafe-inline' 'nonce-a b'`,
      `${src} 'unsafe-inline', ${src} 'none'`, `${src} 'unsafe-inline', ${src} 'nonce-abc123'`, `${src} 'unsafe-inline', default-src 'none'`,
      `${src.toUpperCase()} 'unsafe-inline'`, `${src} 'none'; ${src} 'unsafe-inline'`,
    ];
  };
  for (const kind of ['script-inline', 'style-inline']) {
    const text = kind === 'script-inline' ? SCRIPT_TEXTS.plain : STYLE_TEXTS.plain;
    for (const p of kw(kind)) {
      add({ policy: p, page: page(), kind, text, note: 'keywords' });
      add({ policy: p, page: page(), kind, nonce: 'abc123', text, note: 'keywords, element has a nonce' });
    }
    // report-only: the same policies, as report-only beside an allowing or no enforce policy
    for (const p of kw(kind).slice(0, 26)) {
      add({ policy: '', report_only: p, page: page(), kind, text, note: 'report-only' });
    }
    const src = kind === 'script-inline' ? 'script-src' : 'style-src';
    add({ policy: `${src} 'nonce-abc123'`, report_only: `${src} 'none' 'report-sample'`, page: page(), kind, nonce: 'abc123', text, note: 'enforce allows, report-only blocks' });
    add({ policy: `${src} 'none' 'report-sample'`, report_only: `${src} 'unsafe-inline'`, page: page(), kind, text, note: 'enforce blocks, report-only allows' });
  }

  // 4. Attributes and javascript: URLs.
  const attrKinds = [
    ['script-attr', SCRIPT_ATTR_DIRS, RAN, 'onload'],
    ['script-attr', SCRIPT_ATTR_DIRS, RAN, 'onclick'],
    ['style-attr', STYLE_ATTR_DIRS, STYLE_ATTR, null],
    ['javascript-url', SCRIPT_ATTR_DIRS, JS_URL, null],
  ];
  for (const [kind, dirs, text, at] of attrKinds) {
    const H = hashVariants(text);
    const extraHashes = {};
    if (kind === 'javascript-url') {
      const body = text.slice('javascript:'.length);
      extraHashes['sha256 of code after javascript:'] = `'${hashOf(body)}'`;
      extraHashes['sha256 of percent-encoded URL'] = `'${hashOf(encodeURI(text))}'`;
    }
    const srcs = {
      'unsafe-inline': "'unsafe-inline'", none: "'none'", self: "'self'", star: '*',
      'unsafe-hashes + sha256': `'unsafe-hashes' ${H.sha256}`, 'sha256 without unsafe-hashes': H.sha256,
      'unsafe-hashes alone': "'unsafe-hashes'", 'unsafe-hashes + sha384': `'unsafe-hashes' ${H.sha384}`,
      'unsafe-hashes + sha512': `'unsafe-hashes' ${H.sha512}`, 'unsafe-hashes + base64url': `'unsafe-hashes' ${H['sha256 base64url']}`,
      'unsafe-hashes + upper-case algorithm': `'unsafe-hashes' ${H['SHA256 upper-case algorithm']}`,
      'unsafe-hashes + other hash': `'unsafe-hashes' ${H['sha256 of other text']}`,
      'UNSAFE-HASHES + sha256': `'UNSAFE-HASHES' ${H.sha256}`,
      'unsafe-inline + nonce': "'unsafe-inline' 'nonce-abc123'", 'unsafe-inline + sha256': `'unsafe-inline' ${H.sha256}`,
      'unsafe-inline + unsafe-hashes + sha256': `'unsafe-inline' 'unsafe-hashes' ${H.sha256}`,
      'unsafe-inline + unsafe-hashes': "'unsafe-inline' 'unsafe-hashes'",
      'unsafe-inline + strict-dynamic': "'unsafe-inline' 'strict-dynamic'", 'strict-dynamic + unsafe-hashes + sha256': `'strict-dynamic' 'unsafe-hashes' ${H.sha256}`,
      'report-sample none': "'report-sample' 'none'", 'report-sample + unsafe-hashes + other hash': `'report-sample' 'unsafe-hashes' ${H['sha256 of other text']}`,
      'nonce (element has it)': "'nonce-abc123'",
      ...Object.fromEntries(Object.entries(extraHashes).map(([k, v]) => [`unsafe-hashes + ${k}`, `'unsafe-hashes' ${v}`])),
    };
    for (const d of dirs) {
      for (const [sname, s] of Object.entries(srcs)) {
        const c = { policy: `${d} ${s}`, page: page(), kind, text, note: sname };
        if (at) c.attr = at;
        if (sname.startsWith('nonce')) c.nonce = 'abc123';
        add(c);
      }
    }
    // directive combinations
    const [src, elem, attrd] = kind === 'style-attr' ? ['style-src', 'style-src-elem', 'style-src-attr'] : ['script-src', 'script-src-elem', 'script-src-attr'];
    const combos = [
      `${src} 'none'; ${attrd} 'unsafe-inline'`, `${src} 'unsafe-inline'; ${attrd} 'none'`, `${elem} 'none'; ${attrd} 'unsafe-inline'`,
      `${elem} 'unsafe-inline'; ${src} 'none'`, `default-src 'none'; ${attrd} 'unsafe-inline'`, `default-src 'unsafe-inline'; ${attrd} 'none'`,
      `${attrd} 'unsafe-hashes' ${H.sha256}; ${src} 'none'`, `${src} 'unsafe-hashes' ${H.sha256}; ${attrd} 'none'`,
      `${src} 'unsafe-inline', ${attrd} 'none'`, `${attrd} 'unsafe-inline', ${src} 'unsafe-hashes' ${H.sha256}`,
    ];
    for (const p of combos) {
      const c = { policy: p, page: page(), kind, text, note: 'combination' };
      if (at) c.attr = at;
      add(c);
    }
    for (const [sname, s] of Object.entries(srcs).slice(0, 12)) {
      const c = { policy: '', report_only: `${pick([src, attrd, 'default-src'])} ${s} 'report-sample'`, page: page(), kind, text, note: `report-only ${sname}` };
      if (at) c.attr = at;
      add(c);
    }
  }

  // 5. External scripts: nonce.
  for (const d of SCRIPT_DIRS) {
    for (const [pn, en, note] of NONCES.slice(0, 14)) {
      for (const t of ['/x.js', `${CDN}/x.js`]) {
        add({ policy: `${d} 'nonce-${pn}'`, page: page(), kind: 'script-external-nonce', nonce: en, target: t, note: `nonce ${note}` });
      }
    }
    for (const [extra, note] of [[` ${CDN}`, 'nonce + host'], [" 'self'", "nonce + 'self'"], [" 'strict-dynamic'", 'nonce + strict-dynamic'],
      [" 'unsafe-inline'", 'nonce + unsafe-inline'], [` 'strict-dynamic' ${CDN}`, 'nonce + strict-dynamic + host']]) {
      for (const en of ['abc123', null, 'xyz']) {
        add({ policy: `${d} 'nonce-abc123'${extra}`, page: page(), kind: 'script-external-nonce', nonce: en, target: pick(['/x.js', `${CDN}/x.js`]), note });
      }
    }
  }

  // 6. External scripts: integrity metadata against hash sources.
  const bh = (alg, o) => hashOf(EXTERNAL_BODY, alg, o);
  const integrities = {
    sha256: bh('sha256'), sha384: bh('sha384'), sha512: bh('sha512'),
    'sha256 + sha384': `${bh('sha256')} ${bh('sha384')}`,
    'sha256 base64url': bh('sha256', { url: true }),
    'wrong sha256': hashOf('x'),
    'wrong sha256 + right sha384': `${hashOf('x')} ${bh('sha384')}`,
    'sha256 with option': `${bh('sha256')}?opt`,
    none: null,
  };
  const policyHashes = {
    sha256: `'${bh('sha256')}'`, sha384: `'${bh('sha384')}'`, sha512: `'${bh('sha512')}'`,
    'sha256 base64url': `'${bh('sha256', { url: true })}'`, 'wrong sha256': `'${hashOf('x')}'`,
    'sha256 + sha384': `'${bh('sha256')}' '${bh('sha384')}'`, 'SHA256 upper-case': `'${bh('sha256').replace('sha256', 'SHA256')}'`,
  };
  for (const d of SCRIPT_DIRS) {
    for (const [iname, integ] of Object.entries(integrities)) {
      for (const [pname, ph] of Object.entries(policyHashes)) {
        add({ policy: `${d} ${ph}`, page: page(), kind: 'script-external-integrity', integrity: integ, target: pick(['/x.js', `${CDN}/x.js`]),
          note: `integrity ${iname}; policy ${pname}` });
      }
    }
    for (const [iname, integ] of Object.entries(integrities).slice(0, 5)) {
      for (const [extra, note] of [[" 'strict-dynamic'", 'strict-dynamic'], [" 'unsafe-hashes'", 'unsafe-hashes'], [" 'unsafe-inline'", 'unsafe-inline'],
        [` ${OTHER}`, 'other host'], [" 'report-sample'", 'report-sample']]) {
        add({ policy: `${d} '${bh('sha256')}'${extra}`, page: page(), kind: 'script-external-integrity', integrity: integ,
          target: pick(['/x.js', `${CDN}/x.js`]), note: `integrity ${iname}; policy sha256 + ${note}` });
      }
    }
  }

  // 7. 'strict-dynamic': parser-inserted external scripts versus scripts a trusted script inserts.
  const insert = (t, how) => (how === 'write'
    ? `document.write('<script src="${t}"><\\/script>')`
    : `var s=document.createElement("script");s.src="${t}";document.head.appendChild(s)`);
  const sdPolicies = (d, ins) => [
    [`${d} 'nonce-abc123' 'strict-dynamic' ${CDN}`, 'nonce + strict-dynamic + host'],
    [`${d} 'nonce-abc123' 'strict-dynamic' 'self'`, "nonce + strict-dynamic + 'self'"],
    [`${d} 'nonce-abc123' 'strict-dynamic' *`, 'nonce + strict-dynamic + *'],
    [`${d} 'nonce-abc123' 'strict-dynamic' https:`, 'nonce + strict-dynamic + https:'],
    [`${d} 'nonce-abc123' 'strict-dynamic' 'unsafe-inline'`, 'nonce + strict-dynamic + unsafe-inline'],
    [`${d} 'nonce-abc123' ${CDN}`, 'nonce + host, no strict-dynamic'],
    [`${d} 'nonce-abc123'`, 'nonce alone'],
    [`${d} HASH_OF_TEXT 'strict-dynamic'`, 'hash of inserter + strict-dynamic'],
    [`${d} 'unsafe-inline' 'strict-dynamic'`, 'unsafe-inline + strict-dynamic'],
    [`${d} 'strict-dynamic'`, 'strict-dynamic alone'],
    [`${d} 'STRICT-DYNAMIC' 'nonce-abc123'`, 'upper-case strict-dynamic'],
    [`${d} 'unsafe-inline' ${CDN} 'self'`, 'unsafe-inline + hosts'],
    [`script-src 'nonce-abc123'; script-src-elem 'nonce-abc123' 'strict-dynamic'`, 'strict-dynamic in script-src-elem only'],
    [`script-src 'nonce-abc123' 'strict-dynamic'; script-src-elem 'nonce-abc123' ${CDN}`, 'strict-dynamic in script-src, host in script-src-elem'],
    [`default-src 'nonce-abc123' 'strict-dynamic'; script-src ${CDN}`, 'strict-dynamic in default-src, script-src host'],
  ];
  for (const d of SCRIPT_DIRS) {
    for (const t of ['/x.js', `${CDN}/x.js`, `${OTHER}/x.js`]) {
      for (const [p, note] of sdPolicies(d, '')) {
        for (const en of ['abc123', null]) {
          add({ policy: p, page: page(), kind: 'script-strict-dynamic-parser', nonce: en, target: t, note });
        }
      }
      for (const how of ['append', 'write']) {
        const ins = insert(t, how);
        for (const [p, note] of sdPolicies(d, ins)) {
          add({ policy: p, page: page(), kind: 'script-strict-dynamic-dynamic', nonce: 'abc123', text: ins, target: t, insert: how, note });
        }
      }
    }
  }

  // 8. eval and WebAssembly, from the page's own (nonced) script.
  const WASM = '[0,97,115,109,1,0,0,0]';
  const apis = {
    eval: `eval('${RAN}')`,
    Function: `new Function('${RAN}')()`,
    'setTimeout string': `setTimeout('${RAN}',0)`,
    'WebAssembly.Module': `new WebAssembly.Module(new Uint8Array(${WASM}));${RAN}`,
    'WebAssembly.compile': `WebAssembly.compile(new Uint8Array(${WASM})).then(function(){${RAN}},function(e){document.documentElement.dataset.err=e.name})`,
    'WebAssembly.instantiate': `WebAssembly.instantiate(new Uint8Array(${WASM})).then(function(){${RAN}},function(e){document.documentElement.dataset.err=e.name})`,
  };
  const R = `'nonce-${RUNNER_NONCE}'`;
  const evalSrcs = [
    ["'unsafe-eval'", 'unsafe-eval'], ['', 'none'], ["'wasm-unsafe-eval'", 'wasm-unsafe-eval'], ["'unsafe-eval' 'wasm-unsafe-eval'", 'both'],
    ["'unsafe-inline'", 'unsafe-inline only'], ["'strict-dynamic' 'unsafe-eval'", 'strict-dynamic + unsafe-eval'], ["'strict-dynamic'", 'strict-dynamic'],
    ["'report-sample'", 'report-sample'], ["'UNSAFE-EVAL'", 'upper-case unsafe-eval'], ['unsafe-eval', 'unquoted unsafe-eval'],
    ["'wasm-eval'", 'wasm-eval (not a keyword)'], ["'unsafe-hashes'", 'unsafe-hashes'], ['*', '*'],
  ];
  for (const [api, code] of Object.entries(apis)) {
    const kind = api.startsWith('WebAssembly') ? 'wasm' : 'eval';
    const text = `try{${code}}catch(e){document.documentElement.dataset.err=e.name}`;
    for (const d of ['script-src', 'default-src']) {
      for (const [s, note] of evalSrcs) {
        add({ policy: `${d} ${R} ${s}`.trimEnd(), page: page(), kind, text, api, note });
      }
    }
    for (const [p, note] of [
      [`script-src ${R}; script-src-elem ${R} 'unsafe-eval' 'wasm-unsafe-eval'`, 'eval keywords in script-src-elem only'],
      [`default-src 'unsafe-eval' 'wasm-unsafe-eval'; script-src ${R}`, 'eval keywords in default-src, script-src without'],
      [`default-src ${R}; script-src ${R} 'unsafe-eval'`, 'script-src unsafe-eval over default-src'],
      [`script-src ${R}; script-src-attr 'unsafe-eval' 'wasm-unsafe-eval'`, 'eval keywords in script-src-attr'],
      [`script-src ${R} 'unsafe-eval', script-src ${R}`, 'second policy without unsafe-eval'],
      [`script-src ${R} 'wasm-unsafe-eval', script-src ${R} 'unsafe-eval'`, 'wasm-unsafe-eval and unsafe-eval in two policies'],
    ]) add({ policy: p, page: page(), kind, text, api, note });
    for (const [ro, note] of [[`script-src ${R} 'report-sample'`, 'report-only none'], [`script-src ${R} 'unsafe-eval'`, 'report-only unsafe-eval'],
      [`script-src ${R} 'wasm-unsafe-eval'`, 'report-only wasm-unsafe-eval'], [`default-src ${R}`, 'report-only default-src']]) {
      add({ policy: `script-src ${R} 'unsafe-eval' 'wasm-unsafe-eval'`, report_only: ro, page: page(), kind, text, api, note });
    }
  }

  // 9. frame-ancestors: the page embedded by a chain of ancestors (outermost first).
  const FA_ORIGINS = ['https://a.in.test', 'https://top.in.test', 'http://top.in.test', 'https://b.in.test:8443', 'https://x.a.in.test', 'http://a.in.test'];
  const faSrcs = ["'self'", "'none'", '*', 'https:', 'http:', 'https://top.in.test', 'top.in.test', '*.in.test', 'https://*.a.in.test', 'https://a.in.test',
    'https://b.in.test:8443', 'https://b.in.test', 'https://b.in.test:*', "'self' https://top.in.test", 'https://top.in.test/path', 'http://top.in.test',
    'data:', "'unsafe-inline'", "'self' 'none'", 'https://TOP.in.test'];
  const chains = [];
  for (const a of FA_ORIGINS) chains.push([a]);
  for (const a of ['https://top.in.test', 'https://a.in.test', 'http://top.in.test']) for (const b of ['https://a.in.test', 'https://top.in.test', 'https://b.in.test:8443']) chains.push([a, b]);
  chains.push(['https://top.in.test', 'https://a.in.test', 'https://a.in.test']);
  chains.push(['https://a.in.test', 'https://top.in.test', 'https://a.in.test']);
  for (const s of faSrcs) {
    for (const ch of chains) {
      if (rnd() < 0.55 && ch.length === 1 && s !== "'self'" && s !== "'none'") continue;
      add({ policy: `frame-ancestors ${s}`, page: 'https://a.in.test', kind: 'frame-ancestors', ancestors: ch, note: 'header' });
    }
  }
  for (const ch of chains) {
    for (const [s, how] of [["'none'", 'report-only'], ["'self'", 'report-only'], ["'none'", 'meta'], ["'self'", 'meta'], ['https://top.in.test', 'meta']]) {
      const c = { policy: '', page: 'https://a.in.test', kind: 'frame-ancestors', ancestors: ch, note: how };
      if (how === 'meta') { c.delivery = 'meta'; c.meta_policy = `frame-ancestors ${s}`; } else c.report_only = `frame-ancestors ${s}`;
      add(c);
    }
    add({ policy: "frame-ancestors 'self', frame-ancestors *", page: 'https://a.in.test', kind: 'frame-ancestors', ancestors: ch, note: 'two policies' });
    add({ policy: "default-src 'self'", page: 'https://a.in.test', kind: 'frame-ancestors', ancestors: ch, note: 'default-src does not apply' });
  }

  // 10. form-action, GET and POST, with and without a 302 to another origin. A GET submission
  // replaces the action's query, so the case id is in the path: <origin>/form/<id>, and a
  // redirect is <origin>/redirect/<id>/<final target, percent-encoded>.
  const FORM_TARGETS = ['https://a.in.test', 'https://b.in.test', 'http://a.in.test', '', 'https://a.in.test:8443'];
  const faction = ["'self'", "'none'", '*', 'https:', 'https://b.in.test', 'https://b.in.test/form/', 'https://b.in.test/form', 'https://b.in.test/other/', 'b.in.test',
    "'self' https://b.in.test", "'unsafe-inline'", 'https://*.in.test'];
  for (const s of faction) {
    for (const t of FORM_TARGETS) {
      for (const method of ['get', 'post']) {
        add({ policy: `form-action ${s}`, page: 'https://a.in.test', kind: 'form-action', target: `${t}/form/`, method, note: 'direct' });
      }
    }
    for (const [t, r] of [['', 'https://b.in.test'], ['', 'https://a.in.test'], ['https://b.in.test', 'https://a.in.test'], ['', 'https://c.in.test'], ['https://b.in.test', 'https://c.in.test']]) {
      for (const method of ['get', 'post']) {
        add({ policy: `form-action ${s}`, page: 'https://a.in.test', kind: 'form-action', target: `${t}/redirect/`, redirect: `${r}/form/`, method, note: '302' });
      }
    }
  }
  for (const [p, ro, note] of [["default-src 'none'", '', 'default-src does not apply'], ['', "form-action 'none'", 'report-only'],
    ["form-action 'self'", "form-action 'none'", 'enforce self, report-only none'], ["form-action 'self', form-action https://b.in.test", '', 'two policies']]) {
    for (const t of ['/form/', 'https://b.in.test/form/']) for (const method of ['get', 'post']) {
      const c = { policy: p, page: 'https://a.in.test', kind: 'form-action', target: t, method, note };
      if (ro) c.report_only = ro;
      add(c);
    }
  }

  // 11. base-uri.
  const BASES = ['https://a.in.test/dir/', 'https://b.in.test/dir/', 'http://a.in.test/dir/', '/dir/', 'https://a.in.test:8443/dir/', 'data:text/html,x', 'https://b.in.test/other/'];
  const bsrcs = ["'self'", "'none'", '*', 'https:', 'https://b.in.test', 'https://b.in.test/dir/', 'b.in.test', "'unsafe-inline'", 'data:',
    'https://a.in.test', "'self' https://b.in.test", 'https://*.in.test', 'http:', 'https://b.in.test/dir'];
  for (const s of bsrcs) for (const t of BASES) add({ policy: `base-uri ${s}`, page: pick(['https://a.in.test', 'https://a.in.test']), kind: 'base-uri', target: t, note: 'header' });
  for (const t of BASES.slice(0, 4)) {
    add({ policy: "default-src 'none'", page: 'https://a.in.test', kind: 'base-uri', target: t, note: 'default-src does not apply' });
    add({ policy: '', report_only: "base-uri 'none'", page: 'https://a.in.test', kind: 'base-uri', target: t, note: 'report-only' });
    add({ policy: "base-uri 'self', base-uri *", page: 'https://a.in.test', kind: 'base-uri', target: t, note: 'two policies' });
  }

  // 12. sandbox: the inline script and a same-origin external script (/xs.js, which loads
  // /seen/<id>/ext when it runs) under 'self' and other sources.
  for (const sb of ['sandbox', 'sandbox allow-scripts', 'sandbox allow-scripts allow-same-origin', 'sandbox allow-same-origin', 'SANDBOX allow-scripts']) {
    for (const [p, note] of [['', 'sandbox only'], ["script-src 'self' 'unsafe-inline'", "'self'"], ["script-src 'self' 'nonce-abc123'", "'self' + nonce"],
      ["script-src https: 'unsafe-inline'", 'https:'], ["script-src https://a.in.test 'unsafe-inline'", 'host']]) {
      for (const pg of ['https://a.in.test', 'http://a.in.test']) {
        add({ policy: [sb, p].filter(Boolean).join('; '), page: pg, kind: 'sandbox', nonce: 'abc123', text: RAN, target: '/xs.js', note });
      }
    }
  }

  return raw.map((c, i) => {
    const id = 'i' + String(i + 1).padStart(6, '0');
    const out = { id, policy: c.policy };
    if (c.report_only) out.report_only = c.report_only;
    // a page of its own per case
    out.page = `${c.page}/p/${id}`;
    for (const k of ['delivery', 'meta_policy', 'kind', 'attr', 'api', 'insert', 'nonce', 'text', 'integrity', 'target', 'redirect', 'method', 'ancestors', 'note']) {
      if (c[k] !== undefined) out[k] = c[k];
    }
    if (out.kind === 'form-action') {
      // the form target, and a redirect's final target, carry the case id in the path
      if (out.redirect) { out.redirect += id; out.target += `${id}/${encodeURIComponent(out.redirect)}`; } else out.target += id;
    }
    if (out.target && /\/xs?\.js$/.test(out.target)) out.target = withId(out.target, id);
    if (out.kind === 'script-strict-dynamic-dynamic') out.text = out.text.replace(/\/x\.js"/, `/x.js?k=${id}"`);
    if (out.kind === 'sandbox') out.text = `${RAN};new Image().src="/seen/${id}"`;
    // a hash of the (final) inline text
    if (out.policy.includes('HASH_OF_TEXT')) out.policy = out.policy.replace('HASH_OF_TEXT', `'${hashOf(out.text ?? '')}'`);
    return out;
  });
}

function withId(u, id) {
  return `${u}${u.includes('?') ? '&' : '?'}k=${id}`;
}
