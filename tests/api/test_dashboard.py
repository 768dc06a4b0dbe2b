"""The office dashboard: who may see it, its charts and tables, the numbers against the
JSON API, CSV and XLSX exports, and the targets form (CSRF, progress).

Role checks run on the shared fixture; the numbers run on a second server over a demo
database (`ocop demo`: the registry plus recent stamps, scans, dossiers and targets)."""
import atexit
import csv
import datetime
import io
import os
import re
import sqlite3
import subprocess
import time
import urllib.request
import zipfile

from run import assert_download
from test_web_auth import Browser, _password_user

PASSWORD = "mật khẩu đủ dài 2026"
_demo_server = {}


class _Demo:
    """A served demo database: what Browser needs (port) and a JSON getter."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.db = os.path.join(ctx.tmp, "dashboard-demo.db")
        ctx.cli("demo", "--db", self.db, "--units", ctx.units, "--rules",
                os.path.join(ctx.root, "data"), "--force", check=True)
        for email, role, extra in (("office@demo.test", "office", ("--province", "01")),
                                   ("admin@demo.test", "admin", ())):
            ctx.cli("user", "add", "--db", self.db, "--email", email, "--role", role, *extra,
                    "--password-stdin", input=PASSWORD + "\n", check=True)
        self.port = _free_port()
        log = open(os.path.join(ctx.tmp, "dashboard-demo.log"), "w")
        self.proc = subprocess.Popen([ctx.ocop, "serve", "--db", self.db, "--listen",
                                      "127.0.0.1:%d" % self.port], stdout=log, stderr=log)
        atexit.register(self.stop)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if self.json("/healthz")["status"] == "ok":
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the demo server did not start")

    def json(self, path):
        import json
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.port, path), timeout=30) as r:
            return json.loads(r.read().decode())

    def total(self, query):
        return self.json("/api/v1/products?per_page=1&" + query)["total"]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _demo(ctx):
    if "d" not in _demo_server:
        _demo_server["d"] = _Demo(ctx)
    return _demo_server["d"]


def _signed_in(ctx, email):
    b = Browser(ctx)
    st, h, _ = b.sign_in(email, PASSWORD)
    assert st == 303, (email, st)
    return b


def _number(s):
    """A number as the page shows it: "1.639" (vi) or "1,639" (en)."""
    return int(re.sub(r"[.,\s]", "", s))


def _html_table(html, caption_start):
    """Rows of the table whose caption starts with `caption_start`: [[cells...]]."""
    m = re.search(r"<table><caption>" + re.escape(caption_start) + r".*?</table>", html, re.S)
    assert m, "no table captioned %r" % caption_start
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", m.group(0), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def _csv(b, path):
    st, h, _ = b.go("GET", path)
    assert st == 200, (path, st)
    raw = _raw(b, path)
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte order mark"
    assert h["Content-Type"].startswith("text/csv"), h["Content-Type"]
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert b"\r\n" in raw, "CSV lines end with CRLF"
    return rows


def _raw(b, path):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (b.ctx.port, path),
                                 headers={"User-Agent": "test-browser"})
    return b.opener.open(req, timeout=30).read()


# ------------------------------------------------------------------ rights

def test_dashboard_for_office_and_admin_only(ctx):
    _password_user(ctx, "dash.office@hanoi.test")
    _password_user(ctx, "dash.admin@ocop.test", "admin", ())
    _password_user(ctx, "dash.commune@battrang.test", "commune", ("--ward", "00577"))
    _password_user(ctx, "dash.council@council.test", "council", ("--province", "01"))
    _password_user(ctx, "dash.owner@battrang.test", "producer",
                   ("--producer", str(ctx.ids["producer_bt"])))
    for email in ("dash.office@hanoi.test", "dash.admin@ocop.test"):
        b = _signed_in(ctx, email)
        st, h, html = b.go("GET", "/office")
        assert st == 200 and h["Content-Type"].startswith("text/html"), (email, st)
        assert "<svg" in html and 'role="img"' in html and "<table>" in html, email
        assert "/office/export/stars?format=csv" in html and "format=xlsx" in html
        st, _, _ = b.go("GET", "/office/export/stars?format=csv")
        assert st == 200
    for email in ("dash.commune@battrang.test", "dash.council@council.test",
                  "dash.owner@battrang.test"):
        b = _signed_in(ctx, email)
        st, _, html = b.go("GET", "/office")
        assert st == 403 and "<html" in html, (email, st)
        st, _, _ = b.go("GET", "/office/export/stars?format=csv")
        assert st == 403, (email, st)
    # an office sees its own province only; an administrator picks any, or all
    b = _signed_in(ctx, "dash.office@hanoi.test")
    assert b.go("GET", "/office?province=79")[0] == 403
    assert b.go("GET", "/office?province=01")[0] == 200
    b = _signed_in(ctx, "dash.admin@ocop.test")
    st, _, html = b.go("GET", "/office?province=79")
    assert st == 200 and "Hồ Chí Minh" in html
    assert b.go("GET", "/office?province=99")[0] == 404
    # no session: the sign-in page
    st, h, _ = Browser(ctx).go("GET", "/office/export/stars?format=csv")
    assert st == 303 and h["Location"].startswith("/office/login")


def test_export_errors(ctx):
    _password_user(ctx, "dash.office@hanoi.test")
    b = _signed_in(ctx, "dash.office@hanoi.test")
    assert b.go("GET", "/office/export/nothing?format=csv")[0] == 404
    assert b.go("GET", "/office/export/stars?format=pdf")[0] == 422
    assert b.go("GET", "/office/export/stars?format=")[0] == 422
    st, h, _ = b.go("GET", "/office/export/stars?format=xlsx")
    assert st == 200
    assert_download(h, "attachment", "stars", "xlsx")
    st, h, _ = b.go("GET", "/office/export/expiring?format=csv")
    assert st == 200 and h["Content-Type"].startswith("text/csv")
    assert_download(h, "attachment", "expiring", "csv")
    st, h, _ = b.go("GET", "/office/export/stars")  # csv when no format is given
    assert st == 200
    assert_download(h, "attachment", "stars", "csv")
    # errors are no downloads
    st, h, _ = b.go("GET", "/office/export/stars?format=pdf")
    assert st == 422 and "Content-Disposition" not in h


def test_an_export_that_fails_is_not_a_download(ctx):
    """The spreadsheet is written to a temporary file: with nowhere to write it the answer
    is an error page, which must not come named as the file to save."""
    import copy
    from run import free_port
    _password_user(ctx, "dash.office@hanoi.test")
    port = free_port()
    srv = subprocess.Popen([ctx.ocop, "serve", "--db", ctx.db, "--listen", "127.0.0.1:%d" % port],
                           stderr=subprocess.DEVNULL,
                           env=dict(os.environ, TMPDIR="/nonexistent/ocop-test"))
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        there = copy.copy(ctx)
        there.port = port
        b = _signed_in(there, "dash.office@hanoi.test")
        st, h, html = b.go("GET", "/office/export/stars?format=xlsx")
        assert st == 500 and "<html" in html and "Content-Disposition" not in h, (st, dict(h))
        st, h, _ = b.go("GET", "/office/export/stars?format=csv")  # no file needed
        assert st == 200
        assert_download(h, "attachment", "stars", "csv")
    finally:
        srv.terminate()
        srv.wait(timeout=10)


# ----------------------------------------------------------- the demo numbers

def test_demo_activity_is_recent(ctx):
    # (how long `ocop demo` takes is measured by bench/run.sh, not asserted here)
    d = _demo(ctx)
    con = sqlite3.connect(d.db)
    now_ms = time.time() * 1000
    n, first, last = con.execute("SELECT count(*), min(at), max(at) FROM scans").fetchone()
    assert 15000 <= n <= 25000, n
    assert now_ms - 61 * 86400000 < first and last <= now_ms + 1000, (first, last)
    verdicts = dict(con.execute("SELECT verdict, count(*) FROM scans GROUP BY 1"))
    assert verdicts["genuine"] > 0.85 * n and verdicts["not_valid"] > 0, verdicts
    assert verdicts["suspected_copy"] > 0 and verdicts["forged"] > 0, verdicts
    states = dict(con.execute("SELECT state, count(*) FROM dossiers GROUP BY 1"))
    for s in ("draft", "submitted", "returned", "accepted", "scheduled", "scored"):
        assert states.get(s, 0) >= 2, states
    year = datetime.datetime.now(datetime.timezone.utc).year
    assert con.execute("SELECT value FROM targets WHERE year = ? AND metric = "
                       "'five_star_candidates'", (year,)).fetchone()[0] >= 30
    assert con.execute("SELECT count(*) FROM council_sessions").fetchone()[0] == 1
    con.close()


def test_numbers_match_the_api(ctx):
    d = _demo(ctx)
    b = _signed_in(d, "office@demo.test")
    st, _, html = b.go("GET", "/office")
    assert st == 200
    stars = {r[0]: _number(r[1]) for r in _html_table(html, "Sản phẩm OCOP còn hiệu lực theo hạng sao")[1:]}
    for n in (3, 4, 5):
        api = (d.total("stars=%d&province=01&certificate=valid" % n) +
               d.total("stars=%d&province=01&certificate=expiring" % n))
        assert stars["%d sao" % n] == api, (n, stars, api)
    assert stars["4 sao"] > 100
    # the CSV says the same
    rows = _csv(b, "/office/export/stars?format=csv")
    assert rows[0] == ["Hạng sao", "Số sản phẩm"]
    assert {r[0]: int(r[1]) for r in rows[1:]} == stars
    # certificates: expiring and expired, in full in the exports
    expiring = _csv(b, "/office/export/expiring?format=csv")
    assert len(expiring) - 1 == d.total("province=01&certificate=expiring") > 0
    expired = _csv(b, "/office/export/expired?format=csv")
    assert len(expired) - 1 == d.total("province=01&certificate=expired") > 0
    assert re.search(r'<a href="/products/\d+">', html), "the short lists link to the products"
    # sectors add up to all certified products; wards too (every ward of the province)
    certified = sum(stars.values())
    assert sum(int(r[1]) for r in _csv(b, "/office/export/sectors?format=csv")[1:]) == certified
    wards = _csv(b, "/office/export/wards?format=csv")
    assert sum(int(r[1]) for r in wards[1:]) == certified and len(wards) - 1 == 126
    assert sum(int(r[1]) for r in _csv(b, "/office/export/years?format=csv")[1:]) == certified
    assert sum(int(r[1]) for r in _csv(b, "/office/export/villages?format=csv")[1:]) == certified
    # dossiers by step, against the database
    con = sqlite3.connect(d.db)
    states = dict(con.execute("SELECT state, count(*) FROM dossiers GROUP BY 1"))
    dossiers = _csv(b, "/office/export/dossiers?format=csv")
    assert sum(int(r[1]) for r in dossiers[1:]) == sum(states.values())
    # scans: 60 days, today last; totals equal the scan log since the first day
    scans = _csv(b, "/office/export/scans?format=csv")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert len(scans) == 61 and scans[-1][0] == today.isoformat(), scans[-1]
    first = datetime.datetime.combine(today - datetime.timedelta(days=59), datetime.time(),
                                      datetime.timezone.utc)
    n = con.execute("SELECT count(*) FROM scans WHERE at >= ?",
                    (int(first.timestamp() * 1000),)).fetchone()[0]
    con.close()
    assert sum(int(r[5]) for r in scans[1:]) == n
    assert all(int(r[5]) == sum(int(x) for x in r[1:5]) for r in scans[1:])


def test_charts_are_accessible_svg_with_tables_beside(ctx):
    d = _demo(ctx)
    b = _signed_in(d, "admin@demo.test")
    st, _, html = b.go("GET", "/office?province=01")
    assert st == 200
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) >= 8, len(svgs)
    for svg in svgs:
        head = svg[:svg.index(">")]
        assert 'role="img"' in head and 'aria-label="' in head, head
        assert "<title>" in svg and "<script" not in svg
    assert html.count("<caption>") >= 10
    assert 'scope="col"' in html and 'scope="row"' in html
    for name in ("stars", "sectors", "years", "wards", "villages", "expiring", "expired",
                 "dossiers", "targets", "scans"):
        assert "/office/export/%s?format=csv&amp;province=01" % name in html, name
        assert "/office/export/%s?format=xlsx&amp;province=01" % name in html, name
    # the admin's whole-country view, and English
    st, _, html = b.go("GET", "/office?lang=en")
    assert st == 200 and "OCOP dashboard" in html and "all provinces" in html
    rows = _csv(b, "/office/export/stars?format=csv&lang=en")
    assert rows[0] == ["Stars", "Products"]


def test_xlsx_export_is_a_workbook(ctx):
    d = _demo(ctx)
    b = _signed_in(d, "office@demo.test")
    st, h, _ = b.go("GET", "/office/export/sectors?format=xlsx")
    assert st == 200
    assert h["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = _raw(b, "/office/export/sectors?format=xlsx")
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert "xl/worksheets/sheet1.xml" in names, names
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else ""
    top = _csv(b, "/office/export/sectors?format=csv")[1]
    assert "<v>%s</v>" % top[1] in sheet, "numbers are typed cells"
    assert top[0] in strings and "Thực phẩm" in strings


def test_targets_form_needs_csrf_and_shows_progress(ctx):
    d = _demo(ctx)
    b = _signed_in(d, "office@demo.test")
    st, _, html = b.go("GET", "/office")
    csrf = b.csrf(html)
    year = str(datetime.datetime.now(datetime.timezone.utc).year)
    form = {"year": year, "metric": "five_star_candidates", "value": "40",
            "label": "<b>Mục tiêu</b> =HYPERLINK(\"x\")"}
    assert b.go("POST", "/office/targets", form)[0] == 403
    assert b.go("POST", "/office/targets", dict(form, csrf="x" * 43))[0] == 403
    st, h, _ = b.go("POST", "/office/targets", dict(form, csrf=csrf))
    assert st == 303 and h["Location"] == "/office#targets", (st, h["Location"])
    st, _, html = b.go("GET", "/office")
    assert "&lt;b&gt;Mục tiêu&lt;/b&gt;" in html and "<b>Mục tiêu</b>" not in html
    candidates = (d.total("province=01&candidate=true&certificate=valid") +
                  d.total("province=01&candidate=true&certificate=expiring"))
    rows = [r for r in _csv(b, "/office/export/targets?format=csv")
            if r[0] == year and r[3] == "40"]
    assert len(rows) == 1 and int(rows[0][4]) == candidates, rows
    assert rows[0][2].startswith("'<b>") or rows[0][2].startswith("<b>")
    assert int(rows[0][5]) == candidates * 100 // 40
    assert 'aria-valuenow="%d"' % min(candidates, 40) in html and 'role="progressbar"' in html
    # wrong input is refused with the reason; 0 removes the target
    assert b.go("POST", "/office/targets", dict(form, csrf=csrf, metric="bogus"))[0] == 422
    assert b.go("POST", "/office/targets", dict(form, csrf=csrf, year="1999"))[0] == 422
    assert b.go("POST", "/office/targets", dict(form, csrf=csrf, value="-1"))[0] == 422
    st, _, _ = b.go("POST", "/office/targets", dict(form, csrf=csrf, value="0"))
    assert st == 303
    assert not [r for r in _csv(b, "/office/export/targets?format=csv") if r[3] == "40"]


def test_csv_never_starts_a_formula(ctx):
    d = _demo(ctx)
    b = _signed_in(d, "office@demo.test")
    st, _, html = b.go("GET", "/office")
    year = str(datetime.datetime.now(datetime.timezone.utc).year)
    st, _, _ = b.go("POST", "/office/targets", {"csrf": b.csrf(html), "year": year,
                                                 "metric": "five_star", "value": "12",
                                                 "label": "=1+2, \"quoted\""})
    assert st == 303
    raw = _raw(b, "/office/export/targets?format=csv").decode("utf-8-sig")
    assert "\"'=1+2, \"\"quoted\"\"\"" in raw, raw
    rows = [r for r in csv.reader(io.StringIO(raw)) if r and r[3] == "12"]
    assert rows and rows[0][2] == "'=1+2, \"quoted\""
