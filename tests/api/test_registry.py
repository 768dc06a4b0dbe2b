"""Registry over the API: create, read, update, delete, lists, filters, search."""
from run import expect


def _product(ctx, name, producer="producer_bt", token="admin", **extra):
    body = {"name": name, "group": "crafts.household", "producer_id": ctx.ids[producer]}
    body.update(extra)
    return expect(ctx.post("/api/v1/products", body, token=token), 201).json


def test_health(ctx):
    r = expect(ctx.get("/healthz"), 200)
    assert r.json["status"] == "ok"
    assert r.headers["Content-Type"] == "application/json"


def test_units_lists(ctx):
    provinces = expect(ctx.get("/api/v1/provinces?per_page=100"), 200).json
    assert provinces["total"] == 34
    hanoi = expect(ctx.get("/api/v1/provinces/01"), 200).json
    assert hanoi["name"] == "Hà Nội" and hanoi["wards"] == 126
    wards = expect(ctx.get("/api/v1/wards?province=01&per_page=200"), 200).json
    assert wards["total"] == 126 and len(wards["items"]) == 126
    assert expect(ctx.get("/api/v1/wards?per_page=1"), 200).json["total"] == 3321
    bt = expect(ctx.get("/api/v1/wards/00577"), 200).json
    assert bt["full_name"] == "Xã Bát Tràng" and bt["province_code"] == "01"
    expect(ctx.get("/api/v1/wards/99999"), 404)


def test_product_crud_roundtrip(ctx):
    p = _product(ctx, "Bình gốm men lam", description="Gốm men lam\nvẽ tay",
                 gtin="8935000000019" if False else None)
    assert p["sector"] == "crafts" and p["group"] == "crafts.household"
    assert p["ward_code"] == "00577", "the ward defaults to the producer's"
    assert p["producer"]["name"] == "HTX Gốm sứ Bát Tràng"
    assert p["certificate"] is None and p["status"] == "active"
    got = expect(ctx.get("/api/v1/products/%d" % p["id"]), 200).json
    assert got == p
    upd = expect(ctx.patch("/api/v1/products/%d" % p["id"], {"short_name": "Bình men lam",
                                                             "description": None},
                           token="admin"), 200).json
    assert upd["short_name"] == "Bình men lam" and upd["description"] is None
    assert upd["name"] == p["name"], "PATCH leaves other fields"
    r = expect(ctx.delete("/api/v1/products/%d" % p["id"], token="admin"), 204)
    assert r.body == b""
    expect(ctx.get("/api/v1/products/%d" % p["id"]), 404)
    expect(ctx.delete("/api/v1/products/%d" % p["id"], token="admin"), 404)


def test_text_is_normalised_to_nfc(ctx):
    nfd = "Ba\u0301t Tra\u0300ng nfd"
    p = _product(ctx, "  " + nfd + "  ")
    assert p["name"] == "Bát Tràng nfd"
    ctx.delete("/api/v1/products/%d" % p["id"], token="admin")


def test_gtin_is_checked_and_stored_as_gtin14(ctx):
    p = _product(ctx, "Gốm có mã GTIN", gtin="6291041500213")
    assert p["gtin"] == "06291041500213"
    r = expect(ctx.post("/api/v1/products", {"name": "Trùng GTIN", "group": "crafts.household",
                                             "producer_id": ctx.ids["producer_bt"],
                                             "gtin": "06291041500213"}, token="admin"), 409)
    assert "exists" in r.json["detail"]
    r = expect(ctx.patch("/api/v1/products/%d" % p["id"], {"gtin": "6291041500214"},
                         token="admin"), 422)
    assert r.json["errors"][0]["field"] == "gtin"
    ctx.delete("/api/v1/products/%d" % p["id"], token="admin")


