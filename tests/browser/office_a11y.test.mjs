// office_a11y.test.mjs: axe-core on the back office's main pages, for each role whose pages
// differ (the office, an administrator, a commune officer, a council member, a producer), on
// the demo database. A serious or critical violation fails, as on the public pages.
// OCOP_AXE_LOG=file writes every violation found (any impact) there as JSON lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { serve, browser, signIn } from './harness.mjs';

const desk = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const SESSION = 'Phiên thử nghiệm trợ năng';
const MEMBER = 'member1@council.test';
const SCHEDULED = 10;   // a demo dossier in the "accepted" state, scheduled below for MEMBER

let srv, chrome;
const pages = {};   // e-mail -> a signed-in page (its context lets axe's script past our CSP)

before(async () => {
  srv = await serve();
  chrome = await browser();
});
after(async () => { await chrome?.close(); await srv?.stop(); });

/** A page signed in as `email`, one per user, kept for the tests below. */
async function as(email) {
  if (pages[email]) return pages[email];
  // our CSP forbids every script; axe has to run one, so this context bypasses it
  const context = await chrome.newContext({ ...desk, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, srv.base, email);
  pages[email] = page;
  return page;
}

/** Runs axe on the page as it is (its default rules and WCAG 2.2's target size: officers
 * work on phones too); fails on a serious or critical violation. */
async function check(page, name) {
  const result = await new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } }).analyze();
  if (process.env.OCOP_AXE_LOG) {
    for (const v of result.violations) {
      appendFileSync(process.env.OCOP_AXE_LOG, JSON.stringify({ page: name, id: v.id,
        impact: v.impact, count: v.nodes.length,
        nodes: v.nodes.slice(0, 3).map((n) => [n.target.join(' '), n.failureSummary]) }) + '\n');
    }
  }
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')), []);
}

async function visit(email, path, status = 200) {
  const page = await as(email);
  const resp = await page.goto(srv.base + path);
  assert.equal(resp.status(), status, `${email} ${path}`);
  return page;
}

/** The first link on `path` whose address matches `re` (a record the demo has). */
async function firstLink(email, path, re) {
  const page = await visit(email, path);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.href));
  const href = hrefs.map((h) => new URL(h).pathname).find((p) => re.test(p));
  assert.ok(href, `a link like ${re} on ${path}`);
  return href;
}

const OFFICE = 'office@hanoi.test';
const pagesOf = {
  [OFFICE]: ['/office', '/office?lang=en', '/office/producers', '/office/products',
    '/office/villages', '/office/dossiers', '/office/sessions', '/office/certificates',
    '/office/stamps', '/office/scans', '/office/producers/new', '/office/producers/1/edit',
    '/office/products/1/edit', '/office/villages/1/edit', `/office/dossiers/${SCHEDULED}`,
    '/office/dossiers/13', '/office/dossiers/new?product=1'],
  'admin@ocop.test': ['/office/users', '/office/users/1'],
  'officer@battrang.test': ['/office/dossiers', '/office/producers', '/office/certificates'],
  'owner@battrang.test': ['/office/dossiers', '/office/products', '/office/producers',
    '/office/producers/1/edit', '/office/stamps'],
};

for (const [email, paths] of Object.entries(pagesOf)) {
  for (const path of paths) {
    test(`no serious or critical accessibility violation: ${email.split('@')[0]} ${path}`,
      async () => { await check(await visit(email, path), `${email} ${path}`); });
  }
}

test("no serious or critical accessibility violation: a suspected stamp's scans", async () => {
  const path = await firstLink(OFFICE, '/office/scans', /^\/office\/scans\/[0-9A-Z]+$/);
  await check(await visit(OFFICE, path), `${OFFICE} ${path}`);
});

test('no serious or critical accessibility violation: a form shown again with its errors',
  async () => {
    const page = await visit(OFFICE, '/office/producers/new');
    // the browser's own checks would stop an empty name: the server's are the ones wanted
    await page.locator('main form[method=post]').last().evaluate((f) => { f.noValidate = true; });
    await page.locator('main form input[type=number]').first().fill('-3');
    const [resp] = await Promise.all([page.waitForNavigation(),
      page.locator('main form button[type=submit]').last().click()]);
    assert.equal(resp.status(), 422);
    assert.ok(await page.locator('[aria-invalid=true]').count() > 0, 'fields marked invalid');
    await check(page, `${OFFICE} /office/producers/new (422)`);
  });

test('no serious or critical accessibility violation: the scoring form of a council member',
  async () => {
    // the office makes a session of one member and schedules an accepted demo dossier
    const office = await visit(OFFICE, '/office/sessions');
    await office.getByLabel('Tên phiên').fill(SESSION);
    await office.getByLabel(MEMBER, { exact: true }).check();
    await Promise.all([office.waitForNavigation(),
      office.getByRole('button', { name: 'Tạo phiên', exact: true }).click()]);
    assert.equal(new URL(office.url()).searchParams.get('done'), 'session');
    const section = office.locator('section', { has: office.locator('h2', { hasText: SESSION }) });
    await section.getByLabel('Xếp hồ sơ đã tiếp nhận').selectOption(String(SCHEDULED));
    await Promise.all([office.waitForNavigation(),
      section.getByRole('button', { name: 'Xếp lịch' }).click()]);
    assert.equal(new URL(office.url()).searchParams.get('done'), 'scheduled');
    await check(await visit(MEMBER, '/office/dossiers'), `${MEMBER} /office/dossiers`);
    await check(await visit(MEMBER, `/office/dossiers/${SCHEDULED}`),
      `${MEMBER} /office/dossiers/${SCHEDULED}`);
    await check(await visit(MEMBER, `/office/dossiers/${SCHEDULED}/score`),
      `${MEMBER} /office/dossiers/${SCHEDULED}/score`);
  });
