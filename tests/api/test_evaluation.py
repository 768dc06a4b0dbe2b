"""Evaluation: dossiers, pre-check, councils, scoring, decisions, the central step, revocation."""
import datetime
import sqlite3

from run import assert_download, expect, vi

D = "/api/v1/dossiers"


def _pdftext(ctx, data):
    import os
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".pdf", dir=ctx.tmp, delete=False) as f:
        f.write(data)
    out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True,
                         check=True).stdout
    os.unlink(f.name)
    return out


def _criteria(ctx, set_id):
    cs = expect(ctx.get("/api/v1/criteria-sets/%d" % set_id), 200).json
    out = []
    for part in cs["parts"]:
        for sec in part["sections"]:
            for c in sec["criteria"]:
                out.append(c)
    return cs, out


def _choices(criteria, target):
    """Option indexes totalling close to `target` points: top options first, then the lowest."""
    choices, total = {}, 0
    for c in criteria:
        pts = [o["points"] for o in c["options"]]
        best = max(range(len(pts)), key=lambda i: pts[i])
        worst = min(range(len(pts)), key=lambda i: pts[i])
        if total + pts[best] <= target:
            choices[c["code"]], total = best, total + pts[best]
        else:
            choices[c["code"]], total = worst, total + pts[worst]
    return choices, total


def _product(ctx, name, group="food.grain_processed"):
    return expect(ctx.post("/api/v1/products", {"name": name, "group": group,
                                                "producer_id": ctx.ids["producer_bt"]},
                           token="admin"), 201).json


def _session(ctx, members=(1, 2, 3, 4)):
    ids = [ctx.get("/api/v1/me", token="member%d" % m).json["id"] for m in members]
    return expect(ctx.post("/api/v1/sessions", {"name": "Hội đồng cấp thành phố đợt 1",
                                                "date": datetime.date.today().isoformat(),
                                                "member_ids": ids}, token="office"), 201).json


def _to_scheduled(ctx, product_name, group="food.grain_processed", members=(1, 2, 3, 4)):
    prod = _product(ctx, product_name, group)
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 201).json
    expect(ctx.post(D + "/%d/submit" % d["id"], {}, token="producer"), 200)
    expect(ctx.post(D + "/%d/accept" % d["id"], {}, token="commune"), 200)
    s = _session(ctx, members)
    d = expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                        token="office"), 200).json
    return prod, d, s


def test_criteria_sets_are_public_and_complete(ctx):
    sets = expect(ctx.get("/api/v1/criteria-sets"), 200).json
    assert sets["total"] >= 7
    by_code = {s["code"]: s for s in sets["items"]}
    assert {"148-food", "148-drinks", "148-herbal", "148-crafts", "148-ornamental",
            "148-tourism", "1048-food"} <= set(by_code)
    groups = sorted(g for s in sets["items"] if s["ruleset"] == "148/QĐ-TTg" for g in s["groups"])
    assert len(groups) == 26 and len(set(groups)) == 26
    cs = expect(ctx.get("/api/v1/criteria-sets/%d" % by_code["148-food"]["id"]), 200).json
    assert [(p["code"], p["max"]) for p in cs["parts"]] == [("A", 40), ("B", 25), ("C", 35)]
    old = expect(ctx.get("/api/v1/criteria-sets/%d" % by_code["1048-food"]["id"]), 200).json
    assert [(p["code"], p["max"]) for p in old["parts"]] == [("A", 35), ("B", 25), ("C", 40)]
    assert cs["rules"]["certificate"]["validity_months"] == 36
    assert all(c["illustrative"] for p in cs["parts"] for s in p["sections"] for c in s["criteria"])
    expect(ctx.get("/api/v1/criteria-sets/99999"), 404)


