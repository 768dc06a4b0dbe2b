"""Trace events: a product's origin and history. Recording and retracting over the API and
the CLI, who may, every malformed input answered 4xx problem+json (never 500), the history
append-only in the database, and what a scan shows: the product's events and its own lot's,
oldest first, never a retracted one."""
import csv
import datetime
import os
import sqlite3
import subprocess
import urllib.parse

from run import expect, vi

CSV_HEADER = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
              "product_name", "product_group", "gtin", "certificate_number", "decision_number",
              "decision_date", "stars", "valid_until"]
PUBLIC = "https://ocop.trace.example"
ET = "/api/v1/trace-events"


def _setup(ctx):
    """Once: two certified products of two producers of these tests' own, in wards no other
    test counts (Phú Thượng 00091, Hồng Hà 00097): A with two lots, B with one; a producer
    user of each and a commune officer of A's ward."""
    if "trace_bt" in ctx.ids:
        return
    if not ctx.cli("keys", "list", check=True).stdout.strip():
        ctx.cli("keys", "generate", check=True)
    decided = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
    rows = [["HTX Gốm truy xuất Phú Thượng", "cooperative", "0109100091", "00091",
             "Bình hút lộc truy xuất", "crafts.household", "", "CN-TRACE-1", "71/QĐ", decided, "4",
             ""],
            ["HTX Mây truy xuất Hồng Hà", "cooperative", "0109100097", "00097",
             "Giỏ mây truy xuất", "crafts.household", "", "CN-TRACE-2", "72/QĐ", decided, "4", ""]]
    path = os.path.join(ctx.tmp, "trace.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_HEADER)
        w.writerows(rows)
    ctx.cli("import", "products", path, check=True)
    for key, name, ward in (("trace_bt", rows[0][4], "00091"), ("trace_pv", rows[1][4], "00097")):
        found = ctx.get("/api/v1/products?per_page=50&ward=%s&q=%s"
                        % (ward, urllib.parse.quote_plus(name))).json
        p = [p for p in found["items"] if p["name"] == name][0]
        ctx.ids[key] = p["id"]
        ctx.ids[key + "_producer"] = p["producer_id"]
    for key, product, lot in (("lot_a", "trace_bt", "TA-1"), ("lot_b", "trace_bt", "TB-1"),
                              ("lot_pv", "trace_pv", "TP-1")):
        p = ctx.cli("stamps", "issue", "--product", str(ctx.ids[product]), "--lot", lot,
                    "--count", "2", "--produced", decided, check=True)
        ctx.ids[key] = int(p.stdout.strip())
    for tok, email, role, scope in (
            ("trace_owner", "owner@trace-a.test", "producer", str(ctx.ids["trace_bt_producer"])),
            ("trace_owner_b", "owner@trace-b.test", "producer", str(ctx.ids["trace_pv_producer"])),
            ("trace_commune", "officer@phuthuong.test", "commune", "00091")):
        flag = "--producer" if role == "producer" else "--ward"
        p = ctx.cli("user", "add", "--email", email, "--role", role, flag, scope)
        assert p.returncode == 0 or "exists" in p.stderr, p.stderr
        ctx.tokens[tok] = ctx.cli("token", "create", "--email", email, check=True).stdout.strip()


def _uri(ctx, batch):
    out = os.path.join(ctx.tmp, "trace-uris-%d.txt" % batch)
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "uris", "--out", out,
            "--public-url", PUBLIC, check=True)
    return open(out).read().split()[0][len(PUBLIC):]


def _scan(ctx, path, ua):
    r = ctx.get(path, headers={"Accept": "application/json", "User-Agent": ua})
    assert r.status == 200, r
    return r.json


def _event(ctx, token="trace_owner", **fields):
    body = {"product_id": ctx.ids["trace_bt"], "kind": "processing", "at": "2026-01-05",
            "description": "Tạo dáng bình trên bàn xoay"}
    body.update(fields)
    return ctx.post(ET, body, token=token)


