// office.test.mjs: the back office in a real browser, from a new producer to a genuine stamp.
// An officer signs in, registers a producer and a product, opens a dossier; the commune
// accepts it; the office sets up a council session; three members score the product; the
// office records the decision (a certificate), issues stamps and downloads their PDF; a
// stamp's address opened in the browser says "genuine". Each step is a test, in order,
// sharing the state below; a step whose predecessor failed fails at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, shot, signIn, cli } from './harness.mjs';

const desk = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const SHOT = 'office-';   // screenshot names: test-artifacts/browser/office-*.png
const PRODUCER = 'HTX Gốm men lam Giang Cao thử nghiệm';
const PRODUCT = 'Bình hút lộc men lam thử nghiệm';
const SESSION = 'Hội đồng thử nghiệm trình duyệt đợt 1';
const LOT = 'BT-2026/07';
const MEMBERS = ['member1@council.test', 'member2@council.test', 'member3@council.test'];

let srv, chrome, office, tmp;
const state = {};   // producer, product, dossier, session, batch: numbers found on the pages
const need = (...keys) => keys.forEach((k) => assert.ok(state[k], `an earlier step left no ${k}`));

before(async () => {
  srv = await serve();
  chrome = await browser();
  tmp = mkdtempSync(join(tmpdir(), 'ocop-office-'));
  const ctx = await chrome.newContext(desk);
  office = await ctx.newPage();
  office.setDefaultTimeout(10_000);
});
after(async () => {
  await chrome?.close();
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A page of its own (cookies of its own) signed in as `email`. */
async function person(email) {
  const ctx = await chrome.newContext(desk);
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, srv.base, email);
  // each role lands on a page of its own: the office on the province's dashboard, a
  // commune officer or a council member on their dossiers
  const home = email.startsWith('office@') ? '/office' : '/office/dossiers';
  assert.equal(new URL(page.url()).pathname, home, `${email} is signed in`);
  assert.equal(await page.getByRole('navigation', { name: 'Chính' })
    .getByRole('link', { name: email }).count(), 1);
  return page;
}

/** Clicks what leads to another page and waits for it to load. */
async function go(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
  return new URL(page.url());
}

const button = (page, name) => page.getByRole('button', { name, exact: true });
const stateText = (page) => page.locator('dt:text-is("Trạng thái") + dd').innerText();

test('the office signs in and sees its dashboard', async () => {
  await signIn(office, srv.base, 'office@hanoi.test');
  assert.equal(new URL(office.url()).pathname, '/office');
  assert.match(await office.locator('h1').innerText(), /^Bảng điều khiển OCOP — .*Hà Nội/);
  await shot(office, SHOT + 'dashboard');
});

test('the office registers a producer in Bát Tràng through the form', async () => {
  await office.goto(srv.base + '/office/producers');
  await go(office, office.getByRole('link', { name: 'Thêm chủ thể' }));
  assert.equal(new URL(office.url()).pathname, '/office/producers/new');
  await office.getByLabel('Tên chủ thể').fill(PRODUCER);
  await office.getByLabel('Loại hình').selectOption('cooperative');
  await office.getByLabel('Xã, phường').selectOption('00577');
  await office.getByLabel('Người đại diện').fill('Nguyễn Văn Lâm');
  await office.getByLabel('Số thành viên').fill('12');
  await shot(office, SHOT + 'producer-new');
  const url = await go(office, button(office, 'Tạo mới'));
  assert.equal(url.pathname + url.search, '/office/producers?done=created');
  // the list runs oldest first: the new record is on its last page ("1/45" by the pager);
  // its number is in its edit link. (The list's search box cannot be used for producers
  // yet: the store searches products only, and the page answers 422.)
  const pager = await office.getByRole('navigation', { name: 'Trang' }).innerText();
  const pages = Number(/\b1\/(\d+)/.exec(pager)[1]);
  await office.goto(`${srv.base}/office/producers?page=${pages}`);
  const row = office.locator('tbody tr', { hasText: PRODUCER });
  assert.equal(await row.count(), 1);
  const edit = await row.getByRole('link', { name: 'Sửa' }).getAttribute('href');
  state.producer = Number(/^\/office\/producers\/(\d+)\/edit$/.exec(edit)[1]);
});

test('the office adds its product and opens a dossier from the product list', async () => {
  need('producer');
  await office.goto(srv.base + '/office/products');
  await go(office, office.getByRole('link', { name: 'Thêm sản phẩm' }));
  await office.getByLabel('Tên sản phẩm').fill(PRODUCT);
  await office.getByLabel('Tên ngắn').fill('Bình hút lộc');
  await office.getByLabel('Nhóm sản phẩm').selectOption('crafts.household');
  await office.getByRole('textbox', { name: /^Chủ thể/ }).fill(String(state.producer));
  await office.getByLabel('Mô tả').fill('Bình gốm men lam vẽ tay.\nNung ở 1.250 °C.');
  await shot(office, SHOT + 'product-new');
  let url = await go(office, button(office, 'Tạo mới'));
  assert.equal(url.pathname + url.search, '/office/products?done=created');
  await office.getByRole('searchbox', { name: 'Tìm theo tên' }).fill(PRODUCT);
  await go(office, button(office, 'Tìm'));
  const row = office.locator('tbody tr', { hasText: PRODUCT });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /Gốm men lam Giang Cao/);
  url = await go(office, row.getByRole('link', { name: 'Mở hồ sơ' }));
  state.product = Number(url.searchParams.get('product'));
  assert.equal(url.pathname, '/office/dossiers/new');
  assert.ok(state.product > 0);
  assert.equal(await office.getByLabel('Loại đánh giá').inputValue(), 'new'); // a first rating
  url = await go(office, button(office, 'Mở hồ sơ'));
  assert.equal(url.searchParams.get('done'), 'opened');
  state.dossier = Number(/^\/office\/dossiers\/(\d+)$/.exec(url.pathname)[1]);
  assert.equal(await stateText(office), 'Đang soạn');
  await shot(office, SHOT + 'dossier-opened');
});

