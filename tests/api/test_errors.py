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
