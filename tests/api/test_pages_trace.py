"""Traceability on the pages: the section of a product's office page (the history with
retracted events marked, the form to record an event, retracting with a reason) and the
stamp page's timeline, in Vietnamese and English, every byte of data escaped."""
import datetime
import html as htmlmod
import re

from run import expect, vi
from test_pages_office import HOSTILE, accessible, form, post, signed_in
from test_trace import _setup, _uri


def _section(page):
    m = re.search(r'<section id="trace">.*?</section>', page, re.S)
    assert m, "no traceability section on the page"
    return m.group(0)


def test_the_office_records_an_event_through_the_products_page(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    b = signed_in(ctx, "web.trace@hanoi.test")
    st, _, page = b.go("GET", "/office/products/%d/edit" % pid)
    assert st == 200, st
    accessible(page)
    sec = _section(page)
    assert "<h2>Truy xuất nguồn gốc</h2>" in sec and "Ghi sự kiện mới" in sec
    f = form(page, "/office/products/%d/trace" % pid)
    # the pickers: every kind with its Vietnamese name, the product's lots, the province's wards
    assert f["selects"]["kind"][1:] == ["planting", "raw_material", "harvest", "processing",
                                        "packing", "quality_test", "storage", "shipping", "other"]
    assert 'Gieo trồng, chăn nuôi</option>' in sec and "Kiểm nghiệm chất lượng</option>" in sec
    assert str(ctx.ids["lot_a"]) in f["selects"]["batch_id"] and "" in f["selects"]["batch_id"]
    assert str(ctx.ids["lot_pv"]) not in f["selects"]["batch_id"]  # another product's lot
    assert "00577" in f["selects"]["ward_code"] and len(f["selects"]["ward_code"]) > 100
    f["fields"].update({"kind": "harvest", "at": "2026-01-03", "at_time": "07:15",
                        "description": HOSTILE + "\nDòng hai", "ward_code": "00577",
                        "place": "Lò <B>", "batch_id": str(ctx.ids["lot_a"])})
    st, loc, _ = post(b, "/office/products/%d/trace" % pid, f["fields"])
    assert st == 303 and loc == "/office/products/%d/edit?done=traced#trace" % pid, (st, loc)
    st, _, page = b.go("GET", loc.split("#")[0])
    assert st == 200 and "Đã ghi sự kiện truy xuất nguồn gốc." in page
    sec = _section(page)
    assert HOSTILE not in page and "<script>alert" not in page
    assert htmlmod.escape(HOSTILE).replace("&#x27;", "&#39;") in sec
    assert "Lò &lt;B&gt;, Xã Bát Tràng, Hà Nội" in sec
    assert '<time datetime="2026-01-03T00:15:00Z">03/01/2026 07:15</time>' in sec
    assert "Thu hoạch" in sec and "Lô TA-1" in sec and "Ghi bởi web.trace@hanoi.test" in sec
    # in English, the redirect keeps the language before the fragment
    st, h, _ = b.go("POST", "/office/products/%d/trace?lang=en" % pid,
                    dict(f["fields"], description="Recorded in English", batch_id="",
                         at_time="", place=""))
    assert st == 303 and h["Location"] == \
        "/office/products/%d/edit?done=traced&lang=en#trace" % pid, (st, h["Location"])
    st, _, page = b.go("GET", "/office/products/%d/edit?done=traced&lang=en" % pid)
    assert "The trace event was recorded." in page and "<h2>Traceability</h2>" in page
    assert "Harvest" in _section(page) and "Record an event" in page
    # the API sees what the form recorded, the day and time as Vietnam's clock said them
    items = ctx.get("/api/v1/products/%d/trace?lot=TA-1" % pid).json["items"]
    e = [x for x in items if x["description"] == HOSTILE + "\nDòng hai"][0]
    assert e["at"] == "2026-01-03T00:15:00Z" and e["place"] == "Lò <B>" and e["lot"] == "TA-1"
    # and a shopper scanning a stamp of lot TA-1 sees it on the timeline, escaped
    page = ctx.get(_uri(ctx, ctx.ids["lot_a"])).text
    assert '<ol class="timeline">' in page and "<script>alert" not in page
    assert htmlmod.escape(HOSTILE).replace("&#x27;", "&#39;") in page
    assert 'name="viewport" content="width=device-width,initial-scale=1"' in page


def test_a_bad_event_form_marks_every_field_and_keeps_what_was_typed(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    b = signed_in(ctx, "web.trace@hanoi.test")
    before = ctx.get("/api/v1/products/%d/trace" % pid).json["total"]
    _, _, page = b.go("GET", "/office/products/%d/edit" % pid)
    f = form(page, "/office/products/%d/trace" % pid)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    f["fields"].update({"kind": "", "at": tomorrow, "at_time": "", "description": "",
                        "ward_other": "99999", "place": "Thôn <Giang Cao>", "batch_id": "12abc"})
    st, _, page = post(b, "/office/products/%d/trace" % pid, f["fields"])
    assert st == 422, st
    accessible(page)
    sec = _section(page)
    want = {"kind": None, "at": vi("at is in the future: a trace event records what has happened"),
            "description": None, "ward_other": vi("no ward or commune has that code"),
            "batch_id": None}
    for field, msg in want.items():
        m = re.search(r'<[^>]* id="f-%s-%d" name="%s"[^>]*>' % (field, pid, field), sec)
        assert m and 'aria-invalid="true"' in m.group(0), field
        assert 'href="#f-%s-%d"' % (field, pid) in sec, field
        if msg:
            assert htmlmod.escape(msg, False) in sec, (field, msg)
    assert "Chưa lưu được; hãy sửa 5 mục sau" in sec
    # the product's own form above is untouched by the section's error
    assert 'aria-invalid="true"' not in page[:page.index('<section id="trace">')]
    again = form(page, "/office/products/%d/trace" % pid)["fields"]
    assert again["at"] == tomorrow and again["ward_other"] == "99999" and again["batch_id"] == ""
    assert "Thôn &lt;Giang Cao&gt;" in sec
    assert ctx.get("/api/v1/products/%d/trace" % pid).json["total"] == before, "nothing written"
    # in English, the same list in English
    st, _, page = b.go("POST", "/office/products/%d/trace?lang=en" % pid, f["fields"])
    assert st == 422 and "please correct these 5 fields" in page and "Traceability" in page
    assert "at is in the future" in page and "Record the event" in page


def test_a_wrong_event_is_retracted_with_its_reason_and_stays_marked(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    b = signed_in(ctx, "web.trace@hanoi.test")
    _, _, page = b.go("GET", "/office/products/%d/edit" % pid)
    f = form(page, "/office/products/%d/trace" % pid)
    f["fields"].update({"kind": "storage", "at": "2026-01-04", "description": "Kho ghi nhầm"})
    st, _, _ = post(b, "/office/products/%d/trace" % pid, f["fields"])
    assert st == 303
    eid = [x for x in ctx.get("/api/v1/products/%d/trace" % pid).json["items"]
           if x["description"] == "Kho ghi nhầm"][0]["id"]
    path = "/office/products/%d/trace/%d/retract" % (pid, eid)
    _, _, page = b.go("GET", "/office/products/%d/edit" % pid)
    rf = form(page, path)
    st, _, page = post(b, path, dict(rf["fields"], reason="  "))
    assert st == 422 and 'id="e-reason-%d"' % eid in page, st
    assert "<details open>" in page
    st, loc, _ = post(b, path, dict(rf["fields"], reason="Ghi nhầm <kho>"))
    assert st == 303 and loc == "/office/products/%d/edit?done=retracted#trace" % pid, (st, loc)
    _, _, page = b.go("GET", "/office/products/%d/edit?done=retracted" % pid)
    sec = _section(page)
    li = re.search(r'<li class="retracted">(?:(?!</li>).)*Kho ghi nhầm.*?</li>', sec, re.S)
    assert li, sec
    assert "Đã rút lại" in li.group(0) and "Ghi nhầm &lt;kho&gt;" in li.group(0)
    assert "web.trace@hanoi.test" in li.group(0) and path not in page  # no second retraction
    assert eid not in [x["id"] for x in ctx.get("/api/v1/products/%d/trace" % pid).json["items"]]
    # posting it again: 409, nothing changes; another product's event under this path: 404
    st, _, _ = post(b, path, dict(rf["fields"], reason="lại"))
    assert st == 409, st
    other = ctx.post("/api/v1/trace-events", {"product_id": ctx.ids["trace_pv"], "kind": "other",
                                              "at": "2026-01-01", "description": "PV"},
                     token="admin").json["id"]
    st, _, _ = post(b, "/office/products/%d/trace/%d/retract" % (pid, other),
                    dict(rf["fields"], reason="x"))
    assert st == 404, st


def test_the_forms_need_a_session_the_csrf_token_and_the_rights(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    b = signed_in(ctx, "web.trace@hanoi.test")
    for path in ("/office/products/%d/trace" % pid, "/office/products/%d/trace/1/retract" % pid):
        for extra in ({}, {"csrf": "x" * 43}):
            st, _, _ = b.go("POST", path, dict(extra, kind="harvest", at="2026-01-01",
                                               description="Không được lưu", reason="x"))
            assert st == 403, (path, extra, st)
    from test_web_auth import Browser
    st, h, _ = Browser(ctx).go("POST", "/office/products/%d/trace" % pid, {"kind": "harvest"})
    assert st in (303, 403), st  # no session: to the sign-in page, or refused
    # the producer of another product sees neither the page nor may post to it
    pv = signed_in(ctx, "web.owner@trace-b.test", "producer", ("--producer",
                                                                str(ctx.ids["trace_pv_producer"])))
    st, _, _ = pv.go("GET", "/office/products/%d/edit" % pid)
    assert st == 403, st
    _, _, own = pv.go("GET", "/office/products/%d/edit" % ctx.ids["trace_pv"])
    f = form(own, "/office/products/%d/trace" % ctx.ids["trace_pv"])
    st, _, _ = post(pv, "/office/products/%d/trace" % pid,
                    dict(f["fields"], kind="harvest", at="2026-01-01", description="Không được lưu"))
    assert st == 403, st
    assert not [x for x in ctx.get("/api/v1/products/%d/trace" % pid).json["items"]
                if x["description"] == "Không được lưu"]
    # a council member has no traceability section at all
    c = signed_in(ctx, "web.council.trace@hanoi.test", "council")
    st, _, page = c.go("GET", "/office/products/%d/edit" % pid)
    assert st == 403 or 'id="trace"' not in page


def test_the_stamp_pages_timeline_in_both_languages(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    ctx.post("/api/v1/trace-events", {"product_id": pid, "kind": "shipping",
                                      "at": "2026-01-20T09:05:00+07:00", "lot": "TA-1",
                                      "description": "Xe lạnh đến kho Long Biên",
                                      "ward_code": "00145", "place": "Kho phân phối"},
             token="admin")
    path = _uri(ctx, ctx.ids["lot_a"])
    page = ctx.get(path).text
    tl = re.search(r'<ol class="timeline">.*?</ol>', page, re.S).group(0)
    # one item an event, oldest first, each with its time, kind, lot and place
    def order(t):  # a day from its 00:00 in Vietnam, a moment as it is
        if len(t) == 10:
            return datetime.datetime.fromisoformat(t) - datetime.timedelta(hours=7)
        return datetime.datetime.fromisoformat(t[:-1])
    times = re.findall(r'<time datetime="([^"]+)">', tl)
    assert len(times) >= 2 and times == sorted(times, key=order), times
    li = [x for x in re.findall(r"<li>.*?</li>", tl, re.S) if "Xe lạnh" in x][0]
    assert '<time datetime="2026-01-20T02:05:00Z">20/01/2026 09:05</time>' in li
    assert '<span class="kind">Vận chuyển</span>' in li and '<span class="lot">Lô TA-1</span>' in li
    assert "Kho phân phối, Phường Long Biên, Hà Nội" in li
    assert "Giờ Việt Nam." in page and "Đóng hộp lô B" not in page
    page = ctx.get(path + "&lang=en").text
    assert "<h2>Origin and history</h2>" in page and '<span class="kind">Shipping</span>' in page
    assert "Kho phân phối, Long Bien Ward, Hanoi" in page and "Times are Vietnam time." in page


def _origin(page, heading):
    """The product page's origin and history section, or None."""
    m = re.search(r'<section class="trace"><h2>%s</h2>.*?</section>' % heading, page, re.S)
    return m.group(0) if m else None


def test_the_product_page_shows_the_product_wide_history(ctx):
    _setup(ctx)
    pid = ctx.ids["trace_bt"]
    ev = lambda **f: expect(ctx.post("/api/v1/trace-events", dict(product_id=pid, **f),
                                     token="admin"), 201).json
    ev(kind="raw_material", at="2025-12-01", description="Đất sét <trắng> từ mỏ",
       ward_code="00577", place="Mỏ đất")
    ev(kind="quality_test", at="2026-01-10T08:30:00+07:00", description="Kiểm nghiệm men chì")
    ev(kind="processing", at="2026-01-11", lot="TA-1", description="Chỉ riêng lô TA-1 nung")
    gone = ev(kind="other", at="2026-01-12", description="Ghi nhầm trên trang sản phẩm")
    expect(ctx.post("/api/v1/trace-events/%d/retract" % gone["id"], {"reason": "Nhầm"},
                    token="admin"), 200)
    page = ctx.get("/products/%d" % pid).text
    sec = _origin(page, "Nguồn gốc và hành trình")
    assert sec, "no origin and history section"
    # every product-wide event the API shows to everyone, and nothing else, oldest first
    wide = [x for x in ctx.get("/api/v1/products/%d/trace" % pid).json["items"]
            if x["lot"] is None]
    items = re.findall(r"<li>.*?</li>", sec, re.S)
    assert len(items) == len(wide), (len(items), len(wide))
    times = re.findall(r'<time datetime="([^"]+)">', sec)
    assert times == [x["at"] for x in wide], times
    assert "Đất sét &lt;trắng&gt; từ mỏ" in sec and "<trắng>" not in page
    assert '<span class="kind">Nguyên liệu</span>' in sec and "Mỏ đất, Xã Bát Tràng, Hà Nội" in sec
    assert '<time datetime="2026-01-10T01:30:00Z">10/01/2026 08:30</time>' in sec
    assert "Kiểm nghiệm chất lượng" in sec and "Giờ Việt Nam." in sec
    # a lot's step only on that lot's stamps, which one line says; a retracted one nowhere
    assert "Chỉ riêng lô TA-1" not in page and '<span class="lot">' not in sec
    assert "hiện ra khi quét tem OCOP" in sec
    assert "Ghi nhầm trên trang sản phẩm" not in page
    en = ctx.get("/products/%d?lang=en" % pid).text
    sec = _origin(en, "Origin and history")
    assert sec and "Nguồn gốc và hành trình" not in en
    assert '<span class="kind">Raw materials</span>' in sec and "Quality test" in sec
    assert "Mỏ đất, Bat Trang Commune, Hanoi" in sec and "Times are Vietnam time." in sec
    assert "appear when its OCOP stamp is scanned" in sec
    assert "Chỉ riêng lô TA-1" not in en and "Ghi nhầm trên trang sản phẩm" not in en


def test_the_product_page_has_no_history_without_events(ctx):
    _setup(ctx)  # a product of these tests' own producer, in a ward no other test counts
    p = expect(ctx.post("/api/v1/products", {"name": "Bát chưa có lịch sử",
                                             "group": "crafts.household",
                                             "producer_id": ctx.ids["trace_bt_producer"]},
                        token="admin"), 201).json
    for lang, heading in (("", "Nguồn gốc và hành trình"), ("?lang=en", "Origin and history")):
        page = ctx.get("/products/%d%s" % (p["id"], lang)).text
        assert heading not in page and 'class="timeline"' not in page, lang
        assert 'class="trace"' not in page, lang
    # one event of the whole product: the section, without the line on lots
    expect(ctx.post("/api/v1/trace-events", {"product_id": p["id"], "kind": "harvest",
                                             "at": "2026-01-02", "description": "Lấy đất"},
                    token="admin"), 201)
    page = ctx.get("/products/%d" % p["id"]).text
    sec = _origin(page, "Nguồn gốc và hành trình")
    assert sec and "Lấy đất" in sec and "Thu hoạch" in sec
    assert "quét tem" not in sec and "Giờ Việt Nam." not in sec  # a day, no time of day
