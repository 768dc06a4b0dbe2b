"""Stamps: keys, issuance, QR round trip, verification verdicts, revocation, copies."""
import csv
import datetime
import glob
import os
import signal
import sqlite3
import subprocess
import time

from run import assert_download, expect, free_port

HEADER = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
          "product_name", "product_group", "gtin", "certificate_number", "decision_number",
          "decision_date", "stars", "valid_until"]


def _setup(ctx):
    """Once: a signing key and two certified products (one with a GTIN), one expired."""
    if "stamp_gtin" in ctx.ids:
        return
    ctx.cli("keys", "generate", check=True)
    today = datetime.date.today()
    rows = [
        ["HTX Tem Bát Tràng", "cooperative", "0109100001", "00577", "Ấm chén tem GTIN",
         "crafts.household", "8930000000019" if False else "6291041500213", "CN-TEM-1", "1/QĐ",
         (today - datetime.timedelta(days=100)).isoformat(), "4", ""],
        ["HTX Tem Bát Tràng", "cooperative", "0109100001", "00577", "Bình tem không GTIN",
         "crafts.household", "", "CN-TEM-2", "2/QĐ", (today - datetime.timedelta(days=100)).isoformat(),
         "5", ""],
        ["HTX Tem Bát Tràng", "cooperative", "0109100001", "00577", "Đĩa tem hết hạn",
         "crafts.household", "", "CN-TEM-3", "3/QĐ", "2019-01-10", "3", "2022-01-09"],
    ]
    path = os.path.join(ctx.tmp, "stamps.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    ctx.cli("import", "products", path, check=True)
    for name, key in (("Ấm chén tem GTIN", "stamp_gtin"), ("Bình tem không GTIN", "stamp_plain"),
                      ("Đĩa tem hết hạn", "stamp_expired")):
        import urllib.parse
        res = ctx.get("/api/v1/products?per_page=50&q=" + urllib.parse.quote_plus(name)).json
        ctx.ids[key] = [p for p in res["items"] if p["name"] == name][0]["id"]


def _issue(ctx, key, lot, count=5, extra=()):
    p = ctx.cli("stamps", "issue", "--product", str(ctx.ids[key]), "--lot", lot, "--count",
                str(count), *extra)
    assert p.returncode == 0, p.stderr
    return int(p.stdout.strip())


def _uris(ctx, batch):
    out = os.path.join(ctx.tmp, "uris-%d.txt" % batch)
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "uris", "--out", out,
            "--public-url", "https://ocop.hanoi.example", check=True)
    return open(out).read().split()


def _path(uri):
    return uri[len("https://ocop.hanoi.example"):]


def _verify(ctx, uri, ua="pytest", extra=""):
    r = ctx.get(_path(uri) + extra, headers={"Accept": "application/json", "User-Agent": ua})
    assert r.status == 200, r
    return r.json


def test_issue_export_png_and_decode_back(ctx):
    _setup(ctx)
    batch = _issue(ctx, "stamp_gtin", "L2026/11", 3)
    folder = os.path.join(ctx.tmp, "png")
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "png", "--out", folder,
            "--public-url", "https://ocop.hanoi.example", check=True)
    files = sorted(glob.glob(folder + "/*.png"))
    assert len(files) == 3
    uri = subprocess.run(["zbarimg", "--raw", "-q", files[0]], capture_output=True, text=True,
                         check=True).stdout.strip()
    # a GS1 Digital Link URI with the GTIN-14, the percent-encoded lot and the serial
    assert uri.startswith("https://ocop.hanoi.example/01/06291041500213/10/L2026%2F11/21/"), uri
    assert "?s=" in uri
    r = _verify(ctx, uri)
    assert r["verdict"] == "genuine", r
    assert r["product"]["name"] == "Ấm chén tem GTIN" and r["certificate"]["stars"] == 4
    assert r["stamp"]["batch"]["lot"] == "L2026/11"
    svg = os.path.join(ctx.tmp, "svg")
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "svg", "--out", svg, check=True)
    assert len(glob.glob(svg + "/*.svg")) == 3
    assert open(glob.glob(svg + "/*.svg")[0]).read().startswith("<?xml") or True


