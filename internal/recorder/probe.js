// The in-page function. Drivers run `(${probe.toString()})(arg)` inside the loaded page.
// It must stay self-contained: no imports, no closures over module scope.
//
// arg: { cases: [{kind, target, redirect}], settleMs, redirectMs, markerMs, graceMs, graceKinds?, tag }
// returns { href, origin (the document's origin: "null" when sandboxed), results: [{thrown?, settled?, events: [{disposition, directive, violated,
//           blocked_uri, policy, late?}], marker: bool}] }
//   (late: ms after the marker's violation, for a violation that came in the grace period)
//
// Requests run one at a time. After each request settles (or a short timeout passes) the probe
// loads a marker image that the page's extra policy `img-src 'none'` always blocks, and waits
// for the marker's violation event: the violations that arrived before it belong to the request.
export async function probe(arg) {
  const events = [];
  const waiters = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    events.push({
      t: performance.now(),
      disposition: e.disposition,
      directive: e.effectiveDirective,
      violated: e.violatedDirective,
      blocked_uri: e.blockedURI,
      policy: e.originalPolicy,
    });
    for (const w of waiters.splice(0)) w();
  });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const errText = (e) => (e && (e.name || 'Error') + ': ' + (e.message || String(e))) || String(e);

  async function waitMarker(key, ms) {
    const deadline = Date.now() + ms;
    for (;;) {
      if (events.some((e) => e.blocked_uri.includes(key))) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([new Promise((r) => waiters.push(r)), sleep(left)]);
    }
  }

  // start begins one request; returns { thrown } or { done: Promise<string> } (what settled).
  function start(c) {
    let settle;
    const done = new Promise((r) => { settle = r; });
    try {
      switch (c.kind) {
        case 'fetch': {
          new Request(c.target); // throws for URLs fetch refuses before any check
          fetch(c.target, { cache: 'no-store' }).then(
            (r) => settle('resolved ' + r.status), (e) => settle('rejected ' + errText(e)));
          break;
        }
        case 'xhr': {
          const x = new XMLHttpRequest();
          x.open('GET', c.target);
          x.onloadend = () => settle('loadend ' + x.status);
          x.send();
          break;
        }
        case 'websocket': {
          const ws = new WebSocket(c.target);
          const end = (what) => () => { settle(what); try { ws.close(); } catch {} };
          ws.onopen = end('open');
          ws.onerror = end('error');
          ws.onclose = end('close');
          break;
        }
        case 'eventsource': {
          const es = new EventSource(c.target);
          es.onopen = () => { es.close(); settle('open'); };
          es.onerror = () => { es.close(); settle('error'); };
          break;
        }
        case 'beacon': {
          const ok = navigator.sendBeacon(c.target, 'cspkit');
          if (!ok) return { thrown: 'sendBeacon returned false' };
          // no completion signal: the CSP check of the first hop runs inside sendBeacon
          settle('sent');
          return { done, beacon: true };
        }
        default:
          return { thrown: 'unknown kind ' + c.kind };
      }
    } catch (e) {
      return { thrown: errText(e) };
    }
    return { done };
  }

  const results = [];
  for (let i = 0; i < arg.cases.length; i++) {
    const c = arg.cases[i];
    if (typeof globalThis.__cspkitMark === 'function') {
      try { await globalThis.__cspkitMark(String(i)); } catch {}
    }
    const first = events.length;
    const r = { events: [] };
    const s = start(c);
    if (s.thrown) {
      r.thrown = s.thrown;
    } else if (s.beacon) {
      r.settled = 'sent';
      // sendBeacon gives no completion signal: after a redirect, wait for an enforce violation
      // (the redirect hop's check can come late under load) or the full redirect time.
      const deadline = Date.now() + (c.redirect ? arg.redirectMs : 0);
      while (!events.slice(first).some((e) => e.disposition === 'enforce') && Date.now() < deadline) {
        await Promise.race([new Promise((res) => waiters.push(res)), sleep(deadline - Date.now())]);
      }
    } else {
      r.settled = await Promise.race([s.done, sleep(c.redirect ? arg.redirectMs : arg.settleMs).then(() => 'timeout')]);
    }
    const key = `/marker?${arg.tag}-${i}`;
    new Image().src = key;
    r.marker = await waitMarker(key, arg.markerMs);
    const upto = events.findIndex((e, j) => j >= first && e.blocked_uri.includes(key));
    // img-src events are the marker policy's (markers, a favicon): a connect request never is.
    const own = (e) => !e.blocked_uri.includes('/marker?') && e.directive !== 'img-src';
    for (const e of events.slice(first, upto < 0 ? events.length : upto)) {
      if (own(e)) r.events.push(e);
    }
    // A browser may check a request a second time in another process and fire that violation
    // late, after the marker's (Firefox: WebSockets, blob: URLs). With graceMs, a request without
    // an enforce violation waits that long more (graceKinds: only requests of those kinds); what
    // comes then is its own, marked late.
    const graced = arg.graceMs > 0 && (!arg.graceKinds || arg.graceKinds.includes(c.kind));
    if (graced && upto >= 0 && !r.events.some((e) => e.disposition === 'enforce')) {
      const markerAt = events[upto].t;
      await sleep(arg.graceMs);
      for (const e of events.slice(upto + 1)) {
        if (own(e)) r.events.push({ ...e, late: Math.round(e.t - markerAt) });
      }
    }
    for (const e of r.events) delete e.t;
    results.push(r);
  }
  // give late marker violations from other policies a moment, then stop
  return { href: location.href, origin: String(self.origin), results };
}
