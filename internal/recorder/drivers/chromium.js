// Chromium driver: Debian's chromium, headless, over CDP (puppeteer-core; never downloads a browser).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { evaluateIn } from './common.js';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function launch(opts = {}) {
  const executablePath = process.env.CHROMIUM_BIN || CANDIDATES.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('chromium not found (apt-get install -y chromium)');
  const userDataDir = opts.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cspkit-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    acceptInsecureCerts: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-domain-reliability', '--no-pings',
      '--ignore-certificate-errors',
      '--host-resolver-rules=MAP * 127.0.0.1',
      // keep http pages on http: no automatic HTTPS upgrades of navigations
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers,LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults',
    ],
  });
  const version = await browser.version();
  const page = await browser.newPage();
  // Console/log lines (e.g. "Mixed Content: ... blocked") between __cspkitMark(i) calls are
  // attached to case i. Both events come over one CDP session, so their order is kept.
  const cdp = await page.createCDPSession();
  let mark = -1;
  let logs = new Map();
  cdp.on('Runtime.bindingCalled', (e) => { if (e.name === '__cspkitMark') mark = Number(e.payload); });
  cdp.on('Log.entryAdded', (e) => {
    if (mark < 0) return;
    if (!logs.has(mark)) logs.set(mark, []);
    logs.get(mark).push(`${e.entry.source}: ${e.entry.text}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  await cdp.send('Runtime.addBinding', { name: '__cspkitMark' });

  return {
    name: 'chromium',
    version,
    userAgent: await browser.userAgent(),
    async evaluate(pageURL, fnSource, arg, timeoutMs) {
      mark = -1;
      logs = new Map();
      const out = await evaluateIn(page, pageURL, fnSource, arg, timeoutMs);
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
