#!/usr/bin/env python3
"""Black-box tests of the real `ocop` binary: CLI commands and the HTTP API on a
loopback port over a fixture database. Test modules are tests/api/test_*.py with
functions `test_*(ctx)`; a test fails by raising. Prints TAP."""
import argparse
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return "<%d %s>" % (self.status, self.text[:300])


class Context:
    """What every test gets: the binary, a served fixture database, tokens by role."""

    def __init__(self, ocop):
        self.root = ROOT
        self.ocop = os.path.abspath(ocop)
        self.tmp = tempfile.mkdtemp(prefix="ocop-api-")
        self.db = os.path.join(self.tmp, "fixture.db")
        self.units = os.path.join(ROOT, "data", "vn-admin-units", "units-2025.json")
        self.tokens = {}
        self.ids = {}
        self.server = None
        self.port = None

    # ---- processes
    def cli(self, *args, input=None, check=False, db=True):
        cmd = [self.ocop] + list(args)
        if db and "--db" not in args and args and args[0] not in ("help", "--version", "version"):
            cmd += ["--db", self.db]
        p = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError("%s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
        return p

    def start(self):
        self.port = free_port()
        log = open(os.path.join(self.tmp, "server.log"), "w")
        self.server = subprocess.Popen(
            [self.ocop, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port,
             "--scan-flush-ms", "50"],
            stdout=log, stderr=log)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the server did not start: " + open(log.name).read())

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                raise
        code = self.server.returncode if self.server else 0
        self.server = None
        return code

    # ---- HTTP
    def request(self, method, path, body=None, token=None, headers=None, raw=None):
        url = "http://127.0.0.1:%d%s" % (self.port, path)
        data = raw
        h = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        if token:
            h["Authorization"] = "Bearer " + self.tokens.get(token, token)
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def assert_download(headers, disposition, stem, ext):
    """Asserts Content-Disposition: DISPOSITION; filename="ocop-STEM-YYYY-MM-DD.EXT", dated
    today (UTC; yesterday too, for a test that runs across midnight)."""
    import datetime
    import re
    got = headers.get("Content-Disposition", "")
    m = re.fullmatch(r'%s; filename="ocop-%s-(\d{4}-\d{2}-\d{2})\.%s"'
                     % (disposition, re.escape(stem), ext), got)
    assert m, got
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert (today - datetime.date.fromisoformat(m.group(1))).days in (0, 1), got


def expect(resp, status):
    """Asserts a status; for errors, that the answer is problem+json with that status."""
    if resp.status != status:
        raise AssertionError("expected %d, got %r" % (status, resp))
    if status >= 400:
        ctype = resp.headers.get("Content-Type", "")
        assert ctype.startswith("application/problem+json"), ctype
        p = resp.json
        assert p["status"] == status and p["title"] and p["detail"] and p["type"], p
    return resp


_VI = None


def vi(en, *args):
    """The Vietnamese wording of an error message (po/vi.po), formatted as printf would:
    what the server should say in Vietnamese for the English message format `en`."""
    global _VI
    if _VI is None:
        _VI, msgid = {}, None
        with open(os.path.join(ROOT, "po", "vi.po"), encoding="utf-8") as f:
            for line in f:
                if line.startswith('msgid "'):
                    msgid = json.loads(line[6:])
                elif line.startswith('msgstr "') and msgid:
                    _VI[msgid] = json.loads(line[7:])
                    msgid = None
    seq = iter(range(len(args)))

    def conv(m):
        if m.group(0) == "%%":
            return "%"
        n = int(m.group(1)) - 1 if m.group(1) else next(seq)
        return ("%" + m.group(2) + m.group(3)) % args[n]
    return re.sub(r"%%|%(?:(\d+)\$)?([-+ #0]*\d*(?:\.\d+)?)(?:hh|h|ll|l|z|j|t)?([diouxXsc])",
                  conv, _VI[en])


def user(ctx, email, role, *extra):
    ctx.cli("user", "add", "--email", email, "--role", role, *extra, check=True)
    tok = ctx.cli("token", "create", "--email", email, check=True).stdout.strip()
    return tok


def fixture(ctx):
    """The database every API test starts from: units, users of every role, a few records."""
    ctx.cli("db", "init", check=True)
    ctx.cli("import", "units", ctx.units, check=True)
    ctx.tokens["admin"] = user(ctx, "admin@ocop.test", "admin")
    ctx.tokens["office"] = user(ctx, "office@hanoi.test", "office", "--province", "01")
    ctx.tokens["office_hcm"] = user(ctx, "office@hcm.test", "office", "--province", "79")
    ctx.tokens["commune"] = user(ctx, "officer@battrang.test", "commune", "--ward", "00577")
    ctx.tokens["commune_other"] = user(ctx, "officer@phunghia.test", "commune", "--ward", "10030")
    ctx.tokens["council"] = user(ctx, "member@council.test", "council", "--province", "01")
    ctx.tokens["sales"] = user(ctx, "shop@sales.test", "sales", "--province", "01")
    for n in range(1, 5):
        ctx.tokens["member%d" % n] = user(ctx, "member%d@council.test" % n, "council",
                                           "--province", "01")
    ctx.tokens["member_hcm"] = user(ctx, "member@hcm.test", "council", "--province", "79")
    rules = [os.path.join(ROOT, "data", "rulesets", f)
             for f in sorted(os.listdir(os.path.join(ROOT, "data", "rulesets")))]
    for sub in sorted(os.listdir(os.path.join(ROOT, "data", "criteria"))):
        d = os.path.join(ROOT, "data", "criteria", sub)
        if os.path.isdir(d):
            rules += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".json")]
    for f in rules:
        ctx.cli("criteria", "load", f, check=True)
    ctx.start()
    p = expect(ctx.post("/api/v1/producers", {
        "name": "HTX Gốm sứ Bát Tràng", "kind": "cooperative", "ward_code": "00577",
        "tax_code": "0100000001"}, token="admin"), 201).json
    ctx.ids["producer_bt"] = p["id"]
    p = expect(ctx.post("/api/v1/producers", {
        "name": "HTX Mây tre đan Phú Vinh", "kind": "cooperative", "ward_code": "10030",
        "tax_code": "0100000002"}, token="admin"), 201).json
    ctx.ids["producer_pv"] = p["id"]
    ctx.stop()
    ctx.tokens["producer"] = user(ctx, "owner@battrang.test", "producer",
                                  "--producer", str(ctx.ids["producer_bt"]))
    ctx.start()


