// The inputs: URLs whose hosts exercise UTS #46 as the URL Standard uses it.
// Deterministic: the same list, in the same order, on every run.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Raw Punycode (RFC 3492) of arbitrary strings, valid or not as labels.
// The module is deprecated but still shipped with Node 20; only its
// encoder is used, to write xn-- labels whose content breaks a rule.
process.noDeprecation = true;
const punycode = require('punycode');
const ace = (s) => 'xn--' + punycode.encode(s);

const cp = (...cps) => String.fromCodePoint(...cps);
const range = (from, n, step = 1) => {
  let s = '';
  for (let i = 0; i < n; i++) s += cp(from + i * step);
  return s;
};

// Hosts, each used as https://HOST/.
const hosts = [];
const add = (...hs) => hosts.push(...hs);

// Edge labels and separators.
add('a', 'a.', '.a', 'a..b', 'a...', '..', '.', '-', '-a', 'a-', 'a--b', 'ab--c', 'xn-', 'xn-a',
  'x--', '-x-', 'a_b', '0a', 'a.0a', '1.2.3.4', '1.2.3.a', 'a.1', 'A.B.C', 'EXAMPLE.COM', 'a\u3002b',
  'a\uff0eb', 'a\uff61b', 'a\u3002', '\u3002a', 'a\u3002\u3002b', 'a.\u3002b', '\u3002', 'a%2Eb',
  'a%E3%80%82b', 'a\ufe52b', 'a\u2024b', 'a\u2025b');

// xn-- labels.
add('xn--', 'XN--', 'Xn--', 'xN--', 'xn---', 'xn----', 'xn--a', 'xn--a-', 'xn--abc-', 'xn--ASCII-',
  'xn--ls8h-', 'xn--zca', 'xn--ZCA', 'XN--ZCA', 'xn--bcher-kva', 'xn--Bcher-KVA', 'XN--BCHER-KVA.de',
  'xn--xn---epa', 'xn--xn--a--gua', 'xn--\u00fc-', 'xn--\u00e4', 'xn--tda.xn--', 'a.xn--', 'xn--.a',
  'xn--.a.com', 'evil.xn--.api.example.com', 'xn--.api.example.com', 'xn--1ch', 'xn--1ug',
  'xn--a-ecp', 'xn--0', 'xn--9', 'xn--99999999', 'xn--zzzzzzzzzzzz', 'xn--x-zhc.com', 'xn--4db',
  'xn--4db.1', '1.xn--4db', 'a.xn--4db', 'xn--11b6iy14e', 'xn--mgb1ds31i', 'xn--fa-hia', 'xn--3xa',
  'xn--ss-9ka', 'xn--tda', 'xn--0ca', 'xn--ls8h', 'xn--ls8h.la', 'xn--e28h', '\uff58\uff4e--bcher-kva',
  '\u00adxn--bcher-kva', 'xn\u00ad--bcher-kva', '%78n--bcher-kva', 'xn--bcher-kva%2Ede',
  'xn--bcher%2Dkva', 'xn--a.xn--tda', 'xn--tda.xn--a', 'xn--zca.', 'xn--zca..', 'xn-\u00ad-zca',
  'x\u00adn--zca', 'xn--\u00adzca');
// Punycode of contents that break a rule once decoded.
add(ace('\u00dc'), ace('ABC\u00fc'), ace('\u0301a'), ace('a\u200db'), ace('a\u200cb'), ace('\u200d'),
  ace('\ufffd'), ace('\uff46\u00fc'), ace('e\u0301'), ace('\u00e9'), ace('xn--\u00e9'), ace('a.\u00e9'),
  ace('\u05d0x'), ace('x\u05d0'), ace('\u05d0'), ace('\u0627\u0661'), ace('\u0627\u0031'),
  ace('\u00ad\u00fc'), ace('\u034f\u00fc'), ace('\u00fc\ufe0f'), ace('\u00fc\u0020'),
  ace('\u00fc_'), ace('\u00fc*'), ace('\u0378'), ace('\ue000'), ace('\u2488'), ace('\u2260'),
  ace('\u00df'), ace('\u03c2'), ace('\u0915\u094d\u200d'), ace('\u0644\u200c\u0627'),
  ace('\u03a3'), ace('\u1e9e'), ace('\u0130'), ace('\u2135'), ace('a' + '\u0301'.repeat(31)));

