"""The council member's score form (/office/dossiers/{id}/score): the whole scorecard on one
form, its totals and stars as the scoring core gives them, every criterion at fault named at
once with the other choices kept, "work out the totals" storing nothing, the sheet handed in
shown read-only, rights and CSRF, and the largest scorecard the rules allow."""
import datetime
import json
import os
import re
import sqlite3

from run import expect, vi
from test_pages_office import accessible, form, forms, post, producers, signed_in, user_id

D = "/api/v1/dossiers"


# ---------------------------------------------------------------- helpers

def _criteria(cs):
    return [c for p in cs["parts"] for s in p["sections"] for c in s["criteria"]]


def _scheduled(ctx, name, members, set_id=None, group="food.tea"):
    """A dossier of a new product of the office pages' own producer (in a ward no other
    test searches), scheduled at a new session of `members` (e-mails); returns its id and
    its criteria set (with its ruleset under "rules")."""
    prod = expect(ctx.post("/api/v1/products", {"name": name, "group": group,
                                                "producer_id": producers(ctx)[0]},
                           token="admin"), 201).json
    body = {"product_id": prod["id"]}
    if set_id:
        body["criteria_set_id"] = set_id
    d = expect(ctx.post(D, body, token="office"), 201).json
    expect(ctx.post(D + "/%d/submit" % d["id"], {}, token="office"), 200)
    expect(ctx.post(D + "/%d/accept" % d["id"], {}, token="office"), 200)
    s = expect(ctx.post("/api/v1/sessions", {
        "name": "Hội đồng thử phiếu chấm", "date": datetime.date.today().isoformat(),
        "member_ids": [user_id(ctx, m) for m in members]}, token="office"), 201).json
    expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                    token="office"), 200)
    cs = expect(ctx.get("/api/v1/criteria-sets/%d" % d["criteria_set_id"]), 200).json
    return d["id"], cs


def _member(ctx, email):
    return signed_in(ctx, email, "council", ("--province", "01"))


def _top(c):
    return max(range(len(c["options"])), key=lambda i: c["options"][i]["points"])


def _low(c):
    return min(range(len(c["options"])), key=lambda i: c["options"][i]["points"])


def _fields(page, did, choices):
    """The form's own fields (csrf) and choice_<code> for each {code: option index}."""
    f = form(page, "/office/dossiers/%d/score" % did)
    fields = {k: v for k, v in f["fields"].items() if not k.startswith("choice_")}
    fields.update({"choice_" + k: str(v) for k, v in choices.items()})
    return fields


def _expected(cs, choices):
    """The scoring core's rule for one sheet as it stands (ocop_sheet_tally), for checking."""
    parts = {p["code"]: 0 for p in cs["parts"]}
    picked = []
    for p in cs["parts"]:
        for s in p["sections"]:
            for c in s["criteria"]:
                if c["code"] in choices:
                    pts = c["options"][choices[c["code"]]]["points"]
                    parts[p["code"]] += pts
                    picked.append((c, pts))
    total = sum(parts.values())
    stars = next(t["stars"] for t in cs["rules"]["stars"] if total >= t["min"])
    by_score, capped = stars, None
    for c, pts in picked:
        r = c.get("required")
        if r and stars >= r["stars"] and pts < r["min_points"]:
            stars, capped = r["stars"] - 1, c["code"]
    return {"parts": parts, "total": total, "stars_by_score": by_score, "stars": stars,
            "capped_by": capped, "chosen": len(picked)}


def _tally(page):
    """The totals the page shows (data-t=...): each shown in the same way everywhere."""
    def one(key):
        got = set(re.findall(r'data-t="%s"[^>]*>([^<]*)<' % re.escape(key), page))
        assert len(got) == 1, (key, got)
        return got.pop()
    parts = {k: int(one("part-" + k)) for k in re.findall(r'data-t="part-([A-Z])"', page)}
    capped = re.search(r'<span data-t="capped"( hidden)?>', page)
    return {"parts": parts, "total": int(one("total")), "chosen": int(one("chosen")),
            "stars": int(one("stars-n").split()[0]),
            "capped_by": None if capped.group(1) else one("capped-code")}


def _sheets(ctx, did):
    return expect(ctx.get(D + "/%d/scores" % did, token="office"), 200).json["items"]


# ---------------------------------------------------------------- tests

