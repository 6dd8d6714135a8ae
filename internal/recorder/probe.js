// The in-page function. Drivers run `(${probe.toString()})(arg)` inside the loaded page.
// It must stay self-contained: no imports, no closures over module scope.
//
// arg: { cases: [{kind, target, redirect}], settleMs, redirectMs, markerMs, graceMs, graceKinds?, tag,
//        marker? ('fetch': the marker is a fetch() that the page's extra policy connect-src 'none'
//        blocks, for the destination set, whose loads may be images; default: an image),
//        markerPolicy? (the extra policy's text: its violations of anything but the marker are
//        kept apart, as marker_policy), loadMs? (how long a destination load may take to settle) }
// returns { href, origin (the document's origin: "null" when sandboxed), results: [{thrown?, settled?, events: [{disposition, directive, violated,
//           blocked_uri, policy, late?}], marker: bool}] }
//   (late: ms after the marker's violation, for a violation that came in the grace period)
//
// Requests run one at a time. After each request settles (or a short timeout passes) the probe
// loads a marker image that the page's extra policy `img-src 'none'` always blocks (or, with
// marker 'fetch', fetches a marker URL that `connect-src 'none'` blocks), and waits for the
// marker's violation event: the violations that arrived before it belong to the request.
//
// Besides the connect kinds, a case may load a destination the way a page does (see startLoad):
// script, style, img, font, audio, video, track, object, embed, iframe, worker, sharedworker,
// serviceworker, manifest, prefetch. A target "blob:..." is replaced by a blob: URL the page
// makes for the kind (a real one, of the page's origin).
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


  // Bodies for blob: targets, per kind: something each destination can use.
  const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  const bytes = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  function wav() {
    const n = 800;
    const b = new DataView(new ArrayBuffer(44 + n));
    const str = (o, t) => { for (let j = 0; j < t.length; j++) b.setUint8(o + j, t.charCodeAt(j)); };
    str(0, 'RIFF'); b.setUint32(4, 36 + n, true); str(8, 'WAVE'); str(12, 'fmt ');
    b.setUint32(16, 16, true); b.setUint16(20, 1, true); b.setUint16(22, 1, true);
    b.setUint32(24, 8000, true); b.setUint32(28, 8000, true); b.setUint16(32, 1, true); b.setUint16(34, 8, true);
    str(36, 'data'); b.setUint32(40, n, true);
    for (let j = 0; j < n; j++) b.setUint8(44 + j, 128);
    return b.buffer;
  }
  const JS = "try { postMessage('ok'); } catch (e) {} self.onconnect = (e) => e.ports[0].postMessage('ok');";
  function blobFor(kind) {
    switch (kind) {
      case 'script': case 'worker': case 'sharedworker': case 'serviceworker':
        return new Blob([JS], { type: 'text/javascript' });
      case 'style': return new Blob(['p{}'], { type: 'text/css' });
      case 'img': return new Blob([bytes(GIF)], { type: 'image/gif' });
      case 'audio': case 'video': return new Blob([wav()], { type: 'audio/wav' });
      case 'track': return new Blob(['WEBVTT\n\n'], { type: 'text/vtt' });
      case 'object': case 'embed': case 'iframe': return new Blob(['<!doctype html><p>ok'], { type: 'text/html' });
      case 'manifest': return new Blob(['{"name":"ok"}'], { type: 'application/manifest+json' });
      default: return new Blob(['ok'], { type: 'application/octet-stream' });
    }
  }
  const cleanups = [];
  const cssURL = (u) => 'url(' + JSON.stringify(u) + ')';

  // startLoad begins one destination load the way a page makes it; returns { thrown } or
  // { done: Promise<string> } (what settled), and registers how to undo it (remove the element,
  // end the worker, unregister the service worker) in cleanups.
  function startLoad(c, i) {
    let settle;
    const done = new Promise((r) => { settle = r; });
    const on = (el, ok, bad) => {
      for (const ev of ok) el.addEventListener(ev, () => settle(ev), { once: true });
      for (const ev of bad) el.addEventListener(ev, () => settle(ev), { once: true });
    };
    let url = c.target;
    if (/^blob:/i.test(url)) url = URL.createObjectURL(blobFor(c.kind));
    const add = (el) => { (document.body || document.documentElement).appendChild(el); cleanups.push(() => el.remove()); };
    try {
      switch (c.kind) {
        case 'script': {
          const el = document.createElement('script');
          on(el, ['load'], ['error']);
          el.src = url;
          add(el);
          break;
        }
        case 'style': case 'prefetch': case 'manifest': {
          const el = document.createElement('link');
          el.rel = c.kind === 'style' ? 'stylesheet' : c.kind;
          on(el, ['load'], ['error']);
          el.href = url;
          (document.head || document.documentElement).appendChild(el);
          cleanups.push(() => el.remove());
          // a manifest link fires no event: it settles by timeout (or never loads at all)
          break;
        }
        case 'img': {
          const el = new Image();
          on(el, ['load'], ['error']);
          el.src = url;
          cleanups.push(() => { el.src = ''; });
          break;
        }
        case 'font': {
          const f = new FontFace('cspkit-f' + arg.tag + '-' + i, cssURL(url));
          f.load().then(() => settle('loaded'), (e) => settle('rejected ' + errText(e)));
          break;
        }
        case 'audio': case 'video': {
          const el = document.createElement(c.kind);
          el.muted = true;
          el.preload = 'auto';
          on(el, ['loadedmetadata'], ['error']);
          el.src = url;
          add(el);
          break;
        }
        case 'track': {
          const v = document.createElement('video');
          v.crossOrigin = 'anonymous';
          const el = document.createElement('track');
          el.kind = 'subtitles';
          el.default = true;
          on(el, ['load'], ['error']);
          el.src = url;
          v.appendChild(el);
          add(v);
          if (el.track) el.track.mode = 'hidden';
          break;
        }
        case 'object': case 'embed': {
          const el = document.createElement(c.kind);
          el.type = 'text/html';
          on(el, ['load'], ['error']);
          if (c.kind === 'object') el.data = url; else el.src = url;
          add(el);
          break;
        }
        case 'iframe': {
          const el = document.createElement('iframe');
          on(el, ['load'], ['error']);
          el.src = url;
          add(el);
          break;
        }
        case 'worker': {
          const w = new Worker(url);
          w.onmessage = () => settle('message');
          w.onerror = () => settle('error');
          cleanups.push(() => w.terminate());
          break;
        }
        case 'sharedworker': {
          const w = new SharedWorker(url, 'cspkit-' + arg.tag + '-' + i);
          w.port.onmessage = () => settle('message');
          w.onerror = () => settle('error');
          w.port.start();
          cleanups.push(() => w.port.close());
          break;
        }
        case 'serviceworker': {
          if (!navigator.serviceWorker) return { thrown: 'no navigator.serviceWorker (not a secure context)' };
          navigator.serviceWorker.register(url).then((reg) => {
            settle('registered');
            cleanups.push(() => reg.unregister().catch(() => {}));
          }, (e) => settle('rejected ' + errText(e)));
          break;
        }
        default:
          return { thrown: 'unknown kind ' + c.kind };
      }
    } catch (e) {
      return { thrown: errText(e) };
    }
    return { done };
  }
  const LOADS = ['script', 'style', 'img', 'font', 'audio', 'video', 'track', 'object', 'embed', 'iframe',
    'worker', 'sharedworker', 'serviceworker', 'manifest', 'prefetch'];

  const results = [];
  for (let i = 0; i < arg.cases.length; i++) {
    const c = arg.cases[i];
    if (typeof globalThis.__cspkitMark === 'function') {
      try { await globalThis.__cspkitMark(String(i)); } catch {}
    }
    const first = events.length;
    const r = { events: [] };
    const isLoad = LOADS.includes(c.kind);
    const s = isLoad ? startLoad(c, i) : start(c);
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
      const cap = c.redirect ? arg.redirectMs : isLoad ? (arg.loadMs || arg.settleMs) : arg.settleMs;
      r.settled = await Promise.race([s.done, sleep(cap).then(() => 'timeout')]);
    }
    const key = `/marker?${arg.tag}-${i}`;
    if (arg.marker === 'fetch') fetch(key).catch(() => {});
    else new Image().src = key;
    r.marker = await waitMarker(key, arg.markerMs);
    const upto = events.findIndex((e, j) => j >= first && e.blocked_uri.includes(key));
    // img-src events are the marker policy's (markers, a favicon): a connect request never is.
    // With the fetch marker (destination loads), the marker policy's own violations of anything
    // else are kept apart (marker_policy) and favicons are dropped.
    const own = arg.marker === 'fetch'
      ? (e) => !e.blocked_uri.includes('/marker?') && !/\/favicon\.ico$/.test(e.blocked_uri) && e.policy !== arg.markerPolicy
      : (e) => !e.blocked_uri.includes('/marker?') && e.directive !== 'img-src';
    const markerOwn = (e) => arg.marker === 'fetch' && e.policy === arg.markerPolicy && !e.blocked_uri.includes('/marker?');
    for (const e of events.slice(first, upto < 0 ? events.length : upto)) {
      if (own(e)) r.events.push(e);
      else if (markerOwn(e)) (r.marker_policy ||= []).push(e.directive + ' ' + e.blocked_uri);
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
    while (cleanups.length) {
      try { await cleanups.shift()(); } catch { /* best effort */ }
    }
    results.push(r);
  }
  // give late marker violations from other policies a moment, then stop
  return { href: location.href, origin: String(self.origin), results };
}