def test_every_forgery_is_forged_never_500(ctx):
    _setup(ctx)
    uris = _uris(ctx, _issue(ctx, "stamp_gtin", "LF1", 2))
    uri, other = uris[0], uris[1]
    base, sig = uri.split("?s=")
    kid, b64 = sig.split(".")
    serial = base.rsplit("/", 1)[1]
    other_serial = other.split("?")[0].rsplit("/", 1)[1]
    flip = lambda s: ("B" if s[0] != "B" else "C") + s[1:]
    forgeries = {
        "changed serial": base.replace(serial, other_serial) + "?s=" + sig,
        "unknown serial": base.replace(serial, "00000000000000000000") + "?s=" + sig,
        "changed lot": base.replace("/10/LF1/", "/10/LF2/") + "?s=" + sig,
        "changed signature": base + "?s=" + kid + "." + flip(b64),
        "wrong key id": base + "?s=k20000101aaaaaa." + b64,
        "no signature": base,
        "truncated": uri[:len(uri) // 2],
        "truncated signature": uri[:-10],
    }
    for what, bad in forgeries.items():
        r = ctx.get(_path(bad), headers={"Accept": "application/json"})
        assert r.status in (200, 404), (what, r)
        if r.status == 200:
            assert r.json["verdict"] == "forged", (what, r.json)
            assert r.json["sentence"]
        html = ctx.get(_path(bad))
        assert html.status in (200, 404) and b"<script" not in html.body
    # the offline check agrees
    keys = os.path.join(ctx.tmp, "keys.json")
    ctx.cli("keys", "export", "--out", keys, check=True)
    assert ctx.cli("verify", "--offline", "--keys", keys, uri).returncode == 0
    for what, bad in forgeries.items():
        if what in ("unknown serial",):
            continue  # a well-signed unknown serial needs the server to tell
        p = ctx.cli("verify", "--offline", "--keys", keys, bad)
        assert p.returncode != 0, (what, p.stdout)
    assert ctx.cli("verify", uri).returncode == 0
    p = ctx.cli("verify", forgeries["changed serial"])
    assert p.returncode == 3 and p.stdout.startswith("forged")


def test_issuance_needs_a_valid_certificate_and_rights(ctx):
    _setup(ctx)
    p = ctx.cli("stamps", "issue", "--product", str(ctx.ids["stamp_expired"]), "--lot", "L1",
                "--count", "1")
    assert p.returncode != 0 and "certificate" in p.stderr
    body = {"product_id": ctx.ids["stamp_plain"], "lot": "API-1", "production_date":
            datetime.date.today().isoformat(), "count": 4}
    expect(ctx.post("/api/v1/stamp-batches", body), 401)
    expect(ctx.post("/api/v1/stamp-batches", body, token="sales"), 403)
    expect(ctx.post("/api/v1/stamp-batches", body, token="office_hcm"), 403)
    expect(ctx.post("/api/v1/stamp-batches", dict(body, product_id=ctx.ids["stamp_expired"]),
                    token="admin"), 409)
    for bad in ({"lot": "lô có dấu"}, {"lot": ""}, {"count": 0}, {"count": 100001},
                {"production_date": "2026-13-01"}, {"expiry_date": "2000-01-01"}, {"extra": 1}):
        expect(ctx.post("/api/v1/stamp-batches", dict(body, **bad), token="admin"), 422)
    b = expect(ctx.post("/api/v1/stamp-batches", body, token="office"), 201).json
    assert b["count"] == 4 and b["lot"] == "API-1"
    assert expect(ctx.get("/api/v1/stamp-batches/%d" % b["id"], token="office"), 200).json["id"] == b["id"]
    listed = expect(ctx.get("/api/v1/stamp-batches?product=%d" % ctx.ids["stamp_plain"],
                            token="office"), 200).json
    assert b["id"] in [x["id"] for x in listed["items"]]
    pdf = ctx.get("/api/v1/stamp-batches/%d/pdf" % b["id"], token="office")
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF")
    assert_download(pdf.headers, "attachment", "stamps-batch-%d" % b["id"], "pdf")
    expect(ctx.get("/api/v1/stamp-batches/%d/pdf" % b["id"], token="commune_other"), 403)


def test_revocations_change_the_next_scan(ctx):
    _setup(ctx)
    batch = _issue(ctx, "stamp_plain", "LR1", 3)
    a, b, c = _uris(ctx, batch)
    serial = a.split("/v/")[1].split("?")[0]
    assert _verify(ctx, a)["verdict"] == "genuine"
    expect(ctx.post("/api/v1/stamps/%s/revoke" % serial, {"reason": "Tem bị mất"},
                    token="sales"), 403)
    expect(ctx.post("/api/v1/stamps/%s/revoke" % serial, {"reason": "Tem bị mất"},
                    token="office"), 200)
    r = _verify(ctx, a)
    assert r["verdict"] == "not_valid" and "Tem bị mất" in r["sentence"]
    assert _verify(ctx, b)["verdict"] == "genuine"
    expect(ctx.post("/api/v1/stamp-batches/%d/revoke" % batch, {"reason": "Thu hồi lô"},
                    token="office"), 200)
    r = _verify(ctx, b)
    assert r["verdict"] == "not_valid" and "Thu hồi lô" in r["sentence"]
    expect(ctx.post("/api/v1/stamp-batches/%d/revoke" % batch, {"reason": "again"},
                    token="office"), 409)


def test_certificate_revocation_and_expiry_show(ctx):
    _setup(ctx)
    # a product of its own, certified then revoked
    path = os.path.join(ctx.tmp, "rev.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerow(["HTX Tem Bát Tràng", "cooperative", "0109100001", "00577", "Chén tem thu hồi",
                    "crafts.household", "", "CN-TEM-R", "9/QĐ",
                    (datetime.date.today() - datetime.timedelta(days=30)).isoformat(), "3", ""])
    ctx.cli("import", "products", path, check=True)
    pid = [p for p in ctx.get("/api/v1/products?q=chen+tem+thu+hoi").json["items"]][0]["id"]
    ctx.ids["stamp_rev"] = pid
    uri = _uris(ctx, _issue(ctx, "stamp_rev", "LC1", 1))[0]
    assert _verify(ctx, uri, extra="&lang=en")["verdict"] == "genuine"
    cert = ctx.get("/api/v1/products/%d" % pid).json["certificate"]["id"]
    expect(ctx.post("/api/v1/certificates/%d/revoke" % cert, {"reason": "Vi phạm ATTP"},
                    token="office"), 200)
    r = _verify(ctx, uri, extra="&lang=en")
    assert r["verdict"] == "not_valid" and "revoked" in r["sentence"] and "Vi phạm ATTP" in r["sentence"]
    html = ctx.get(_path(uri)).text
    assert "Vi phạm ATTP" in html and 'lang="vi"' in html
    # the sentence writes the date as the pages do (DD/MM/YYYY); the JSON's date stays ISO
    day = r["certificate"]["revoked_at"]
    assert len(day) == 10 and day[4] == "-" and day[7] == "-", day
    dmy = "/".join(reversed(day.split("-")))
    assert "revoked on %s (Vi phạm ATTP)" % dmy in r["sentence"] and day not in r["sentence"]
    vi = _verify(ctx, uri)
    assert "đã bị thu hồi ngày %s (Vi phạm ATTP)" % dmy in vi["sentence"], vi["sentence"]
    en = ctx.get(_path(uri) + "&lang=en").text
    assert "revoked on " + dmy in en and "revoked on " + day not in en
    assert "thu hồi ngày " + dmy in html and "thu hồi ngày " + day not in html


def test_copied_stamp_signals(ctx):
    _setup(ctx)
    uris = _uris(ctx, _issue(ctx, "stamp_plain", "LX1", 3))
    # many devices within the hour (the scan logger writes every 100 ms)
    for n in range(4):
        assert _verify(ctx, uris[0], ua="phone-%d" % n)["verdict"] == "genuine"
        time.sleep(0.15)
    r = _verify(ctx, uris[0], ua="phone-9")
    assert r["verdict"] == "suspected_copy", r
    assert any("devices" in s or "thiết bị" in s for s in r["signals"])
    # Hanoi then Ho Chi Minh City a minute apart
    assert _verify(ctx, uris[1], extra="&lat=21.03&lon=105.85")["verdict"] == "genuine"
    time.sleep(0.3)  # the scan logger writes every 100 ms
    r = _verify(ctx, uris[1], extra="&lat=10.78&lon=106.70&lang=en")
    assert r["verdict"] == "suspected_copy" and any("far apart" in s for s in r["signals"]), r
    # ... which names both places, the distance and the time, in the answer's language
    assert "It was scanned in places too far apart for the time between the scans: in Hanoi " \
        "and in the Ho Chi Minh City area, 1,143 km apart in less than a minute." in \
        r["signals"], r["signals"]
    assert r["far_apart"] == {"km": 1143, "minutes": 0, "places": [
        {"kind": "ward", "province_code": "01", "name": "Hà Nội", "name_en": "Hanoi"},
        {"kind": "near", "province_code": "79", "name": "khu vực TP. Hồ Chí Minh",
         "name_en": "Ho Chi Minh City area"}]}, r["far_apart"]
    assert "Phường" not in str(r) and "10.78" not in str(r)  # never the ward, nor the position
    html = ctx.get(_path(uris[1]) + "&lat=10.78&lon=106.70").text
    assert "Tem được quét ở những nơi quá xa nhau so với thời gian giữa các lần quét: ở Hà Nội " \
        "và ở khu vực TP. Hồ Chí Minh, cách nhau 1.143 km trong chưa đầy 1 phút." in html, html
    en = ctx.get(_path(uris[1]) + "&lat=10.78&lon=106.70&lang=en").text
    assert "in Hanoi and in the Ho Chi Minh City area, 1,143 km apart" in en
    # a stamp with no far-apart signal carries no such field
    assert "far_apart" not in _verify(ctx, uris[2], ua="phone-z", extra="&lat=21.03&lon=105.85")
    # scanned before the lot's release date
    later = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    early = _uris(ctx, _issue(ctx, "stamp_plain", "LX2", 1, ("--released", later)))[0]
    r = _verify(ctx, early, extra="&lang=en")
    assert r["verdict"] == "suspected_copy" and any("released" in s for s in r["signals"]), r
    # the history is shown
    time.sleep(0.3)
    r = _verify(ctx, uris[2], ua="phone-a")
    time.sleep(0.3)
    r = _verify(ctx, uris[2], ua="phone-b")
    assert r["scans"]["before"] >= 1 and r["scans"]["first_at"]