def test_recorded_events_show_on_the_stamps_of_their_own_lot_only(ctx):
    _setup(ctx)
    clay = expect(_event(ctx, kind="raw_material", at="2025-12-01", ward_code="00577",
                         place="Bãi đất sét ven sông",
                         description="Nhập đất sét trắng, ngâm và lọc"), 201)
    assert clay.headers["Location"] == "%s/%d" % (ET, clay.json["id"])
    e = clay.json
    assert e["product_id"] == ctx.ids["trace_bt"] and e["kind"] == "raw_material"
    assert e["ward"]["code"] == "00577" and e["place"] == "Bãi đất sét ven sông"
    assert e["recorded_by"]["email"] == "owner@trace-a.test" and e["recorded_at"].endswith("Z")
    assert e["lot"] is None and e["batch_id"] is None and e["retracted_at"] is None
    # a lot's event by its batch id, another by its lot code; a moment with its offset
    fired = expect(_event(ctx, kind="processing", at="2026-01-10T08:30+07:00",
                          description="Nung lò ga 1.300 °C", batch_id=ctx.ids["lot_a"]),
                   201).json
    assert fired["at"] == "2026-01-10T01:30:00Z" and fired["lot"] == "TA-1", fired
    other = expect(_event(ctx, kind="packing", at="2026-01-12", description="Đóng hộp lô B",
                          lot="TB-1", token="trace_commune"), 201).json
    assert other["batch_id"] == ctx.ids["lot_b"] and other["recorded_by"]["email"] == \
        "officer@phuthuong.test"
    # (the module's other tests record events of this product too: only these are looked at)
    ours = {"Nhập đất sét trắng, ngâm và lọc", "Nung lò ga 1.300 °C", "Đóng hộp lô B"}
    mine = lambda items: [t for t in items if t["description"] in ours]
    # a stamp of lot A: the product's events and lot A's, oldest first, not lot B's
    path = _uri(ctx, ctx.ids["lot_a"])
    trace = mine(_scan(ctx, path, "trace-a")["trace"])
    assert [t["description"] for t in trace] == ["Nhập đất sét trắng, ngâm và lọc",
                                                 "Nung lò ga 1.300 °C"], trace
    assert trace[0]["ward"]["full_name"] == "Xã Bát Tràng", trace[0]
    assert trace[0]["ward"]["province_name"] == "Hà Nội" and trace[1]["lot"] == "TA-1"
    assert all("recorded_by" not in t and "retract_reason" not in t for t in trace)
    trace_b = mine(_scan(ctx, _uri(ctx, ctx.ids["lot_b"]), "trace-b")["trace"])
    assert [t["description"] for t in trace_b] == ["Nhập đất sét trắng, ngâm và lọc",
                                                   "Đóng hộp lô B"], trace_b
    # another product's stamps show none of them
    assert mine(_scan(ctx, _uri(ctx, ctx.ids["lot_pv"]), "trace-pv")["trace"]) == []
    # the public list: all of them, or the product's and one lot's
    pub = expect(ctx.get("/api/v1/products/%d/trace" % ctx.ids["trace_bt"]), 200).json
    assert len(mine(pub["items"])) == 3 and pub["product_id"] == ctx.ids["trace_bt"]
    assert pub["total"] == len(pub["items"])
    assert all("recorded_by" not in t for t in pub["items"])
    pub = expect(ctx.get("/api/v1/products/%d/trace?lot=TB-1" % ctx.ids["trace_bt"]), 200).json
    assert [t["description"] for t in mine(pub["items"])] == ["Nhập đất sét trắng, ngâm và lọc",
                                                              "Đóng hộp lô B"]
    assert not [t for t in pub["items"] if t["lot"] not in (None, "TB-1")]
    # the stamp page: a timeline, kinds and places named in the page's language
    page = ctx.get(path).text
    assert '<ol class="timeline">' in page and "Nguyên liệu" in page and "Sơ chế, chế biến" in page
    assert "Bãi đất sét ven sông, Xã Bát Tràng, Hà Nội" in page
    assert "10/01/2026 08:30" in page and "Lô TA-1" in page and "Đóng hộp lô B" not in page
    page = ctx.get(path + "&lang=en").text
    assert "Raw materials" in page and "Processing" in page and "Origin and history" in page
    assert "Bãi đất sét ven sông, Bat Trang Commune, Hanoi" in page and "Lot TA-1" in page


