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

// flatten turns groups ({policy, report_only, page, targets: [[kind, target, redirect]]}) into
// cases with ids prefix000001...; a redirect target carries its case id so the server can tell
// which hop was blocked.
export function flatten(groups, prefix) {
  const cases = [];
  let n = 0;
  for (const g of groups) {
    for (const [kind, target, redirect] of g.targets) {
      const id = prefix + String(++n).padStart(6, '0');
      const c = { id, policy: g.policy };
      if (g.report_only) c.report_only = g.report_only;
      c.page = g.page;
      c.kind = kind;
      c.target = redirect ? `${target}&c=${id}` : target;
      if (redirect) c.redirect = redirect;
      cases.push(c);
    }
  }
  return cases;
}
