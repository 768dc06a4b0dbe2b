"""The public web pages: home, catalogue (search, filters, pages), product, producer and
craft-village pages, the map; Vietnamese by default, English by ?lang=en, links keep the
language, hostile names come out escaped."""
import csv
import datetime
import html as htmllib
import os
import re
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from run import expect, free_port

HTML = {"Accept": "text/html"}
WARD = "00565"  # Xã Gia Lâm: the records of these tests live there
HOSTILE = "<script>alert(\"x\")</script> 'Hộ' & \"Cơ sở\" x\u0301 <img src=x onerror=alert(1)>"


def page(ctx, path, status=200):
    r = ctx.get(path, headers=HTML)
    assert r.status == status, (path, r)
    assert r.headers["Content-Type"].startswith("text/html"), (path, r.headers["Content-Type"])
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    return r.text


def main_part(html):
    """The page's own content (between <main> and </main>), without the shared top bar."""
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def hrefs(html):
    """The local links of a page's content, as URLs (attribute escapes undone)."""
    return [htmllib.unescape(h) for h in re.findall(r'href="(/[^"]*)"', main_part(html))]


def plain(html):
    """The page with attribute escapes in links undone, to match links as written."""
    return re.sub(r'href="([^"]*)"', lambda m: 'href="%s"' % htmllib.unescape(m.group(1)), html)


def day(delta):
    return (datetime.date.today() + datetime.timedelta(days=delta))


def dmy(d):
    return d.strftime("%d/%m/%Y")