test('the office submits the dossier and the commune officer accepts it', async () => {
  need('dossier');
  await go(office, button(office, 'Nộp hồ sơ'));
  assert.equal(await stateText(office), 'Đã nộp');
  const commune = await person('officer@battrang.test');
  await commune.goto(`${srv.base}/office/dossiers/${state.dossier}`);
  assert.match(await commune.locator('main').innerText(), new RegExp(PRODUCT));
  const url = await go(commune, button(commune, 'Tiếp nhận hồ sơ'));
  assert.equal(url.searchParams.get('done'), 'accept');
  assert.equal(await stateText(commune), 'Đã tiếp nhận');
  await shot(commune, SHOT + 'dossier-accepted');
  await commune.context().close();
});

test('the office creates a council session of three members and schedules the dossier', async () => {
  need('dossier');
  await go(office, office.getByRole('link', { name: 'Phiên hội đồng' }));
  assert.equal(new URL(office.url()).pathname, '/office/sessions');
  await office.getByLabel('Tên phiên').fill(SESSION);
  assert.match(await office.getByLabel('Ngày họp').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  // the province's council users are offered by e-mail (or name): ticked, no numbers typed
  for (const m of MEMBERS) await office.getByLabel(m, { exact: true }).check();
  let url = await go(office, button(office, 'Tạo phiên'));
  assert.equal(url.searchParams.get('done'), 'session');
  const section = office.locator('section', { has: office.locator('h2', { hasText: SESSION }) });
  assert.equal(await section.count(), 1);
  const action = await section.locator('form[action$="/schedule"]').getAttribute('action');
  state.session = Number(/\/office\/sessions\/(\d+)\/schedule/.exec(action)[1]);
  await section.getByLabel('Xếp hồ sơ đã tiếp nhận').selectOption(String(state.dossier));
  await shot(office, SHOT + 'sessions');
  url = await go(office, section.getByRole('button', { name: 'Xếp lịch' }));
  assert.equal(url.searchParams.get('done'), 'scheduled');
  await office.goto(`${srv.base}/office/dossiers/${state.dossier}`);
  assert.equal(await stateText(office), 'Chờ hội đồng chấm');
  assert.match(await office.locator('dt:text-is("Phiên hội đồng") + dd').innerText(),
    new RegExp(SESSION));
});

/** Fills the sheet page by page: in every criterion, the option worth the most points
 * (read from the option's label, "… (10 điểm)"), clicked by its label. */
async function score(page, screenshot) {
  for (let pages = 1; pages <= 10; pages++) {
    const best = await page.locator('main form fieldset').evaluateAll((sets) => sets.map((f) => {
      const opts = [...f.querySelectorAll('.opt label')]
        .map((l) => [l.htmlFor, Number(/\((\d+) điểm\)\s*$/.exec(l.textContent.trim())?.[1])]);
      if (!opts.length || opts.some(([, p]) => !Number.isFinite(p))) return null;
      return opts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    }));
    assert.ok(best.length > 0, 'a page of the sheet has criteria');
    assert.ok(best.every(Boolean), 'every criterion shows its options with their points');
    for (const id of best) await page.locator(`label[for="${id}"]`).click();
    for (const id of best) assert.ok(await page.locator('#' + id).isChecked());
    if (screenshot && pages === 1) await shot(page, screenshot);
    const last = await button(page, 'Nộp phiếu chấm').count();
    const url = await go(page, button(page, last ? 'Nộp phiếu chấm' : 'Trang tiếp'));
    if (url.searchParams.get('done') === 'scored') return pages;
    assert.ok(!last, `the sheet was handed in (${url})`);
  }
  assert.fail('the sheet never ended');
}

test('each of the three council members scores the product through the form', async () => {
  need('dossier', 'session');
  for (const [n, email] of MEMBERS.entries()) {
    const member = await person(email);
    await member.goto(srv.base + '/office/dossiers');
    await go(member, member.locator(`main a[href="/office/dossiers/${state.dossier}"]`));
    await go(member, member.getByRole('link', { name: 'Chấm điểm sản phẩm' }));
    assert.equal(new URL(member.url()).pathname, `/office/dossiers/${state.dossier}/score`);
    assert.match(await member.locator('h1').innerText(), new RegExp(PRODUCT));
    await score(member, n === 0 ? SHOT + 'score-sheet' : null);
    assert.match(await member.locator('main').innerText(), /Đã nộp phiếu chấm điểm\./);
    await member.context().close();
  }
  await office.goto(`${srv.base}/office/dossiers/${state.dossier}`);
  assert.equal(await stateText(office), 'Đã chấm điểm');
  const main = await office.locator('main').innerText();
  assert.match(main, /100,00/);   // Vietnamese decimal comma
  assert.match(main, /3\/3 \(đủ số phiếu\)/);
});

test('the office records the decision and the dossier shows its certificate', async () => {
  need('dossier');
  await office.getByLabel('Số quyết định').fill('125/QĐ-UBND');
  const today = await office.getByLabel('Ngày quyết định').inputValue();
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  const url = await go(office, button(office, 'Ghi nhận quyết định'));
  assert.equal(url.searchParams.get('done'), 'decide');
  // a full score: four stars from the province, proposed to the centre for five
  assert.equal(await stateText(office), 'Đề nghị Trung ương công nhận 5 sao');
  assert.equal(await office.locator('dt:text-is("Tỉnh công nhận") + dd').innerText(), '★★★★');
  const cert = office.getByRole('link', { name: 'Giấy chứng nhận (PDF)' });
  assert.equal(await cert.count(), 1);
  const pdf = await office.request.get(new URL(await cert.getAttribute('href'), srv.base).href);
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF');
  await shot(office, SHOT + 'dossier-certified');
});

test('a batch of stamps is issued through the form and its PDF sheets downloaded', async () => {
  need('product');
  await office.goto(srv.base + '/office/stamps');
  await office.getByLabel('Sản phẩm').selectOption(String(state.product));
  await office.getByLabel('Số lô').fill(LOT);
  await office.getByLabel('Số lượng tem').fill('24');
  const url = await go(office, button(office, 'Phát hành tem'));
  assert.equal(url.searchParams.get('done'), 'issued');
  const row = office.locator('tbody tr', { hasText: LOT });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), new RegExp(PRODUCT));
  assert.match(await row.innerText(), /\b24\b/);
  const link = row.getByRole('link', { name: /Tải PDF/ });
  state.batch = Number(/\/office\/stamps\/(\d+)\/pdf/.exec(await link.getAttribute('href'))[1]);
  await shot(office, SHOT + 'stamps');
  const [download] = await Promise.all([office.waitForEvent('download'), link.click()]);
  const file = join(tmp, 'sheets.pdf');
  await download.saveAs(file);
  const pdf = readFileSync(file);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 1000, `a PDF of some size (${pdf.length} bytes)`);
  // the office downloads the same sheets from the batch's address
  const again = await office.request.get(`${srv.base}/office/stamps/${state.batch}/pdf`);
  assert.equal(again.status(), 200);
  assert.equal(again.headers()['content-type'], 'application/pdf');
  assert.equal((await again.body()).subarray(0, 5).toString(), '%PDF-');
});