def load_modules(only):
    mods = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        if only and not any(o in name for o in only):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(HERE, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocop", default=os.path.join(ROOT, "build", "ocop"))
    ap.add_argument("only", nargs="*", help="run only modules whose name contains one of these")
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    tests = []
    for mod in load_modules(args.only):
        for name in sorted(dir(mod)):
            if name.startswith("test_") and callable(getattr(mod, name)):
                tests.append((mod.__name__, name, getattr(mod, name)))
    print("1..%d" % len(tests))
    ctx = Context(args.ocop)
    failed = 0
    try:
        fixture(ctx)
        for i, (mod, name, fn) in enumerate(tests, 1):
            t0 = time.time()
            try:
                if ctx.server is None or ctx.server.poll() is not None:
                    raise AssertionError("the server is not running (crashed in an earlier test?)")
                fn(ctx)
                print("ok %d - %s.%s (%.2fs)" % (i, mod, name, time.time() - t0))
            except Exception:
                failed += 1
                print("not ok %d - %s.%s" % (i, mod, name))
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
                if ctx.server is None or ctx.server.poll() is not None:
                    ctx.start()
            sys.stdout.flush()
        code = ctx.stop()
        if code != 0:
            print("# the server exited with status %d on SIGTERM" % code)
            failed += 1
    finally:
        if ctx.server:
            ctx.server.kill()
        if failed == 0:
            shutil.rmtree(ctx.tmp, ignore_errors=True)
        else:
            print("# kept %s for inspection" % ctx.tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
