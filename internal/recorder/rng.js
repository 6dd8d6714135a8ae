// Shared by both generators (gen.js, holdout.js): the request kinds and the seeded PRNG.

export const KINDS = ['fetch', 'xhr', 'websocket', 'eventsource', 'beacon'];

// mulberry32: tiny, fast, good enough for picking cases.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
