// harness.mjs: a served demo database, users with passwords, and Debian's chromium
// driven by playwright-core. Screenshots go to test-artifacts/browser/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OCOP = process.env.OCOP_BIN || join(ROOT, 'build', 'ocop');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
export const PASSWORD = 'mật khẩu thử nghiệm 2026';

function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

export function cli(db, ...args) {
  return execFileSync(OCOP, [...args, '--db', db], { cwd: ROOT, encoding: 'utf8',
    input: args.includes('--password-stdin') ? PASSWORD + '\n' : undefined });
}

/** Starts a server over a fresh demo database; returns {base, db, users, stop}
 * (users: e-mail -> user number). */
export async function serve() {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-browser-'));
  const db = join(dir, 'demo.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  cli(db, 'demo');
  cli(db, 'keys', 'generate');
  const users = [['admin@ocop.test', 'admin'], ['office@hanoi.test', 'office', '--province', '01'],
    ['officer@battrang.test', 'commune', '--ward', '00577'],
    ['member1@council.test', 'council', '--province', '01'],
    ['member2@council.test', 'council', '--province', '01'],
    ['member3@council.test', 'council', '--province', '01'],
    ['owner@battrang.test', 'producer', '--producer', '1']];
  const ids = {};   // e-mail -> user number (what the office types to name session members)
  for (const [email, role, ...scope] of users) {
    const out = cli(db, 'user', 'add', '--email', email, '--role', role, ...scope, '--password-stdin');
    ids[email] = Number(/user (\d+) added/i.exec(out)?.[1]);
  }
  const proc = spawn(OCOP, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`,
    '--public-url', base], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, db, users: ids,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.on('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium, headless, with the flags this machine's closed network needs. */
export async function browser() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, name + '.png'), fullPage: true });
}

export async function signIn(page, base, email) {
  await page.goto(base + '/office/login');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}