def test_a_retracted_event_leaves_the_next_scan_and_stays_for_the_office(ctx):
    _setup(ctx)
    path = _uri(ctx, ctx.ids["lot_a"])
    e = expect(_event(ctx, kind="quality_test", at="2026-01-15",
                      description="Kiểm nghiệm chì và cadimi: đạt", batch_id=ctx.ids["lot_a"]),
               201).json
    assert "Kiểm nghiệm chì và cadimi: đạt" in [t["description"] for t in
                                                _scan(ctx, path, "retract-1")["trace"]]
    r = expect(ctx.post("%s/%d/retract" % (ET, e["id"]), {"reason": "Nhầm lô: phiếu của lô khác"},
                        token="office"), 200).json
    assert r["retracted_at"] and r["retract_reason"] == "Nhầm lô: phiếu của lô khác"
    assert r["retracted_by"]["email"] == "office@hanoi.test"
    # the very next scan no longer shows it; the page neither
    assert "Kiểm nghiệm chì và cadimi: đạt" not in [t["description"] for t in
                                                    _scan(ctx, path, "retract-2")["trace"]]
    assert "Kiểm nghiệm chì và cadimi" not in ctx.get(path).text
    pub = ctx.get("/api/v1/products/%d/trace" % ctx.ids["trace_bt"]).json
    assert e["id"] not in [t["id"] for t in pub["items"]]
    # the office's history keeps it, marked
    mine = expect(ctx.get("%s?product=%d" % (ET, ctx.ids["trace_bt"]), token="trace_owner"), 200).json
    kept = [t for t in mine["items"] if t["id"] == e["id"]]
    assert kept and kept[0]["retract_reason"] == "Nhầm lô: phiếu của lô khác"
    assert expect(ctx.get("%s/%d" % (ET, e["id"]), token="trace_commune"), 200).json["retracted_at"]
    # once only, with a reason, in exactly {"reason": ...}
    expect(ctx.post("%s/%d/retract" % (ET, e["id"]), {"reason": "lại"}, token="office"), 409)
    other = expect(_event(ctx, description="Sự kiện để thử rút lại"), 201).json
    for bad in ({}, {"reason": ""}, {"reason": "   "}, {"reason": 5}, {"reason": "x", "why": "y"},
                {"reason": "x" * 501}, {"reason": None}):
        expect(ctx.post("%s/%d/retract" % (ET, other["id"]), bad, token="trace_owner"), 422)
    expect(ctx.post("%s/999999/retract" % ET, {"reason": "x"}, token="admin"), 404)
    # both writes are in the audit log
    audit = expect(ctx.get("/api/v1/audit?entity=trace_event&id=%d" % e["id"], token="admin"),
                   200).json["items"]
    assert sorted(a["action"] for a in audit) == ["create", "retract"], audit


def test_the_history_is_append_only_in_the_database(ctx):
    _setup(ctx)
    e = expect(_event(ctx, description="Không được sửa"), 201).json
    con = sqlite3.connect(ctx.db)
    try:
        for sql in ("UPDATE trace_events SET description = 'sửa lén' WHERE id = ?",
                    "UPDATE trace_events SET at = '2020-01-01', at_order = 0 WHERE id = ?",
                    "UPDATE trace_events SET retracted_at = '2026-01-01T00:00:00Z' WHERE id = ?",
                    "DELETE FROM trace_events WHERE id = ?"):
            try:
                con.execute(sql, (e["id"],))
                con.commit()
                raise AssertionError("the database allowed: " + sql)
            except sqlite3.DatabaseError as err:
                con.rollback()
                assert "append-only" in str(err) or "CHECK" in str(err), err
        # a retraction once, then nothing at all
        con.execute("UPDATE trace_events SET retracted_at = '2026-01-02T00:00:00Z', "
                    "retract_reason = 'thử' WHERE id = ?", (e["id"],))
        con.commit()
        try:
            con.execute("UPDATE trace_events SET retract_reason = 'khác' WHERE id = ?", (e["id"],))
            raise AssertionError("a retraction was changed")
        except sqlite3.DatabaseError as err:
            assert "append-only" in str(err)
        # a lot is a stamp batch of the event's own product
        try:
            con.execute("INSERT INTO trace_events(product_id, batch_id, at, at_order, kind, "
                        "description, recorded_at) VALUES (?, ?, '2026-01-01', 0, 'other', 'x', "
                        "'2026-01-01T00:00:00Z')", (ctx.ids["trace_bt"], ctx.ids["lot_pv"]))
            raise AssertionError("another product's lot was accepted")
        except sqlite3.DatabaseError as err:
            assert "lot" in str(err)
        row = con.execute("SELECT description FROM trace_events WHERE id = ?", (e["id"],)).fetchone()
        assert row == ("Không được sửa",)
    finally:
        con.close()