// Bidi.
add('\u05d0', '\u05d0x', 'x\u05d0', '\u05d01', '1\u05d0', '\u05d0.1', '1.\u05d0', 'a.\u05d0',
  '\u05d0.a', '\u05d0.com', 'a1.\u05d0', '\u0627\u0661', '\u0627\u0031', '\u0627\u0661\u0031',
  '\u0661', 'a.\u0661', '\u06f1', '\u05d0\u06f1', '\u05d0-\u05d1', '\u05d0\u0301', '\u05d0..a',
  'a..\u05d0', '\u2135', '\u2135x', 'x\u2135', '\u2135x.com', '\u2135.com', '\u2136', '\u2137',
  '\u2138', 'a.\u2135', '\u2135\u2136', '\u2135\u05d0', '\u2135 1', '\u2135\u0031', '\u200f',
  'a\u200fb', '\u05d0\u200f', '\u0645\u0631\u062d\u0628\u0627', '\u0645\u0631\u062d\u0628\u0627.com',
  '\u0645\u0631\u062d\u0628\u0627.1com', 'com.\u0645\u0631\u062d\u0628\u0627', '\u05d0.\u0661',
  '\u0627\u064b\u0628', '\u05d0\u05b0', '\u05b0\u05d0', 'a\u0661b', '\u05d0a\u05d1');

// Joiners.
add('a\u200db', 'a\u200cb', '\u200d', '\u200c', '\u200da', 'a\u200d', '\u200ca', 'a\u200c',
  '\u0915\u094d\u200d', '\u0915\u094d\u200c', '\u0915\u094d\u200d\u0937', '\u0915\u200d\u094d',
  '\u0644\u200c\u0627', '\u0627\u200c\u0644', '\u0628\u200c\u0628', '\u0644\u064b\u200c\u064b\u0627',
  '\u0644\u200c', '\u200c\u0627', 'a.\u200c', '\u0d15\u0d4d\u200c', '\u0915\u094d\u200c\u0937',
  '\u200d\u200c', '\u0628\u200c\u200c\u0628');

// Mapped, ignored and disallowed code points.
add('EXAMPLE', '\u00dc', 'B\u00dcCHER.de', '\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45', '\u01c5', '\u216b',
  '\u338f', '\ufb01', '\u0149', '\u0130', '\u212a', '\u212b', '\u1e9e', '\u1e9e.de', '\u2474', 'a\u2474b',
  '\u2100', 'a\u2488b', '\u2488', '\ud83c\udd00', '\ud83c\udd01', 'a\u00adb', '\u00ad', 'a\u200bb',
  'a\u2060b', 'a\ufeffb', 'a\ufe0fb', 'a\udb40\udd00b', 'a\u180bb', 'a\u034fb', 'a\udb40\udc61b',
  '\ud835\udc00', '\ud83c\udd30', '\ufdfa', '\u3392', '\u00bd', '\u2116', '\u00aa', '\u00b5',
  '\u0345', 'a\u0345', '\u1fbe', '\u037a', '\u0340', 'a\u0340', '\u0958', '\ufb1d', '\u2126', '\u03a3',
  '\u03a3\u03b1', '\u00df', 'fa\u00df.de', '\u03c2', '\u03c2.com', '\u03b2\u03cc\u03bb\u03bf\u03c2',
  'stra\u00dfe', '\u1e9eTRASSE', '\u0130stanbul', '\u0131', 'K\u0131rk', '\u00e5', 'a\u030a',
  'e\u0301', '\u0301', '\u0301a', 'a.\u0301b', 'a' + '\u0301'.repeat(30), 'a' + '\u0301'.repeat(31),
  'a' + '\u0301'.repeat(40), '\u1100\u1161', '\u1100\u1161\u11a8', '\uac00\u11a8', '\ufb03',
  '\u2260', 'a\u2260b', '=\u0338', '\u226e', '<\u0338', '\u226f', '\u00a0', 'a\u00a0b', 'a\u3000b',
  'a\u2000b', 'a\ufffdb', 'a\ue000b', 'a\u0378b', 'a\uffffb', 'a\ufdd0b', 'a\u0000b', 'a\u0007b',
  'a\u007fb', 'a\u0080b', 'a\u009fb', 'a\u00a0b', 'a\u2028b', 'a\u202eb', 'a\u2066b', 'a\u06ddb',
  'a\u070fb', 'a\u2064b', 'a\u1806b', 'a\u1807b', 'a\u0f0bb', 'a\u3007b', 'a\u30fbb', 'a\u00b7b',
  'l\u00b7l', 'a\u0375\u03b1', '\u05f3', '\u05d0\u05f3', '\u05f4', '\u05d0\u05f4\u05d1', '\u0660\u06f0',
  'a%C3%BCb', '%C3%BC', '%c3%bc.com', '%E2%84%B5x', 'a%ADb', 'a%C2%ADb', '%F0%9F%92%A9',
  'a%00b', 'a%20b', 'a%2Fb', '%ff', 'a\u2100b', 'a\u2101b', 'a\u2105b', 'a\u33c7b', 'a\u2048b');

// Emoji.
add('\ud83d\udca9', '\ud83d\udca9.la', '\ud83d\ude00', '\u2764\ufe0f', '\u2764', '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\ud83c\udff3\ufe0f\u200d\ud83c\udf08', '\ud83c\udde9\ud83c\uddea', '1\ufe0f\u20e3', '\u20e3',
  '\ud83d\udc4d\ud83c\udffd', '\ud83c\udffd', '\u2603-\u2318.com', '\u2603', '\u00a9', '\u2122');