test("a stamp's address opened in the browser says it is genuine", async () => {
  need('batch');
  const file = join(tmp, 'uris.txt');
  cli(srv.db, 'stamps', 'export', '--public-url', srv.base, '--batch', String(state.batch),
    '--format', 'uris', '--out', file);
  const uris = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  assert.equal(uris.length, 24);
  assert.ok(uris[0].startsWith(srv.base + '/'), uris[0]);
  const ctx = await chrome.newContext({ viewport: { width: 412, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(uris[0]);
  const verdict = page.getByRole('status');
  assert.equal((await verdict.locator('h1').innerText()).trim(), 'Tem chính hãng');
  const main = await page.locator('main').innerText();
  assert.match(main, new RegExp(PRODUCT));
  assert.match(main, new RegExp(LOT));
  assert.match(main, /Còn hiệu lực/);
  await shot(page, SHOT + 'stamp-genuine');
  await ctx.close();
});

test('the office follows a copied stamp from its list to where it was scanned', async () => {
  need('batch');
  const uris = readFileSync(join(tmp, 'uris.txt'), 'utf8').split('\n').filter(Boolean);
  // the same code scanned in Hà Nội, then in TP. Hồ Chí Minh a moment later
  for (const [lat, lon] of [[21.03, 105.85], [10.78, 106.70]]) {
    const r = await office.request.get(`${uris[1]}&lat=${lat}&lon=${lon}`,
      { headers: { Accept: 'application/json' } });
    assert.equal(r.status(), 200);
    await new Promise((done) => setTimeout(done, 400));  // the scan log writes the first
  }
  await office.goto(srv.base + '/office');
  const list = await go(office, office.getByRole('navigation', { name: 'Văn phòng' })
    .getByRole('link', { name: 'Tem nghi sao chép' }));
  assert.equal(list.pathname, '/office/scans');
  const serial = /\/21\/([0-9A-Z]+)|\/v\/([0-9A-Z]+)/.exec(uris[1]).slice(1).find(Boolean);
  const row = office.locator('tbody tr', { hasText: serial });
  // the list reads the scan log, which the server writes once a second
  for (let i = 0; i < 20 && await row.count() === 0; i++) {
    await new Promise((done) => setTimeout(done, 250));
    await office.reload();
  }
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), new RegExp(PRODUCT));
  await shot(office, SHOT + 'suspected-copies');
  const one = await go(office, row.getByRole('link', { name: serial }));
  assert.equal(one.pathname, '/office/scans/' + serial);
  const places = office.getByRole('img', { name: /Nơi quét/ });
  assert.equal(await places.locator('circle').count(), 2);
  const scans = office.getByRole('region', { name: 'Lượt quét' });
  assert.equal(await scans.locator('tbody tr').count(), 2);
  assert.match(await scans.innerText(), /Phường Hoàn Kiếm, Hà Nội/);
  // why: the journey no pack can make, named at both ends
  const journeys = office.getByRole('region', { name: 'Quãng đường không thể' });
  assert.equal(await journeys.locator('tbody tr').count(), 1);
  assert.match(await journeys.innerText(), /Phường Hoàn Kiếm, Hà Nội[\s\S]*TP\. Hồ Chí Minh[\s\S]*1\.143 km/);
  await shot(office, SHOT + 'stamp-scans');
});

// Faults this walk once found (fixed): the producers list's search, the stamp form's
// choice of products, and where other roles land after signing in.

test('the search box of the producers list finds a producer by name', async () => {
    await office.goto(srv.base + '/office/producers');
    await office.getByRole('searchbox', { name: 'Tìm theo tên' }).fill(PRODUCER);
    await go(office, button(office, 'Tìm'));
    assert.equal(await office.locator('tbody tr', { hasText: PRODUCER }).count(), 1);
  });

test("the office's stamp form offers the product it has just certified", async () => {
    need('product');
    await office.goto(srv.base + '/office/stamps');
    assert.equal(await office.locator(`#f-product_id option[value="${state.product}"]`).count(), 1);
    assert.equal(await office.locator('tbody tr', { hasText: LOT }).count(), 1);
  });

test('a commune officer who signs in lands on a page of theirs', async () => {
    const commune = await person('officer@battrang.test');
    const h1 = await commune.locator('h1').innerText();
    await commune.context().close();
    assert.notEqual(h1.trim(), '403');
  });

test('the administrator adds a commune officer and hands out a token, shown once', async () => {
  const admin = await chrome.newContext(desk).then((c) => c.newPage());
  admin.setDefaultTimeout(10_000);
  await signIn(admin, srv.base, 'admin@ocop.test');
  await admin.goto(srv.base + '/office/users');
  const email = 'canbo.phuvinh@browser.test';
  await admin.locator('#f-email').fill(email);
  await admin.locator('#f-name').fill('Trần Văn Bình');
  await admin.getByLabel(/^Vai trò/).selectOption('commune');
  await admin.getByLabel(/^Mã xã\/phường/).fill('00577');
  await admin.locator('#f-password').fill('mật khẩu đủ dài 2026');
  let url = await go(admin, button(admin, 'Thêm người dùng'));
  assert.equal(url.pathname + url.search, '/office/users?done=user');
  assert.match(await admin.getByRole('status').first().innerText(), /Đã thêm người dùng/);
  await shot(admin, SHOT + 'users');
  url = await go(admin, admin.getByRole('link', { name: email }));
  assert.match(url.pathname, /^\/office\/users\/\d+$/);
  await admin.getByLabel(/^Nhãn/).fill('máy tính bảng của xã');
  await go(admin, button(admin, 'Tạo mã'));
  const token = (await admin.locator('#new-token').innerText()).trim();
  assert.match(token, /^ocop_[A-Za-z0-9_-]{43}$/);
  await shot(admin, SHOT + 'user-token');
  const me = await fetch(srv.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).email, email);
  // the list shows the token, never its text again; revoking it stops it at once
  await admin.goto(url.href);
  assert.equal(await admin.locator('#new-token').count(), 0);
  assert.equal(await admin.locator('tbody tr', { hasText: 'máy tính bảng của xã' }).count(), 1);
  await go(admin, button(admin, 'Thu hồi'));
  assert.match(await admin.locator('tbody tr').first().innerText(), /đã thu hồi/);
  const after = await fetch(srv.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(after.status, 401);
  // the new officer signs in with the password the administrator set
  const officer = await chrome.newContext(desk).then((c) => c.newPage());
  await officer.goto(srv.base + '/office/login');
  await officer.fill('#email', email);
  await officer.fill('#password', 'mật khẩu đủ dài 2026');
  await Promise.all([officer.waitForNavigation(), officer.click('button[type=submit]')]);
  assert.equal(new URL(officer.url()).pathname, '/office/dossiers');
  await officer.context().close();
  await admin.context().close();
});
