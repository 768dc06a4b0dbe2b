"""The back office's forms: registry (producers, products, villages), the evaluation from
the producer's dossier to the certificate, council sessions and scoring, certificates and
stamps. Every test signs in through the real sign-in form and posts the real forms."""
import base64
import datetime
import hashlib
import html as htmlmod
import re
import sqlite3
import urllib.parse
import urllib.request
from html.parser import HTMLParser

from run import expect, vi
from test_web_auth import Browser, _password_user

PW = "mật khẩu đủ dài 2026"
HOSTILE = "<script>alert('x')</script> \"Gốm\" & <b>men</b>"


# ---------------------------------------------------------------- helpers

class _Forms(HTMLParser):
    """Forms of a page: action, method and fields; labels and ids for the checks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.labels, self.controls, self.ths = [], set(), [], []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"),
                               "fields": {}, "radios": {}, "selects": {}})
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])
        elif tag == "th":
            self.ths.append(a.get("scope"))
        elif tag in ("input", "select", "textarea") and self.forms:
            f = self.forms[-1]
            t = a.get("type", "text")
            if tag != "input" or t not in ("hidden", "submit"):
                self.controls.append((tag, a))
            if tag == "input" and t == "radio":
                f["radios"].setdefault(a["name"], []).append(a["value"])
                if "checked" in a:
                    f["fields"][a["name"]] = a["value"]
            elif tag == "input" and t == "checkbox":
                if "checked" in a:
                    f["fields"][a["name"]] = a.get("value", "on")
            elif tag == "input" and "name" in a:
                f["fields"][a["name"]] = a.get("value", "")
            elif tag == "select":
                self._select = a["name"]
                f["selects"][a["name"]] = []
                f["fields"].setdefault(a["name"], None)
            elif tag == "textarea":
                self._textarea = a["name"]
                f["fields"][a["name"]] = ""
        elif tag == "option" and self._select:
            f = self.forms[-1]
            f["selects"][self._select].append(a.get("value", ""))
            if "selected" in a or f["fields"][self._select] is None:
                f["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def forms(page):
    p = _Forms()
    p.feed(page)
    return p


def form(page, action):
    """The form posting to `action` (a path, matched without the query)."""
    for f in forms(page).forms:
        if f["action"].split("?")[0] == action:
            return f
    raise AssertionError("no form posting to %s in the page" % action)


def scripts_allowed(page, csp):
    """The page's scripts are inline and each is allowed by its hash in the answer's
    Content-Security-Policy (nothing else may run: no src, no event handler attributes)."""
    allowed = re.search(r"script-src ([^;]*)", csp).group(1).split()
    found = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    for attrs, text in found:
        assert not attrs.strip(), "a script with attributes: %r" % attrs
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert "'sha256-%s'" % digest in allowed, "a script the CSP does not allow"
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page, re.I), "an event handler attribute"
    assert "unsafe-inline" not in re.search(r"script-src ([^;]*)", csp).group(1)
    return len(found)


def accessible(page, csp=None):
    """Every visible control has a <label for>; every table header has a scope. No script,
    except (`csp`: the answer's Content-Security-Policy) inline scripts allowed by hash."""
    p = forms(page)
    for tag, a in p.controls:
        assert a.get("id") in p.labels, "%s %r has no <label for>" % (tag, a)
    assert all(s in ("col", "row") for s in p.ths), p.ths
    if csp:
        scripts_allowed(page, csp)
    else:
        assert "<script" not in page.lower().replace("&lt;script", ""), "no script on the pages"
    return page


def post(b, path, fields):
    """Posts a form (fields: the page's values, updated) and returns (status, location, page)."""
    st, h, page = b.go("POST", path, {k: v for k, v in fields.items() if v is not None})
    return st, h.get("Location"), page


def signed_in(ctx, email, role="office", extra=("--province", "01")):
    _password_user(ctx, email, role, extra)
    b = Browser(ctx)
    st, h, _ = b.sign_in(email, PW)
    assert st == 303, (email, st)
    return b


def user_id(ctx, email):
    tok = ctx.cli("token", "create", "--email", email, check=True).stdout.strip()
    return ctx.get("/api/v1/me", token=tok).json["id"]


def raw_get(b, path):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (b.ctx.port, path),
                                 headers={"Accept": "text/html"})
    with b.opener.open(req, timeout=60) as r:
        return r.status, r.headers, r.read()


def producers(ctx):
    """Two producers of these tests' own, in wards no other test uses (so the other tests'
    searches and counts over the shared fixture stay as they were)."""
    if "web_a" not in ctx.ids:
        for key, name, ward in (("web_a", "HTX Trà Ba Đình", "00004"),
                                ("web_b", "HTX Lụa Ngọc Hà", "00008")):
            ctx.ids[key] = expect(ctx.post("/api/v1/producers", {
                "name": name, "kind": "cooperative", "ward_code": ward}, token="admin"), 201).json["id"]
    return ctx.ids["web_a"], ctx.ids["web_b"]


def create(b, kind, fields):
    st, _, page = b.go("GET", "/office/%s/new" % kind)
    assert st == 200, st
    accessible(page)
    f = form(page, "/office/%s/new" % kind)
    f["fields"].update(fields)
    return post(b, "/office/%s/new" % kind, f["fields"])