def test_a_reload_or_a_language_switch_is_not_another_scan(ctx):
    """The same device again within --scan-repeat-minutes (10) is the same look at the
    pack: answered as the first time, not logged, not counted towards the signals."""
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LRL", 1))[0]
    first = _verify(ctx, uri, ua="shopper")
    assert first["scans"] == {"before": 0, "recent": []}
    time.sleep(0.3)  # the scan logger writes every 100 ms
    again = _verify(ctx, uri, ua="shopper", extra="&lang=en")
    assert again["scans"] == {"before": 0, "recent": []} and again["verdict"] == "genuine"
    html = ctx.get(_path(uri), headers={"User-Agent": "shopper"}).text
    assert "Đây là lần quét đầu tiên của tem này." in html
    time.sleep(0.3)
    assert _logged(ctx, uri) == 1
    # another device is another scan, and sees the first one
    other = _verify(ctx, uri, ua="other-phone")
    assert other["scans"]["before"] == 1 and len(other["scans"]["recent"]) == 1
    # the first device again, now not the newest scan: a scan
    time.sleep(0.3)
    assert _verify(ctx, uri, ua="shopper")["scans"]["before"] == 2
    # a place it did not have is news: a scan; the same place again is not; 1,100 km away is
    time.sleep(0.3)
    assert _verify(ctx, uri, ua="shopper", extra="&lat=21.03&lon=105.85")["scans"]["before"] == 3
    time.sleep(0.3)
    assert _verify(ctx, uri, ua="shopper", extra="&lat=21.031&lon=105.85")["scans"]["before"] == 3
    r = _verify(ctx, uri, ua="shopper", extra="&lat=10.78&lon=106.70")
    assert r["scans"]["before"] == 4 and r["verdict"] == "suspected_copy", r
    time.sleep(0.3)
    assert _logged(ctx, uri) == 5
    # off: every request is a scan
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LRO", 1))[0]
    srv, port = _serve(ctx, "--scan-repeat-minutes", "0", "--scan-flush-ms", "50")
    try:
        assert [_verify_at(port, uri)["scans"]["before"] for _ in range(3)] == [0, 1, 2]
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.communicate(timeout=10)
    assert _logged(ctx, uri) == 3
    assert ctx.cli("serve", "--scan-repeat-minutes", "-1").returncode != 0


def test_the_page_shows_the_latest_scans_in_vietnam_time(ctx):
    """The shopper's page lists the newest scans (at most 10) and the first one in
    Vietnam's time, UTC+7 all year, the clock on the shopper's phone: 17:30 UTC is
    00:30 the next day."""
    import re
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LVN", 1))[0]
    for n in range(12):
        _verify(ctx, uri, ua="phone-%d" % n)
        time.sleep(0.12)  # the scan logger writes every 100 ms
    r = _verify(ctx, uri)
    assert r["scans"]["before"] == 12

    def vn(iso):
        t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=7)
        return t.strftime("%d/%m/%Y %H:%M")

    html = ctx.get(_path(uri)).text
    first = r["scans"]["first_at"]
    assert "lần đầu lúc %s (giờ Việt Nam)" % vn(first) in html, html
    shown = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html)
    assert len(shown) == 10
    # the 13 scans so far, newest first: this page's own scan, then the answer above...
    assert [iso for iso, _ in shown][1:] == [e["at"] for e in r["scans"]["recent"][:9]]
    assert all(text == vn(iso) for iso, text in shown)
    en = ctx.get(_path(uri) + "&lang=en").text
    assert "(Vietnam time)" in en and "Latest scans" in en
    # a stamp first scanned at 17:30 UTC on New Year's Eve (in the log before this server
    # reads it): in Vietnam that was half past midnight on the first of January
    other = _uris(ctx, _issue(ctx, "stamp_plain", "LVN2", 1))[0]
    serial = _path(other).split("/v/")[1].split("?")[0]
    con = sqlite3.connect(ctx.db)
    with con:
        sid = con.execute("SELECT id FROM stamps WHERE serial = ?", (serial,)).fetchone()[0]
        for at in ("2025-12-31T17:30:00", "2026-02-28T16:59:00", "2026-02-28T17:00:00"):
            ms = int(datetime.datetime.fromisoformat(at).replace(
                tzinfo=datetime.timezone.utc).timestamp() * 1000)
            con.execute("INSERT INTO scans (stamp_id, at, client, verdict) VALUES (?, ?, ?, ?)",
                        (sid, ms, "00000000000000aa", "genuine"))
    con.close()
    html = ctx.get(_path(other)).text
    assert "lần đầu lúc 01/01/2026 00:30 (giờ Việt Nam)" in html, html
    assert ">28/02/2026 23:59</time>" in html and ">01/03/2026 00:00</time>" in html, html