def test_a_148_scorecard_is_one_form_grouped_by_part_and_section(ctx):
    m = _member(ctx, "score.one@council.test")
    did, cs = _scheduled(ctx, "Trà shan tuyết (phiếu một trang)", ["score.one@council.test"])
    crits = _criteria(cs)
    assert len(crits) == 33
    st, h, page = m.go("GET", "/office/dossiers/%d/score" % did)
    assert st == 200, st
    assert accessible(page, h["Content-Security-Policy"])
    assert page.count("<script>") == 1, "the totals' script, allowed by its hash"
    f = form(page, "/office/dossiers/%d/score" % did)
    assert set(f["radios"]) == {"choice_" + c["code"] for c in crits}
    assert set(f["fields"]) == {"csrf"}, "no page number, no earlier pages' sheet"
    assert len(forms(page).forms) == 2          # this one, and signing out
    assert "Trang tiếp" not in page and "Trang 1/" not in page
    # every criterion a group of its own: legend, text, maximum, options with their points
    assert page.count("<fieldset") == 33 and page.count("<legend>") == 33
    for c in crits:
        fs = re.search(r'<fieldset id="f-%s"[^>]*>(.*?)</fieldset>' % re.escape(c["code"]), page,
                       re.S).group(1)
        assert "<legend>%s " % c["code"] in fs and "(tối đa %d điểm)" % c["max"] in fs
        assert len(f["radios"]["choice_" + c["code"]]) == len(c["options"])
        for o in c["options"]:
            assert "(%d điểm)" % o["points"] in fs
        if c.get("required"):
            assert "Tiêu chí bắt buộc: cần tối thiểu %d điểm để đạt %d sao" % (
                c["required"]["min_points"], c["required"]["stars"]) in fs
            assert 'data-req="%d:%d"' % (c["required"]["stars"], c["required"]["min_points"]) \
                in page
    # parts (with their maxima) and sections, in the set's order
    heads = re.findall(r"<h2>Phần ([A-Z]): ", page)
    assert heads == [p["code"] for p in cs["parts"]]
    for p in cs["parts"]:
        assert "/%d điểm)</span></h2>" % p["max"] in page
        for s in p["sections"]:
            assert "<h3>%s " % s["code"] in page
    # the ruleset's thresholds for the live totals, as the ruleset has them
    assert 'data-stars="%s"' % " ".join("%d:%g" % (t["stars"], t["min"])
                                        for t in cs["rules"]["stars"]) in page
    t = _tally(page)
    assert t["total"] == 0 and t["chosen"] == 0 and t["parts"] == {"A": 0, "B": 0, "C": 0}
    # in English
    st, _, page = m.go("GET", "/office/dossiers/%d/score?lang=en" % did)
    assert st == 200 and "Part A: Product and community strength" in page
    assert "Hand in the sheet" in page and crits[0]["text_en"] in page
    assert 'action="/office/dossiers/%d/score?lang=en"' % did in page