def test_walk_to_four_then_five_stars_then_revoke(ctx):
    prod = _product(ctx, "Cốm làng Vòng thử nghiệm")
    # the producer opens and submits; the commune returns it; resubmitted and accepted
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 201).json
    assert d["state"] == "draft" and d["criteria_set"]["code"] == "148-food"
    pdf = b"%PDF-1.4\n% test document\n"
    up = ctx.request("POST", D + "/%d/documents?name=Giay%%20chung%%20nhan%%20ATTP.pdf" % d["id"],
                     raw=pdf, token="producer", headers={"Content-Type": "application/pdf"})
    assert up.status == 201, up
    doc = up.json["documents"][0]
    import hashlib
    assert doc["sha256"] == hashlib.sha256(pdf).hexdigest() and doc["size"] == len(pdf)
    got = ctx.get(D + "/%d/documents/%d" % (d["id"], doc["id"]), token="commune")
    assert got.status == 200 and got.body == pdf
    assert got.headers["Content-Type"] == "application/pdf"
    expect(ctx.post(D + "/%d/submit" % d["id"], {}, token="producer"), 200)
    r = expect(ctx.post(D + "/%d/return" % d["id"], {"reasons": "Thiếu giấy chứng nhận ATTP"},
                        token="commune"), 200).json
    assert r["state"] == "returned"
    expect(ctx.post(D + "/%d/submit" % d["id"], {}, token="producer"), 200)
    expect(ctx.post(D + "/%d/accept" % d["id"], {}, token="commune"), 200)
    # the office runs a council of four; one member declares a conflict of interest
    s = _session(ctx)
    d = expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                        token="office"), 200).json
    assert d["state"] == "scheduled"
    expect(ctx.post(D + "/%d/conflicts" % d["id"], {"reason": "Người thân của chủ thể"},
                    token="member4"), 200)
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    top, t100 = _choices(criteria, 100)
    near, t88 = _choices(criteria, 88)
    assert t100 == 100
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member4"), 403)
    expect(ctx.post(D + "/%d/decision" % d["id"], {"decision_number": "1/QĐ-UBND",
                                                   "decision_date": "2026-01-05"},
                    token="office"), 409)  # nobody scored: not yet "scored"
    after1 = expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member1"), 200).json
    assert after1["state"] == "scheduled" and after1["result"]["quorum"] is False
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member1"), 409)
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member2"), 200)
    done = expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": near}, token="member3"), 200).json
    assert done["state"] == "scored", done
    res = done["result"]
    want = round((100 + 100 + t88) / 3, 2)
    assert res["quorum"] and res["sheets"] == 3 and res["eligible"] == 3
    assert abs(res["total"] - want) < 1e-9 and res["stars_by_score"] == 5
    assert res["recognised"] == 4 and res["candidate"] is True
    # the province certifies 4 stars and proposes five
    dec = expect(ctx.post(D + "/%d/decision" % d["id"], {"decision_number": "125/QĐ-UBND",
                                                         "decision_date": "2026-03-10"},
                          token="office"), 200).json
    assert dec["state"] == "proposed"
    c4 = expect(ctx.get("/api/v1/certificates/%d" % dec["certificate_id"]), 200).json
    assert c4["stars"] == 4 and c4["issuing_level"] == "province" and c4["five_star_candidate"]
    assert c4["valid_from"] == "2026-03-10" and c4["valid_until"] == "2029-03-09"
    assert c4["ruleset"] == "148/QĐ-TTg" and abs(c4["score"] - want) < 1e-9
    p = expect(ctx.get("/api/v1/products/%d" % prod["id"]), 200).json
    assert p["certificate"]["id"] == c4["id"]
    # the certificate's PDF (public) carries the product, stars, number and validity
    pdf = ctx.get("/api/v1/certificates/%d/pdf" % c4["id"])
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert_download(pdf.headers, "inline", "certificate-%d" % c4["id"], "pdf")
    text = _pdftext(ctx, pdf.body)
    for want in ("Cốm làng Vòng thử nghiệm", "4 sao", c4["number"], "10/03/2026", "09/03/2029",
                 "2026-03-10", "2029-03-09", "125/QĐ-UBND"):
        assert want in text, (want, text[:500])
    # the council's summary and a member's sheet
    summary = ctx.get(D + "/%d/scores/pdf" % d["id"], token="office")
    assert summary.status == 200, summary
    assert "Cốm làng Vòng thử nghiệm" in _pdftext(ctx, summary.body)
    m1 = ctx.get("/api/v1/me", token="member1").json["id"]
    sheet = ctx.get(D + "/%d/scores/%d/pdf" % (d["id"], m1), token="member1")
    assert sheet.status == 200 and "member1@council.test" in _pdftext(ctx, sheet.body)
    expect(ctx.get(D + "/%d/scores/pdf" % d["id"]), 401)
    expect(ctx.get(D + "/%d/scores/%d/pdf" % (d["id"], 999999), token="office"), 404)
    # the central council recognises five stars
    expect(ctx.post(D + "/%d/central-decision" % d["id"],
                    {"result": "recognised", "decision_number": "88/QĐ-BNNMT",
                     "decision_date": "2026-06-01"}, token="office"), 403)
    fin = expect(ctx.post(D + "/%d/central-decision" % d["id"],
                          {"result": "recognised", "decision_number": "88/QĐ-BNNMT",
                           "decision_date": "2026-06-01"}, token="admin"), 200).json
    assert fin["state"] == "recognised"
    c5 = expect(ctx.get("/api/v1/certificates/%d" % fin["certificate_id"]), 200).json
    assert c5["stars"] == 5 and c5["issuing_level"] == "central" and c5["valid_until"] == "2029-05-31"
    assert expect(ctx.get("/api/v1/certificates/%d" % c4["id"]), 200).json["status"] == "superseded"
    p = expect(ctx.get("/api/v1/products/%d" % prod["id"]), 200).json
    assert p["certificate"]["stars"] == 5 and p["certificate"]["status"] == "valid"
    # every step is in the history
    hist = expect(ctx.get(D + "/%d" % d["id"], token="office"), 200).json["history"]
    assert [h["to_state"] for h in hist] == ["draft", "submitted", "returned", "submitted",
                                             "accepted", "scheduled", "scored", "proposed",
                                             "recognised"]
    assert hist[2]["note"] == "Thiếu giấy chứng nhận ATTP" and hist[2]["actor"].startswith("commune:")
    # revoked for a food-safety violation: the product shows it at once
    expect(ctx.post("/api/v1/certificates/%d/revoke" % c5["id"],
                    {"reason": "Vi phạm an toàn thực phẩm"}, token="commune"), 403)
    expect(ctx.post("/api/v1/certificates/%d/revoke" % c5["id"],
                    {"reason": "Vi phạm an toàn thực phẩm"}, token="office_hcm"), 403)
    rv = expect(ctx.post("/api/v1/certificates/%d/revoke" % c5["id"],
                         {"reason": "Vi phạm an toàn thực phẩm", "date": "2026-09-01"},
                         token="office"), 200).json
    assert rv["status"] == "revoked" and rv["revoked_at"] == "2026-09-01"
    expect(ctx.post("/api/v1/certificates/%d/revoke" % c5["id"], {"reason": "lần nữa"},
                    token="office"), 409)
    p = expect(ctx.get("/api/v1/products/%d" % prod["id"]), 200).json
    assert p["certificate"]["status"] == "revoked"
    assert p["certificate"]["revoke_reason"] == "Vi phạm an toàn thực phẩm"