def test_who_may_record_retract_and_read_the_office_history(ctx):
    _setup(ctx)
    bt, pv = ctx.ids["trace_bt"], ctx.ids["trace_pv"]
    expect(_event(ctx, token=None), 401)
    expect(ctx.post(ET, {"product_id": bt}, headers={"Authorization": "Bearer nope"}), 401)
    for tok in ("trace_owner_b", "producer", "council", "sales", "office_hcm", "commune"):
        r = expect(_event(ctx, token=tok, at="not a date"), 403)  # before the body is judged
        assert "at" not in [x.get("field") for x in r.json.get("errors", [])]
    expect(_event(ctx, token="trace_owner", product_id=pv), 403)
    expect(_event(ctx, token="trace_owner_b", product_id=pv), 201)
    e = expect(_event(ctx, token="admin", description="Ghi bởi quản trị"), 201).json
    for tok in ("trace_owner_b", "producer", "council", "sales", "office_hcm", "commune"):
        expect(ctx.post("%s/%d/retract" % (ET, e["id"]), {"reason": "x"}, token=tok), 403)
        expect(ctx.get("%s/%d" % (ET, e["id"]), token=tok), 403)
        expect(ctx.get("%s?product=%d" % (ET, bt), token=tok), 403)
    expect(ctx.post("%s/%d/retract" % (ET, e["id"]), {"reason": "x"}), 401)
    expect(ctx.get("%s?product=%d" % (ET, bt)), 401)
    expect(ctx.get("%s/%d" % (ET, e["id"])), 401)
    expect(ctx.get(ET, token="office"), 422)  # which product?
    expect(ctx.get("%s?product=999999" % ET, token="office"), 404)
    # everyone reads the public history, without a token
    expect(ctx.get("/api/v1/products/%d/trace" % pv), 200)


def test_every_malformed_input_is_a_4xx_problem_never_a_500(ctx):
    _setup(ctx)
    bt, pv = ctx.ids["trace_bt"], ctx.ids["trace_pv"]
    good = {"product_id": bt, "kind": "harvest", "at": "2026-01-05", "description": "Thu"}
    future = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1))
    bad_fields = [
        ("product_id", None), ("product_id", "1"), ("product_id", 0), ("product_id", -3),
        ("product_id", 1.5), ("product_id", 999999), ("product_id", [bt]), ("product_id", 2 ** 62),
        ("kind", None), ("kind", "Harvest"), ("kind", ""), ("kind", 3), ("kind", ["harvest"]),
        ("at", None), ("at", ""), ("at", "05/01/2026"), ("at", "2026-1-5"), ("at", "2026-02-30"),
        ("at", "2026-01-05T08:00"), ("at", "2026-01-05 08:00Z"), ("at", "2026-01-05T25:00Z"),
        ("at", "2026-01-05T08:00+07"), ("at", "1899-12-31"), ("at", 20260105),
        ("at", future.strftime("%Y-%m-%dT%H:%M:%SZ")), ("at", "3000-01-01"),
        ("at", "2026-01-05T08:00:00.1234567890Z"),
        ("description", None), ("description", ""), ("description", " \n "),
        ("description", "x" * 1001), ("description", "bad \u0007 bell"), ("description", 7),
        ("place", "two\nlines"), ("place", "x" * 201), ("place", {"a": 1}),
        ("ward_code", "577"), ("ward_code", "99999"), ("ward_code", 577), ("ward_code", "0057a"),
        ("batch_id", 0), ("batch_id", "1"), ("batch_id", ctx.ids["lot_pv"]), ("batch_id", 999999),
        ("lot", ""), ("lot", "lô có dấu"), ("lot", "x" * 21), ("lot", "NO-SUCH"), ("lot", 5),
        ("colour", "red"),
    ]
    for field, value in bad_fields:
        body = dict(good, **{field: value})
        if value is None:
            del body[field]
        r = expect(ctx.post(ET, body, token="trace_owner"), 422)
        assert field in [x["field"] for x in r.json["errors"]], (field, value, r.json)
    expect(ctx.post(ET, dict(good, batch_id=ctx.ids["lot_a"], lot="TA-1"), token="trace_owner"), 422)
    # every field at fault at once, each with its own message, in Vietnamese when asked
    r = expect(ctx.post(ET, {"product_id": "x", "kind": "?", "at": "hôm qua", "description": "",
                             "ward_code": "1", "place": "a\nb", "batch_id": -1, "x": 1},
                        token="trace_owner", headers={"Accept-Language": "vi"}), 422)
    assert [x["field"] for x in r.json["errors"]] == ["x", "product_id", "kind", "at",
                                                      "description", "place", "ward_code",
                                                      "batch_id"], r.json
    assert r.json["errors"][2]["message"] == vi("kind is the kind of event, one of: %s",
                                                "planting, raw_material, harvest, processing, "
                                                "packing, quality_test, storage, shipping, other")
    # bodies that are not an event
    for raw in (b"", b"not json", b"[]", b"[1]", b"null", b"\"x\"", b"{", b'{"a":1,"a":2}',
                b"\xff\xfe{}", b'{"description": "\xc3\x28"}', b"1e999999"):
        r = ctx.request("POST", ET, raw=raw, token="trace_owner",
                        headers={"Content-Type": "application/json"})
        assert 400 <= r.status < 500, (raw, r)
        expect(r, r.status)
    expect(ctx.request("POST", ET, raw=b"{}", token="trace_owner",
                       headers={"Content-Type": "text/plain"}), 415)
    expect(ctx.request("POST", ET, raw=b"{" + b" " * (70 * 1024) + b"}", token="trace_owner"), 413)
    # paths and queries
    for path, status in (("%s/abc" % ET, 404), ("%s/0" % ET, 404), ("%s/999999" % ET, 404),
                         ("%s/1?x=1" % ET, 422), ("%s?product=abc" % ET, 422),
                         ("%s?product=1&product=2" % ET, 400), ("%s?product=-1" % ET, 422),
                         ("%s?product=%d&x=1" % (ET, bt), 422)):
        expect(ctx.get(path, token="admin"), status)
    for path, status in (("/api/v1/products/abc/trace", 404), ("/api/v1/products/999999/trace", 404),
                         ("/api/v1/products/%d/trace?lot=l%%C3%%B4" % bt, 422),
                         ("/api/v1/products/%d/trace?lot=" % bt, 422),
                         ("/api/v1/products/%d/trace?q=1" % bt, 422),
                         ("/api/v1/products/%d/trace?lot=%%zz" % bt, 400)):
        expect(ctx.get(path), status)
    expect(ctx.request("DELETE", "%s/1" % ET, token="admin"), 405)
    expect(ctx.request("PATCH", "%s/1" % ET, body={"description": "x"}, token="admin"), 405)
    expect(ctx.request("POST", "%s/abc/retract" % ET, body={"reason": "x"}, token="admin"), 404)
    r = ctx.request("POST", "%s/1/retract" % ET, raw=b"nope", token="admin",
                    headers={"Content-Type": "application/json"})
    expect(r, 400)
    # nothing of it was written, and the server is still well
    assert expect(ctx.get("/healthz"), 200)
    assert not [t for t in ctx.get("/api/v1/products/%d/trace" % pv).json["items"]
                if t["description"] == "Thu"]


