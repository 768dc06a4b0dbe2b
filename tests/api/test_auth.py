"""Writes need a bearer token whose role and scope allow them; every write is audited."""
from run import expect

P = "/api/v1/products"


def _body(ctx, producer="producer_bt", **kw):
    b = {"name": "Sản phẩm thử quyền", "group": "crafts.household",
         "producer_id": ctx.ids[producer]}
    b.update(kw)
    return b


def test_no_token_is_401(ctx):
    for method, path, body in (("POST", P, {}), ("PATCH", P + "/1", {}), ("DELETE", P + "/1", None),
                               ("POST", "/api/v1/producers", {}), ("GET", "/api/v1/audit", None),
                               ("GET", "/api/v1/me", None)):
        r = expect(ctx.request(method, path, body=body), 401)
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
    for bad in ("ocop_not-a-real-token-at-all", "garbage", "ocop_" + "A" * 43):
        expect(ctx.post(P, _body(ctx), token=bad), 401)


def test_reads_are_public(ctx):
    for path in ("/api/v1/products", "/api/v1/producers", "/api/v1/villages", "/api/v1/zones",
                 "/api/v1/certificates", "/api/v1/provinces", "/api/v1/wards"):
        expect(ctx.get(path), 200)


def test_me(ctx):
    me = expect(ctx.get("/api/v1/me", token="commune"), 200).json
    assert me["role"] == "commune" and me["ward_code"] == "00577" and me["province_code"] == "01"


def test_roles_without_registry_rights_get_403(ctx):
    for role in ("council", "sales"):
        # refused before the body is read: a bad body still gets 403, not 422
        expect(ctx.post(P, {"bogus": 1}, token=role), 403)
        expect(ctx.post(P, _body(ctx), token=role), 403)
        expect(ctx.post("/api/v1/producers", {"name": "x", "kind": "household",
                                              "ward_code": "00577"}, token=role), 403)
        expect(ctx.post("/api/v1/villages", {"name": "x", "craft": "y", "ward_code": "00577"},
                        token=role), 403)


def test_office_is_bounded_by_its_province(ctx):
    p = expect(ctx.post(P, _body(ctx), token="office"), 201).json
    expect(ctx.post(P, _body(ctx), token="office_hcm"), 403)
    expect(ctx.patch(P + "/%d" % p["id"], {"name": "đổi tên"}, token="office_hcm"), 403)
    expect(ctx.delete(P + "/%d" % p["id"], token="office_hcm"), 403)
    expect(ctx.delete(P + "/%d" % p["id"], token="office"), 204)


def test_commune_officer_edits_only_their_commune(ctx):
    own = ctx.ids["producer_bt"]  # in 00577, the officer's commune
    other = ctx.ids["producer_pv"]  # in 10030
    expect(ctx.patch("/api/v1/producers/%d" % own, {"phone": "0243 874 0001"}, token="commune"), 200)
    expect(ctx.patch("/api/v1/producers/%d" % other, {"phone": "0243 874 0001"}, token="commune"),
           403)
    expect(ctx.patch("/api/v1/producers/%d" % other, {"phone": "0243 874 0002"},
                     token="commune_other"), 200)
    # moving one's own record out of one's commune is refused too
    expect(ctx.patch("/api/v1/producers/%d" % own, {"ward_code": "10030"}, token="commune"), 403)
    expect(ctx.post("/api/v1/producers", {"name": "HTX mới", "kind": "cooperative",
                                          "ward_code": "10030"}, token="commune"), 403)
    made = expect(ctx.post("/api/v1/producers", {"name": "HTX mới Bát Tràng", "kind": "cooperative",
                                                 "ward_code": "00577"}, token="commune"), 201).json
    expect(ctx.delete("/api/v1/producers/%d" % made["id"], token="commune"), 204)
    expect(ctx.post("/api/v1/villages", {"name": "Làng mới", "craft": "Gốm", "ward_code": "00577"},
                    token="commune"), 403)


def test_producer_edits_only_their_own_products(ctx):
    mine = expect(ctx.post(P, _body(ctx), token="producer"), 201).json
    expect(ctx.post(P, _body(ctx, producer="producer_pv"), token="producer"), 403)
    expect(ctx.patch(P + "/%d" % mine["id"], {"story": "Câu chuyện sản phẩm"}, token="producer"), 200)
    # handing the product to another producer is refused
    expect(ctx.patch(P + "/%d" % mine["id"], {"producer_id": ctx.ids["producer_pv"]},
                     token="producer"), 403)
    theirs = expect(ctx.post(P, _body(ctx, producer="producer_pv"), token="admin"), 201).json
    expect(ctx.patch(P + "/%d" % theirs["id"], {"story": "x"}, token="producer"), 403)
    expect(ctx.delete(P + "/%d" % theirs["id"], token="producer"), 403)
    expect(ctx.patch("/api/v1/producers/%d" % ctx.ids["producer_bt"], {"employees": 12},
                     token="producer"), 200)
    expect(ctx.patch("/api/v1/producers/%d" % ctx.ids["producer_pv"], {"employees": 12},
                     token="producer"), 403)
    expect(ctx.delete(P + "/%d" % mine["id"], token="producer"), 204)
    expect(ctx.delete(P + "/%d" % theirs["id"], token="admin"), 204)


def test_forbidden_writes_change_nothing(ctx):
    before = ctx.get("/api/v1/producers/%d" % ctx.ids["producer_pv"]).json
    expect(ctx.patch("/api/v1/producers/%d" % ctx.ids["producer_pv"], {"name": "hijacked"},
                     token="commune"), 403)
    assert ctx.get("/api/v1/producers/%d" % ctx.ids["producer_pv"]).json == before


def test_every_write_is_audited_with_before_and_after(ctx):
    p = expect(ctx.post(P, _body(ctx, name="Sản phẩm kiểm toán"), token="office"), 201).json
    expect(ctx.patch(P + "/%d" % p["id"], {"name": "Sản phẩm kiểm toán 2"}, token="office"), 200)
    expect(ctx.delete(P + "/%d" % p["id"], token="office"), 204)
    expect(ctx.get("/api/v1/audit?entity=product&id=%d" % p["id"], token="commune"), 403)
    rows = expect(ctx.get("/api/v1/audit?entity=product&id=%d" % p["id"], token="office"),
                  200).json["items"]
    assert [r["action"] for r in rows] == ["delete", "update", "create"]
    assert all(r["actor"] == "office:office@hanoi.test" for r in rows)
    assert rows[2]["before"] is None and rows[2]["after"]["name"] == "Sản phẩm kiểm toán"
    assert rows[1]["before"]["name"] == "Sản phẩm kiểm toán"
    assert rows[1]["after"]["name"] == "Sản phẩm kiểm toán 2"
    assert rows[0]["after"] is None and rows[0]["before"]["name"] == "Sản phẩm kiểm toán 2"
    # refused writes leave no audit row
    expect(ctx.post(P, _body(ctx), token="sales"), 403)
    all_rows = expect(ctx.get("/api/v1/audit", token="admin"), 200).json["items"]
    assert not any("sales" in r["actor"] for r in all_rows)


def test_audit_log_is_append_only_in_the_database(ctx):
    import sqlite3
    con = sqlite3.connect(ctx.db)
    try:
        for sql in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
            try:
                con.execute(sql)
                con.commit()
            except sqlite3.DatabaseError as e:
                assert "append-only" in str(e)
            else:
                raise AssertionError("audit_log accepted: " + sql)
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    finally:
        con.close()
