// score_form.test.mjs: a council member scores a product on the one-page score form, in a
// real browser under the server's own Content-Security-Policy: the totals and stars follow
// the picks live (score.js, allowed by its hash), a criterion left out comes back named with
// the other choices kept, the sheet handed in is shown as saved; at 360 px the form fits and
// its totals bar stays on screen; without JavaScript the server works the totals out; axe
// finds nothing serious. Each step is a test, in order, sharing the state below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, browser, shot, signIn, cli } from './harness.mjs';

const desk = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const small = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };
const MEMBERS = ['member1@council.test', 'member2@council.test'];

let srv, chrome, member;
const state = {};          // dossier, criteria (the set's criteria in order), thresholds
const problems = [];       // console errors and page errors (a CSP refusal is one)
const need = (...keys) => keys.forEach((k) => assert.ok(state[k], `an earlier step left no ${k}`));

async function api(method, path, body) {
  const token = state.token ??= cli(srv.db, 'token', 'create', '--email', 'office@hanoi.test').trim();
  const r = await fetch(srv.base + path, { method, body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text);
}

before(async () => {
  srv = await serve();
  chrome = await browser();
  // the office makes a session of two members and schedules an accepted demo dossier
  const accepted = await api('GET', '/api/v1/dossiers?state=accepted');
  state.dossier = accepted.items[0].id;
  const session = await api('POST', '/api/v1/sessions', { name: 'Phiên thử phiếu chấm một trang',
    date: new Date().toISOString().slice(0, 10), member_ids: MEMBERS.map((m) => srv.users[m]) });
  await api('POST', `/api/v1/sessions/${session.id}/dossiers`, { dossier_id: state.dossier });
  const d = await api('GET', `/api/v1/dossiers/${state.dossier}`);
  const cs = await (await fetch(`${srv.base}/api/v1/criteria-sets/${d.criteria_set_id}`)).json();
  state.criteria = cs.parts.flatMap((p) => p.sections.flatMap((s) => s.criteria
    .map((c) => ({ ...c, part: p.code }))));
  state.thresholds = cs.rules.stars;
});
after(async () => { await chrome?.close(); await srv?.stop(); });

/** A page signed in as `email` in a context of its own (the server's CSP enforced unless
 * `bypassCSP`: axe has to run a script of its own). */
async function person(email, options = {}) {
  const ctx = await chrome.newContext({ ...desk, ...options });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  // a 422 answer is logged too ("Failed to load resource"): the form shown again is wanted
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await signIn(page, srv.base, email);
  return page;
}

const formPath = () => `/office/dossiers/${state.dossier}/score`;
const starsOf = (total) => state.thresholds.find((t) => total >= t.min).stars;
const button = (page, name) => page.getByRole('button', { name, exact: true });

/** The totals as the page shows them, in the totals section and in the bar. */
async function shown(page, where = '.tally') {
  const t = (key) => page.locator(`${where} [data-t="${key}"]`).first().innerText();
  return { total: Number(await t('total')), stars: await t('stars-n'),
    chosen: Number(await t('chosen')),
    capped: await page.locator(`${where} [data-t="capped"]`).isVisible()
      ? await t('capped-code') : null };
}

/** Clicks, by its label, the option of criterion `code` worth the most (or least) points. */
async function pick(page, code, which = 'top') {
  const id = await page.locator(`fieldset[data-code="${code}"]`).evaluate((f, w) => {
    const opts = [...f.querySelectorAll('input[type=radio]')];
    const best = opts.reduce((a, b) => ((w === 'top' ? Number(b.dataset.p) > Number(a.dataset.p)
      : Number(b.dataset.p) < Number(a.dataset.p)) ? b : a));
    return best.id;
  }, which);
  await page.locator(`label[for="${id}"]`).click();
}

const points = (c, which = 'top') => Math[which === 'top' ? 'max' : 'min'](
  ...c.options.map((o) => o.points));

test('the whole scorecard is one form, and its totals and stars follow the picks', async () => {
  need('dossier', 'criteria');
  member = await person(MEMBERS[0]);
  const resp = await member.goto(srv.base + formPath());
  assert.equal(resp.status(), 200);
  assert.match(resp.headers()['content-security-policy'], /script-src 'sha256-[^']+'/);
  assert.doesNotMatch(/script-src ([^;]*)/.exec(resp.headers()['content-security-policy'])[1],
    /unsafe/);
  assert.equal(await member.locator('form#score fieldset').count(), state.criteria.length);
  assert.equal(await member.locator('form#score fieldset legend').count(), state.criteria.length);
  assert.equal(await button(member, 'Trang tiếp').count(), 0);
  assert.deepEqual(await member.locator('form#score h2').allInnerTexts().then((h) =>
    h.map((x) => x.slice(0, 6))), ['Phần A', 'Phần B', 'Phần C', 'Điểm c']);
  // the script ran (under the CSP): the bar is shown
  assert.ok(await member.locator('.tally-bar').isVisible(), 'the totals bar is shown');
  assert.deepEqual(await shown(member), { total: 0, stars: `${starsOf(0)} sao`, chosen: 0,
    capped: null });
  // part A at the top: its maximum, and the stars of that total
  const partA = state.criteria.filter((c) => c.part === 'A');
  for (const c of partA) await pick(member, c.code);
  const a = partA.reduce((s, c) => s + points(c), 0);
  assert.equal(await member.locator('h2 [data-t="part-A"]').innerText(), String(a));
  assert.deepEqual(await shown(member, '.tally-bar'), { total: a, stars: `${starsOf(a)} sao`,
    chosen: partA.length, capped: null });
  // everything at the top: 100 points, 5 stars
  for (const c of state.criteria.filter((x) => x.part !== 'A')) await pick(member, c.code);
  assert.deepEqual(await shown(member), { total: 100, stars: '5 sao',
    chosen: state.criteria.length, capped: null });
  assert.equal(await member.locator('.tally [data-t="stars"]').innerText(), '★★★★★');
  // C2.1 at its lowest: fewer points, and the stars capped below its star level
  const c21 = state.criteria.find((c) => c.code === 'C2.1');
  await pick(member, 'C2.1', 'low');
  const low = 100 - points(c21) + points(c21, 'low');
  assert.deepEqual(await shown(member), { total: low, stars: `${c21.required.stars - 1} sao`,
    chosen: state.criteria.length, capped: 'C2.1' });
  await shot(member, 'score-form-live');
  // the server works out the same, and keeps every choice
  await Promise.all([member.waitForNavigation(), button(member, 'Tính tổng điểm').click()]);
  assert.deepEqual(await shown(member), { total: low, stars: `${c21.required.stars - 1} sao`,
    chosen: state.criteria.length, capped: 'C2.1' });
  assert.equal(await member.locator('form#score input:checked').count(), state.criteria.length);
  assert.deepEqual(problems, [], 'no script error and nothing refused by the CSP');
});

test('a sheet with criteria left out comes back with them named and the rest kept', async () => {
  need('dossier');
  assert.ok(member, 'an earlier step left no member page');
  // the browser would stop it first (required): the server's check is the one wanted
  await member.locator('form#score').evaluate((f) => {
    f.noValidate = true;
    for (const code of ['A1.1', 'B1.1']) {
      f.querySelector(`fieldset[data-code="${code}"] input:checked`).checked = false;
    }
  });
  const [resp] = await Promise.all([member.waitForNavigation(),
    button(member, 'Nộp phiếu chấm').click()]);
  assert.equal(resp.status(), 422);
  const alert = member.getByRole('alert');
  assert.deepEqual(await alert.locator('a').evaluateAll((as) => as.map((a) =>
    a.getAttribute('href'))), ['#f-A1.1', '#f-B1.1']);
  assert.match(await alert.innerText(), /hãy sửa 2 tiêu chí/);
  assert.equal(await member.locator('form#score input:checked').count(),
    state.criteria.length - 2);
  assert.equal((await shown(member)).chosen, state.criteria.length - 2);
  await alert.locator('a').first().click();
  assert.equal(new URL(member.url()).hash, '#f-A1.1');
  assert.ok(await member.locator('fieldset[data-code="A1.1"] .err').isVisible());
  await shot(member, 'score-form-errors');
});

test('the member hands in the sheet and sees it as saved', async () => {
  need('dossier');
  for (const code of ['A1.1', 'B1.1', 'C2.1']) await pick(member, code);
  assert.deepEqual(await shown(member), { total: 100, stars: '5 sao',
    chosen: state.criteria.length, capped: null });
  await Promise.all([member.waitForNavigation(), button(member, 'Nộp phiếu chấm').click()]);
  const url = new URL(member.url());
  assert.equal(url.pathname, `/office/dossiers/${state.dossier}`);
  assert.equal(url.searchParams.get('done'), 'scored');
  await Promise.all([member.waitForNavigation(),
    member.getByRole('link', { name: 'Xem phiếu đã nộp' }).click()]);
  assert.equal(new URL(member.url()).pathname, formPath());
  assert.match(await member.locator('h1').innerText(), /^Phiếu chấm điểm đã nộp/);
  assert.deepEqual(await shown(member), { total: 100, stars: '5 sao',
    chosen: state.criteria.length, capped: null });
  assert.equal(await member.locator('form#score').count(), 0, 'nothing to hand in again');
  const sheets = await api('GET', `/api/v1/dossiers/${state.dossier}/scores`);
  assert.deepEqual(sheets.items.map((s) => [s.email, s.total]), [[MEMBERS[0], 100]]);
  await shot(member, 'score-sheet-saved');
  assert.deepEqual(problems, []);
});

test('at 360 px the form fits the screen and its totals bar stays in view', async () => {
  need('dossier');
  const page = await person(MEMBERS[1], small);
  await page.goto(srv.base + formPath());
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
  await page.locator('fieldset[data-code="B1.1"]').scrollIntoViewIfNeeded();
  await pick(page, 'B1.1');
  const bar = await page.locator('.tally-bar').boundingBox();
  assert.ok(bar && bar.y >= 0 && bar.y + bar.height <= 740 + 1, `the bar at ${JSON.stringify(bar)}`);
  assert.equal(Number(await page.locator('.tally-bar [data-t="total"]').innerText()),
    points(state.criteria.find((c) => c.code === 'B1.1')));
  await shot(page, 'score-form-narrow');
  await page.context().close();
});

test('without JavaScript the form works: the server works out the totals', async () => {
  need('dossier');
  const page = await person(MEMBERS[1], { javaScriptEnabled: false });
  await page.goto(srv.base + formPath());
  assert.equal(await page.locator('.tally-bar').isVisible(), false, 'no live bar without JS');
  for (const code of ['A1.1', 'A1.2']) await pick(page, code);
  assert.equal((await shown(page)).total, 0, 'nothing adds up in the browser');
  await Promise.all([page.waitForNavigation(), button(page, 'Tính tổng điểm').click()]);
  const want = ['A1.1', 'A1.2'].reduce((s, code) =>
    s + points(state.criteria.find((c) => c.code === code)), 0);
  assert.deepEqual(await shown(page), { total: want, stars: `${starsOf(want)} sao`, chosen: 2,
    capped: null });
  await page.context().close();
});

test('no serious or critical accessibility violation on the score form', async () => {
  need('dossier');
  const check = async (page, name) => {
    const result = await new AxeBuilder({ page })
      .options({ rules: { 'target-size': { enabled: true } } }).analyze();
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${name}: ${v.id}: ${v.help} ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')), []);
  };
  const saved = await person(MEMBERS[0], { bypassCSP: true });
  await saved.goto(srv.base + formPath());
  await check(saved, 'the sheet handed in');
  const other = await person(MEMBERS[1], { ...small, bypassCSP: true });
  await other.goto(srv.base + formPath());
  await pick(other, 'C2.1', 'low');
  await check(other, 'the form at 360 px, capped');
  await other.locator('form#score').evaluate((f) => { f.noValidate = true; });
  await Promise.all([other.waitForNavigation(), button(other, 'Nộp phiếu chấm').click()]);
  assert.ok(await other.getByRole('alert').isVisible());
  await check(other, 'the form with its faults');
});