def test_not_recognised_returns_the_sheet_to_the_producer(ctx):
    prod, d, s = _to_scheduled(ctx, "Sản phẩm điểm thấp")
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    low, t = _choices(criteria, 40)
    expect(ctx.get(D + "/%d/scores" % d["id"], token="producer"), 403)  # not before the decision
    for m in (1, 2, 3):
        expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": low}, token="member%d" % m), 200)
    dec = expect(ctx.post(D + "/%d/decision" % d["id"], {"decision_number": "130/QĐ-UBND",
                                                         "decision_date": "2026-03-12"},
                          token="office"), 200).json
    assert dec["state"] == "not_recognised" and dec["certificate_id"] is None
    sheets = expect(ctx.get(D + "/%d/scores" % d["id"], token="producer"), 200).json
    assert sheets["total"] == 3 and all(x["total"] == t for x in sheets["items"])
    assert expect(ctx.get("/api/v1/products/%d" % prod["id"]), 200).json["certificate"] is None


def test_required_criterion_caps_the_stars(ctx):
    prod, d, s = _to_scheduled(ctx, "Sản phẩm thiếu ATTP")
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    req = [c for c in criteria if c.get("required") and c["required"]["stars"] == 3]
    assert req, "the food set marks criteria required for 3 stars"
    top, _ = _choices(criteria, 100)
    for c in req[:1]:
        pts = [o["points"] for o in c["options"]]
        top[c["code"]] = pts.index(min(pts))
    for m in (1, 2, 3):
        res = expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top},
                              token="member%d" % m), 200).json["result"]
    assert res["stars_by_score"] >= 4 and res["stars"] == 2 and res["capped_by"] == req[0]["code"]
    dec = expect(ctx.post(D + "/%d/decision" % d["id"], {"decision_number": "131/QĐ-UBND",
                                                         "decision_date": "2026-03-12"},
                          token="office"), 200).json
    assert dec["state"] == "not_recognised"


