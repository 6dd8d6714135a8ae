// Turning what the probe saw into a case outcome.

// isMixed: the browser said (console/log) that it blocked the request as mixed content.
export function isMixed(lines = []) {
  return lines.some((l) => /Mixed Content|mixed active content|insecure content/i.test(l));
}

const hostOf = (u) => {
  try { return new URL(u).hostname.toLowerCase(); } catch { return null; }
};

// plausible: does a violation's blockedURI name the case's request (first hop or redirect)?
// Browsers report a bare scheme ("data", "ftp", "blob") for non-network URLs and may report
// the first hop for a blocked redirect; anything else means the event belongs to another request.
export function plausible(c, blockedURI) {
  if (!blockedURI) return true;
  if (/^[a-z][a-z0-9+.-]*$/i.test(blockedURI)) {
    // a bare scheme names a request of that scheme (a late violation of an earlier blob: or
    // data: load named the wrong one in Firefox's frames and objects)
    const schemes = [c.target, c.redirect].filter(Boolean).map((u) => {
      try { return new URL(u, c.page).protocol.slice(0, -1).toLowerCase(); } catch { return null; }
    });
    return schemes.includes(null) || schemes.includes(blockedURI.toLowerCase()) ||
      // Chromium's WebSocket reports the wss:/ws: form of an http(s) target
      (c.kind === 'websocket' && /^wss?$/i.test(blockedURI));
  }
  const b = hostOf(blockedURI);
  if (b === null) return true;
  const hosts = [];
  try { hosts.push(new URL(c.target, c.page).hostname.toLowerCase()); } catch { /* unparsable */ }
  if (c.redirect) hosts.push(hostOf(c.redirect));
  return hosts.length === 0 || hosts.includes(b);
}

// FITS lists the effective directives a destination load's violation may name, by kind: the
// directive CSP3 gives the destination (and the older names browsers report), frame-src for
// plugins (Chromium checks an <object>'s document as a frame), default-src or prefetch-src for
// a prefetch, and block-all-mixed-content for any. Recorded from all three browsers; a
// violation naming anything else came from another request (Firefox delivers a frame's late
// violation to whatever document its frame's parent shows next).
const FITS = {
  script: ['script-src-elem', 'script-src'],
  style: ['style-src-elem', 'style-src'],
  img: ['img-src'],
  font: ['font-src'],
  audio: ['media-src'],
  video: ['media-src'],
  track: ['media-src'],
  object: ['object-src', 'frame-src'],
  embed: ['object-src', 'frame-src'],
  iframe: ['frame-src', 'child-src'],
  worker: ['worker-src', 'child-src', 'script-src'],
  sharedworker: ['worker-src', 'child-src', 'script-src'],
  serviceworker: ['worker-src', 'child-src', 'script-src'],
  manifest: ['manifest-src'],
  prefetch: ['prefetch-src', 'default-src'],
};

// fits: may a violation naming this effective directive belong to the case's request? Only
// destination loads are checked: connect kinds keep what their page showed.
export function fits(c, directive) {
  const list = FITS[c.kind];
  return !list || !directive || directive === 'block-all-mixed-content' || list.includes(directive);
}

// outcome computes the output fields of one case.
//   r:        the probe's result for the case
//   control:  the probe's result for the same request under `connect-src 'none'` (or undefined
//             when the case was blocked and no control was needed)
//   hopSeen:  for redirect cases, whether the server saw the first hop (so the block was on the
//             redirect hop)
export function outcome(c, r, control, hopSeen) {
  const enforce = r.events.filter((e) => e.disposition === 'enforce');
  const reported = r.events.some((e) => e.disposition === 'report');
  const o = {};
  if (enforce.length) {
    o.outcome = 'blocked';
    o.directive = enforce[0].directive;
    o.blocked_uri = enforce[0].blocked_uri;
    // the violation came after the marker's, in the grace period (ms after the marker)
    if (enforce[0].late !== undefined) o.late = enforce[0].late;
    // several enforce violations naming different directives (connect-src and
    // block-all-mixed-content, say): all of them, in the order they came
    const dirs = [...new Set(enforce.map((e) => e.directive))];
    if (dirs.length > 1) o.directives = dirs;
    if (c.redirect) o.hop = hopSeen ? 'redirect' : 'target';
    // with several enforce policies, say which one blocked (the violation's originalPolicy)
    if (c.policy.includes(',')) o.violated_policy = enforce[0].policy;
  } else if (control && !control.events.some((e) => e.disposition === 'enforce')) {
    // Not even `connect-src 'none'` (`default-src 'none'` for a destination load) produced a
    // violation: the API refused before CSP ran, or the browser never made the load.
    o.outcome = 'error';
    const none = c.dest && c.dest !== 'connect' ? "default-src 'none'" : "connect-src 'none'";
    o.detail = r.thrown || control.thrown || `no CSP check (even under ${none}); request ${r.settled || 'failed'}`;
  } else if (isMixed(r.console)) {
    o.outcome = 'mixed';
  } else {
    o.outcome = 'allowed';
  }
  if (reported) o.reported = true;
  // the page's document had an opaque origin (a sandbox without allow-same-origin)
  if (r.origin === 'null') o.opaque_origin = true;
  return o;
}