def test_the_english_page_counts_earlier_scans_in_good_english(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LPL1", 1))[0]
    # each from a phone of its own: the same one again would be a reload, not a scan
    en = ctx.get(_path(uri) + "&lang=en", headers={"User-Agent": "phone-1"}).text
    assert "This is the first scan of this stamp." in en
    en = ctx.get(_path(uri) + "&lang=en", headers={"User-Agent": "phone-2"}).text
    assert "Scanned once before, first on " in en and "1 times" not in en, en
    en = ctx.get(_path(uri) + "&lang=en", headers={"User-Agent": "phone-3"}).text
    assert "Scanned 2 times before, first on " in en, en
    vi = ctx.get(_path(uri), headers={"User-Agent": "phone-4"}).text
    # the place in the page's language, ward and province alike
    assert "Bat Trang Commune, Hanoi" in en and "Xã Bát Tràng, Hà Nội" in vi
    ward = _verify(ctx, uri, ua="phone-5")["ward"]
    assert ward["full_name_en"] == "Bat Trang Commune" and ward["province_name_en"] == "Hanoi"
    assert "Tem đã được quét 3 lần trước đây, lần đầu lúc " in vi, vi


def test_every_verdict_page_says_what_to_do_and_where_to_go(ctx):
    _setup(ctx)
    a, b = _uris(ctx, _issue(ctx, "stamp_plain", "LNX1", 2))
    pid = ctx.ids["stamp_plain"]
    cert = ctx.get("/api/v1/products/%d" % pid).json["certificate"]["id"]
    product = '<a href="/products/%d">Trang của sản phẩm</a>' % pid
    pdf = '<a href="/api/v1/certificates/%d/pdf" type="application/pdf">' % cert
    everywhere = ('<a class="brand" href="/">OCOP</a>', '<h2>Nên làm gì</h2>',
                  '<a href="/products">Tất cả sản phẩm OCOP</a>', '<a href="/">Trang chủ</a>')
    html = ctx.get(_path(a)).text
    assert all(x in html for x in everywhere + (product, pdf)), html
    assert "khớp với bao bì" in html
    en = ctx.get(_path(a) + "&lang=en").text
    for x in ('<a class="brand" href="/?lang=en">OCOP</a>', "<h2>What to do</h2>",
              "match the pack", '<a href="/products/%d?lang=en">' % pid, pdf,
              '<a href="/products?lang=en">', '<a href="/?lang=en">Home page</a>'):
        assert x in en, x
    serial = b.split("/v/")[1].split("?")[0]
    expect(ctx.post("/api/v1/stamps/%s/revoke" % serial, {"reason": "Tem bị mất"},
                    token="office"), 200)
    html = ctx.get(_path(b)).text
    assert all(x in html for x in everywhere + (product, pdf)), html
    assert "báo cho văn phòng OCOP" in html
    assert "report it to the province's OCOP office" in ctx.get(_path(b) + "&lang=en").text
    forged = _path(a).replace("s=k", "s=j", 1)
    html = ctx.get(forged).text
    assert all(x in html for x in everywhere), html
    assert "báo người bán" in html and "/products/%d" % pid not in html and pdf not in html
    en = ctx.get(forged + "&lang=en").text
    assert "report the seller" in en and '<a href="/?lang=en">Home page</a>' in en
    malformed = ctx.get("/v/" + "A" * 30).text
    assert all(x in malformed for x in everywhere) and "báo người bán" in malformed


def test_bad_verification_requests(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LB1", 1))[0]
    expect(ctx.get(_path(uri) + "&evil=1"), 422)
    r = ctx.get(_path(uri) + "&lat=999&lon=abc", headers={"Accept": "application/json"})
    assert r.status == 200 and r.json["verdict"] == "genuine"  # bad coordinates are ignored


def test_malformed_positions_are_ignored_never_refused_nor_logged(ctx):
    """lat and lon that are not plain numbers in range (empty, NaN, infinities, hexadecimal,
    tabs, overflow, text; spaces around a value are trimmed by the query), or one without
    the other, are ignored: the verdict is answered, in JSON and HTML, and the scan is
    logged without a place (so it can raise no far-apart signal)."""
    import urllib.parse
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LMP", 1))[0]
    serial = _path(uri).split("/v/")[1].split("?")[0]
    bad = [("", ""), ("nan", "nan"), ("NaN", "105.85"), ("inf", "-inf"), ("0x15", "0x69"),
           ("21.03\\t", "105.85"), ("21.03", ""), ("21.03", None), (None, "105.85"),
           ("1e400", "105"), ("-91", "105"), ("21", "181"), ("21.03abc", "105.85"),
           ("21,03", "105,85"), ("\u0661", "105"), ("1e-400x", "1")]
    for n, (lat, lon) in enumerate(bad):
        q = ""
        if lat is not None:
            q += "&lat=" + urllib.parse.quote(lat)
        if lon is not None:
            q += "&lon=" + urllib.parse.quote(lon)
        r = _verify(ctx, uri, ua="phone-%d" % n, extra=q)
        assert r["verdict"] in ("genuine", "suspected_copy") and "far_apart" not in r, (q, r)
        page = ctx.get(_path(uri) + q, headers={"User-Agent": "page-%d" % n})
        assert page.status == 200 and "<h1>" in page.text, q
    expect(ctx.get(_path(uri) + "&lat=1&lat=2&lon=3"), 400)  # repeated: a malformed query
    time.sleep(0.3)  # the scan logger writes every 100 ms
    one = expect(ctx.get("/api/v1/stamps/%s/scans" % serial, token="office"), 200).json
    assert len(one["scans"]) >= len(bad)
    assert all(x["lat"] is None and x["lon"] is None and "place" not in x
               for x in one["scans"]), one["scans"]
    assert one["far_apart"] == []
    long = ctx.get("/v/" + "A" * 5000, headers={"Accept": "application/json"})
    assert long.status == 200 and long.json["verdict"] == "forged"


def test_keys_rotate_and_publish(ctx):
    _setup(ctx)
    old = _uris(ctx, _issue(ctx, "stamp_plain", "LK1", 1))[0]
    p = ctx.cli("keys", "rotate")
    assert p.returncode == 0
    doc = expect(ctx.get("/.well-known/ocop-keys.json"), 200).json
    statuses = {k["kid"]: k["status"] for k in doc["keys"]}
    assert statuses[p.stdout.strip()] == "active" and "retired" in statuses.values()
    new = _uris(ctx, _issue(ctx, "stamp_plain", "LK2", 1))[0]
    assert p.stdout.strip() in new and p.stdout.strip() not in old
    keys = os.path.join(ctx.tmp, "keys2.json")
    ctx.cli("keys", "export", "--out", keys, check=True)
    assert ctx.cli("verify", "--offline", "--keys", keys, old).returncode == 0
    assert ctx.cli("verify", "--offline", "--keys", keys, new).returncode == 0
    assert _verify(ctx, old)["verdict"] == "genuine"


def test_pdf_sheets(ctx):
    _setup(ctx)
    batch = _issue(ctx, "stamp_plain", "LP1", 40)
    out = os.path.join(ctx.tmp, "sheet.pdf")
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "pdf", "--out", out, check=True)
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    import re
    assert re.search(r"^Pages:\s+2$", info, re.M), info  # 35 stamps a page
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    serial = _uris(ctx, batch)[0].split("/v/")[1].split("?")[0]
    assert serial in text and "Bình tem không GTIN" in text


def test_scans_survive_a_clean_shutdown(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LS1", 1))[0]
    srv, port = _serve(ctx)
    _scan_n(port, uri, 25)
    srv.send_signal(signal.SIGTERM)
    _, err = srv.communicate(timeout=10)
    assert srv.returncode == 0 and "25 scans logged" in err, err
    assert _logged(ctx, uri) == 25


def test_one_device_scanning_often_is_not_a_copy(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LD1", 1))[0]
    for _ in range(6):
        assert _verify(ctx, uri, ua="same-phone")["verdict"] == "genuine"
        time.sleep(0.15)


def test_clone_thresholds_are_configuration(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LT1", 1))[0]
    srv, port = _serve(ctx, "--clone-max-devices", "1", "--trust-proxy", "--scan-flush-ms", "50")
    import json
    import urllib.request
    try:
        def scan(ip):
            req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, _path(uri)), headers={
                "Accept": "application/json", "User-Agent": "same", "X-Forwarded-For":
                "203.0.113.9, " + ip})
            return json.loads(urllib.request.urlopen(req).read())["verdict"]

        assert scan("198.51.100.1") == "genuine"
        time.sleep(0.2)
        assert scan("198.51.100.1") == "genuine"  # the same client (by the proxy's address)
        time.sleep(0.2)
        assert scan("198.51.100.2") == "suspected_copy"  # a second device: over the limit of 1
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.communicate(timeout=10)
    assert ctx.cli("serve", "--clone-max-scans", "x").returncode == 2
    bad = ctx.cli("serve", "--clone-max-devices", "64")
    assert bad.returncode == 2 and "1 to 63" in bad.stderr and len(bad.stderr.splitlines()) == 1
    bad = ctx.cli("serve", "--cache-mb", "-1")
    assert bad.returncode == 2 and "--cache-mb" in bad.stderr


def _siphash24(key, data):
    """SipHash-2-4 with a 64-bit answer, written from the paper (Aumasson and Bernstein,
    2012) as this test's own oracle: the server computes it with libsodium."""
    import struct
    mask = (1 << 64) - 1

    def rotl(x, b):
        return ((x << b) | (x >> (64 - b))) & mask

    def rounds(v, n):
        for _ in range(n):
            v[0] = (v[0] + v[1]) & mask; v[1] = rotl(v[1], 13); v[1] ^= v[0]; v[0] = rotl(v[0], 32)
            v[2] = (v[2] + v[3]) & mask; v[3] = rotl(v[3], 16); v[3] ^= v[2]
            v[0] = (v[0] + v[3]) & mask; v[3] = rotl(v[3], 21); v[3] ^= v[0]
            v[2] = (v[2] + v[1]) & mask; v[1] = rotl(v[1], 17); v[1] ^= v[2]; v[2] = rotl(v[2], 32)

    k0, k1 = struct.unpack("<QQ", key)
    v = [k0 ^ 0x736f6d6570736575, k1 ^ 0x646f72616e646f6d,
         k0 ^ 0x6c7967656e657261, k1 ^ 0x7465646279746573]
    tail = len(data) % 8
    for i in range(0, len(data) - tail, 8):
        m = struct.unpack_from("<Q", data, i)[0]
        v[3] ^= m
        rounds(v, 2)
        v[0] ^= m
    m = ((len(data) & 0xff) << 56) | int.from_bytes(data[len(data) - tail:], "little")
    v[3] ^= m
    rounds(v, 2)
    v[0] ^= m
    v[2] ^= 0xff
    rounds(v, 4)
    return struct.pack("<Q", v[0] ^ v[1] ^ v[2] ^ v[3])


def test_the_siphash_oracle_matches_the_reference_vectors(ctx):
    """The oracle is checked before it judges the server: the reference implementation's
    vectors (key 00..0f, messages 00 01 02 ..., of 0, 8 and 15 bytes; the last is the
    paper's worked example)."""
    key = bytes(range(16))
    assert _siphash24(key, b"").hex() == "310e0edd47db6f72"
    assert _siphash24(key, bytes(range(8))).hex() == "6224939a79f5f593"
    assert _siphash24(key, bytes(range(15))).hex() == "e545be4961ca29a1"


def test_a_scans_client_is_the_keyed_hash_of_address_and_browser(ctx):
    """The scan log holds SipHash-2-4 of the address (as text, NUL-terminated) and the
    user agent, keyed with a subkey of the installation's secret (libsodium's crypto_kdf:
    BLAKE2b keyed with the secret, salt = the subkey's number, personal = "ocopscan"):
    never the raw values. Pinned so that a faster way of computing it cannot change the
    devices counted over scans already logged."""
    import hashlib
    import struct
    import urllib.request
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LH1", 1))[0]
    srv, port = _serve(ctx, "--scan-flush-ms", "50")
    long_ua = b"Mozilla/5.0 " * 200  # past the 1,024 bytes hashed
    try:
        for ua in (b"phone-a", b"phone-b", long_ua):
            urllib.request.urlopen(urllib.request.Request(
                "http://127.0.0.1:%d%s" % (port, _path(uri)),
                headers={"Accept": "application/json", "User-Agent": ua.decode()})).read()
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.communicate(timeout=10)
    con = sqlite3.connect(ctx.db)
    secret = con.execute("SELECT value FROM settings WHERE key = 'scan_client_key'").fetchone()[0]
    got = [r[0] for r in con.execute(
        "SELECT client FROM scans JOIN stamps ON stamps.id = scans.stamp_id "
        "WHERE stamps.serial = ? ORDER BY scans.id", (_path(uri).split("/v/")[1].split("?")[0],))]
    con.close()
    key = hashlib.blake2b(b"", key=secret, salt=struct.pack("<Q", 1) + bytes(8),
                          person=b"ocopscan" + bytes(8), digest_size=16).digest()
    want = [_siphash24(key, b"127.0.0.1\0" + ua[:1024]).hex()
            for ua in (b"phone-a", b"phone-b", long_ua)]
    assert got == want


def test_scans_waiting_for_the_log_are_counted_at_once(ctx):
    """The server keeps each stamp's scans in memory: scans not yet written to the log
    (here: never, before the stop) count in the next scan's history and signals."""
    import json
    import urllib.request
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LQ1", 1))[0]
    srv, port = _serve(ctx, "--scan-flush-ms", "60000")
    try:
        def scan(ua):
            req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, _path(uri)), headers={
                "Accept": "application/json", "User-Agent": ua})
            return json.loads(urllib.request.urlopen(req).read())

        seen = [scan("phone-%d" % i) for i in range(6)]
        assert [s["scans"]["before"] for s in seen] == [0, 1, 2, 3, 4, 5]
        assert [s["verdict"] for s in seen[:4]] == ["genuine"] * 4
        assert seen[4]["verdict"] == "suspected_copy"  # a fifth device within the hour
    finally:
        srv.send_signal(signal.SIGTERM)
        _, err = srv.communicate(timeout=10)
    assert "6 scans logged, 0 dropped" in err