def test_totals_and_stars_on_the_page_are_the_scoring_cores(ctx):
    m = _member(ctx, "score.tally@council.test")
    did, cs = _scheduled(ctx, "Trà sen (tổng điểm)", ["score.tally@council.test"])
    crits = _criteria(cs)
    _, _, page = m.go("GET", "/office/dossiers/%d/score" % did)
    # a part of the sheet, worked out without storing anything
    some = {c["code"]: _top(c) for c in crits[:10]}
    st, _, page = post(m, "/office/dossiers/%d/score" % did,
                       dict(_fields(page, did, some), action="preview"))
    assert st == 200 and 'role="alert"' not in page
    want = _expected(cs, some)
    got = _tally(page)
    assert got["parts"] == want["parts"] and got["total"] == want["total"] == 28
    assert got["chosen"] == 10 and got["stars"] == want["stars"] and got["capped_by"] is None
    f = form(page, "/office/dossiers/%d/score" % did)
    assert {k[7:]: int(v) for k, v in f["fields"].items() if k.startswith("choice_")} == some
    assert _sheets(ctx, did) == []
    # the whole sheet at the top but C2.1 (required: 2 points for 3 stars) at 0: 96 points,
    # 5 stars by score, capped at 2 by C2.1
    full = {c["code"]: _top(c) for c in crits}
    full["C2.1"] = _low(next(c for c in crits if c["code"] == "C2.1"))
    want = _expected(cs, full)
    assert (want["total"], want["stars_by_score"], want["stars"]) == (96, 5, 2)
    st, _, page = post(m, "/office/dossiers/%d/score" % did,
                       dict(_fields(page, did, full), action="preview"))
    got = _tally(page)
    assert st == 200 and got["total"] == 96 and got["stars"] == 2 and got["capped_by"] == "C2.1"
    assert "bị giới hạn bởi tiêu chí" in page and _sheets(ctx, did) == []
    # handed in: the page shows the sheet as stored, and the council's result over this one
    # sheet (the scoring core's ocop_evaluate) says the same
    st, loc, _ = post(m, "/office/dossiers/%d/score" % did,
                      dict(_fields(page, did, full), action="submit"))
    assert st == 303 and loc == "/office/dossiers/%d?done=scored" % did, (st, loc)
    st, _, dossier_page = m.go("GET", loc)
    assert 'href="/office/dossiers/%d/score">Xem phiếu đã nộp</a>' % did in dossier_page
    st, h, page = m.go("GET", "/office/dossiers/%d/score" % did)
    assert st == 200 and "Phiếu chấm điểm đã nộp" in page
    accessible(page)                       # read-only: no form of the sheet, no script
    assert not [x for x in forms(page).forms if x["action"].endswith("/score")]
    result = ctx.get(D + "/%d" % did, token="office").json["result"]
    got = _tally(page)
    assert result["sheets"] == 1
    assert {k: int(v) for k, v in result["parts"].items()} == got["parts"] == want["parts"]
    assert result["total"] == got["total"] == 96
    assert result["stars"] == got["stars"] == 2 and result["stars_by_score"] == 5
    assert result["capped_by"] == got["capped_by"] == "C2.1"
    assert got["chosen"] == 33
    c21 = next(c for c in crits if c["code"] == "C2.1")
    assert c21["options"][full["C2.1"]]["text"] in page
    assert [s["total"] for s in _sheets(ctx, did)] == [96]
    st, _, page = m.go("GET", "/office/dossiers/%d/score?lang=en" % did)
    assert "Score sheet handed in" in page and "capped by criterion" in page


def test_a_sheet_with_several_faults_names_them_all_and_keeps_the_rest(ctx):
    m = _member(ctx, "score.faults@council.test")
    did, cs = _scheduled(ctx, "Trà xanh (lỗi phiếu)", ["score.faults@council.test"])
    crits = _criteria(cs)
    _, _, page = m.go("GET", "/office/dossiers/%d/score" % did)
    full = {c["code"]: _top(c) for c in crits}
    missing = ["A1.1", "B1.2", "C3.1"]
    fields = _fields(page, did, {k: v for k, v in full.items() if k not in missing})
    fields.update({"choice_A2.1": "9", "choice_C1.1": "x"})       # not options
    st, h, page = m.go("POST", "/office/dossiers/%d/score" % did, dict(fields, action="submit"))
    assert st == 422, st
    accessible(page, h["Content-Security-Policy"])
    alert = re.search(r'<div class="error" role="alert">(.*?)</div>', page, re.S).group(1)
    faults = missing + ["A2.1", "C1.1"]
    assert re.findall(r'href="#f-([^"]+)"', alert) == sorted(faults, key=[c["code"] for c in
                                                                           crits].index)
    assert "hãy sửa 5 tiêu chí" in alert
    for code in faults:
        assert re.search(r'<fieldset id="f-%s"[^>]* class="bad" aria-describedby="e-%s"'
                         % (re.escape(code), re.escape(code)), page), code
        assert 'id="e-%s"' % code in page
    assert "Hãy chọn một phương án cho tiêu chí này." in page
    assert "Phương án đã gửi không có trong tiêu chí này; hãy chọn lại." in page
    # the other 28 choices are kept, and counted
    f = form(page, "/office/dossiers/%d/score" % did)
    kept = {k[7:]: int(v) for k, v in f["fields"].items() if k.startswith("choice_")}
    assert kept == {k: v for k, v in full.items() if k not in faults}
    got = _tally(page)
    assert got["chosen"] == 28 and got["total"] == _expected(cs, kept)["total"]
    assert _sheets(ctx, did) == []
    # in English, the same faults
    st, _, page = post(m, "/office/dossiers/%d/score?lang=en" % did, dict(fields, action="submit"))
    assert st == 422 and "please correct 5 criteria" in page and "no option chosen" in page
    # working out the totals: criteria not chosen yet are no fault, a value not an option is
    st, _, page = post(m, "/office/dossiers/%d/score" % did,
                       dict(_fields(page, did, {"A1.1": 0}), action="preview"))
    assert st == 200 and 'role="alert"' not in page
    st, _, page = post(m, "/office/dossiers/%d/score" % did,
                       dict(_fields(page, did, {"A1.1": 0, "A1.2": 7}), action="preview"))
    assert st == 422 and re.findall(r'href="#f-([^"]+)"', page) == ["A1.2"]
    # an action the form does not have
    st, _, _ = post(m, "/office/dossiers/%d/score" % did, dict(fields, action="delete"))
    assert st == 400, st
    # corrected: handed in
    st, loc, _ = post(m, "/office/dossiers/%d/score" % did, _fields(page, did, full))
    assert st == 303 and loc.endswith("done=scored")
    assert len(_sheets(ctx, did)) == 1