def _setup(ctx):
    """Once per run: a craft village, and a producer whose four products hold a valid, an
    expiring, an expired and a revoked certificate (loaded by `ocop import products`)."""
    if "pp_village" in ctx.ids:
        return ctx.ids
    v = expect(ctx.post("/api/v1/villages", {
        "name": "Làng tranh Đông Hồ thử trang", "ward_code": WARD, "craft": "Tranh dân gian",
        "recognised": True, "recognised_year": 2001, "households": 1234, "workers": 5678,
        "revenue_vnd": 1500000000000, "description": "Làng tranh\nbên sông Đuống."},
        token="office"), 201).json
    header = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
              "producer_address", "product_name", "product_group", "village_name",
              "certificate_number", "decision_number", "decision_date", "stars", "valid_until",
              "revoked_at", "revoke_reason"]
    prod = ["HTX Tranh giấy điệp Kiemtrang", "cooperative", "0109200001", WARD,
            "Thôn Kiêu Kỵ, Xã Gia Lâm"]
    rows = [
        prod + ["Tranh điệp Kiemtrang hiệu lực", "crafts.household", v["name"], "PP-WEB-V",
                "101/QĐ-UBND", day(-100).isoformat(), "5", "", "", ""],
        prod + ["Tranh điệp Kiemtrang sắp hạn", "crafts.household", "", "PP-WEB-E",
                "102/QĐ-UBND", day(-1000).isoformat(), "4", day(30).isoformat(), "", ""],
        prod + ["Tranh điệp Kiemtrang hết hạn", "crafts.household", "", "PP-WEB-X",
                "103/QĐ-UBND", day(-1200).isoformat(), "3", day(-10).isoformat(), "", ""],
        prod + ["Tranh điệp Kiemtrang thu hồi", "food.grain_processed", "", "PP-WEB-R",
                "104/QĐ-UBND", day(-300).isoformat(), "4", "", day(-5).isoformat(),
                "Vi phạm <b>nhãn</b> & \"ghi sai\""],
    ]
    path = os.path.join(ctx.tmp, "pages_public.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    p = ctx.cli("import", "products", path)
    assert p.returncode == 0, p.stderr
    items = expect(ctx.get("/api/v1/products?q=kiemtrang&per_page=50"), 200).json["items"]
    by = {i["certificate"]["number"]: i for i in items}
    assert sorted(by) == ["PP-WEB-E", "PP-WEB-R", "PP-WEB-V", "PP-WEB-X"], sorted(by)
    ctx.ids.update({"pp_village": v["id"], "pp_producer": by["PP-WEB-V"]["producer_id"],
                    "pp_products": by})
    return ctx.ids


def _product(ctx, name, producer="producer_bt", **extra):
    body = {"name": name, "group": "crafts.household", "producer_id": ctx.ids[producer]}
    body.update(extra)
    return expect(ctx.post("/api/v1/products", body, token="admin"), 201).json


def test_every_page_answers_html_in_vietnamese_and_english(ctx):
    ids = _setup(ctx)
    pid = ids["pp_products"]["PP-WEB-V"]["id"]
    for path in ["/", "/products", "/products/%d" % pid, "/producers/%d" % ids["pp_producer"],
                 "/villages/%d" % ids["pp_village"], "/map"]:
        vi = page(ctx, path)
        assert '<html lang="vi">' in vi, path
        assert "<script" not in vi.lower(), path
        sep = "&" if "?" in path else "?"
        en = page(ctx, path + sep + "lang=en")
        assert '<html lang="en">' in en, path
        vi2 = page(ctx, path + sep + "lang=vi")
        assert '<html lang="vi">' in vi2, path
    page(ctx, "/?lang=fr", 422)


def test_home_shows_counts_sectors_map_and_featured(ctx):
    ids = _setup(ctx)
    html = plain(main_part(page(ctx, "/")))
    assert 'action="/products"' in html and 'name="q"' in html
    for stars in (3, 4, 5):
        total = ctx.get("/api/v1/products?per_page=1&stars=%d" % stars).json["total"]
        assert re.search(r'href="/products\?stars=%d">.*?<b>%s</b>' % (stars, total), html), stars
    for sector in ("food", "drinks", "herbal", "crafts", "ornamental", "tourism"):
        assert 'href="/products?sector=%s"' % sector in html
    assert 'href="/map"' in html
    assert "Tranh điệp Kiemtrang hiệu lực" in html, "a valid 5-star product is featured"
    en = plain(main_part(page(ctx, "/?lang=en")))
    assert "Featured 5-star products" in en and 'href="/map?lang=en"' in en


def test_catalog_search_folds_vietnamese(ctx):
    _setup(ctx)
    p = _product(ctx, "Bình hút lộc Bát Tràng trang web")
    try:
        for q in ("bat+trang", "B%C3%A1t+Tr%C3%A0ng", "BAT%20TRANG+binh+hut"):
            html = main_part(page(ctx, "/products?q=" + q))
            assert "Bình hút lộc Bát Tràng trang web" in html, q
            assert 'href="/products/%d"' % p["id"] in html, q
            assert 'value="%s"' % urllib.parse.unquote_plus(q) in html, "the box keeps the search"
        total = ctx.get("/api/v1/products?q=bat+trang").json["total"]
        assert ">%d sản phẩm khớp với" % total in page(ctx, "/products?q=bat+trang")
        html = main_part(page(ctx, "/products?q=zzqqxxkhongco"))
        assert "Không tìm thấy sản phẩm nào" in html and 'class="card"' not in html
        assert "No product matches" in page(ctx, "/products?q=zzqqxxkhongco&lang=en")
    finally:
        ctx.delete("/api/v1/products/%d" % p["id"], token="admin")


def _names(html):
    return sorted(re.findall(r'<li class="card"><a href="/products/\d+[^"]*">([^<]*)</a>', html))


def test_catalog_filters(ctx):
    ids = _setup(ctx)
    mine = lambda q: [n for n in _names(page(ctx, "/products?q=kiemtrang&" + q))]
    assert mine("") == sorted(["Tranh điệp Kiemtrang hiệu lực", "Tranh điệp Kiemtrang sắp hạn",
                               "Tranh điệp Kiemtrang hết hạn", "Tranh điệp Kiemtrang thu hồi"])
    assert mine("stars=5") == ["Tranh điệp Kiemtrang hiệu lực"]
    assert mine("stars=4") == ["Tranh điệp Kiemtrang sắp hạn", "Tranh điệp Kiemtrang thu hồi"]
    assert mine("certificate=valid") == ["Tranh điệp Kiemtrang hiệu lực"]
    assert mine("certificate=expiring") == ["Tranh điệp Kiemtrang sắp hạn"]
    assert mine("certificate=expired") == ["Tranh điệp Kiemtrang hết hạn"]
    assert mine("certificate=revoked") == ["Tranh điệp Kiemtrang thu hồi"]
    assert mine("sector=food") == ["Tranh điệp Kiemtrang thu hồi"]
    assert mine("village=%d" % ids["pp_village"]) == ["Tranh điệp Kiemtrang hiệu lực"]
    assert len(mine("producer=%d" % ids["pp_producer"])) == 4
    assert len(mine("ward=" + WARD)) == 4 and mine("ward=00577") == []
    # empty fields, as a form without script sends them, mean "any"
    assert len(mine("sector=&stars=&certificate=&ward=&village=&producer=&page=")) == 4
    # the form shows what is chosen, and the craft villages of the chosen ward
    html = page(ctx, "/products?ward=%s&stars=4&certificate=revoked" % WARD)
    assert '<option value="%s" selected>Xã Gia Lâm</option>' % WARD in html
    assert '<option value="4" selected>' in html and '<option value="revoked" selected>' in html
    assert '<option value="%d">Làng tranh Đông Hồ thử trang</option>' % ids["pp_village"] in html
    # a producer filter has no field of its own: it is shown, with a link that removes it
    html = plain(page(ctx, "/products?q=kiemtrang&producer=%d" % ids["pp_producer"]))
    assert "HTX Tranh giấy điệp Kiemtrang" in html and 'href="/products?q=kiemtrang">' in html


def test_catalog_cards_say_the_certificate_status_in_words(ctx):
    _setup(ctx)
    html = page(ctx, "/products?q=kiemtrang")
    assert "Chứng nhận còn hiệu lực đến" in html
    assert "Sắp hết hạn: hiệu lực đến " + dmy(day(30)) in html
    assert "Chứng nhận đã hết hạn từ " + dmy(day(-9)) in html
    assert "Chứng nhận đã bị thu hồi ngày " + dmy(day(-5)) in html
    assert 'aria-label="5 sao"' in html and "HTX Tranh giấy điệp Kiemtrang" in html
    assert "Xã Gia Lâm" in html
    en = page(ctx, "/products?q=kiemtrang&lang=en")
    assert "Expiring soon: valid until " + dmy(day(30)) in en
    assert "Certificate expired since " + dmy(day(-9)) in en
    assert "Certificate revoked on " + dmy(day(-5)) in en and "Gia Lam Commune" in en


def test_catalog_pages_keep_the_filters(ctx):
    _setup(ctx)
    ids = [_product(ctx, "Sản phẩm lật trang web %02d" % n)["id"] for n in range(23)]
    try:
        html = page(ctx, "/products?q=lat+trang+web&lang=en")
        assert len(_names(html)) == 20 and "23 products" in html
        nxt = htmllib.unescape(re.search(r'<a rel="next" href="([^"]+)"', html).group(1))
        assert nxt == "/products?q=lat%20trang%20web&page=2&lang=en", nxt
        assert 'rel="prev"' not in html and "Page 1 / 2" in html
        html2 = page(ctx, nxt)
        assert len(_names(html2)) == 3 and "Page 2 / 2" in html2 and 'rel="next"' not in html2
        prev = htmllib.unescape(re.search(r'<a rel="prev" href="([^"]+)"', html2).group(1))
        assert prev == "/products?q=lat%20trang%20web&lang=en"
        assert set(_names(html)) | set(_names(html2)) == \
            {"Sản phẩm lật trang web %02d" % n for n in range(23)}
        html9 = page(ctx, "/products?q=lat+trang+web&page=9")
        assert _names(html9) == [] and "Không có sản phẩm nào ở trang này" in html9
    finally:
        for i in ids:
            ctx.delete("/api/v1/products/%d" % i, token="admin")


def test_bad_filters_are_422_pages(ctx):
    for q in ("stars=6", "stars=2", "stars=x", "certificate=old", "ward=abc", "ward=99999",
              "sector=toys", "village=0", "village=999999", "producer=-1", "page=0",
              "page=x", "colour=red", "lang=fr", "q=" + "a" * 201):
        html = page(ctx, "/products?" + q, 422)
        assert '<html lang="vi">' in html and "<h1>Yêu cầu không hợp lệ</h1>" in html, q
    assert "<title>Yêu cầu không hợp lệ (422)</title>" in page(ctx, "/products/1?x=1", 422)
    assert "<h1>Yêu cầu không hợp lệ</h1>" in page(ctx, "/map?ward=1", 422)
    assert "<h1>Invalid request</h1>" in page(ctx, "/map?ward=1&lang=en", 422)


def test_unknown_ids_are_404_pages(ctx):
    for path in ("/products/999999", "/products/abc", "/products/0", "/producers/999999",
                 "/villages/999999", "/villages/1x", "/producers/-3"):
        html = page(ctx, path, 404)
        assert "<title>Không tìm thấy trang (404)</title>" in html, path
        assert "<h1>Không tìm thấy trang</h1>" in html and "Mã lỗi 404" in html, path
        assert "abc" not in main_part(html) and "1x" not in main_part(html)
    en = page(ctx, "/products/999999?lang=en", 404)
    assert '<html lang="en">' in en and "<title>Page not found (404)</title>" in en
    assert "<h1>Page not found</h1>" in en and '<a href="/?lang=en">Home page</a>' in en


def test_unknown_paths_are_a_404_page_for_browsers_and_problem_json_for_the_api(ctx):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/nope", "/favicon.ico", "/products/1/nope"):
        html = page(ctx, path, 404)
        assert '<html lang="vi">' in html and "<title>Không tìm thấy trang (404)</title>" in html
        assert "<h1>Không tìm thấy trang</h1>" in html and "Page not found" not in html
        assert '<a href="/">Trang chủ</a>' in main_part(html), html
        r = ctx.get(path, headers={"Accept": browser})
        assert r.status == 404 and r.headers["Content-Type"].startswith("text/html"), r
        for accept in ("application/json", "*/*", None):
            r = ctx.get(path, headers={"Accept": accept} if accept else {})
            assert r.status == 404, r
            assert r.headers["Content-Type"] == "application/problem+json", (path, accept)
            assert r.json["status"] == 404
    en = page(ctx, "/nope?lang=en", 404)
    assert '<html lang="en">' in en and "<h1>Page not found</h1>" in en
    assert '<a href="/?lang=en">Home page</a>' in main_part(en)
    assert ctx.get("/api/v1/nope", headers={"Accept": browser}).headers["Content-Type"] == \
        "application/problem+json"


def test_every_page_has_an_inline_icon(ctx):
    for path in ("/", "/products", "/products/1", "/map", "/nope", "/office/login"):
        r = ctx.get(path, headers=HTML)
        assert '<link rel="icon" href="data:image/svg+xml,' in r.text, path


def test_product_page(ctx):
    ids = _setup(ctx)
    v = ids["pp_products"]["PP-WEB-V"]
    r = ctx.get("/products/%d" % v["id"], headers=HTML)
    assert r.status == 200 and len(r.body) < 50 * 1024, len(r.body)
    html = plain(main_part(r.text))
    assert "<h1>Tranh điệp Kiemtrang hiệu lực</h1>" in html
    assert 'aria-label="5 sao">★★★★★' in html
    assert "Chứng nhận còn hiệu lực đến " + dmy(datetime.date.fromisoformat(
        v["certificate"]["valid_until"])) in html
    assert "PP-WEB-V" in html and "101/QĐ-UBND" in html
    assert 'href="/producers/%d">HTX Tranh giấy điệp Kiemtrang</a>' % ids["pp_producer"] in html
    assert 'href="/villages/%d">Làng tranh Đông Hồ thử trang</a>' % ids["pp_village"] in html
    assert 'href="/products?ward=%s">Xã Gia Lâm</a>' % WARD in html
    assert "Thủ công mỹ nghệ" in html and "Đồ gia dụng, trang trí" in html
    assert "Nơi mua" in html and "Chưa có thông tin điểm bán" in html
    pdf = 'href="/api/v1/certificates/%d/pdf"' % v["certificate"]["id"]
    assert pdf in html
    got = ctx.get("/api/v1/certificates/%d/pdf" % v["certificate"]["id"])
    assert got.status == 200 and got.body.startswith(b"%PDF")
    assert "<svg" in html and "/products/%d</figcaption>" % v["id"] in html, "the QR to itself"
    # the QR image has a name for screen readers, in the page's language
    assert '<figure class="qr"><svg role="img" aria-label="Mã QR địa chỉ của trang này" ' \
        'xmlns="http://www.w3.org/2000/svg"' in html, "the QR's accessible name"
    en = page(ctx, "/products/%d?lang=en" % v["id"])
    assert '<svg role="img" aria-label="QR code of this page&#39;s address" ' in en or \
        '<svg role="img" aria-label="QR code of this page&#x27;s address" ' in en, "QR name (en)"
    # the other products of the producer
    assert "Sản phẩm khác của chủ thể" in html and "Tranh điệp Kiemtrang thu hồi" in html
    r = ids["pp_products"]["PP-WEB-R"]
    html = main_part(page(ctx, "/products/%d?lang=en" % r["id"]))
    assert "Certificate revoked on " + dmy(day(-5)) in html
    assert "Reason: Vi phạm &lt;b&gt;nhãn&lt;/b&gt; &amp; &quot;ghi sai&quot;" in html
    assert "Where to buy" in html and "Download the certificate (PDF)" in html
    # a product without a certificate says so
    p = _product(ctx, "Sản phẩm chưa chứng nhận trang web")
    try:
        html = main_part(page(ctx, "/products/%d" % p["id"]))
        assert "Chưa có chứng nhận OCOP" in html and "chưa có giấy chứng nhận OCOP" in html
        assert "/pdf" not in html
    finally:
        ctx.delete("/api/v1/products/%d" % p["id"], token="admin")


def test_producer_and_village_pages(ctx):
    ids = _setup(ctx)
    html = main_part(page(ctx, "/producers/%d" % ids["pp_producer"]))
    assert "<h1>HTX Tranh giấy điệp Kiemtrang</h1>" in html and "Hợp tác xã" in html
    assert "Thôn Kiêu Kỵ, Xã Gia Lâm" in html and "0109200001" in html
    assert "Sản phẩm (4)" in html and len(_names(html)) == 4
    en = main_part(page(ctx, "/producers/%d?lang=en" % ids["pp_producer"]))
    assert "Cooperative" in en and "Products (4)" in en
    html = main_part(page(ctx, "/villages/%d" % ids["pp_village"]))
    assert "<h1>Làng tranh Đông Hồ thử trang</h1>" in html
    assert "Làng nghề được công nhận năm 2001" in html and "Tranh dân gian" in html
    assert "<dd>1.234</dd>" in html and "<dd>5.678</dd>" in html
    assert "1.500.000.000.000 đồng" in html
    assert _names(html) == ["Tranh điệp Kiemtrang hiệu lực"]
    en = main_part(page(ctx, "/villages/%d?lang=en" % ids["pp_village"]))
    assert "Recognised craft village since 2001" in en and "1,500,000,000,000 VND" in en


def test_hostile_names_are_escaped(ctx):
    _setup(ctx)
    prod = expect(ctx.post("/api/v1/producers", {
        "name": HOSTILE, "kind": "household", "ward_code": WARD, "address": HOSTILE,
        "website": "https://example.vn/?a=1&b=2", "phone": "+84 24 3826 0000"},
        token="admin"), 201).json
    # a website stored before websites were checked, and not an http(s) address
    con = sqlite3.connect(ctx.db)
    con.execute("UPDATE producers SET website = 'javascript:alert(1)' WHERE id = ?", (prod["id"],))
    con.commit()
    con.close()
    body = {"name": HOSTILE + " sản phẩm", "group": "crafts.household", "producer_id": prod["id"],
            "description": HOSTILE, "story": HOSTILE}
    p = expect(ctx.post("/api/v1/products", body, token="admin"), 201).json
    try:
        pages = ["/products/%d" % p["id"], "/producers/%d" % prod["id"],
                 "/products?q=" + urllib.parse.quote(HOSTILE),
                 "/products?producer=%d" % prod["id"], "/products?q=onerror"]
        for path in pages:
            for lang in ("", "&lang=en" if "?" in path else "?lang=en"):
                html = page(ctx, path + lang)
                low = html.lower()
                assert "<script" not in low and "<img" not in low, path
                assert "javascript:" not in low.replace("javascript:alert(1)</dd>", ""), path
                assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, path
                assert "&#39;Hộ&#39; &amp; &quot;Cơ sở&quot; x\u0301" in html, path
        html = page(ctx, "/producers/%d" % prod["id"])
        assert 'href="javascript' not in html and "Trang web" not in html, \
            "only http(s) sites are shown, as links"
        assert 'href="tel:+842438260000"' in html
    finally:
        ctx.delete("/api/v1/products/%d" % p["id"], token="admin")
        ctx.delete("/api/v1/producers/%d" % prod["id"], token="admin")


def test_map(ctx):
    _setup(ctx)
    html = plain(page(ctx, "/map"))
    svg = re.search(r'<svg[^>]*class="map".*?</svg>', html, re.S).group(0)
    assert 'viewBox="0 0 ' in svg and "width=" not in svg.split(">", 1)[0]
    assert svg.count("<path ") == 126
    links = re.findall(r'<a href="/products\?ward=(\d{5})"><title>([^<]+)</title><path fill="#',
                       svg)
    assert len(links) == 126 and len(set(c for c, _ in links)) == 126
    want = ctx.get("/api/v1/wards/" + WARD).json["certified_products"]
    assert want >= 4
    assert (WARD, "Xã Gia Lâm: %d sản phẩm có chứng nhận" % want) in links
    assert 'class="legend"' in html and "chưa có" in html and "trở lên" in html
    # the table says the same, for those who would rather read
    rows = re.findall(r'<tr><td><a href="/products\?ward=(\d{5})">.*?</a></td>'
                      r'<td class="n">(\d+)</td></tr>', html)
    assert len(rows) == 126
    assert dict(rows)[WARD] == str(want)
    counts = [int(n) for _, n in rows]
    assert counts == sorted(counts, reverse=True)
    # the total says how many are still valid: it counts expired and revoked ones too
    valid = sum(ctx.get("/api/v1/products?province=01&per_page=1&certificate=" + st).json["total"]
                for st in ("valid", "expiring"))
    assert valid < sum(counts), "the fixture has expired or revoked certificates in Hanoi"
    assert "Tổng cộng: %s sản phẩm OCOP, %s còn hiệu lực, ở 126 phường, xã." % (
        "{:,}".format(sum(counts)).replace(",", "."), "{:,}".format(valid).replace(",", ".")) in html
    assert "kể cả giấy đã hết hạn hoặc bị thu hồi" in html
    en = plain(page(ctx, "/map?lang=en"))
    assert re.search(r'<a href="/products\?ward=%s&lang=en"><title>Gia Lam Commune: %d '
                     r'certified products</title>' % (WARD, want), en)
    assert "or more" in en or "none" in en
    assert "In all: {:,} OCOP products, {:,} of them with a valid certificate, in 126 wards".format(
        sum(counts), valid) in en


def test_map_without_its_outline_file_still_has_the_table(ctx):
    _setup(ctx)
    port = free_port()
    log_path = os.path.join(ctx.tmp, "server-nomap.log")
    env = dict(os.environ, OCOP_DATA_DIR=os.path.join(ctx.tmp, "no-such-dir"))
    with open(log_path, "w") as log:
        srv = subprocess.Popen([ctx.ocop, "serve", "--db", ctx.db, "--listen",
                                "127.0.0.1:%d" % port], stdout=log, stderr=log, env=env)
    try:
        url = "http://127.0.0.1:%d/map" % port
        deadline = time.time() + 10
        while True:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=HTML),
                                            timeout=10) as r:
                    status, html = r.status, r.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        assert status == 200 and "<svg" not in html
        assert "Bản đồ tạm thời không hiển thị được" in html
        assert len(re.findall(r'<tr><td><a href="/products\?ward', html)) == 126
    finally:
        srv.terminate()
        srv.wait(timeout=10)
    with open(log_path) as f:
        text = f.read()
    assert "ward map" in text and "no-such-dir" in text, text


def test_links_keep_the_language(ctx):
    ids = _setup(ctx)
    pid = ids["pp_products"]["PP-WEB-V"]["id"]
    for path in ["/", "/products?q=kiemtrang", "/products/%d" % pid,
                 "/producers/%d" % ids["pp_producer"], "/villages/%d" % ids["pp_village"],
                 "/map", "/products?ward=00577&page=2"]:
        html = page(ctx, path + ("&" if "?" in path else "?") + "lang=en")
        local = [h for h in hrefs(html) if not h.startswith("/api/")]
        assert local, path
        for h in local:
            assert re.search(r"[?&]lang=en(&|$)", h), (path, h)
        if "<form" in main_part(html):
            assert '<input type="hidden" name="lang" value="en">' in html, path
        # without a language asked for, links stay clean
        assert not [h for h in hrefs(page(ctx, path)) if "lang=" in h], path