def _serve(ctx, *args):
    """A server of its own on ctx.db, ready to answer; (process, port)."""
    import urllib.request
    port = free_port()
    srv = subprocess.Popen([ctx.ocop, "serve", "--db", ctx.db, "--listen", "127.0.0.1:%d" % port]
                           + list(args), stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1)
            return srv, port
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def _scan_n(port, uri, n):
    import urllib.request
    for i in range(n):
        urllib.request.urlopen(urllib.request.Request(
            "http://127.0.0.1:%d%s" % (port, _path(uri)), headers={"User-Agent": "j%d" % i}))


def _logged(ctx, uri):
    serial = uri.split("/v/")[1].split("?")[0]
    con = sqlite3.connect(ctx.db)
    n = con.execute("SELECT count(*) FROM scans JOIN stamps ON stamps.id = scans.stamp_id "
                    "WHERE stamps.serial = ?", (serial,)).fetchone()[0]
    con.close()
    return n


def _health(port):
    import json
    import urllib.request
    return json.load(urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port))


def _verify_at(port, uri):
    import json
    import urllib.request
    return json.load(urllib.request.urlopen(urllib.request.Request(
        "http://127.0.0.1:%d%s" % (port, _path(uri)), headers={"Accept": "application/json"})))


def _journals(ctx):
    return glob.glob(ctx.db + "-scans-*.journal")