def test_score_validation(ctx):
    prod, d, s = _to_scheduled(ctx, "Sản phẩm chấm sai")
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    top, _ = _choices(criteria, 100)
    first = criteria[0]["code"]
    bad = dict(top)
    bad[first] = len(criteria[0]["options"])  # one past the last option: above the maximum
    r = expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": bad}, token="member1"), 422)
    assert r.json["errors"][0]["field"] == first
    missing = dict(top)
    del missing[first]
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": missing}, token="member1"), 422)
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": dict(top, Z9=0)}, token="member1"), 422)
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top, "x": 1}, token="member1"), 422)
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member_hcm"), 403)
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="office"), 403)
    # quorum not met: two of four scored
    expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member1"), 200)
    r = expect(ctx.post(D + "/%d/scores" % d["id"], {"choices": top}, token="member2"), 200).json
    assert r["state"] == "scheduled" and r["result"]["quorum"] is False
    expect(ctx.post(D + "/%d/decision" % d["id"], {"decision_number": "x", "decision_date":
                                                   "2026-03-12"}, token="office"), 409)


def test_score_names_every_fault_at_once(ctx):
    """Three missing criteria, an unknown code and a level outside its options: one 422 that
    names all five (in criteria order, then the unknown code), in English and in Vietnamese,
    and no sheet is stored."""
    prod, d, s = _to_scheduled(ctx, "Sản phẩm chấm thiếu nhiều tiêu chí")
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    top, _ = _choices(criteria, 100)
    path = D + "/%d/scores" % d["id"]
    gone = [c["code"] for c in criteria[1:4]]
    worse = criteria[5]
    bad = {k: v for k, v in top.items() if k not in gone}
    bad[worse["code"]] = len(worse["options"])  # one past its last option
    bad["Z9.9"] = 0
    want_en = [(code, "no option is chosen for criterion %s" % code) for code in gone]
    want_en.append((worse["code"], "criterion %s needs one of its %d options"
                    % (worse["code"], len(worse["options"]))))
    want_en.append(("Z9.9", "not a criterion of this dossier's criteria set"))
    want_vi = [(code, vi("no option is chosen for criterion %s", code)) for code in gone]
    want_vi.append((worse["code"], vi("criterion %s needs one of its %d options", worse["code"],
                                      len(worse["options"]))))
    want_vi.append(("Z9.9", vi("not a criterion of this dossier's criteria set")))
    for headers, want in (({"Accept-Language": "en"}, want_en),
                          ({"Accept-Language": "vi"}, want_vi)):
        r = expect(ctx.post(path, {"choices": bad}, token="member1", headers=headers), 422)
        assert r.headers["Content-Type"].startswith("application/problem+json"), r.headers
        got = [(e["field"], e["message"]) for e in r.json["errors"]]
        assert got == want, got
        assert r.json["detail"] == want[0][1], r.json
    # a string, a negative index and a null: not options, not options, and missing
    odd = dict(top, **{criteria[0]["code"]: "1", criteria[1]["code"]: -1,
                       criteria[2]["code"]: None})
    r = expect(ctx.post(path, {"choices": odd}, token="member1"), 422)
    assert [e["field"] for e in r.json["errors"]] == [c["code"] for c in criteria[:3]], r.json
    assert r.json["errors"][2]["message"] == "no option is chosen for criterion %s" % \
        criteria[2]["code"]
    # more faults than a problem lists: the first 23, then one entry counting the others
    r = expect(ctx.post(path, {"choices": {}}, token="member1"), 422)
    errs = r.json["errors"]
    assert len(criteria) > 24 and len(errs) == 24, errs
    assert [e["field"] for e in errs[:23]] == [c["code"] for c in criteria[:23]]
    assert errs[23] == {"field": "choices", "message": "%d more criteria or codes are at fault, "
                        "not listed" % (len(criteria) - 23)}, errs[23]
    r = expect(ctx.post(path, {"choices": {}}, token="member1",
                        headers={"Accept-Language": "vi"}), 422)
    assert r.json["errors"][23]["message"] == vi("%d more criteria or codes are at fault, "
                                                 "not listed", len(criteria) - 23)
    # nothing was stored: no sheet, and the member may still hand in the whole one
    assert expect(ctx.get(path, token="office"), 200).json["total"] == 0
    expect(ctx.post(path, {"choices": top}, token="member1"), 200)
    assert expect(ctx.get(path, token="office"), 200).json["total"] == 1


