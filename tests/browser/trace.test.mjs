// trace.test.mjs: a product's origin and history in a real browser, on the demo database
// (src/app/demo_trace.c): the stamp page's timeline on a 360 px phone, the traceability
// section of the product's office page at the same width (recording an event through its
// form, the retracted event marked), and axe on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, browser, shot, signIn, cli } from './harness.mjs';

const small = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, bypassCSP: true };
const MILK = 'Sữa tươi thanh trùng Ba Vì';
let srv, chrome, tmp, product, stampPath;

before(async () => {
  srv = await serve();
  chrome = await browser();
  tmp = mkdtempSync(join(tmpdir(), 'ocop-trace-'));
  const found = await (await fetch(`${srv.base}/api/v1/products?per_page=20&q=` +
    encodeURIComponent(MILK))).json();
  product = found.items.find((p) => p.name === MILK).id;
  const token = cli(srv.db, 'token', 'create', '--email', 'admin@ocop.test').trim();
  const batches = await (await fetch(`${srv.base}/api/v1/stamp-batches?product=${product}`,
    { headers: { Authorization: `Bearer ${token}` } })).json();
  const batch = batches.items.find((b) => b.revoked_at === null).id;
  const file = join(tmp, 'uris.txt');
  cli(srv.db, 'stamps', 'export', '--batch', String(batch), '--format', 'uris', '--out', file,
    '--public-url', srv.base);
  stampPath = readFileSync(file, 'utf8').split(/\s+/)[0].slice(srv.base.length);
});
after(async () => {
  await chrome?.close();
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function width(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function serious(page) {
  const r = await new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.help} ` + v.nodes.slice(0, 3).map((n) => n.target.join(' ')));
}

for (const [name, suffix, heading, kind] of [
  ['vi', '', 'Truy xuất nguồn gốc', 'Thu hoạch'],
  ['en', '&lang=en', 'Origin and history', 'Harvest']]) {
  test(`the stamp page's timeline fits 360 px (${name})`, async () => {
    const context = await chrome.newContext(small);
    const page = await context.newPage();
    await page.goto(srv.base + stampPath + suffix);
    const section = page.locator('section', { has: page.locator('ol.timeline') });
    assert.equal(await section.locator('h2').innerText(), heading);
    const items = section.locator('ol.timeline > li');
    assert.ok(await items.count() >= 6, `only ${await items.count()} events`);
    assert.match(await section.innerText(), new RegExp(kind));
    // the retracted bottling (1 litre) is not shown; the corrected one (500 ml) is
    assert.doesNotMatch(await section.innerText(), /1 lít/);
    assert.match(await section.innerText(), /500 ml/);
    await shot(page, 'trace-stamp-' + name);
    assert.ok(await width(page) <= 360, `the page is ${await width(page)} px wide`);
    for (const li of await items.all()) {
      const box = await li.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `an event overflows: ${JSON.stringify(box)}`);
    }
    assert.deepEqual(await serious(page), []);
    await context.close();
  });
}

test("the product page's traceability section fits 360 px and records an event", async () => {
  const context = await chrome.newContext(small);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, srv.base, 'office@hanoi.test');
  await page.goto(`${srv.base}/office/products/${product}/edit#trace`);
  const section = page.locator('section#trace');
  assert.equal(await section.locator('h2').innerText(), 'Truy xuất nguồn gốc');
  const retracted = section.locator('li.retracted');
  assert.equal(await retracted.count(), 1);
  assert.match(await retracted.innerText(), /Đã rút lại/);
  assert.ok(await width(page) <= 360, `the page is ${await width(page)} px wide`);
  assert.deepEqual(await serious(page), []);
  // record an event through the form, as an officer would on a phone
  await section.getByLabel('Loại sự kiện').selectOption('storage');
  await section.getByLabel('Giờ (giờ Việt Nam)').fill('07:30');
  await section.getByLabel('Xã, phường', { exact: true }).selectOption('09700');
  await section.getByLabel('Địa điểm').fill('Kho lạnh của hợp tác xã');
  await section.getByLabel('Nội dung').fill('Bảo quản lạnh 4 °C trước khi giao (thử nghiệm)');
  await Promise.all([page.waitForURL(/done=traced/), section.getByRole('button',
    { name: 'Ghi sự kiện' }).click()]);
  const note = page.locator('p.note');
  assert.match(await note.innerText(), /Đã ghi sự kiện/);
  assert.match(await page.locator('section#trace').innerText(), /Kho lạnh của hợp tác xã, Xã Ba Vì/);
  await shot(page, 'trace-office');
  assert.ok(await width(page) <= 360, `after recording, the page is ${await width(page)} px wide`);
  await context.close();
});