// Unicode versions: code points assigned after 15.0, and a few before.
add('a' + cp(0x2ebf0), 'a' + cp(0xa7cb), 'a' + cp(0x1c89), 'a' + cp(0x11380), 'a' + cp(0x323b0),
  'a' + cp(0x10940), 'a' + cp(0x10d50), 'a' + cp(0x11f04), 'a' + cp(0x10570), 'a' + cp(0x1e030),
  'a' + cp(0x31350), 'a' + cp(0x2fffd), 'a' + cp(0x1f6d7), 'a' + cp(0x1fae8), 'a' + cp(0x1fa89),
  'a' + cp(0x2e80), 'a' + cp(0x1df25), 'a' + cp(0xa7c0), 'a' + cp(0xa7d0), 'a' + cp(0xa7dc),
  'a' + cp(0x1c8a), 'a' + cp(0x16d40), 'a' + cp(0x16ea0), 'a' + cp(0x1e5d0), 'a' + cp(0x105c0));

// Lengths.
const e = (n) => '\u00e9'.repeat(n);
add('a'.repeat(63), 'a'.repeat(64), 'a'.repeat(300), e(59), e(60), e(200), e(201), e(1000), e(1001),
  e(1000) + '.com', 'a.' + e(1001), range(0x4e00, 900), range(0x4e00, 1000), range(0x4e00, 1001),
  range(0x20000, 300, 7), range(0x20000, 1000, 7), 'xn--9ca' + 'a'.repeat(999), 'xn--9ca' + 'a'.repeat(1000),
  'xn--' + 'a'.repeat(1996) + '-9ca', 'xn--' + 'a'.repeat(1997) + '-9ca', 'xn--' + 'a'.repeat(999) + '-9ca',
  'xn--' + 'a'.repeat(1000) + '-9ca', 'xn--' + 'a'.repeat(3000), ('a'.repeat(63) + '.').repeat(4) + 'com',
  'a'.repeat(3000) + '.\u00e9', 'a'.repeat(1990) + '.\u00e9', ('\u00e9'.repeat(50) + '.').repeat(40) + 'com',
  '\u00ad'.repeat(2000) + 'a', 'a' + '\u00ad'.repeat(2000) + '\u00e9', '\ufdfa'.repeat(60),
  'a' + '\u0301'.repeat(1000));

// Host lengths at the browsers' limits (see idnalimit.go): 1265 and 1266 UTF-16 code units for a
// host with a non-ASCII code point, 2048 and 2049 characters for the ASCII form of a host that
// needs IDNA, given in Unicode, in Punycode, or shrinking under the mapping.
for (const n of [1265, 1266]) {
  add('a'.repeat(n - 2) + '.\u00e9', '\u00ad'.repeat(n - 1) + 'a', '\ud83d\udca9'.repeat(5) + '.' + 'a'.repeat(n - 11),
    'A'.repeat(n - 2) + '.\u00e9');
}
for (const n of [2048, 2049]) {
  add('a'.repeat(n - 8) + '.xn--9ca', ('\u00e9'.repeat(50) + '.').repeat(35) + 'a'.repeat(n - 35 * 57));
}
add('\u00e9'.repeat(20) + '.' + 'a'.repeat(1000) + '.' + '\u00e9'.repeat(20));

// Code points the browsers map to something this package or another browser does not.
add('\ufe61', 'x\ufe61y', '\uff0a', '\uff02', 'x\uff02y', '\u10b4', '\u2d14', 'x\u206ey', 'a\u1806b');

// A sample of the whole code space, one code point per label, between
// ASCII labels: every 61st code point of the BMP and every 997th above it.
const sample = [];
for (let c = 0x80; c < 0x10000; c += 61) if (c < 0xd800 || c > 0xdfff) sample.push(c);
for (let c = 0x10000; c < 0x110000; c += 997) sample.push(c);
for (const c of sample) add('x.' + cp(c) + '.com');

// Some of the same in other URL shapes, and the exact URLs.
const urls = hosts.map((h) => 'https://' + h + '/');
urls.push('https://xn--.api.example.com/', 'https://evil.xn--.api.example.com/', 'https://\u2135x.com/',
  'http://xn--.a.com:8080/p?q#f', 'wss://\u2135x.com/', 'ws://xn--/', 'https://u:p@xn--.a.com/',
  'https://\u00fc.com:443/', 'HTTPS://B\u00dcCHER.de/', 'ftp://xn--bcher-kva.de/', 'http://\u05d0.1/',
  'http://1.\u05d0/', 'http://\u0661\u0662/', 'foo://xn--/', 'foo://\u00fc/', 'https://[::1]/',
  'https://\u00fc.1/', 'https://\u00fc.0x1/', 'https://\u00fc.com./', 'file://\u00fc.com/x',
  'file://xn--/x', 'https://xn--zca.1/', 'https://1.xn--zca/');

export const INPUTS = urls;
