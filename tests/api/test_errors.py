"""Every error class answers RFC 9457 problem+json; bad input never gets a 500."""
import json
import socket

from run import expect, vi

P = "/api/v1/products"


def test_malformed_json_is_400(ctx):
    for raw in (b"{bad", b"", b"[1,", b"\xff\xfe", b'{"a":1,"a":2}', b"nul"):
        r = expect(ctx.request("POST", P, raw=raw, token="admin",
                               headers={"Content-Type": "application/json"}), 400)
        assert "JSON" in r.json["detail"]


def test_validation_is_422_naming_the_field(ctx):
    cases = [
        ({}, "name"),
        ({"name": "x"}, "group"),
        ({"name": "x", "group": "crafts.household"}, "producer_id"),
        ({"name": "x", "group": "crafts.household", "producer_id": 999999}, "producer_id"),
        ({"name": "x", "group": "crafts.household", "producer_id": 1, "ward_code": "99999"},
         "ward_code"),
        ({"name": "x" * 201, "group": "crafts.household", "producer_id": 1}, "name"),
        ({"name": 5, "group": "crafts.household", "producer_id": 1}, "name"),
        ({"name": "x", "group": "crafts.household", "producer_id": 1, "certificate": 5},
         "certificate"),
    ]
    for body, field in cases:
        r = expect(ctx.post(P, body, token="admin"), 422)
        assert r.json["errors"][0]["field"] == field, (body, r.json)
    r = expect(ctx.request("POST", P, raw=b"[1,2]", token="admin"), 422)
    r = expect(ctx.post("/api/v1/producers", {"name": "HTX", "kind": "cooperative",
                                              "ward_code": "00577", "tax_code": "12"},
                        token="admin"), 422)
    assert r.json["errors"][0]["field"] == "tax_code"


def test_unknown_id_is_404(ctx):
    for path in ("/api/v1/products/999999", "/api/v1/products/abc", "/api/v1/products/-1",
                 "/api/v1/producers/0", "/api/v1/villages/99999999999999999999",
                 "/api/v1/certificates/424242", "/api/v1/provinces/00", "/api/v1/nothing",
                 "/api/v2/products"):
        expect(ctx.get(path), 404)
    expect(ctx.patch("/api/v1/products/999999", {"name": "x"}, token="admin"), 404)


def test_wrong_method_is_405_with_allow(ctx):
    r = expect(ctx.request("PUT", P, body={}, token="admin"), 405)
    assert r.headers["Allow"] == "GET, POST"
    r = expect(ctx.request("POST", "/api/v1/certificates/1", body={}), 405)
    assert r.headers["Allow"] == "GET"


def test_conflicts_are_409(ctx):
    body = {"name": "HTX trùng mã số thuế", "kind": "cooperative", "ward_code": "00577",
            "tax_code": "0100000001"}
    r = expect(ctx.post("/api/v1/producers", body, token="admin"), 409)
    r = expect(ctx.delete("/api/v1/producers/%d" % ctx.ids["producer_bt"], token="admin"), 409)
    assert ctx.get("/api/v1/producers/%d" % ctx.ids["producer_bt"]).status == 200


def test_body_over_the_limit_is_413(ctx):
    big = {"name": "x", "group": "crafts.household", "producer_id": 1, "story": "a" * 70000}
    expect(ctx.post(P, big, token="admin"), 413)
    # without Content-Length (chunked), the cap holds while reading
    s = socket.create_connection(("127.0.0.1", ctx.port))
    s.sendall(b"POST /api/v1/products HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
              b"Content-Type: application/json\r\nAuthorization: Bearer " +
              ctx.tokens["admin"].encode() + b"\r\n\r\n")
    chunk = b"a" * 16384
    for _ in range(6):
        s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    s.sendall(b"0\r\n\r\n")
    answer = s.recv(65536).decode()
    s.close()
    assert answer.startswith("HTTP/1.1 413"), answer[:200]