def test_impossible_transitions_are_409_and_change_nothing(ctx):
    prod = _product(ctx, "Sản phẩm chuyển trạng thái sai")
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 201).json
    path = D + "/%d" % d["id"]
    for action, token, body in (("accept", "commune", {}), ("return", "commune", {"reasons": "x"}),
                                ("decision", "office", {"decision_number": "1", "decision_date": "2026-01-01"}),
                                ("central-decision", "admin", {"result": "recognised", "decision_number": "1",
                                                               "decision_date": "2026-01-01"})):
        expect(ctx.post(path + "/" + action, body, token=token), 409)
    s = _session(ctx)
    expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                    token="office"), 409)
    expect(ctx.post(path + "/submit", {}, token="producer"), 200)
    r = expect(ctx.post(path + "/submit", {}, token="producer"), 409)
    assert r.json["detail"] == "a dossier that is submitted cannot be given the action submit"
    # in Vietnamese the state and the action are words, not the API's names
    r = expect(ctx.post(path + "/submit", {}, token="producer",
                        headers={"Accept-Language": "vi"}), 409)
    assert r.json["detail"] == vi("a dossier that is %s cannot be given the action %s%.0s%.0s",
                                  "submitted", "submit", "đã nộp", "nộp")
    assert "submit" not in r.json["detail"]
    expect(ctx.post(path + "/return", {}, token="commune"), 422)  # reasons required
    before = expect(ctx.get(path, token="office"), 200).json
    expect(ctx.post(path + "/decision", {"decision_number": "1", "decision_date": "2026-01-01"},
                    token="office"), 409)
    assert expect(ctx.get(path, token="office"), 200).json == before
    # a second open dossier for the same product is refused
    expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 409)
    expect(ctx.post(path + "/withdraw", {}, token="producer"), 200)
    expect(ctx.post(path + "/submit", {}, token="producer"), 409)


def test_roles_that_must_not_act_get_403(ctx):
    prod = _product(ctx, "Sản phẩm thử quyền hồ sơ")
    expect(ctx.post(D, {"product_id": prod["id"]}, token="sales"), 403)
    expect(ctx.post(D, {"product_id": prod["id"]}, token="council"), 403)
    expect(ctx.post(D, {"product_id": prod["id"]}, token="commune_other"), 403)
    expect(ctx.post(D, {"product_id": prod["id"]}, token="office_hcm"), 403)
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="commune"), 201).json
    path = D + "/%d" % d["id"]
    for token in ("sales", "council", "commune_other", "office_hcm", "member1"):
        expect(ctx.post(path + "/submit", {}, token=token), 403)
        expect(ctx.get(path, token=token), 403)
    expect(ctx.post(path + "/submit", {}, token="producer"), 200)
    for token in ("producer", "sales", "member1", "commune_other", "office_hcm"):
        expect(ctx.post(path + "/accept", {}, token=token), 403)
    expect(ctx.post(path + "/accept", {}, token="commune"), 200)
    s = _session(ctx)
    for token in ("producer", "commune", "member1", "sales", "office_hcm"):
        expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                        token=token), 403)
    for token in ("producer", "commune", "member1", "sales"):
        expect(ctx.post("/api/v1/sessions", {"name": "x", "date": "2026-01-01", "member_ids": [1]},
                        token=token), 403)
    expect(ctx.get(D, token="sales"), 403)
    expect(ctx.get(D), 401)
    mine = expect(ctx.get(D, token="producer"), 200).json
    assert all(i["producer"]["id"] == ctx.ids["producer_bt"] for i in mine["items"])
    assert expect(ctx.get(D, token="commune_other"), 200).json["total"] == 0


def test_session_members_must_be_council_of_the_province(ctx):
    admin_id = ctx.get("/api/v1/me", token="admin").json["id"]
    hcm = ctx.get("/api/v1/me", token="member_hcm").json["id"]
    for ids in ([admin_id], [hcm], [], [999999]):
        expect(ctx.post("/api/v1/sessions", {"name": "Hội đồng", "date": "2026-02-01",
                                             "member_ids": ids}, token="office"), 422)
    expect(ctx.post("/api/v1/sessions", {"name": "Hội đồng", "date": "2026-02-30",
                                         "member_ids": [hcm]}, token="office"), 422)


