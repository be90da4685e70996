/**
 * `npm run bench:h5`: 红邻's H5 build against the bare Taro app's (scripts/bare-app.ts), loaded in turn in
 * Chromium (/usr/bin/chromium through playwright-core), each load in a fresh context (nothing cached).
 *
 *   first-load JS          bytes of JavaScript fetched until the first page shows
 *   first meaningful render  ms from navigation until the first page (`.taro_page`) shows text
 *
 * Both builds are served as files by one plain local server (no compression, no API: 红邻's home shows its
 * frame and the note that the cloud cannot be reached, which is what a first render is here). Prints the medians
 * and their ratios; exits 1 when a ratio is over 1.3. Builds the bare app; run `npm run build:h5` first.
 * Options: --loads N (default 9 of each).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/setup/chromium';
import { bareDist, buildBareApp } from './bare-app';

const RATIO_BUDGET = 1.3;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serves a build folder on 127.0.0.1; anything not a file there is a 404. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Load {
  jsBytes: number;
  renderMs: number;
}

/** Records, in the page, when a `.taro_page` first holds text. */
const WATCH_FIRST_RENDER = `
  new MutationObserver((_, observer) => {
    const page = document.querySelector('.taro_page');
    if (page && page.textContent && page.textContent.trim()) {
      window.__firstRender = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(WATCH_FIRST_RENDER);
    await page.goto(url);
    await page.waitForFunction(() => (window as { __firstRender?: number }).__firstRender !== undefined, null, {
      timeout: 60_000,
    });
    return await page.evaluate(() => {
      const at = (window as unknown as { __firstRender: number }).__firstRender;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js') && e.startTime <= at) as PerformanceResourceTiming[];
      return { jsBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0), renderMs: at };
    });
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const loadsArg = process.argv.indexOf('--loads');
  const loads = loadsArg > 0 ? Number(process.argv[loadsArg + 1]) : 9;
  const ours = path.resolve(__dirname, '../dist/h5');
  if (!fs.existsSync(path.join(ours, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5');
  buildBareApp('h5');
  const servers = { bare: await serve(path.join(bareDist, 'h5')), honglin: await serve(ours) };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results: Record<keyof typeof servers, Load[]> = { bare: [], honglin: [] };
  try {
    // One warm-up of each (the first launch of anything pays the OS's disk cache), then interleaved loads.
    for (const name of ['bare', 'honglin'] as const) await load(browser, servers[name].url);
    for (let i = 0; i < loads; i += 1) {
      for (const name of ['bare', 'honglin'] as const) results[name].push(await load(browser, servers[name].url));
    }
  } finally {
    await browser.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
  const bare = { js: median(results.bare.map((l) => l.jsBytes)), ms: median(results.bare.map((l) => l.renderMs)) };
  const ourJs = median(results.honglin.map((l) => l.jsBytes));
  const ourMs = median(results.honglin.map((l) => l.renderMs));
  const rows = [
    ['first-load JS (KB)', (ourJs / 1024).toFixed(1), (bare.js / 1024).toFixed(1), ourJs / bare.js],
    ['first meaningful render (ms)', ourMs.toFixed(0), bare.ms.toFixed(0), ourMs / bare.ms],
  ] as const;
  console.log(`H5, medians of ${loads} interleaved loads each in Chromium`);
  console.log(`${'measure'.padEnd(30)}${'红邻'.padStart(10)}${'bare'.padStart(10)}${'ratio'.padStart(8)}`);
  for (const [label, value, bareValue, ratio] of rows) {
    console.log(`${label.padEnd(30)}${value.padStart(10)}${bareValue.padStart(10)}${ratio.toFixed(2).padStart(8)}`);
  }
  if (rows.some(([, , , ratio]) => ratio > RATIO_BUDGET)) {
    console.error(`over budget: a ratio above ${RATIO_BUDGET}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