def test_only_the_sessions_members_score_and_not_with_a_conflict(ctx):
    members = ["score.in@council.test", "score.conflict@council.test"]
    inside = [_member(ctx, e) for e in members]
    did, cs = _scheduled(ctx, "Trà ô long (quyền chấm)", members)
    _, _, page = inside[0].go("GET", "/office/dossiers/%d/score" % did)
    full = _fields(page, did, {c["code"]: _top(c) for c in _criteria(cs)})
    others = [
        signed_in(ctx, "score.office@hanoi.test"),
        signed_in(ctx, "score.admin@ocop.test", "admin", ()),
        signed_in(ctx, "score.commune@badinh.test", "commune", ("--ward", "00004")),
        signed_in(ctx, "score.owner@badinh.test", "producer",
                  ("--producer", str(producers(ctx)[0]))),         # the product's own
        _member(ctx, "score.outsider@council.test"),                   # the province's, not the session's
        signed_in(ctx, "score.hcm@council.test", "council", ("--province", "79")),
    ]
    for b in others:
        st, _, _ = b.go("GET", "/office/dossiers/%d/score" % did)
        assert st == 403, st
        _, _, own = b.go("GET", "/office/dossiers")
        st, _, _ = post(b, "/office/dossiers/%d/score" % did,
                        dict(full, csrf=re.search(r'name="csrf" value="([^"]+)"', own).group(1)))
        assert st == 403, st
    assert _sheets(ctx, did) == []
    # a member who declared a conflict of interest is refused at once, not after 33 choices
    c = inside[1]
    _, _, page = c.go("GET", "/office/dossiers/%d" % did)
    f = form(page, "/office/dossiers/%d/conflict" % did)
    st, _, _ = post(c, "/office/dossiers/%d/conflict" % did, dict(f["fields"], reason="Họ hàng"))
    assert st == 303, st
    st, _, page = c.go("GET", "/office/dossiers/%d/score" % did)
    assert st == 403 and vi("you declared a conflict of interest for this dossier") in page
    _, _, own = c.go("GET", "/office/dossiers/%d" % did)
    st, _, _ = post(c, "/office/dossiers/%d/score" % did,
                    dict(full, csrf=re.search(r'name="csrf" value="([^"]+)"', own).group(1)))
    assert st == 403
    # the member who may score does
    st, _, _ = post(inside[0], "/office/dossiers/%d/score" % did, full)
    assert st == 303 and [s["email"] for s in _sheets(ctx, did)] == [members[0]]


def test_the_score_form_needs_the_sessions_csrf_token(ctx):
    emails = ["score.csrf1@council.test", "score.csrf2@council.test"]
    a, b = (_member(ctx, e) for e in emails)
    did, cs = _scheduled(ctx, "Trà móc câu (CSRF)", emails)
    _, _, page = a.go("GET", "/office/dossiers/%d/score" % did)
    full = _fields(page, did, {c["code"]: _top(c) for c in _criteria(cs)})
    _, _, other = b.go("GET", "/office/dossiers/%d/score" % did)
    for csrf in (None, "", "x" * 43, form(other, "/office/dossiers/%d/score" % did)
                 ["fields"]["csrf"]):
        fields = dict(full, csrf=csrf)
        st, _, page = post(a, "/office/dossiers/%d/score" % did, fields)
        assert st == 403 and "mã bảo mật" in page, (csrf, st)
    assert _sheets(ctx, did) == []
    st, _, _ = post(a, "/office/dossiers/%d/score" % did, full)
    assert st == 303