def test_documents_are_checked(ctx):
    prod = _product(ctx, "Sản phẩm tài liệu")
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 201).json
    url = D + "/%d/documents?name=a.exe" % d["id"]
    expect(ctx.request("POST", url, raw=b"MZ...", token="producer",
                       headers={"Content-Type": "application/x-msdownload"}), 422)
    expect(ctx.request("POST", D + "/%d/documents" % d["id"], raw=b"%PDF", token="producer",
                       headers={"Content-Type": "application/pdf"}), 422)  # no name
    big = b"\0" * (10 * 1024 * 1024 + 10)
    expect(ctx.request("POST", url, raw=big, token="producer",
                       headers={"Content-Type": "application/pdf"}), 413)
    expect(ctx.request("POST", url, raw=b"%PDF", token="sales",
                       headers={"Content-Type": "application/pdf"}), 403)


def test_dossier_history_is_append_only(ctx):
    con = sqlite3.connect(ctx.db)
    try:
        try:
            con.execute("UPDATE dossier_history SET note = 'rewritten'")
            con.commit()
        except sqlite3.DatabaseError as e:
            assert "append-only" in str(e)
        else:
            raise AssertionError("dossier_history accepted an update")
    finally:
        con.close()


def test_review_fixes(ctx):
    """Each check here once failed: found by reading the code against the docs."""
    import json
    import os
    sets = {s["code"]: s["id"] for s in ctx.get("/api/v1/criteria-sets").json["items"]}
    prod = _product(ctx, "Sản phẩm kiểm tra sửa lỗi")
    # a criteria set must be for the product's group
    r = expect(ctx.post(D, {"product_id": prod["id"], "criteria_set_id": sets["148-crafts"]},
                        token="producer"), 422)
    assert r.json["errors"][0]["field"] == "criteria_set_id"
    d = expect(ctx.post(D, {"product_id": prod["id"]}, token="producer"), 201).json
    path = D + "/%d" % d["id"]
    # someone outside the scope gets 403 whatever the state, never the state machine's 409
    expect(ctx.post(path + "/accept", {}, token="office_hcm"), 403)
    expect(ctx.post(path + "/decision", {"decision_number": "1", "decision_date": "2026-01-01"},
                    token="office_hcm"), 403)
    expect(ctx.post(path + "/submit", {}, token="producer"), 200)
    # the reasons for a return are real text
    for bad in ("   ", "x" * 2001):
        expect(ctx.post(path + "/return", {"reasons": bad}, token="commune"), 422)
    expect(ctx.post(path + "/accept", {}, token="commune"), 200)
    s = _session(ctx)
    expect(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                    token="office"), 200)
    cs, criteria = _criteria(ctx, d["criteria_set_id"])
    top, _ = _choices(criteria, 100)
    # only the council's members score, administrators included
    expect(ctx.post(path + "/scores", {"choices": top}, token="admin"), 403)
    for m in (1, 2, 3):
        expect(ctx.post(path + "/scores", {"choices": top}, token="member%d" % m), 200)
    dec = expect(ctx.post(path + "/decision", {"decision_number": "140/QĐ-UBND",
                                               "decision_date": "2026-04-01"}, token="office"), 200).json
    assert dec["state"] == "proposed"
    # the centre declines: the 4-star certificate is no longer a five-star candidate
    fin = expect(ctx.post(path + "/central-decision", {"result": "rejected", "decision_number":
                                                       "90/QĐ-BNNMT", "decision_date": "2026-07-01"},
                          token="admin"), 200).json
    assert fin["state"] == "recognised"
    c = expect(ctx.get("/api/v1/certificates/%d" % fin["certificate_id"]), 200).json
    assert c["stars"] == 4 and c["five_star_candidate"] is False
    # one group, one current set per ruleset
    src = os.path.join(ctx.root, "data", "criteria", "148", "food.json")
    doc = json.load(open(src, encoding="utf-8"))
    doc["code"] = "148-food-copy"
    copy = os.path.join(ctx.tmp, "food-copy.json")
    json.dump(doc, open(copy, "w", encoding="utf-8"), ensure_ascii=False)
    p = ctx.cli("criteria", "load", copy)
    assert p.returncode != 0 and "already belongs" in p.stderr, p.stderr
    # loading the same set again is harmless
    p = ctx.cli("criteria", "load", src)
    assert p.returncode == 0 and "unchanged" in p.stdout