def test_producer_village_zone_crud(ctx):
    prod = expect(ctx.post("/api/v1/producers", {
        "name": "Công ty TNHH Sơn mài Hạ Thái", "kind": "enterprise", "ward_code": "10183",
        "tax_code": "0100000099", "phone": "024 3385 0000", "email": "sonmai@example.vn",
        "members": 0, "employees": 45, "founded_year": 1998}, token="office"), 201)
    assert prod.headers["Location"] == "/api/v1/producers/%d" % prod.json["id"]
    pid = prod.json["id"]
    assert prod.json["ward"]["full_name"] == "Xã Thường Tín"
    v = expect(ctx.post("/api/v1/villages", {
        "name": "Làng sơn mài Hạ Thái", "ward_code": "10183", "craft": "Sơn mài",
        "recognised": True, "recognised_year": 2001, "households": 300, "workers": 900,
        "revenue_vnd": 120000000000}, token="office"), 201).json
    assert v["recognised"] is True and v["revenue_vnd"] == 120000000000
    z = expect(ctx.post("/api/v1/zones", {
        "name": "Vùng trồng sơn ta", "kind": "forest", "ward_code": "10183", "area_ha": 12.5,
        "producer_ids": [pid]}, token="office"), 201).json
    assert z["producer_ids"] == [pid] and z["producers"][0]["name"].startswith("Công ty")
    assert z["area_ha"] == 12.5
    listed = expect(ctx.get("/api/v1/zones?producer=%d" % pid), 200).json
    assert [i["id"] for i in listed["items"]] == [z["id"]]
    p = _product(ctx, "Tranh sơn mài Hạ Thái", producer="producer_bt", token="admin")
    expect(ctx.patch("/api/v1/products/%d" % p["id"], {"village_id": v["id"]}, token="admin"), 200)
    # in use: the village cannot go while a product refers to it
    r = expect(ctx.delete("/api/v1/villages/%d" % v["id"], token="office"), 409)
    assert "refer" in r.json["detail"]
    expect(ctx.delete("/api/v1/products/%d" % p["id"], token="admin"), 204)
    expect(ctx.delete("/api/v1/villages/%d" % v["id"], token="office"), 204)
    expect(ctx.delete("/api/v1/zones/%d" % z["id"], token="office"), 204)
    expect(ctx.delete("/api/v1/producers/%d" % pid, token="office"), 204)


def test_search_folds_vietnamese(ctx):
    ids = [
        _product(ctx, "Gốm sứ Bát Tràng men rạn")["id"],
        _product(ctx, "Mây tre đan Phú Vinh", producer="producer_pv")["id"],
        _product(ctx, "Bánh tẻ Phú Nhi", group="food.grain_processed")["id"],
    ]
    try:
        for q, want in [("bat+trang", ids[0]), ("may+tre+dan", ids[1]), ("banh+te", ids[2]),
                        ("B%C3%A1t+Tr%C3%A0ng", ids[0]), ("%C4%90AN", ids[1]),
                        ("phu+vin", ids[1]), ("men+r", ids[0])]:
            # every match on one page, whatever the other modules have added to the fixture
            res = expect(ctx.get("/api/v1/products?per_page=100&q=" + q), 200).json
            got = [i["id"] for i in res["items"]]
            assert want in got, (q, got)
            assert res["total"] == len(got), (q, res["total"], len(got))
        # ranked: a name match outranks a producer-name match
        res = expect(ctx.get("/api/v1/products?q=bat+trang"), 200).json
        assert res["items"][0]["id"] == ids[0]
        # folded words only: punctuation alone finds nothing rather than failing
        assert expect(ctx.get("/api/v1/products?q=%22%2A%28"), 200).json["total"] == 0
        # search combines with filters
        res = expect(ctx.get("/api/v1/products?q=phu&sector=food"), 200).json
        assert [i["id"] for i in res["items"]] == [ids[2]]
        # renaming the producer re-indexes its products
        expect(ctx.patch("/api/v1/producers/%d" % ctx.ids["producer_pv"],
                         {"name": "HTX Mây tre giang đan Phú Vinh"}, token="admin"), 200)
        res = expect(ctx.get("/api/v1/products?q=giang+dan"), 200).json
        assert ids[1] in [i["id"] for i in res["items"]]
    finally:
        for i in ids:
            ctx.delete("/api/v1/products/%d" % i, token="admin")


def test_pagination(ctx):
    ids = [_product(ctx, "Sản phẩm phân trang %02d" % n)["id"] for n in range(7)]
    try:
        q = "/api/v1/products?q=phan+trang&per_page=3"
        p1 = expect(ctx.get(q), 200).json
        p3 = expect(ctx.get(q + "&page=3"), 200).json
        assert p1["total"] == 7 and p1["pages"] == 3 and len(p1["items"]) == 3
        assert p3["page"] == 3 and len(p3["items"]) == 1
        seen = set()
        for page in (1, 2, 3):
            seen |= {i["id"] for i in expect(ctx.get(q + "&page=%d" % page), 200).json["items"]}
        assert seen == set(ids)
        assert expect(ctx.get(q + "&page=9"), 200).json["items"] == []
        for bad in ("per_page=0", "per_page=201", "page=0", "page=x", "page=-1"):
            expect(ctx.get("/api/v1/products?" + bad), 422)
    finally:
        for i in ids:
            ctx.delete("/api/v1/products/%d" % i, token="admin")


def test_filters_validate_their_values(ctx):
    for q, field in [("stars=6", "stars"), ("certificate=old", "certificate"),
                     ("ward=00000", "ward"), ("ward=abc", "ward"), ("province=99", "province"),
                     ("sector=toys", "sector"), ("group=food", "group"), ("colour=red", "colour"),
                     ("status=gone", "status"), ("village=0", "village")]:
        r = expect(ctx.get("/api/v1/products?" + q), 422)
        assert r.json["errors"][0]["field"] == field, (q, r.json)
    expect(ctx.get("/api/v1/producers?stars=3"), 422)
    expect(ctx.get("/api/v1/villages?recognised=maybe"), 422)
    expect(ctx.get("/api/v1/products/1?x=1"), 422)