# ------------------------------------------------------------------ tests

def test_office_creates_and_edits_records_through_the_forms(ctx):
    b = signed_in(ctx, "web.reg@hanoi.test")
    st, loc, _ = create(b, "producers", {"name": HOSTILE, "kind": "household", "ward_code": "00004",
                                         "tax_code": "0100000777", "members": "12",
                                         "phone": "0912 345 678"})
    assert st == 303 and loc == "/office/producers?done=created", (st, loc)
    prods = ctx.get("/api/v1/producers?ward=00004&per_page=200").json["items"]
    p = [x for x in prods if x["name"] == HOSTILE][0]
    assert p["members"] == 12 and p["tax_code"] == "0100000777", p
    st, _, page = b.go("GET", "/office/producers?done=created")
    assert st == 200 and "Đã tạo" in page and "<script>alert" not in page and HOSTILE not in page
    assert htmlmod.escape(HOSTILE).replace("&#x27;", "&#39;") in page
    accessible(page)
    # a product of it, then an edit that changes the name and clears the GTIN
    st, loc, _ = create(b, "products", {"name": "Cốm làng Vòng thử", "group": "food.grain_processed",
                                        "producer_id": str(p["id"]), "gtin": "8935049500018",
                                        "description": "Ngon"})
    assert st == 303, (st, loc)
    prod = [x for x in ctx.get("/api/v1/products?producer=%d" % p["id"]).json["items"]][0]
    assert prod["gtin"] == "08935049500018" and prod["group"] == "food.grain_processed"
    st, _, page = b.go("GET", "/office/products/%d/edit" % prod["id"])
    assert st == 200 and "08935049500018" in page
    accessible(page)
    f = form(page, "/office/products/%d/edit" % prod["id"])
    assert f["fields"]["producer_id"] == str(p["id"]) and f["fields"]["description"] == "Ngon"
    f["fields"].update({"name": "Cốm làng Vòng", "gtin": ""})
    st, loc, _ = post(b, "/office/products/%d/edit" % prod["id"], f["fields"])
    assert st == 303 and loc == "/office/products?done=updated", (st, loc)
    after = ctx.get("/api/v1/products/%d" % prod["id"]).json
    assert after["name"] == "Cốm làng Vòng" and after["gtin"] is None
    assert after["description"] == "Ngon" and after["producer_id"] == p["id"]
    # a craft village: the check box is a boolean both ways
    st, loc, _ = create(b, "villages", {"name": "Làng cốm thử", "craft": "Làm cốm",
                                        "ward_code": "00004", "recognised": "1",
                                        "households": "350"})
    assert st == 303, st
    v = [x for x in ctx.get("/api/v1/villages?ward=00004").json["items"]
         if x["name"] == "Làng cốm thử"][0]
    v = ctx.get("/api/v1/villages/%d" % v["id"]).json
    assert v["recognised"] is True and v["households"] == 350
    st, _, page = b.go("GET", "/office/villages/%d/edit" % v["id"])
    f = form(page, "/office/villages/%d/edit" % v["id"])
    assert f["fields"].get("recognised") == "1"
    del f["fields"]["recognised"]
    st, _, _ = post(b, "/office/villages/%d/edit" % v["id"], f["fields"])
    assert st == 303
    assert ctx.get("/api/v1/villages/%d" % v["id"]).json["recognised"] is False


def test_a_validation_error_shows_the_form_again_with_the_message(ctx):
    b = signed_in(ctx, "web.reg@hanoi.test")
    st, _, page = create(b, "producers", {"name": "", "kind": "household", "ward_code": "00004",
                                          "address": "Thôn <Giang Cao>"})
    assert st == 422, st
    accessible(page)
    assert 'aria-invalid="true"' in page and 'aria-describedby="e-name"' in page
    # the message in the page's language (Vietnamese), under the field and in the summary
    assert 'id="e-name"' in page and page.count(vi("%s is required%.0s", "name", vi("name"))) == 2, page
    assert "name is required" not in page
    assert 'href="#f-name"' in page and 'role="alert"' in page
    assert "Thôn &lt;Giang Cao&gt;" in page          # what was typed comes back, escaped
    st, _, page = create(b, "producers", {"name": "HTX", "kind": "household", "ward_code": "00004",
                                          "members": "mười"})
    assert st == 422 and 'id="e-members"' in page, st
    st, _, page = create(b, "producers", {"name": "HTX", "kind": "household", "ward_code": "00004",
                                          "tax_code": "12"})
    assert st == 422 and 'id="e-tax_code"' in page and vi("a tax code has 10 digits, or 10-3 for a branch") in page
    # on an edit too, with the record unchanged
    pid = ctx.ids["producer_bt"]
    st, _, page = b.go("GET", "/office/producers/%d/edit" % pid)
    f = form(page, "/office/producers/%d/edit" % pid)
    f["fields"]["email"] = "not an e-mail"
    st, _, page = post(b, "/office/producers/%d/edit" % pid, f["fields"])
    assert st == 422 and 'id="e-email"' in page and 'value="not an e-mail"' in page
    assert ctx.get("/api/v1/producers/%d" % pid).json["email"] is None