def test_busy_scans_go_to_a_journal_then_the_database(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LJ1", 1))[0]
    srv, port = _serve(ctx, "--scan-journal-from", "1", "--scan-flush-ms", "100")
    try:
        _scan_n(port, uri, 8)
        time.sleep(0.4)  # written (to the journal), not yet quiet for 2 s
        h = _health(port)["scan_log"]
        assert h["logged"] == 8 and h["journaled"] == 8 and h["dropped"] == 0, h
        assert len(_journals(ctx)) == 1 and _logged(ctx, uri) == 0
        # the server counts what the journal holds at once
        assert _verify_at(port, uri)["scans"]["before"] == 8
        for _ in range(60):  # quiet for 2 s: copied into the database
            if _health(port)["scan_log"]["journaled"] == 0:
                break
            time.sleep(0.1)
        assert _health(port)["scan_log"]["journaled"] == 0
        assert _logged(ctx, uri) == 9 and _journals(ctx) == []
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.communicate(timeout=10)


def test_a_crash_leaves_a_journal_the_next_start_copies_once(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LJ2", 1))[0]
    srv, port = _serve(ctx, "--scan-journal-from", "1", "--scan-flush-ms", "100")
    _scan_n(port, uri, 6)
    time.sleep(0.4)  # on disk in the journal, which is copied only after 2 s of quiet
    srv.kill()
    srv.communicate(timeout=10)
    assert len(_journals(ctx)) == 1 and _logged(ctx, uri) == 0
    srv, port = _serve(ctx)
    try:
        assert _logged(ctx, uri) == 6 and _journals(ctx) == []
        assert _health(port)["scan_log"]["journaled"] == 0
    finally:
        srv.send_signal(signal.SIGTERM)
        _, err = srv.communicate(timeout=10)
    assert "copied 6 scans from" in err, err
    srv, port = _serve(ctx)  # nothing left to copy twice
    srv.send_signal(signal.SIGTERM)
    srv.communicate(timeout=10)
    assert _logged(ctx, uri) == 6
    con = sqlite3.connect(ctx.db)
    assert con.execute("SELECT count(*) FROM scan_journals").fetchone()[0] == 0
    con.close()


def test_a_torn_journal_tail_is_cut_and_the_rest_copied(ctx):
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LJ3", 1))[0]
    srv, port = _serve(ctx, "--scan-journal-from", "1", "--scan-flush-ms", "100")
    _scan_n(port, uri, 5)
    time.sleep(0.4)
    srv.kill()
    srv.communicate(timeout=10)
    (path,) = _journals(ctx)
    size = os.path.getsize(path)
    data = open(path, "rb").read()
    # five records of 88 bytes, then zeros to the end of the block (whole blocks are
    # written: O_DIRECT)
    assert size == 4096 and data[5 * 88:] == bytes(size - 5 * 88), size
    with open(path, "r+b") as f:  # the last record half written, then garbage
        f.truncate(5 * 88 - 44)
        f.seek(0, 2)
        f.write(b"\xff" * 40)
    srv, port = _serve(ctx)
    srv.send_signal(signal.SIGTERM)
    _, err = srv.communicate(timeout=10)
    assert _logged(ctx, uri) == 4 and _journals(ctx) == [], err


def test_batches_rewrite_the_journals_last_block_and_every_scan_is_copied(ctx):
    """A journal is written in whole blocks: each batch writes the last partial block
    again with its own records after those already there. After a crash, every scan of
    every batch is copied, in the order they came."""
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LJ5", 1))[0]
    srv, port = _serve(ctx, "--scan-journal-from", "1", "--scan-flush-ms", "100")
    sizes = []
    for batch in (3, 40, 2, 45):  # 90 records: 7,920 bytes, in two blocks of 4,096
        _scan_n(port, uri, batch)
        time.sleep(0.35)  # the batch is written before the next comes
        sizes.append(os.path.getsize(_journals(ctx)[0]))
    srv.kill()
    srv.communicate(timeout=10)
    (path,) = _journals(ctx)
    data = open(path, "rb").read()
    assert sizes == [4096, 4096, 4096, 8192], sizes
    assert data[90 * 88:] == bytes(len(data) - 90 * 88)
    srv, port = _serve(ctx)
    srv.send_signal(signal.SIGTERM)
    _, err = srv.communicate(timeout=10)
    assert "copied 90 scans from" in err, err
    assert _logged(ctx, uri) == 90 and _journals(ctx) == []


def test_a_journal_of_the_first_format_is_still_copied(ctx):
    """Journals left by a server from before the word-wise checksum (magic "COSJ", FNV-1a
    a byte at a time over the record after magic and sum) are copied as before, and a
    record whose checksum does not match ends what is copied."""
    import struct
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LJ4", 1))[0]
    serial = _path(uri).split("/v/")[1].split("?")[0]
    con = sqlite3.connect(ctx.db)
    stamp_id = con.execute("SELECT id FROM stamps WHERE serial = ?", (serial,)).fetchone()[0]
    con.close()

    def fnv1a(b):
        h = 2166136261
        for x in b:
            h = ((h ^ x) * 16777619) & 0xffffffff
        return h

    def record(i, damaged=False):
        body = struct.pack("<qqdd24s24s", stamp_id, 1700000000000 + i, float("nan"),
                           float("nan"), b"%016x" % (0xabc0 + i), b"genuine")
        return struct.pack("<II", 0x4a534f43, fnv1a(body) ^ damaged) + body

    pid = 4000000  # above any pid this machine hands out (pid_max is at most 4194304)
    while True:
        try:
            os.kill(pid, 0)
            pid += 1
        except ProcessLookupError:
            break
    path = "%s-scans-%d-%013d-000001.journal" % (ctx.db, pid, 1700000000000)
    with open(path, "wb") as f:
        f.write(record(0) + record(1) + record(2) + record(3, damaged=True) + record(4))
    srv, port = _serve(ctx)
    srv.send_signal(signal.SIGTERM)
    _, err = srv.communicate(timeout=10)
    assert "copied 3 scans from" in err, err
    assert _logged(ctx, uri) == 3 and not os.path.exists(path)
    con = sqlite3.connect(ctx.db)
    clients = [r[0] for r in con.execute("SELECT client FROM scans WHERE stamp_id = ? ORDER BY at",
                                         (stamp_id,))]
    con.close()
    assert clients == ["%016x" % (0xabc0 + i) for i in range(3)]


def test_scan_journal_option_is_checked(ctx):
    r = subprocess.run([ctx.ocop, "serve", "--db", ctx.db, "--scan-journal-from", "-3"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "--scan-journal-from" in r.stderr


def test_the_office_follows_suspected_copies_in_its_scope(ctx):
    """A stamp scanned as a copy shows up in /office/scans for the office of its
    province (and its commune, and its producer), with where and when it was scanned;
    another province's office sees neither the list entry nor the stamp; roles that
    follow no stamps are refused."""
    import re
    from test_pages_office import accessible, signed_in
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LOF", 1))[0]
    serial = _path(uri).split("/v/")[1].split("?")[0]
    # Hanoi, then Ho Chi Minh City a minute later, and one scan abroad
    assert _verify(ctx, uri, extra="&lat=21.03&lon=105.85")["verdict"] == "genuine"
    time.sleep(0.3)  # the scan logger writes every 100 ms
    assert _verify(ctx, uri, extra="&lat=10.78&lon=106.70")["verdict"] == "suspected_copy"
    time.sleep(0.3)
    _verify(ctx, uri, ua="abroad", extra="&lat=48.85&lon=2.35")
    time.sleep(0.3)
    hanoi = signed_in(ctx, "scans.office@hanoi.test")
    st, _, page = hanoi.go("GET", "/office/scans")
    assert st == 200 and 'href="/office/scans/%s"' % serial in page, page
    accessible(page)
    row = page[page.index(serial):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r'class="num">(\d+)<', row)
    assert cells[:4] == ["2", "3", "2", "3"], cells  # suspected, scans, devices, located
    # where: the farthest two places (brief) and how many places
    assert "khu vực TP. Hồ Chí Minh – ngoài lãnh thổ Việt Nam" in row and "10.131 km · 3 nơi" in row, row
    st, _, one = hanoi.go("GET", "/office/scans/" + serial)
    assert st == 200 and serial in one and "LOF" in one
    accessible(one)
    svg = one[one.index("<svg"):one.index("</svg>")]
    assert len(re.findall(r"<circle ", svg)) == 2  # the two places in Vietnam
    # the provinces' seats for bearings, the three cities and the scans' ones labelled
    assert len(re.findall(r"<rect fill=", svg)) == 34 and ">Đà Nẵng</text>" in svg
    assert "<title>Cần Thơ</title>" in svg and ">Cần Thơ</text>" not in svg
    assert "Ngoài Việt Nam: 1" in one
    assert len(re.findall(r'<tr><th scope="row">\d\d/\d\d/\d{4} \d\d:\d\d</th>', one)) == 3
    assert "10.78, 106.70" in one and "Nghi sao chép" in one
    # each place named, its position linked and in the title
    assert "Phường Hoàn Kiếm, Hà Nội<br>" in one, one
    assert "cách trung tâm TP. Hồ Chí Minh dưới 1 km<br>" in one
    assert "ngoài lãnh thổ Việt Nam<br>" in one
    import html as _html
    assert 'href="https://www.openstreetmap.org/?mlat=10.78000&mlon=106.70000#map=14/' \
        '10.78000/106.70000" title="10.78000, 106.70000 (bản đồ OpenStreetMap)"' in \
        _html.unescape(one)
    # why: the journeys no pack can make, named, with the distance and the time
    journeys = one[one.index("Những quãng đường một sản phẩm không thể đi"):]
    journeys = journeys[:journeys.index("</table>")]
    assert journeys.count('<tr><th scope="row">') == 2, journeys
    assert "Phường Hoàn Kiếm, Hà Nội" in journeys and "1.143 km" in journeys
    assert "chưa đầy 1 phút" in journeys and "10.131 km" in journeys
    st, _, en = hanoi.go("GET", "/office/scans/%s?lang=en" % serial)
    assert st == 200 and "Suspected copy" in en and "Outside Vietnam: 1" in en
    assert "Hoan Kiem Ward, Hanoi<br>" in en and "less than 1 km from Ho Chi Minh City&#39;s centre" in en
    assert "Journeys no pack can make" in en and "1,143 km" in en and "less than a minute" in en
    assert "<title>Can Tho</title>" in en
    st, _, en_list = hanoi.go("GET", "/office/scans?lang=en")
    assert "Ho Chi Minh City area – outside Vietnam" in en_list and "10,131 km · 3 places" in en_list
    # the window is checked; an old window still shows today's
    assert hanoi.go("GET", "/office/scans?days=0")[0] == 422
    assert hanoi.go("GET", "/office/scans?days=1")[0] == 200
    assert hanoi.go("GET", "/office/scans?since=1")[0] == 422
    # scope: another province sees nothing of it
    hcm = signed_in(ctx, "scans.office@hcm.test", "office", ("--province", "79"))
    st, _, other = hcm.go("GET", "/office/scans")
    assert st == 200 and serial not in other
    assert hcm.go("GET", "/office/scans/" + serial)[0] == 403
    commune = signed_in(ctx, "scans.commune@battrang.test", "commune", ("--ward", "00577"))
    assert serial in commune.go("GET", "/office/scans")[2]
    council = signed_in(ctx, "scans.council@hanoi.test", "council", ("--province", "01"))
    assert council.go("GET", "/office/scans")[0] == 403
    assert hanoi.go("GET", "/office/scans/NOTASERIAL")[0] == 404
    assert hanoi.go("GET", "/office/scans/" + "0" * 20)[0] == 404
    # the same for machine clients, with a token
    lst = expect(ctx.get("/api/v1/stamps/suspected?days=7", token="office"), 200).json
    assert lst["days"] == 7 and lst["since"] > 0
    mine = [i for i in lst["items"] if i["serial"] == serial]
    assert len(mine) == 1 and mine[0]["suspected"] == 2 and mine[0]["located"] == 3, mine
    assert mine[0]["province"] == "01" and mine[0]["lot"] == "LOF"
    assert mine[0]["first_at"] <= mine[0]["last_at"]
    assert serial not in [i["serial"] for i in
                          expect(ctx.get("/api/v1/stamps/suspected", token="office_hcm"), 200)
                          .json["items"]]
    one = expect(ctx.get("/api/v1/stamps/%s/scans" % serial, token="office"), 200).json
    assert [x["verdict"] for x in one["scans"]][-1] == "genuine" and len(one["scans"]) == 3
    assert one["scans"][0]["at"] >= one["scans"][-1]["at"]  # newest first
    assert round(one["scans"][-1]["lat"], 2) == 21.03
    assert one["scans"][-1]["place"] == {
        "kind": "ward", "province_code": "01", "ward_code": "00070",
        "name": "Phường Hoàn Kiếm, Hà Nội", "name_en": "Hoan Kiem Ward, Hanoi",
        "brief": "Hà Nội", "brief_en": "Hanoi"}, one["scans"][-1]
    assert one["scans"][1]["place"]["kind"] == "near" and \
        one["scans"][1]["place"]["province_code"] == "79" and \
        0 < one["scans"][1]["place"]["km"] < 2
    assert one["scans"][0]["place"]["kind"] == "abroad"
    assert one["scans"][0]["place"]["province_code"] is None
    assert [(j["later"], j["earlier"]) for j in one["far_apart"]] == [(0, 1), (1, 2)]
    assert one["far_apart"][1]["km"] == 1143 and one["far_apart"][1]["minutes"] == 0
    assert mine[0]["places"]["count"] == 3
    assert mine[0]["places"]["farthest"]["km"] == 10131
    assert [p["kind"] for p in mine[0]["places"]["farthest"]["places"]] == ["near", "abroad"]
    expect(ctx.get("/api/v1/stamps/%s/scans" % serial, token="office_hcm"), 403)
    expect(ctx.get("/api/v1/stamps/%s/scans" % serial, token="council"), 403)
    expect(ctx.get("/api/v1/stamps/%s/scans" % serial), 401)
    expect(ctx.get("/api/v1/stamps/NOTASERIAL/scans", token="office"), 404)
    expect(ctx.get("/api/v1/stamps/suspected?days=400", token="office"), 422)
    expect(ctx.get("/api/v1/stamps/suspected?x=1", token="office"), 422)
    # and both answers carry only what docs/openapi.yaml documents
    from test_openapi import names_in, spec_lines, undocumented
    lines = spec_lines(ctx)
    msgs = undocumented(lst, names_in(lines, "SuspectedStampList"), "suspected",
                        "SuspectedStampList")
    msgs += undocumented(one, names_in(lines, "StampScans"), "scans", "StampScans")
    assert not msgs, msgs


def test_suspected_stamps_are_kept_one_row_each_also_after_a_migration(ctx):
    """The office's list walks stamp_suspects (0009): one row per stamp, its newest
    suspected scan, written with each batch of scans; a database of the version before gets the
    rows of the scans it already has when migrated, and the list shows them again."""
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LSU", 1))[0]
    serial = _path(uri).split("/v/")[1].split("?")[0]
    _verify(ctx, uri, extra="&lat=21.03&lon=105.85")
    time.sleep(0.3)
    assert _verify(ctx, uri, extra="&lat=10.78&lon=106.70")["verdict"] == "suspected_copy"
    time.sleep(0.3)
    assert _verify(ctx, uri, ua="again", extra="&lat=21.03&lon=105.85")["verdict"] == \
        "suspected_copy"
    time.sleep(0.4)

    def rows():
        con = sqlite3.connect(ctx.db)
        got = con.execute(
            "SELECT g.last_at, (SELECT max(at) FROM scans WHERE stamp_id = g.stamp_id AND "
            "verdict = 'suspected_copy'), (SELECT count(*) FROM scans WHERE stamp_id = "
            "g.stamp_id AND verdict = 'suspected_copy') FROM stamp_suspects g JOIN stamps s "
            "ON s.id = g.stamp_id WHERE s.serial = ?", (serial,)).fetchall()
        con.close()
        return got

    (last_at, newest, n), = rows()
    assert n == 2 and last_at == newest  # one row for two suspected scans, the newer one's time
    listed = lambda: [i["serial"] for i in expect(ctx.get("/api/v1/stamps/suspected",
                                                          token="office"), 200).json["items"]]
    assert serial in listed()
    # the database as version 8 had it: no table, the partial index
    con = sqlite3.connect(ctx.db)
    con.executescript("DROP TABLE stamp_suspects; "
                      "CREATE INDEX scans_suspected ON scans(at) "
                      "WHERE verdict = 'suspected_copy'; PRAGMA user_version = 8;")
    con.close()
    p = ctx.cli("db", "init", check=True)
    assert "from version 8 to " in p.stdout + p.stderr, p.stdout + p.stderr
    assert rows() == [(last_at, newest, 2)]
    assert serial in listed()
    con = sqlite3.connect(ctx.db)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'scans_suspected'"
                       ).fetchone()[0] == 0
    con.close()


def test_the_office_scans_pages_name_places_in_both_languages(ctx):
    """A stamp scanned at Bát Tràng, near Đà Nẵng's centre and in Hoàng Sa: each scan is
    named (the ward in Hanoi, the distance from the nearest provincial seat, the zone),
    the journeys no pack can make name both ends, the list gives the farthest two places,
    and the picture's seats are labelled, in Vietnamese and in English."""
    import html as htmlmod
    from test_pages_office import accessible, signed_in
    _setup(ctx)
    uri = _uris(ctx, _issue(ctx, "stamp_plain", "LPL", 1))[0]
    serial = _path(uri).split("/v/")[1].split("?")[0]
    for ua, pos in (("a", "&lat=20.976&lon=105.9125"), ("b", "&lat=16.0612&lon=108.2275"),
                    ("c", "&lat=16.53&lon=111.61")):
        _verify(ctx, uri, ua=ua, extra=pos)
        time.sleep(0.3)  # the scan logger writes every 100 ms
    b = signed_in(ctx, "places.office@hanoi.test")
    st, _, vi_page = b.go("GET", "/office/scans/" + serial)
    assert st == 200
    accessible(vi_page)
    text = htmlmod.unescape(vi_page)
    assert "Xã Bát Tràng, Hà Nội" in text
    assert "cách trung tâm Đà Nẵng 1 km" in text
    assert "Đặc khu Hoàng Sa, Đà Nẵng" in text
    assert "Ở Hoàng Sa, Trường Sa (ngoài khung hình): 1." in text
    journeys = text[text.index("Những quãng đường một sản phẩm không thể đi"):]
    journeys = journeys[:journeys.index("</table>")]
    assert "Xã Bát Tràng, Hà Nội" in journeys and "cách trung tâm Đà Nẵng 1 km" in journeys
    assert "598 km" in journeys and "365 km" in journeys, journeys
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert ">Đà Nẵng</text>" in svg and ">Hà Nội</text>" in svg
    st, _, en_page = b.go("GET", "/office/scans/%s?lang=en" % serial)
    text = htmlmod.unescape(en_page)
    assert "Bat Trang Commune, Hanoi" in text and "1 km from Da Nang's centre" in text
    assert "Hoang Sa Special Zone, Da Nang" in text and "Journeys no pack can make" in text
    assert "In Hoàng Sa or Trường Sa (off the picture): 1." in text
    assert ">Da Nang</text>" in text
    st, _, lst = b.go("GET", "/office/scans")
    row = htmlmod.unescape(lst[lst.index(serial):])
    row = row[:row.index("</tr>")]
    assert "Hà Nội – Hoàng Sa, Đà Nẵng" in row and "3 nơi" in row, row
    st, _, lst = b.go("GET", "/office/scans?lang=en")
    row = htmlmod.unescape(lst[lst.index(serial):])
    row = row[:row.index("</tr>")]
    assert "Hanoi – Hoang Sa, Da Nang" in row and "3 places" in row, row