def test_non_json_body_is_415(ctx):
    r = expect(ctx.request("POST", P, raw=b"name=x", token="admin",
                           headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)


def test_bad_query_string_is_400(ctx):
    for q in ("q=%zz", "q=%", "q=%00", "q=a&q=b", "q=%ff%fe"):
        expect(ctx.get(P + "?" + q), 400)
    expect(ctx.get(P + "?" + "&".join("k%d=1" % i for i in range(40))), 400)


def test_hostile_input_is_not_echoed(ctx):
    evil = "<script>alert(1)</script>"
    for r in (ctx.post(P, {evil: 1}, token="admin"),
              ctx.get(P + "?%3Cscript%3E=1"),
              ctx.get(P + "?stars=%3Cscript%3E"),
              ctx.get("/api/v1/products/%3Cscript%3E"),
              ctx.post("/api/v1/producers", {"name": "x", "kind": evil, "ward_code": "00577"},
                       token="admin")):
        assert r.status in (400, 404, 422), r
        assert "<script>" not in r.text and "script" not in r.text.lower(), r.text
    # a stored hostile name comes back as JSON data, intact, never interpreted
    p = expect(ctx.post(P, {"name": evil + " \"quoted\" ắ", "group": "crafts.household",
                            "producer_id": ctx.ids["producer_bt"]}, token="admin"), 201).json
    assert p["name"] == evil + " \"quoted\" ắ"
    ctx.delete(P + "/%d" % p["id"], token="admin")


def test_errors_carry_a_request_id(ctx):
    r = expect(ctx.get("/api/v1/products/999999"), 404)
    assert r.json["request_id"] == r.headers["X-Request-Id"]


def test_problems_speak_the_language_the_client_prefers(ctx):
    prefer_vi = {"Accept-Language": "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"}
    prefer_en = {"Accept-Language": "en-US,en;q=0.9,vi;q=0.8"}
    path = "/api/v1/villages/99999"
    # no preference: English, said so
    r = expect(ctx.get(path), 404)
    assert r.json["detail"] == "no record of that kind has that id", r.json
    assert r.json["title"] == "Not found" and r.headers["Content-Language"] == "en"
    assert r.headers["Vary"] == "Accept-Language"
    r = expect(ctx.get(path, headers=prefer_en), 404)
    assert r.json["detail"] == "no record of that kind has that id"
    # Vietnamese first when the client prefers it: title, detail and Content-Language
    r = expect(ctx.get(path, headers=prefer_vi), 404)
    assert r.json["detail"] == vi("no record of that kind has that id"), r.json
    assert r.json["title"] == "Không tìm thấy" and r.headers["Content-Language"] == "vi"
    assert r.json["type"] == "/problems/not-found"   # what programs read does not change
    # a field's message, with its value, and the field itself unchanged
    r = expect(ctx.post(P, {"name": "x", "group": "crafts.household", "producer_id": 1,
                            "ward_code": "99999"}, token="admin", headers=prefer_vi), 422)
    assert r.json["errors"][0]["field"] == "ward_code"
    assert r.json["errors"][0]["message"] == r.json["detail"] != ""
    assert "99999" in r.json["detail"] or "ward" not in r.json["detail"], r.json
    # fixed details (405, 415) and the 401 of a missing token
    r = expect(ctx.request("PUT", P, body={}, token="admin", headers=prefer_vi), 405)
    assert r.json["detail"] == vi("this resource does not accept that method")
    r = expect(ctx.request("POST", P, raw=b"{}", token="admin",
                           headers=dict(prefer_vi, **{"Content-Type": "text/plain"})), 415)
    assert r.json["detail"] == vi("send the body as application/json")
    r = expect(ctx.request("POST", P, body={}, headers=prefer_vi), 401)
    assert r.json["detail"] == vi("this needs a bearer token (Authorization: Bearer ...)")
    # a malformed header is no error: it leaves the default
    for h in ("vi;q=2", ";;,", "x" * 300, "vi;q=abc"):
        r = expect(ctx.get(path, headers={"Accept-Language": h}), 404)
        assert r.headers["Content-Language"] == "en", h


VI = {"Accept-Language": "vi-VN,vi;q=0.9"}
BAD_PRODUCER = {"name": "", "kind": "household", "tax_code": "12ab", "ward_code": "99999",
                "email": "not-an-email", "phone": "abc", "members": -3, "employees": "x",
                "founded_year": 3000, "website": "ftp:x"}


def test_a_record_with_many_bad_fields_gets_every_one_in_errors(ctx):
    before = ctx.get("/api/v1/producers?per_page=1").json["total"]
    r = expect(ctx.post("/api/v1/producers", BAD_PRODUCER, token="admin"), 422)
    errs = r.json["errors"]
    fields = [e["field"] for e in errs]
    assert fields == ["name", "tax_code", "ward_code", "phone", "email", "website", "members",
                      "employees", "founded_year"], fields
    byf = {e["field"]: e["message"] for e in errs}
    assert byf["ward_code"] == "no ward or commune has that code"
    assert byf["website"] == "website must be a web address starting with http:// or https://"
    assert byf["employees"] == "employees must be an integer", "English keeps the field keys"
    assert r.json["detail"] == errs[0]["message"] == "name must not be empty"
    assert ctx.get("/api/v1/producers?per_page=1").json["total"] == before, "nothing written"
    # in Vietnamese, each field by its word
    r = expect(ctx.post("/api/v1/producers", BAD_PRODUCER, token="admin", headers=VI), 422)
    byf = {e["field"]: e["message"] for e in r.json["errors"]}
    assert byf["employees"] == "số lao động phải là một số nguyên" or \
        byf["employees"] == vi("%s must be an integer%.0s", "employees", vi("employees"))
    assert "employees" not in byf["employees"] and "website" not in byf["website"]
    # an update reports all its faults too, and changes nothing
    pid = ctx.ids["producer_bt"]
    old = ctx.get("/api/v1/producers/%d" % pid).json
    r = expect(ctx.patch("/api/v1/producers/%d" % pid, {"email": "x", "phone": "y", "name": None},
                         token="admin"), 422)
    assert [e["field"] for e in r.json["errors"]] == ["name", "phone", "email"]
    assert ctx.get("/api/v1/producers/%d" % pid).json == old


def test_the_website_is_an_http_address(ctx):
    base = {"name": "HTX trang web", "kind": "household", "ward_code": "00577"}
    for bad in ("ftp:x", "javascript:alert(1)", "https://", "http://exa mple.vn", "example.vn",
                "https://.vn", "https://a..vn", "http://localhost"):
        r = expect(ctx.post("/api/v1/producers", dict(base, website=bad), token="admin"), 422)
        assert r.json["errors"] == [{"field": "website", "message": "website must be a web "
                                     "address starting with http:// or https://"}], bad
    r = expect(ctx.post("/api/v1/producers", dict(base, website="https://" + "a" * 300 + ".vn"),
                        token="admin"), 422)
    assert r.json["errors"][0]["message"] == "website is longer than 300 characters"
    r = expect(ctx.post("/api/v1/producers", dict(base, website="http://example.vn"),
                        token="admin", headers=VI), 201)
    ctx.delete("/api/v1/producers/%d" % r.json["id"], token="admin")
    r = expect(ctx.post("/api/v1/producers", dict(base, website="x"), token="admin",
                        headers=VI), 422)
    assert r.json["errors"][0]["message"] == vi(
        "%s must be a web address starting with http:// or https://%.0s", "website",
        vi("website"))
    p = expect(ctx.post("/api/v1/producers", dict(base, website="https://example.vn"),
                        token="admin"), 201).json
    try:
        assert p["website"] == "https://example.vn"
        html = ctx.get("/producers/%d" % p["id"], headers={"Accept": "text/html"}).text
        assert '<a rel="nofollow noopener" href="https://example.vn">https://example.vn</a>' in html
    finally:
        ctx.delete("/api/v1/producers/%d" % p["id"], token="admin")


def test_messages_name_fields_by_their_vietnamese_words(ctx):
    r = expect(ctx.get("/api/v1/products?page=0", headers=VI), 422)
    assert r.json["errors"][0]["field"] == "page"
    assert r.json["errors"][0]["message"].startswith(vi("page") + " "), r.json
    r = expect(ctx.get("/api/v1/products?page=0"), 422)
    assert r.json["errors"][0]["message"].startswith("page "), "English keeps the key"
    r = expect(ctx.get("/api/v1/products?status=x", headers=VI), 422)
    assert r.json["errors"][0]["message"] == vi("%s is not one of the allowed values%.0s",
                                                "status", vi("status"))
    html = ctx.get("/products?page=0", headers={"Accept": "text/html"}).text
    assert "số trang phải là số nguyên từ 1 đến" in html and "page phải" not in html
    html = ctx.get("/products?stars=9", headers={"Accept": "text/html"}).text
    assert "số sao phải là số nguyên từ" in html and "stars phải" not in html
    r = expect(ctx.post("/api/v1/sessions", {"name": "x"}, token="office", headers=VI), 422)
    msgs = {e["field"]: e["message"] for e in r.json["errors"]}
    assert msgs["date"] == "cần nhập ngày", msgs
    assert "member_ids" not in msgs["member_ids"]