def test_a_form_marks_every_field_at_fault_at_once(ctx):
    b = signed_in(ctx, "web.reg@hanoi.test")
    bad = {"name": "", "kind": "household", "tax_code": "12ab", "ward_code": "99999",
           "email": "not-an-email", "phone": "abc", "members": "-3", "employees": "nhiều",
           "founded_year": "3000", "website": "ftp:x", "address": "Thôn <Giang Cao>"}
    before = ctx.get("/api/v1/producers?per_page=1").json["total"]
    st, _, page = create(b, "producers", bad)
    assert st == 422, st
    accessible(page)
    want = {"name": vi("%s is required%.0s", "name", vi("name")),
            "tax_code": vi("a tax code has 10 digits, or 10-3 for a branch"),
            "ward_code": vi("no ward or commune has that code"),
            "phone": vi("not a phone number"),
            "email": vi("not an e-mail address"),
            "website": vi("%s must be a web address starting with http:// or https://%.0s",
                          "website", vi("website")),
            "members": vi("%s is out of range%.0s", "members", vi("members")),
            "employees": vi("%s must be an integer%.0s", "employees", vi("employees")),
            "founded_year": vi("%s is out of range%.0s", "founded_year", vi("founded_year"))}
    for field, msg in want.items():
        m = re.search(r'<[^>]* id="f-%s" name="%s"[^>]*>' % (field, field), page)
        assert m and 'aria-invalid="true"' in m.group(0), field
        assert '<span class="err" id="e-%s">%s</span>' % (field, htmlmod.escape(msg, False)) \
            in page, (field, msg)
        assert 'href="#f-%s"' % field in page, field
    assert "employees phải" not in page and "website phải" not in page
    assert page.count('aria-invalid="true"') == len(want)
    # what was typed comes back, escaped
    f = form(page, "/office/producers/new")
    for k in ("tax_code", "email", "phone", "members", "employees", "founded_year", "website"):
        assert f["fields"][k] == bad[k], k
    assert "Thôn &lt;Giang Cao&gt;" in page
    assert ctx.get("/api/v1/producers?per_page=1").json["total"] == before, "nothing written"
    # in English, the same list with the English messages
    st, _, page = b.go("POST", "/office/producers/new?lang=en",
                       dict(f["fields"], csrf=f["fields"]["csrf"]))
    assert st == 422 and "please correct these 9 fields" in page
    assert "employees must be an integer" in page


def test_a_session_form_names_name_date_and_members_together(ctx):
    b = signed_in(ctx, "web.sess@hanoi.test")
    st, _, page = b.go("GET", "/office/sessions")
    f = form(page, "/office/sessions/new")
    st, _, page = post(b, "/office/sessions/new", dict(f["fields"], name="", date="",
                                                       member_ids="a, b"))
    assert st == 422, st
    for field in ("name", "date", "member_ids"):
        assert 'id="e-%s"' % field in page, field
    assert vi("%s is required%.0s", "name", vi("name")) in page
    assert vi("%s is required%.0s", "date", vi("date")) in page
    assert vi("member_ids lists 1 to 50 council members") in page
    assert 'value="a, b"' in page


def test_every_form_post_needs_the_csrf_token(ctx):
    b = signed_in(ctx, "web.csrf2@hanoi.test")
    pid = ctx.ids["producer_bt"]
    paths = ["/office/producers/new", "/office/products/new", "/office/villages/new",
             "/office/producers/%d/edit" % pid, "/office/products/1/edit", "/office/villages/1/edit",
             "/office/dossiers/new", "/office/dossiers/1/score", "/office/sessions/new",
             "/office/sessions/1/schedule", "/office/certificates/1/revoke", "/office/stamps/new"]
    paths += ["/office/dossiers/1/%s" % a for a in ("submit", "return", "accept", "withdraw",
                                                     "decide", "central", "conflict")]
    for path in paths:
        for extra in ({}, {"csrf": "x" * 43}, {"csrf": ""}):
            st, _, page = b.go("POST", path, dict(extra, name="Không được lưu"))
            assert st == 403, (path, extra, st)
            assert "security token" in page or "mã bảo mật" in page or "token" in page
    assert not [x for x in ctx.get("/api/v1/producers?per_page=200").json["items"]
                if x["name"] == "Không được lưu"]


