// Shared puppeteer-core helpers for the Chromium and Firefox drivers.

// evaluateIn navigates page to pageURL, waits for load and runs (fnSource)(arg) in the page.
export async function evaluateIn(page, pageURL, fnSource, arg, timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`evaluate timed out after ${timeoutMs} ms on ${pageURL}`)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const resp = await page.goto(pageURL, { waitUntil: 'load', timeout: timeoutMs });
        if (!resp) throw new Error(`no response for ${pageURL}`);
        if (resp.status() !== 200) throw new Error(`page ${pageURL} answered ${resp.status()}`);
        return page.evaluate(`(${fnSource})(${JSON.stringify(arg)})`);
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
