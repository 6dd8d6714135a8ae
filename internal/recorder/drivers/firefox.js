// Firefox driver: Debian's firefox-esr, headless, over WebDriver BiDi (puppeteer-core;
// never downloads a browser). Every host name resolves to 127.0.0.1 via network.dns.forceResolve.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { evaluateIn } from './common.js';

const CANDIDATES = ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const PREFS = {
  'network.dns.forceResolve': '127.0.0.1',
  'network.dns.disableIPv6': true,
  'network.proxy.type': 0,
  'network.trr.mode': 5,
  'network.stricttransportsecurity.preloadlist': false,
  'network.http.http3.enable': false,
  // keep http pages on http
  'dom.security.https_first': false,
  'dom.security.https_first_pbm': false,
  'dom.security.https_first_schemeless': false,
  'dom.security.https_only_mode': false,
  'dom.security.https_only_mode_pbm': false,
  'browser.fixup.alternate.enabled': false,
  // background services off
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'services.settings.server': 'http://127.0.0.1:9/remote-settings',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.search.update': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'privacy.trackingprotection.enabled': false,
  'network.cookie.cookieBehavior': 0,
  'browser.contentblocking.category': 'custom',
  // no artificial slow-down of many pending requests to refused ports
  'network.http.max-persistent-connections-per-server': 12,
  // no back-off between WebSocket connections to a host whose last connection failed (every
  // recorded WebSocket fails: the server refuses the upgrade). With the back-off, the parent
  // process's CSP check of a later WebSocket to that host, and its violation, came seconds late.
  'network.websocket.delay-failed-reconnects': false,
};

export async function launch(opts = {}) {
  const executablePath = process.env.FIREFOX_BIN || CANDIDATES.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('firefox-esr not found (apt-get install -y firefox-esr)');
  const userDataDir = opts.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cspkit-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir,
    acceptInsecureCerts: true,
    extraPrefsFirefox: PREFS,
    protocolTimeout: 120000,
  });
  const version = await browser.version();
  const page = await browser.newPage();
  // BiDi log entries between __cspkitMark calls are attached to the case (best effort:
  // Firefox forwards console API calls and JS errors, not all of its security warnings).
  let mark = -1;
  let logs = new Map();
  page.on('console', (m) => {
    const t = m.text();
    const mm = /^__cspkitMark (\d+)$/.exec(t);
    if (mm) { mark = Number(mm[1]); return; }
    if (mark < 0) return;
    if (!logs.has(mark)) logs.set(mark, []);
    logs.get(mark).push(`${m.type()}: ${t}`);
  });
  return {
    name: 'firefox',
    // Firefox checks a WebSocket a second time in the parent process, against a re-parsed copy of
    // the policy, and that violation can reach the page after the marker's (236 ms seen): a
    // WebSocket without a violation waits this much longer (probe.js graceMs). So do frame and
    // object loads.
    graceMs: 1000,
    // Frames and objects (<iframe>, <object>, <embed>) are checked in the parent process too, and
    // their violations reached the page after the marker's (the next case's window, in a batch).
    graceKinds: ['websocket', 'iframe', 'object', 'embed'],
    version,
    userAgent: await browser.userAgent(),
    async evaluate(pageURL, fnSource, arg, timeoutMs) {
      mark = -1;
      logs = new Map();
      const src = `(() => { globalThis.__cspkitMark = (i) => console.debug('__cspkitMark ' + i); return (${fnSource}); })()`;
      const out = await evaluateIn(page, pageURL, src, arg, timeoutMs);
      if (out && Array.isArray(out.results)) {
        for (const [i, lines] of logs) if (out.results[i]) out.results[i].console = lines;
      }
      return out;
    },
    async close() {
      await browser.close();
      if (!opts.userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