def test_each_role_sees_and_changes_only_its_own_records(ctx):
    mine, other = producers(ctx)
    c = signed_in(ctx, "web.commune@badinh.test", "commune", ("--ward", "00004"))
    st, _, page = c.go("GET", "/office/producers")
    assert st == 200 and "HTX Trà Ba Đình" in page and "HTX Lụa Ngọc Hà" not in page
    assert "Bát Tràng" not in page
    assert 'href="/office/producers/%d/edit"' % mine in page
    st, _, page = c.go("GET", "/office/producers/%d/edit" % other)
    assert st == 403 and "<html" in page, st
    assert vi("this %s is outside your ward or commune%.0s", "producer", vi("producer")) in page
    st, _, page = c.go("GET", "/office/producers/%d/edit" % mine)
    f = form(page, "/office/producers/%d/edit" % mine)
    st, _, _ = post(c, "/office/producers/%d/edit" % other, dict(f["fields"], name="Đổi tên"))
    assert st == 403, st
    assert ctx.get("/api/v1/producers/%d" % other).json["name"] == "HTX Lụa Ngọc Hà"
    st, _, _ = create(c, "producers", {"name": "HTX ngoài xã", "kind": "household",
                                       "ward_code": "00008"})
    assert st == 403, st
    # sessions are the office's
    assert c.go("GET", "/office/sessions")[0] == 403
    # a producer user: its own products only, no villages, no other producer
    theirs = expect(ctx.post("/api/v1/products", {"name": "Lụa tơ tằm thử", "group": "crafts.textiles",
                                                  "producer_id": other}, token="admin"), 201).json
    own = expect(ctx.post("/api/v1/products", {"name": "Trà sen thử", "group": "food.tea",
                                               "producer_id": mine}, token="admin"), 201).json
    p = signed_in(ctx, "web.owner@badinh.test", "producer", ("--producer", str(mine)))
    st, _, page = p.go("GET", "/office/products")
    assert st == 200 and "Trà sen thử" in page and "Lụa tơ tằm thử" not in page
    accessible(page)
    assert p.go("GET", "/office/products/%d/edit" % theirs["id"])[0] == 403
    assert p.go("GET", "/office/products/%d/edit" % own["id"])[0] == 200
    assert p.go("GET", "/office/villages")[0] == 403
    assert p.go("GET", "/office/producers/%d/edit" % other)[0] == 403
    st, _, page = p.go("GET", "/office/producers")
    assert st == 200 and "HTX Trà Ba Đình" in page and "HTX Lụa Ngọc Hà" not in page
    # the producer's new-product form offers only its own producer
    st, _, page = p.go("GET", "/office/products/new")
    assert form(page, "/office/products/new")["selects"]["producer_id"] == [str(mine)]
    # navigation shows what the role may use
    assert 'href="/office/sessions"' not in page and 'href="/office/villages"' not in page
    # a council member keeps no register
    m = signed_in(ctx, "web.member0@council.test", "council", ("--province", "01"))
    assert m.go("GET", "/office/products")[0] == 403
    assert m.go("GET", "/office/stamps")[0] == 403


def _score(ctx, b, dossier):
    """Hands in a sheet through the form, page by page: the top option of every criterion."""
    st, h, page = b.go("GET", "/office/dossiers/%d/score" % dossier)
    assert st == 200, (st, page[:400])
    accessible(page, h["Content-Security-Policy"])
    assert "<fieldset" in page and "<legend>" in page and "tiêu chí minh họa" in page
    pages, seen = 0, set()
    while True:
        pages += 1
        f = form(page, "/office/dossiers/%d/score" % dossier)
        assert f["radios"], "a page of the sheet has criteria"
        fields = dict(f["fields"])
        seen |= set(f["radios"])
        for name, values in f["radios"].items():
            assert name.startswith("choice_")
            fields[name] = values[-1]
        if pages == 1:
            # a criterion left out: the same page again, the criterion named and linked
            missing = dict(fields)
            gone = sorted(f["radios"])[0]
            del missing[gone]
            st, _, again = post(b, "/office/dossiers/%d/score" % dossier, missing)
            assert st == 422 and 'href="#f-%s"' % gone[7:] in again and 'id="e-%s"' % gone[7:] in again
        st, loc, page = post(b, "/office/dossiers/%d/score" % dossier, fields)
        if st == 303:
            assert loc == "/office/dossiers/%d?done=scored" % dossier
            return pages, seen
        assert st == 200 and pages < 10, (st, page[:300])