def test_filters_by_place_and_kind(ctx):
    res = expect(ctx.get("/api/v1/producers?ward=00577"), 200).json
    assert ctx.ids["producer_bt"] in [i["id"] for i in res["items"]]
    assert all(i["ward_code"] == "00577" for i in res["items"])
    res = expect(ctx.get("/api/v1/producers?province=79"), 200).json
    assert res["total"] == 0
    res = expect(ctx.get("/api/v1/producers?kind=cooperative&province=01"), 200).json
    assert res["total"] >= 2


def test_sectors_taxonomy(ctx):
    res = expect(ctx.get("/api/v1/sectors"), 200).json
    assert res["total"] == 6
    assert sum(len(s["groups"]) for s in res["items"]) == 26


def test_cached_answers_never_go_stale(ctx):
    """Public GETs are cached per worker; a write here or in another process ends that."""
    import csv
    import os
    p = _product(ctx, "Sản phẩm thử bộ nhớ đệm")
    url = "/api/v1/products/%d" % p["id"]
    for _ in range(6):  # warm both workers' caches
        assert ctx.get(url).json["short_name"] is None
    expect(ctx.patch(url, {"short_name": "Đệm"}, token="admin"), 200)
    for _ in range(6):
        assert ctx.get(url).json["short_name"] == "Đệm"
    # another process (the CLI) writes: the next reads see it at once
    lst = "/api/v1/products?q=bo+nho+dem+khac"
    for _ in range(6):
        assert ctx.get(lst).json["total"] == 0
    path = os.path.join(ctx.tmp, "cache.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["producer_name", "producer_kind", "producer_ward_code", "product_name",
                    "product_group", "certificate_number", "decision_number", "decision_date",
                    "stars"])
        w.writerow(["HTX Đệm", "household", "00577", "Bộ nhớ đệm khác", "crafts.household",
                    "CN-CACHE-1", "1/QĐ", "2026-01-05", "3"])
    assert ctx.cli("import", "products", path).returncode == 0
    for _ in range(6):
        assert ctx.get(lst).json["total"] == 1
    ctx.delete(url, token="admin")


def test_producers_and_villages_are_found_by_name_without_diacritics(ctx):
    res = expect(ctx.get("/api/v1/producers?q=gom+su+bat"), 200).json
    assert [i["id"] for i in res["items"]] == [ctx.ids["producer_bt"]]
    assert expect(ctx.get("/api/v1/producers?q=M%C3%82Y+TRE+%C4%90AN"), 200).json["total"] >= 1
    assert expect(ctx.get("/api/v1/producers?q=khong+co+ai"), 200).json["total"] == 0
    v = expect(ctx.post("/api/v1/villages", {"name": "Làng nghề Đan lát Thử", "craft": "Đan lát",
                                             "ward_code": "00577"}, token="admin"), 201).json
    assert [i["id"] for i in ctx.get("/api/v1/villages?q=dan+lat+thu").json["items"]] == [v["id"]]
    ctx.delete("/api/v1/villages/%d" % v["id"], token="admin")
    expect(ctx.get("/api/v1/zones?q=x"), 422)


def test_warmed_product_answers_are_the_rendered_ones(ctx):
    """The cache warmer's copy of every product is byte for byte what a server without a
    cache renders, and product reads are then answered from memory."""
    import json
    import subprocess
    import time
    import urllib.request
    from run import free_port
    made = [_product(ctx, "Sản phẩm hâm nóng %d" % i)["id"] for i in range(3)]
    deadline = time.time() + 30
    while not ctx.get("/healthz").json["cache"]["warm"]:
        assert time.time() < deadline, "the warmer did not finish"
        time.sleep(0.05)
    port = free_port()
    srv = subprocess.Popen([ctx.ocop, "serve", "--db", ctx.db, "--listen", "127.0.0.1:%d" % port,
                            "--cache-mb", "0"], stderr=subprocess.DEVNULL)
    try:
        base = "http://127.0.0.1:%d" % port
        for _ in range(100):
            try:
                health = json.loads(urllib.request.urlopen(base + "/healthz", timeout=1).read())
                break
            except OSError:
                time.sleep(0.05)
        assert health["cache"] is None
        ids = [p["id"] for p in ctx.get("/api/v1/products?per_page=100").json["items"]]
        assert set(made) <= set(ids)
        hits = ctx.get("/healthz").json["cache"]["hits"]
        for i in ids:
            path = "/api/v1/products/%d" % i
            fresh = urllib.request.urlopen(base + path, timeout=5).read()
            assert ctx.get(path).body == fresh, path
        assert ctx.get("/healthz").json["cache"]["hits"] >= hits + len(ids)
    finally:
        srv.terminate()
        srv.wait(timeout=10)
        for i in made:
            ctx.delete("/api/v1/products/%d" % i, token="admin")