def test_the_cli_records_lists_and_retracts(ctx):
    _setup(ctx)
    pid = str(ctx.ids["trace_pv"])
    p = ctx.cli("trace", "add", "--product", pid, "--kind", "raw_material", "--at", "2026-01-02",
                "--description", "Song mây từ rừng trồng", "--ward", "10030", "--lot", "TP-1")
    assert p.returncode == 0, p.stderr
    eid = int(p.stdout.strip())
    listed = ctx.cli("trace", "list", "--product", pid, check=True).stdout
    line = [l for l in listed.splitlines() if l.split()[0] == str(eid)][0]
    assert "raw_material" in line and "TP-1" in line and "10030" in line
    assert "Song mây từ rừng trồng" in line
    # bad input: one line, every fault on it, status 2, nothing written
    p = ctx.cli("trace", "add", "--product", pid, "--kind", "bogus", "--at", "2999-01-01",
                "--description", "", "--ward", "99999", "--lot", "NONE")
    assert p.returncode == 2 and p.stdout == "", p
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("ocop: "), p.stderr
    for part in ("kind is the kind of event", "at is in the future",
                 "description says what was done", "no ward or commune has that code",
                 "this product has no stamp batch of that lot"):
        assert part in p.stderr, (part, p.stderr)
    env = dict(os.environ, LANG="vi_VN.UTF-8", LC_ALL="", LC_MESSAGES="")
    p = subprocess.run([ctx.ocop, "trace", "add", "--db", ctx.db, "--product", pid, "--kind",
                        "bogus", "--at", "2026-01-01", "--description", "x"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 2 and "loại sự kiện" in p.stderr, p.stderr
    for args in (["--product", "abc"], ["--product", "0"], []):
        p = ctx.cli("trace", "add", *args, "--kind", "harvest", "--at", "2026-01-01",
                    "--description", "x")
        assert p.returncode == 2 and p.stderr.startswith("ocop: "), p.stderr
    p = ctx.cli("trace", "add", "--product", "999999", "--kind", "harvest", "--at", "2026-01-01",
                "--description", "x")
    assert p.returncode == 2 and "no product has that id" in p.stderr, p.stderr
    assert ctx.cli("trace", "list", "--product", "nope").returncode == 2
    assert ctx.cli("trace", "add", "--bogus", "1").returncode == 2
    # retract: with a reason, once
    p = ctx.cli("trace", "retract", "--id", str(eid))
    assert p.returncode == 2 and "reason" in p.stderr, p.stderr
    assert ctx.cli("trace", "retract", "--id", str(eid), "--reason", "Nhầm lô", check=True)
    p = ctx.cli("trace", "retract", "--id", str(eid), "--reason", "Nhầm lô")
    assert p.returncode == 1 and "retracted already" in p.stderr, p.stderr
    assert "[retracted" in [l for l in ctx.cli("trace", "list", "--product", pid,
                                               check=True).stdout.splitlines()
                            if l.split()[0] == str(eid)][0]
    # recorded as the operator's shell: no user, audited as system
    e = expect(ctx.get("%s/%d" % (ET, eid), token="admin"), 200).json
    assert e["recorded_by"] is None and e["retracted_by"] is None
    assert "trace add" in ctx.cli("help", check=True).stdout


def test_migration_0010_carries_over_the_old_rows(ctx):
    """A database of version 9 (trace_events as 0003 made it, rows in it) migrates: kinds
    outside the vocabulary become 'other', a day sorts from its start in Vietnam, the new
    rules hold."""
    db = os.path.join(ctx.tmp, "v9.db")
    p = subprocess.run([ctx.ocop, "db", "init", "--db", db], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    con = sqlite3.connect(db)
    con.executescript("""
        DROP TABLE trace_events;
        CREATE TABLE trace_events (id INTEGER PRIMARY KEY,
          product_id INTEGER NOT NULL REFERENCES products(id),
          batch_id INTEGER REFERENCES stamp_batches(id), at TEXT NOT NULL, kind TEXT NOT NULL,
          description TEXT NOT NULL, place TEXT);
        INSERT INTO provinces(id, code, name, full_name) VALUES (1, '01', 'Hà Nội', 'TP Hà Nội');
        INSERT INTO wards(id, code, province_id, name, full_name)
          VALUES (1, '00577', 1, 'Bát Tràng', 'Xã Bát Tràng');
        INSERT INTO producers(id, name, kind, ward_id, created_at, updated_at)
          VALUES (1, 'HTX', 'cooperative', 1, '2026-01-01', '2026-01-01');
        INSERT INTO products(id, name, group_code, sector, producer_id, ward_id, created_at,
          updated_at) VALUES (1, 'Bình', 'crafts.household', 'crafts', 1, 1, '2026-01-01',
          '2026-01-01');
        INSERT INTO trace_events(product_id, at, kind, description, place)
          VALUES (1, '2025-03-01', 'harvest', 'Thu hoạch', 'Vườn'),
                 (1, '2025-03-02T10:00:00Z', 'Đóng gói', 'Đóng gói', NULL);
        PRAGMA user_version = 9;""")
    con.close()
    p = subprocess.run([ctx.ocop, "db", "init", "--db", db], capture_output=True, text=True)
    assert p.returncode == 0 and "from version 9 to 10" in p.stdout + p.stderr, p
    con = sqlite3.connect(db)
    rows = con.execute("SELECT at, at_order, kind, description, place, recorded_at IS NOT NULL, "
                       "retracted_at FROM trace_events ORDER BY id").fetchall()
    assert rows == [("2025-03-01", 1740762000, "harvest", "Thu hoạch", "Vườn", 1, None),
                    ("2025-03-02T10:00:00Z", 1740909600, "other", "Đóng gói", None, 1, None)], rows
    try:
        con.execute("DELETE FROM trace_events")
        raise AssertionError("the migrated table lets rows be deleted")
    except sqlite3.DatabaseError as err:
        assert "append-only" in str(err)
    n = con.execute("SELECT n FROM data_version").fetchone()[0]
    con.execute("UPDATE trace_events SET retracted_at = 'x', retract_reason = 'y' WHERE id = 1")
    assert con.execute("SELECT n FROM data_version").fetchone()[0] == n + 1  # the cache sees it
    con.close()