def test_the_evaluation_walk_through_the_forms(ctx):
    today = datetime.date.today().isoformat()
    bt, _ = producers(ctx)
    office = signed_in(ctx, "web.walk@hanoi.test")
    name = "Chè <i>Shan</i> tuyết & “cổ thụ”"
    st, _, _ = create(office, "products", {"name": name, "group": "food.tea",
                                           "producer_id": str(bt)})
    assert st == 303
    prod = [x for x in ctx.get("/api/v1/products?producer=%d&per_page=200" % bt).json["items"]
            if x["name"] == name][0]
    # the producer opens the dossier and submits it
    owner = signed_in(ctx, "web.walk.owner@badinh.test", "producer", ("--producer", str(bt)))
    st, _, page = owner.go("GET", "/office/dossiers/new?product=%d" % prod["id"])
    assert st == 200 and "Chè &lt;i&gt;Shan" in page
    accessible(page)
    st, loc, _ = post(owner, "/office/dossiers/new", form(page, "/office/dossiers/new")["fields"])
    assert st == 303 and re.match(r"^/office/dossiers/\d+\?done=opened$", loc), (st, loc)
    did = int(re.search(r"/dossiers/(\d+)", loc).group(1))
    st, _, page = owner.go("GET", loc)
    assert st == 200 and "Đã mở hồ sơ" in page and "Đang soạn" in page
    assert "Chè &lt;i&gt;Shan" in page and "<i>Shan" not in page
    accessible(page)
    assert "/office/dossiers/%d/accept" % did not in page      # not the producer's to take
    st, loc, _ = post(owner, "/office/dossiers/%d/submit" % did,
                      form(page, "/office/dossiers/%d/submit" % did)["fields"])
    assert st == 303 and loc == "/office/dossiers/%d?done=submit" % did
    # the commune returns it (the reasons are required), the producer submits again
    commune = signed_in(ctx, "web.walk.commune@badinh.test", "commune", ("--ward", "00004"))
    st, _, page = commune.go("GET", "/office/dossiers/%d" % did)
    accessible(page)
    f = form(page, "/office/dossiers/%d/return" % did)
    st, _, again = post(commune, "/office/dossiers/%d/return" % did, dict(f["fields"], reasons=""))
    assert st == 422 and 'id="e-reasons"' in again and "reasons" in again
    st, _, _ = post(commune, "/office/dossiers/%d/return" % did,
                    dict(f["fields"], reasons="Thiếu giấy chứng nhận ATTP"))
    assert st == 303
    st, _, page = owner.go("GET", "/office/dossiers/%d" % did)
    assert "Thiếu giấy chứng nhận ATTP" in page
    post(owner, "/office/dossiers/%d/submit" % did, form(page, "/office/dossiers/%d/submit" % did)["fields"])
    st, _, page = commune.go("GET", "/office/dossiers/%d" % did)
    st, loc, _ = post(commune, "/office/dossiers/%d/accept" % did,
                      form(page, "/office/dossiers/%d/accept" % did)["fields"])
    assert st == 303 and loc.endswith("done=accept")
    assert ctx.get("/api/v1/dossiers/%d" % did, token="office").json["state"] == "accepted"
    # the office creates a session of three council members and schedules the dossier
    members = ["web.walk.member%d@council.test" % n for n in (1, 2, 3)]
    browsers = [signed_in(ctx, m, "council", ("--province", "01")) for m in members]
    ids = [user_id(ctx, m) for m in members]
    st, _, page = office.go("GET", "/office/sessions")
    assert st == 200
    accessible(page)
    f = form(page, "/office/sessions/new")
    st, _, again = post(office, "/office/sessions/new", dict(f["fields"], name="Đợt <1>", member_ids=""))
    assert st == 422 and 'id="e-member_ids"' in again and 'value="Đợt &lt;1&gt;"' in again
    st, loc, _ = post(office, "/office/sessions/new",
                      dict(f["fields"], name="Hội đồng đợt <1>/2026", date=today,
                           member_ids=", ".join(str(i) for i in ids)))
    assert st == 303 and loc == "/office/sessions?done=session", (st, loc)
    sess = [s for s in ctx.get("/api/v1/sessions", token="office").json["items"]
            if s["name"] == "Hội đồng đợt <1>/2026"][0]
    st, _, page = office.go("GET", "/office/dossiers/%d" % did)
    assert "Hội đồng đợt &lt;1&gt;/2026" in page
    f = form(page, "/office/sessions/%d/schedule" % sess["id"])
    st, loc, _ = post(office, "/office/sessions/%d/schedule" % sess["id"], f["fields"])
    assert st == 303 and loc == "/office/dossiers/%d?done=scheduled" % did, (st, loc)
    # the members score through the form; someone else may not
    assert owner.go("GET", "/office/dossiers/%d/score" % did)[0] == 403
    d = ctx.get("/api/v1/dossiers/%d" % did, token="office").json
    cs = ctx.get("/api/v1/criteria-sets/%d" % d["criteria_set_id"]).json
    codes = {"choice_" + c["code"] for p in cs["parts"] for s in p["sections"] for c in s["criteria"]}
    for b in browsers:
        st, _, page = b.go("GET", "/office/dossiers/%d" % did)
        assert st == 200 and "/office/dossiers/%d/score" % did in page
        assert "/office/dossiers/%d/decide" % did not in page
        st, _, page = b.go("GET", "/office/dossiers/%d/score" % did)
        assert "Chè &lt;i&gt;Shan" in page and "<i>Shan" not in page
        pages, seen = _score(ctx, b, did)
        assert seen == codes, "every criterion of the set is on one of the pages, once"
    # one sheet per member: the form shows the sheet handed in, and takes no other
    st, _, page = browsers[0].go("GET", "/office/dossiers/%d/score" % did)
    assert st == 200 and "Phiếu chấm điểm đã nộp" in page, st
    assert not [f for f in forms(page).forms if f["action"].endswith("/score")]
    again = {"choice_" + c["code"]: "0" for p in cs["parts"] for s in p["sections"]
             for c in s["criteria"]}
    again["csrf"] = form(page, "/office/logout")["fields"]["csrf"]
    assert post(browsers[0], "/office/dossiers/%d/score" % did, again)[0] == 409
    d = ctx.get("/api/v1/dossiers/%d" % did, token="office").json
    assert d["state"] == "scored" and d["result"]["quorum"] and d["total"] == 100.0, d["result"]
    # the office records the decision: a certificate
    st, _, page = office.go("GET", "/office/dossiers/%d" % did)
    assert "100,00" in page and "100.00" not in page and "Đề nghị 5 sao" in page  # decimal comma
    assert "đủ số phiếu chấm" in page and "quorum reached" not in page
    assert "phiên hội đồng số %d" % sess["id"] in page
    assert "web.walk.commune@badinh.test <span class=\"mute\">(Cán bộ xã)</span>" in page
    assert "commune:web.walk" not in page
    f = form(page, "/office/dossiers/%d/decide" % did)
    assert f["fields"]["decision_date"] == today
    st, _, again = post(office, "/office/dossiers/%d/decide" % did, dict(f["fields"], decision_number=""))
    assert st == 422 and 'id="e-decision_number"' in again
    st, loc, _ = post(office, "/office/dossiers/%d/decide" % did,
                      dict(f["fields"], decision_number="125/QĐ-UBND"))
    assert st == 303 and loc == "/office/dossiers/%d?done=decide" % did
    d = ctx.get("/api/v1/dossiers/%d" % did, token="office").json
    assert d["state"] == "proposed" and d["certificate_id"], d["state"]
    assert d["history"][-1]["note"] == "4 stars (100.00 points); proposed to the central level " \
        "for five stars"                                  # the API keeps the stored note
    st, _, page = office.go("GET", "/office/dossiers/%d" % did)
    assert "4 sao (100,00 điểm); đề nghị Trung ương xét công nhận 5 sao" in page
    assert "points" not in page
    st, _, page = office.go("GET", "/office/dossiers/%d?lang=en" % did)
    assert "4 stars (100.00 points); proposed to the central level for five stars" in page
    assert d["ward"]["full_name_en"] and d["ward"]["full_name_en"] in page  # the ward in English
    assert ">%s<" % d["ward"]["full_name"] not in page
    assert "Food criteria set (Decision 148/QĐ-TTg)" in page and "148-food" not in page
    cert = ctx.get("/api/v1/certificates/%d" % d["certificate_id"]).json
    assert cert["stars"] == 4 and cert["status"] == "valid"
    st, _, page = owner.go("GET", "/office/dossiers/%d" % did)
    assert "/api/v1/certificates/%d/pdf" % d["certificate_id"] in page
    # stamps for it, and the PDF sheets
    ctx.cli("keys", "generate")
    st, _, page = office.go("GET", "/office/stamps")
    assert st == 200 and "Chè &lt;i&gt;Shan" in page
    accessible(page)
    f = form(page, "/office/stamps/new")
    assert str(prod["id"]) in f["selects"]["product_id"]
    fields = dict(f["fields"], product_id=str(prod["id"]), lot="L-2026/01", count="0")
    st, _, again = post(office, "/office/stamps/new", fields)
    assert st == 422 and 'id="e-count"' in again
    st, _, again = post(office, "/office/stamps/new", dict(fields, count="12", lot="lô một"))
    assert st == 422 and 'id="e-lot"' in again, st
    st, loc, _ = post(office, "/office/stamps/new", dict(fields, count="12"))
    assert st == 303 and loc.startswith("/office/stamps?done=issued&batch="), (st, loc)
    batch = int(loc.rsplit("=", 1)[1])
    st, _, page = office.go("GET", loc)
    assert "/office/stamps/%d/pdf" % batch in page and "L-2026/01" in page
    st, h, pdf = raw_get(office, "/office/stamps/%d/pdf" % batch)
    assert st == 200 and h["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")
    assert owner.go("GET", "/office/stamps/%d/pdf" % batch)[0] == 200     # the producer's own
    assert commune.go("GET", "/office/stamps")[0] == 200
    other = signed_in(ctx, "web.walk.hcm@hcm.test", "office", ("--province", "79"))
    assert other.go("GET", "/office/stamps/%d/pdf" % batch)[0] == 403
    assert other.go("GET", "/office/dossiers/%d" % did)[0] == 403
    # the certificates page, and a revocation (the reason is required)
    st, _, page = office.go("GET", "/office/certificates")
    assert st == 200 and cert["number"] in page
    accessible(page)
    f = form(page, "/office/certificates/%d/revoke" % cert["id"])
    st, _, again = post(office, "/office/certificates/%d/revoke" % cert["id"], dict(f["fields"], reason=""))
    assert st == 422 and 'id="e-reason-%d"' % cert["id"] in again and "<details open>" in again
    assert commune.go("POST", "/office/certificates/%d/revoke" % cert["id"],
                      dict(f["fields"], reason="x"))[0] in (403,)
    st, loc, _ = post(office, "/office/certificates/%d/revoke" % cert["id"],
                      dict(f["fields"], reason="Vi phạm an toàn thực phẩm"))
    assert st == 303 and loc == "/office/certificates?done=revoked"
    assert ctx.get("/api/v1/certificates/%d" % cert["id"]).json["status"] == "revoked"


