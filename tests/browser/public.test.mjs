// public.test.mjs: a shopper on a phone, and accessibility of the public pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, browser, shot } from './harness.mjs';

let srv, chrome;
before(async () => { srv = await serve(); chrome = await browser(); });
after(async () => { await chrome?.close(); await srv?.stop(); });

const phone = { viewport: { width: 412, height: 900 }, deviceScaleFactor: 1 };

test('a shopper searches "bat trang" and opens a product', async () => {
  const page = await chrome.newPage(phone);
  await page.goto(srv.base + '/');
  await shot(page, 'home-phone');
  await page.fill('input[name=q]', 'bat trang');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  assert.match(page.url(), /\/products\?.*q=bat\+trang/);
  const first = page.locator('main a[href^="/products/"]').first();
  const name = (await first.innerText()).trim();
  assert.match(name.normalize('NFC'), /Bát Tràng/);
  await shot(page, 'catalog-bat-trang');
  await Promise.all([page.waitForNavigation(), first.click()]);
  const h1 = (await page.locator('h1').innerText()).trim();
  assert.equal(h1, name);
  assert.match(await page.content(), /★/);
  await shot(page, 'product-phone');
  await page.close();
});

test('the language switch turns the page to English and back', async () => {
  const page = await chrome.newPage(phone);
  await page.goto(srv.base + '/products?q=gom');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await Promise.all([page.waitForNavigation(), page.click('a[hreflang=en]')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(page.url(), /q=gom/);
  await page.close();
});

test('the map links every ward to its products', async () => {
  const page = await chrome.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(srv.base + '/map');
  assert.equal(await page.locator('svg a[href^="/products?ward="]').count(), 126);
  await shot(page, 'map-desktop');
  await page.close();
});

for (const [name, path] of [['home', '/'], ['catalog', '/products?q=gom&stars=4'],
  ['product', '/products/1'], ['producer', '/producers/1'], ['village', '/villages/1'],
  ['map', '/map'], ['login', '/office/login'], ['catalog-en', '/products?lang=en']]) {
  test(`no serious or critical accessibility violation: ${name}`, async () => {
    // our CSP forbids every script; axe has to run one, so this context bypasses it
    const context = await chrome.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(srv.base + path);
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')), []);
    await context.close();
  });
}
