// narrow.test.mjs: at a small phone's 360x740 viewport no page scrolls sideways (the stamp
// page in every verdict, the home page, the office's dashboard and sessions), and the
// header's links are big enough to tap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, shot, signIn, cli } from './harness.mjs';

const small = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };
let srv, chrome, tmp;
const stamp = {};   // genuine, revoked, forged: paths of stamp pages

/** The demo's batch 1 as paths, one stamp revoked through the API. */
async function stamps() {
  const file = join(tmp, 'uris.txt');
  cli(srv.db, 'stamps', 'export', '--batch', '1', '--format', 'uris', '--out', file,
    '--public-url', srv.base);
  const uris = readFileSync(file, 'utf8').split(/\s+/).filter(Boolean);
  const path = (u) => u.slice(srv.base.length);
  stamp.genuine = path(uris[0]);
  stamp.revoked = path(uris[1]);
  stamp.forged = path(uris[2]).replace(/s=(.)/, (m, c) => 's=' + (c === 'A' ? 'B' : 'A'));
  const token = cli(srv.db, 'token', 'create', '--email', 'admin@ocop.test').trim();
  const serial = /\/21\/([^?]+)|\/v\/([^?]+)/.exec(stamp.revoked).slice(1).find(Boolean);
  const r = await fetch(`${srv.base}/api/v1/stamps/${serial}/revoke`, {
    method: 'POST', body: JSON.stringify({ reason: 'Tem bị mất trong kho của Phường Hà Đông' }),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200, await r.text());
}

before(async () => {
  srv = await serve();
  chrome = await browser();
  tmp = mkdtempSync(join(tmpdir(), 'ocop-narrow-'));
  await stamps();
});
after(async () => {
  await chrome?.close();
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function width(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const [name, path, verdict] of [['stamp-genuine', () => stamp.genuine, /chính hãng/i],
  ['stamp-genuine-en', () => stamp.genuine + '&lang=en', /Genuine/],
  ['stamp-revoked', () => stamp.revoked, /không còn hiệu lực/i],
  ['stamp-forged', () => stamp.forged, /Không xác thực/]]) {
  test(`the ${name} page fits 360 px`, async () => {
    const page = await chrome.newPage(small);
    // scanned twice before, so the page lists earlier scans too
    for (let i = 0; i < 3; i++) await page.goto(srv.base + path());
    assert.match(await page.locator('h1').innerText(), verdict);
    await shot(page, 'narrow-' + name);
    assert.ok(await width(page) <= 360, `${name} is ${await width(page)} px wide`);
    for (const time of await page.locator('ol.scans time').all()) {
      const box = await time.boundingBox();
      assert.ok(box.height < 30, `a scan's date and time break over two lines: ${box.height}`);
    }
    await page.close();
  });
}

test('the home page fits 360 px, with its search box readable and header links tappable',
  async () => {
    const page = await chrome.newPage(small);
    await page.goto(srv.base + '/');
    await shot(page, 'narrow-home');
    assert.ok(await width(page) <= 360, `home is ${await width(page)} px wide`);
    const fits = await page.locator('input[name=q]').evaluate((el) => {
      const c = document.createElement('canvas').getContext('2d');
      const s = getComputedStyle(el);
      c.font = `${s.fontSize} ${s.fontFamily}`;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      return c.measureText(el.placeholder).width <= room;
    });
    assert.ok(fits, 'the search placeholder is cut');
    for (const a of await page.locator('header.top a').all()) {
      const box = await a.boundingBox();
      assert.ok(box.height >= 32, `${await a.innerText()} is ${box.height} px tall`);
    }
    const brand = await page.locator('header.top a.brand').boundingBox();
    const first = await page.locator('header.top nav a').first().boundingBox();
    assert.ok(first.x >= brand.x + brand.width + 8 || first.y >= brand.y + brand.height,
      'the brand and the first link run together');
    await page.close();
  });

for (const path of ['/office', '/office/sessions', '/office/products']) {
  test(`the office's ${path} fits 360 px, its table links tappable`, async () => {
    const page = await chrome.newPage(small);
    await signIn(page, srv.base, 'office@hanoi.test');
    await page.goto(srv.base + path);
    await shot(page, 'narrow' + path.replaceAll('/', '-'));
    assert.ok(await width(page) <= 360, `${path} is ${await width(page)} px wide`);
    for (const a of (await page.locator('main td a').all()).slice(0, 10)) {
      const box = await a.boundingBox();
      if (box) assert.ok(box.height >= 32, `${await a.innerText()} is ${box.height} px tall`);
    }
    await page.close();
  });
}