def test_pages_speak_english_when_asked(ctx):
    b = signed_in(ctx, "web.en@hanoi.test")
    st, _, page = b.go("GET", "/office/products/new?lang=en")
    assert st == 200 and '<html lang="en"' in page and "Product group" in page
    f = form(page, "/office/products/new")
    assert "lang=en" in [a for a in [x["action"] for x in forms(page).forms] if "products/new" in a][0]
    st, _, page = b.go("POST", "/office/products/new?lang=en", dict(f["fields"], name=""))
    assert st == 422 and "This could not be saved" in page and "name is required" in page
    st, h, _ = b.go("POST", "/office/products/new?lang=en",
                    dict(f["fields"], name="Tea", group="food.tea",
                         producer_id=str(producers(ctx)[0])))
    assert st == 303 and h["Location"] == "/office/products?done=created&lang=en"
    for path in ("/office/dossiers", "/office/sessions", "/office/certificates", "/office/stamps",
                 "/office/villages", "/office/producers"):
        st, _, page = b.go("GET", path + "?lang=en")
        assert st == 200 and '<html lang="en"' in page, path
        accessible(page)
        st, _, page = b.go("GET", path)
        assert st == 200 and '<html lang="vi"' in page, path
        # a parameter the page does not take, or another language, is a 422 page
        for bad in ("?lang=fr", "?sort=name", "?lang=en&x=1"):
            st, h, page = b.go("GET", path + bad)
            assert st == 422 and h["Content-Type"].startswith("text/html"), (path, bad, st)


