// WebKit driver: WebKitGTK's MiniBrowser driven by WebKitWebDriver (W3C
// WebDriver over plain HTTP), on an Xvfb display when none is set, with every
// host name sent to loopback through ../proxy.js.
//
// Interface shared by all drivers:
//   launch(opts) -> { name, version, evaluate(pageURL, fnSource, arg, timeoutMs), close() }
// opts (all optional):
//   portMap      { requestedPort: localPort } passed to the proxy
//   log          function(line) for diagnostics (proxy lines, driver stderr)
//   driver       path of WebKitWebDriver
//   binary       path of MiniBrowser
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { startProxy } from "../proxy.js";

const driverCandidates = [
  "/usr/bin/WebKitWebDriver",
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver",
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/WebKitWebDriver",
  "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver",
];
const browserCandidates = [
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser",
  "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser",
];

function firstExisting(paths, what) {
  for (const p of paths) if (p && fs.existsSync(p)) return p;
  throw new Error(`webkit: ${what} not found (tried ${paths.filter(Boolean).join(", ")}); ` +
    "install it with: apt-get install -y webkit2gtk-driver xvfb");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// startXvfb picks the first free display number from 99 up and waits for its socket.
async function startXvfb(log) {
  for (let n = 99; n < 140; n++) {
    if (fs.existsSync(`/tmp/.X${n}-lock`) || fs.existsSync(`/tmp/.X11-unix/X${n}`)) continue;
    const proc = spawn("Xvfb", [`:${n}`, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let exited = false;
    proc.on("exit", () => { exited = true; });
    proc.on("error", (e) => { exited = true; log(`webkit: Xvfb: ${e.message}`); });
    proc.stderr.on("data", () => {});
    for (let i = 0; i < 100 && !exited; i++) {
      if (fs.existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, proc };
      await sleep(50);
    }
    if (!exited) proc.kill();
  }
  throw new Error("webkit: could not start Xvfb on any display :99-:139");
}

function webkitVersion(fallback) {
  for (const pkg of ["libwebkit2gtk-4.1-0", "libwebkit2gtk-4.0-37"]) {
    try {
      const v = execFileSync("dpkg-query", ["-W", "-f=${Version}", pkg], {
        stdio: ["ignore", "pipe", "ignore"],
      }).toString().trim();
      if (v) return `WebKitGTK ${v}`;
    } catch { /* not installed under this name */ }
  }
  return `WebKitGTK ${fallback}`;
}

// wd performs one WebDriver command and returns its "value", throwing on a
// WebDriver error (with the error code in err.wdError).
async function wd(base, method, path, body, timeoutMs = 60000) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal,
    });
  } catch (e) {
    throw new Error(`webkit: WebDriver ${method} ${path}: ${e.name === "AbortError" ? "timed out" : e.message}`);
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`webkit: WebDriver ${method} ${path}: HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  const v = json.value;
  if (!res.ok || (v && typeof v === "object" && typeof v.error === "string")) {
    const err = new Error(`webkit: WebDriver ${method} ${path}: ${v?.error}: ${v?.message}`);
    err.wdError = v?.error;
    throw err;
  }
  return v;
}

// The async script wrapper: run the async function, hand its JSON result (or
// its error) to WebDriver's callback. The result is wrapped so that a thrown
// error is told apart from a result that happens to look like one (the key is
// not "error", which would read as a WebDriver error object).
//
// A navigation that fails (connection refused, TLS failure, blocked port)
// leaves WebKit on about:blank with an error text, or on the previous page,
// so the script first checks that the browser is at the page it was sent to.
const asyncWrapper = (fnSource) => `
const done = arguments[arguments.length - 1];
const arg = arguments[0];
const want = arguments[1];
if (location.href !== want) {
  done({ ok: false, failure: "page did not load (browser is at " + location.href + "): " +
    String(document.body ? document.body.innerText : "").slice(0, 200) });
} else Promise.resolve().then(() => (${fnSource})(arg)).then(
  (value) => done({ ok: true, value: value === undefined ? null : value }),
  (e) => done({ ok: false, failure: String(e && e.stack ? e.message + "\\n" + e.stack : e) }));
`;

// exitOnSignals turns SIGINT/SIGTERM into a normal exit, so that the "exit"
// handlers below end Xvfb and the browser's process group. It does nothing
// when the program already handles those signals.
function exitOnSignals() {
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
    if (process.listenerCount(sig) === 0) process.once(sig, () => process.exit(code));
  }
}

// expectedHref is the URL the browser reports once at pageURL (without the
// fragment, which a navigation keeps but location.href also keeps).
function expectedHref(pageURL) {
  try {
    return new URL(pageURL).href;
  } catch {
    return pageURL;
  }
}

// needsFreshBrowser: must the browser be replaced after a page with these policies?
// WebKit remembers the hosts that an upgrade-insecure-requests page upgraded and keeps
// upgrading plain-http requests to them from later pages of any origin (WebKitGTK 2.50), so
// any page whose enforce or report-only policy mentions the directive (in any case, anywhere:
// a needless restart costs a second, a missing one corrupts later cases) ends its browser.
export function needsFreshBrowser({ policy = "", report_only: reportOnly = "" } = {}) {
  return /upgrade-insecure-requests/i.test(policy) || /upgrade-insecure-requests/i.test(reportOnly);
}

export async function launch(opts = {}) {
  exitOnSignals();
  const log = opts.log || (() => {});
  const driverPath = firstExisting([opts.driver, ...driverCandidates], "WebKitWebDriver");
  const binary = firstExisting([opts.binary, ...browserCandidates], "MiniBrowser");
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try { await cleanups.pop()(); } catch { /* best effort */ }
    }
  };

  try {
    let display = process.env.DISPLAY;
    if (!display) {
      const x = await startXvfb(log);
      display = x.display;
      const killX = () => x.proc.kill();
      process.on("exit", killX);
      cleanups.push(() => { process.off("exit", killX); killX(); });
    }

    const proxy = await startProxy({ portMap: opts.portMap, log: opts.proxyLog });
    cleanups.push(() => proxy.close());

    const port = await freePort();
    // The WebDriver proxy capability cannot express a plain-HTTP proxy for
    // https (WebKit turns sslProxy into an https:// proxy URL and speaks TLS to
    // it), so the proxy is set through the environment, which GIO's libproxy
    // resolver reads in MiniBrowser's network process. Only MiniBrowser gets
    // it (launched through env(1)): WebKitWebDriver itself must reach the
    // browser's automation socket on 127.0.0.1 directly, while the browser
    // sends everything, loopback included, through the proxy.
    const proxyURL = `http://127.0.0.1:${proxy.port}`;
    const env = { ...process.env, DISPLAY: display };
    for (const k of Object.keys(env)) {
      if (/^(all|http|https|ftp|no)_proxy$/i.test(k)) delete env[k];
    }
    const browserArgs = [
      "-u", "no_proxy", "-u", "NO_PROXY", "-u", "all_proxy", "-u", "ALL_PROXY",
      "GIO_USE_PROXY_RESOLVER=libproxy",
      `http_proxy=${proxyURL}`, `https_proxy=${proxyURL}`,
      binary, "--automation",
    ];
    // detached: a process group of its own (WebKitWebDriver, MiniBrowser and
    // WebKit's helper processes), so that it can be ended as a whole.
    const driver = spawn(driverPath, [`--port=${port}`], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let driverExited = false;
    driver.on("exit", () => { driverExited = true; });
    driver.stdout.on("data", (d) => log(`WebKitWebDriver: ${d.toString().trimEnd()}`));
    driver.stderr.on("data", (d) => log(`WebKitWebDriver: ${d.toString().trimEnd()}`));
    const killGroup = (sig) => {
      try { process.kill(-driver.pid, sig); } catch { /* already gone */ }
    };
    process.on("exit", killGroup);
    cleanups.push(async () => {
      process.off("exit", killGroup);
      if (!driverExited) driver.kill("SIGTERM");
      for (let i = 0; i < 40 && !driverExited; i++) await sleep(50);
      killGroup("SIGKILL");
    });

    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (driverExited) throw new Error("webkit: WebKitWebDriver exited at start");
      try {
        const st = await wd(base, "GET", "/status", undefined, 2000);
        if (st && st.ready) break;
      } catch (e) {
        if (i > 200) throw e;
      }
      await sleep(50);
    }

    // One WebKitWebDriver runs one session at a time; reset() replaces it
    // with a fresh browser (new MiniBrowser, empty caches and state).
    const newSession = () => wd(base, "POST", "/session", {
      capabilities: {
        alwaysMatch: {
          acceptInsecureCerts: true,
          pageLoadStrategy: "normal",
          "webkitgtk:browserOptions": { binary: "/usr/bin/env", args: browserArgs },
        },
      },
    }, 120000);
    const session = await newSession();
    let s = `/session/${session.sessionId}`;
    cleanups.push(() => wd(base, "DELETE", s, undefined, 10000));
    const version = webkitVersion(session.capabilities?.browserVersion || "unknown");

    let lastTimeouts = "";
    const setTimeouts = async (ms) => {
      const key = String(ms);
      if (key === lastTimeouts) return;
      await wd(base, "POST", `${s}/timeouts`, { script: ms, pageLoad: ms });
      lastTimeouts = key;
    };
    const reset = async () => {
      await wd(base, "DELETE", s, undefined, 10000).catch(() => {});
      s = `/session/${(await newSession()).sessionId}`;
      lastTimeouts = "";
    };

    return {
      name: "webkit",
      version,
      async evaluate(pageURL, fnSource, arg, timeoutMs = 30000) {
        await setTimeouts(timeoutMs);
        const slack = timeoutMs + 5000;
        await wd(base, "POST", `${s}/url`, { url: pageURL }, slack);
        const r = await wd(base, "POST", `${s}/execute/async`, {
          script: asyncWrapper(fnSource),
          args: [arg === undefined ? null : arg, expectedHref(pageURL)],
        }, slack);
        if (!r || typeof r !== "object" || typeof r.ok !== "boolean") {
          throw new Error(`webkit: unexpected script result ${JSON.stringify(r)?.slice(0, 200)}`);
        }
        if (!r.ok) throw new Error(`webkit: ${pageURL}: ${r.failure}`);
        return r.value;
      },
      // reset gives the next evaluate a fresh browser.
      reset,
      // afterPage is told which policies the page just evaluated carried.
      // WebKit remembers the hosts that an upgrade-insecure-requests page
      // upgraded and keeps upgrading plain-http requests to them from later
      // pages of any origin (observed with WebKitGTK 2.50), which would turn
      // later cases' CSP checks into checks of https URLs; so after such a
      // page the browser is replaced.
      async afterPage(page = {}) {
        if (needsFreshBrowser(page)) await reset();
      },
      close: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