def _synthetic_rules(ctx):
    """A ruleset of its own (effective long before 148, so never chosen for a product) and
    the largest set its rules allow: 100 criteria of 1 point. C1.1 has 12 options (a select);
    C1.2 is required (1 point for 3 stars)."""
    if "score_max_set" in ctx.ids:
        return ctx.ids["score_max_set"]
    root = os.path.join(os.path.dirname(__file__), "..", "..", "data", "rulesets", "148.json")
    rules = json.load(open(root, encoding="utf-8"))
    rules.update(ruleset="TEST/phiếu-tối-đa", effective_from="2001-01-01", amendments=[])
    parts = []
    for code, name, n in (("A", "Phần thử A", 40), ("B", "Phần thử B", 25), ("C", "Phần thử C", 35)):
        crits = []
        for i in range(1, n + 1):
            c = {"code": "%s1.%d" % (code, i), "text": "Tiêu chí thử %s1.%d" % (code, i),
                 "text_en": "Test criterion %s1.%d" % (code, i), "max": 1,
                 "options": [{"text": "Không đạt", "points": 0}, {"text": "Đạt", "points": 1}]}
            crits.append(c)
        parts.append({"code": code, "name": name, "max": n, "sections": [
            {"code": code + "1", "name": "Mục thử " + code, "max": n, "criteria": crits}]})
    sel = parts[2]["sections"][0]["criteria"][0]
    sel["options"] = [{"text": "Mức %d" % k, "points": 1 if k == 11 else 0} for k in range(12)]
    parts[2]["sections"][0]["criteria"][1]["required"] = {"stars": 3, "min_points": 1}
    cset = {"format": "ocop-criteria/1", "ruleset": rules["ruleset"], "code": "test-max-score",
            "sector": "food", "groups": ["food.tea"], "name": "Bộ tiêu chí thử lớn nhất",
            "name_en": "Largest test set", "official": False, "parts": parts}
    for name, doc in (("rules.json", rules), ("set.json", cset)):
        path = os.path.join(ctx.tmp, "score-max-" + name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        ctx.cli("criteria", "load", path, check=True)
    with sqlite3.connect(ctx.db) as db:
        ctx.ids["score_max_set"] = db.execute(
            "SELECT id FROM criteria_sets WHERE code = 'test-max-score'").fetchone()[0]
    return ctx.ids["score_max_set"]


def test_the_largest_scorecard_the_rules_allow_is_one_form(ctx):
    set_id = _synthetic_rules(ctx)
    m = _member(ctx, "score.max@council.test")
    did, cs = _scheduled(ctx, "Sản phẩm thử 100 tiêu chí", ["score.max@council.test"], set_id)
    assert cs["code"] == "test-max-score"
    crits = _criteria(cs)
    assert len(crits) == 100
    st, h, page = m.go("GET", "/office/dossiers/%d/score" % did)
    assert st == 200
    accessible(page, h["Content-Security-Policy"])
    f = form(page, "/office/dossiers/%d/score" % did)
    assert len(f["radios"]) == 99 and list(f["selects"]) == ["choice_C1.1"]
    assert f["selects"]["choice_C1.1"] == [""] + [str(k) for k in range(12)]
    assert page.count("<fieldset") == 100
    # the whole sheet fits the form's 128 fields: 100 choices, csrf and action
    full = {c["code"]: _top(c) for c in crits}
    full["C1.2"] = 0
    st, _, page = post(m, "/office/dossiers/%d/score" % did,
                       dict(_fields(page, did, full), action="preview"))
    got = _tally(page)
    assert st == 200 and got["total"] == 99 and got["stars"] == 2 and got["capped_by"] == "C1.2"
    assert re.search(r'<option value="11" data-p="1" selected>', page)
    # the select, left empty, is named with the others
    fields = _fields(page, did, {k: v for k, v in full.items() if k != "C1.1"})
    st, _, page = post(m, "/office/dossiers/%d/score" % did, dict(fields, **{"choice_C1.1": ""}))
    assert st == 422 and re.findall(r'href="#f-([^"]+)"', page) == ["C1.1"]
    assert re.search(r'<select required id="c\d+" name="choice_C1.1" aria-invalid="true" '
                     r'aria-describedby="e-C1.1">', page)
    st, loc, _ = post(m, "/office/dossiers/%d/score" % did,
                      dict(_fields(page, did, full), action="submit"))
    assert st == 303, st
    assert [s["total"] for s in _sheets(ctx, did)] == [99]
    assert ctx.get(D + "/%d" % did, token="office").json["result"]["capped_by"] == "C1.2"