def test_long_multi_line_text_goes_through_the_forms(ctx):
    """Text areas hold line breaks and long stories (forms are not URL queries)."""
    a, _ = producers(ctx)
    b = signed_in(ctx, "web.story@hanoi.test")
    story = "\n".join("Đoạn %d: làng nghề trăm năm, bàn tay người thợ, men gốm rạn." % n
                      for n in range(60))
    assert len(story.encode()) > 4096
    st, loc, _ = create(b, "products", {"name": "Sản phẩm có câu chuyện dài", "group":
                                        "crafts.household", "producer_id": str(a),
                                        "description": "Dòng một\r\nDòng hai", "story": story})
    assert st == 303, (st, loc)
    prod = [x for x in ctx.get("/api/v1/products?producer=%d&per_page=200" % a).json["items"]
            if x["name"] == "Sản phẩm có câu chuyện dài"][0]
    got = ctx.get("/api/v1/products/%d" % prod["id"]).json
    assert got["story"] == story.replace("\r\n", "\n") or got["story"] == story
    assert "Dòng hai" in got["description"]


def test_certificates_to_follow_up_come_soonest_first(ctx):
    """The certificates page lists what needs doing first: those expiring within 90 days
    soonest first, and the expired ones latest first, whatever order they were made in."""
    import csv
    import os
    header = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
              "product_name", "product_group", "gtin", "certificate_number", "decision_number",
              "decision_date", "stars", "valid_until"]
    today = datetime.date.today()
    # made in this order (ids ascending); the number says when each ends, in days from today
    ends = [80, -100, 20, -10, 50]
    path = os.path.join(ctx.tmp, "follow-up.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for n, days in enumerate(ends):
            until = today + datetime.timedelta(days=days)
            w.writerow(["HTX Theo dõi GCN", "cooperative", "0109988771", "00199",
                        "Sản phẩm theo dõi %d" % n, "crafts.household", "", "CN-FU-%d" % n,
                        "%d/QĐ-FU" % n, (until - datetime.timedelta(days=3 * 365)).isoformat(),
                        "3", until.isoformat()])
    ctx.cli("import", "products", path, check=True)
    b = signed_in(ctx, "web.followup@hanoi.test")
    st, _, page = b.go("GET", "/office/certificates")
    assert st == 200
    at = {n: page.index("CN-FU-%d" % n) for n in range(len(ends))}
    expiring = sorted((n for n in at if 0 <= ends[n] <= 90), key=lambda n: at[n])
    expired = sorted((n for n in at if ends[n] < 0), key=lambda n: at[n])
    assert [ends[n] for n in expiring] == [20, 50, 80], expiring
    assert [ends[n] for n in expired] == [-10, -100], expired
    # the sections themselves: expiring, then expired
    assert max(at[n] for n in expiring) < min(at[n] for n in expired)


def test_the_overview_link_is_shown_only_to_those_who_may_open_it(ctx):
    """The dashboard (/office) is the province office's and the administrators': the other
    roles' navigation has no "Tổng quan / Overview" link, which would answer 403."""
    mine, _ = producers(ctx)
    users = [("nav.admin@ocop.test", "admin", (), "/office/users", True),
             ("nav.office@hanoi.test", "office", ("--province", "01"), "/office/dossiers", True),
             ("nav.commune@badinh.test", "commune", ("--ward", "00004"), "/office/dossiers", False),
             ("nav.member@council.test", "council", ("--province", "01"), "/office/dossiers", False),
             ("nav.owner@badinh.test", "producer", ("--producer", str(mine)), "/office/products",
              False)]
    link = re.compile(r'<a href="/office(\?lang=\w+)?">')
    for email, role, extra, path, may in users:
        b = signed_in(ctx, email, role, extra)
        for lang, word in (("", "Tổng quan"), ("?lang=en", "Overview")):
            st, _, page = b.go("GET", path + lang)
            assert st == 200, (role, path, st)
            nav = page[page.index('<nav class="sub"'):]
            nav = nav[:nav.index("</nav>")]
            assert bool(link.search(nav)) == may and (word in nav) == may, (role, lang, nav)
        assert b.go("GET", "/office")[0] == (200 if may else 403), role


def test_the_dossier_page_speaks_the_pages_language(ctx):
    """A dossier the console (the demo) carried: no internal codes or English notes on the
    Vietnamese page, and the English page in English: the actor, the notes the system writes,
    the criteria set's name, numbers with the language's decimal mark."""
    from test_dashboard import _demo
    demo = _demo(ctx)
    con = sqlite3.connect(demo.db)
    did, code, name, name_en = con.execute(
        "SELECT h.dossier_id, c.code, c.name, json_extract(c.doc, '$.name_en') FROM "
        "dossier_history h JOIN dossiers d ON d.id = h.dossier_id JOIN criteria_sets c ON "
        "c.id = d.criteria_set_id WHERE h.note = 'quorum reached' ORDER BY h.id LIMIT 1").fetchone()
    total = con.execute("SELECT total FROM dossiers WHERE id = ?", (did,)).fetchone()[0]
    con.close()
    b = Browser(demo)
    st, _, _ = b.sign_in("office@demo.test", PW)
    assert st == 303, st
    st, _, page = b.go("GET", "/office/dossiers/%d" % did)
    assert st == 200, st
    accessible(page)
    history = page[page.index("Quá trình xử lý"):]
    assert "Hệ thống (dòng lệnh)" in history and "system:cli" not in page
    assert "đủ số phiếu chấm" in history and "quorum reached" not in page
    assert htmlmod.escape(name, quote=False) + " (phiên bản 1)" in page and code not in page
    assert ("%.2f" % total).replace(".", ",") in page and "%.2f" % total not in page
    st, _, page = b.go("GET", "/office/dossiers/%d?lang=en" % did)
    assert "System (command line)" in page and "quorum reached" in page
    assert htmlmod.escape(name_en, quote=False) + " (version 1)" in page and code not in page
    assert "%.2f" % total in page


def test_session_members_are_picked_from_the_provinces_council_users(ctx):
    """The session form offers the province's council users as boxes (name and e-mail); no
    user numbers need typing. Another province's members are not offered."""
    office = signed_in(ctx, "web.pick@hanoi.test")
    _password_user(ctx, "web.pick.member@council.test", "council", ("--province", "01"))
    ctx.cli("user", "add", "--email", "web.pick.named@council.test", "--role", "council",
            "--province", "01", "--name", "Nguyễn <Thị> Hoa", check=True)
    mine = {e: user_id(ctx, e) for e in ("web.pick.member@council.test",
                                        "web.pick.named@council.test", "member1@council.test")}
    other = user_id(ctx, "member@hcm.test")
    st, _, page = office.go("GET", "/office/sessions")
    assert st == 200
    accessible(page)
    f = form(page, "/office/sessions/new")
    for uid in mine.values():
        assert 'name="member_%d"' % uid in page, uid
    assert 'name="member_%d"' % other not in page
    assert "Nguyễn &lt;Thị&gt; Hoa <span class=\"mute\">(web.pick.named@council.test)</span>" in page
    fields = dict(f["fields"], name="Phiên chọn thành viên", member_ids="")
    fields.update({"member_%d" % uid: "1" for uid in mine.values()})
    st, loc, _ = post(office, "/office/sessions/new", fields)
    assert st == 303 and loc == "/office/sessions?done=session", (st, loc)
    sess = [s for s in ctx.get("/api/v1/sessions", token="office").json["items"]
            if s["name"] == "Phiên chọn thành viên"][0]
    got = ctx.get("/api/v1/sessions/%d" % sess["id"], token="office").json
    assert sorted(m["id"] for m in got["members"]) == sorted(mine.values())


def test_the_demo_session_shows_its_members(ctx):
    """The demo's council session records its five members, as its results count 5 sheets."""
    from test_dashboard import _demo
    demo = _demo(ctx)
    b = Browser(demo)
    assert b.sign_in("office@demo.test", PW)[0] == 303
    st, _, page = b.go("GET", "/office/sessions")
    assert st == 200
    members = re.search(r"Thành viên: ([^<]*)</p>", page).group(1)
    assert members != "—" and len(members.split(", ")) == 5, members
    assert "Nguyễn Văn Hùng" in members


def test_every_column_header_of_the_users_pages_has_a_name(ctx):
    """axe's empty-table-header: the users list's and a user's tokens' last column (the
    buttons) is named "Thao tác / Action", as its cells' data-label already were."""
    admin = signed_in(ctx, "web.th.admin@ocop.test", "admin", ())
    uid = user_id(ctx, "web.th.admin@ocop.test")
    for path in ("/office/users", "/office/users/%d" % uid):
        for lang, word in (("", "Thao tác"), ("?lang=en", "Action")):
            st, _, page = admin.go("GET", path + lang)
            assert st == 200, (path, st)
            heads = re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", page, re.S)
            assert heads and all(re.sub(r"<[^>]+>", "", h).strip() for h in heads), (path, heads)
            assert heads[-1] == word, (path, heads)

