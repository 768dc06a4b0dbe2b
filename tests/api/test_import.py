"""`ocop import products`: the office's spreadsheets, all or nothing; certificate filters."""
import csv
import datetime
import io
import os

from run import expect

HEADER = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
          "product_name", "product_group", "village_name", "certificate_number",
          "decision_number", "decision_date", "stars", "valid_until", "five_star_candidate",
          "revoked_at", "revoke_reason"]


def _day(delta):
    return (datetime.date.today() + datetime.timedelta(days=delta)).isoformat()


def _write(ctx, name, rows, header=HEADER):
    path = os.path.join(ctx.tmp, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path


def _row(n, stars="4", decision=None, until="", producer="HTX Nhập khẩu Bát Tràng",
         ward="00577", tax="0109000001", group="crafts.household", candidate="", revoked="",
         reason=""):
    return [producer, "cooperative", tax, ward, "Sản phẩm nhập %s" % n, group, "",
            "CN-IMPORT-%s" % n, "%s/QĐ-UBND" % n, decision or _day(-400), stars, until, candidate,
            revoked, reason]


def _count(ctx):
    return ctx.get("/api/v1/certificates?per_page=1").json["total"]


def test_import_sets_certificate_status_and_filters(ctx):
    rows = [
        _row("V1", "5", candidate="0"),
        _row("V2", "4", candidate="1"),
        _row("E1", "3", decision=_day(-1000), until=_day(30)),
        _row("X1", "3", decision=_day(-1200), until=_day(-10)),
        _row("R1", "4", revoked=_day(-5), reason="Vi phạm an toàn thực phẩm"),
    ]
    path = _write(ctx, "good.csv", rows)
    p = ctx.cli("import", "products", path)
    assert p.returncode == 0, p.stderr
    assert "5 rows imported" in p.stdout and "5 certificates" in p.stdout, p.stdout

    def names(q):
        res = expect(ctx.get("/api/v1/products?q=san+pham+nhap&per_page=50&" + q), 200).json
        mine = {"V1", "V2", "E1", "X1", "R1"}
        return sorted(n for n in (i["name"].split()[-1] for i in res["items"]) if n in mine)

    assert names("certificate=valid") == ["V1", "V2"]
    assert names("certificate=expiring") == ["E1"]
    assert names("certificate=expired") == ["X1"]
    assert names("certificate=revoked") == ["R1"]
    assert names("stars=3") == ["E1", "X1"]
    assert names("stars=4") == ["R1", "V2"]
    assert names("candidate=true") == ["V2"]
    prod = expect(ctx.get("/api/v1/products?q=san+pham+nhap+v1"), 200).json["items"][0]
    c = prod["certificate"]
    assert c["stars"] == 5 and c["status"] == "valid" and c["issuing_level"] == "central"
    assert c["ruleset"] == "148/QĐ-TTg"
    want_until = (datetime.date.fromisoformat(_day(-400)) .replace()  # 36 months - 1 day
                  )
    y, m, d = want_until.year + 3, want_until.month, want_until.day
    assert c["valid_until"] == (datetime.date(y, m, d) - datetime.timedelta(days=1)).isoformat() \
        or want_until.month == 2 and want_until.day == 29
    r = prod = expect(ctx.get("/api/v1/products?q=san+pham+nhap+r1"), 200).json["items"][0]
    assert r["certificate"]["revoke_reason"] == "Vi phạm an toàn thực phẩm"
    certs = expect(ctx.get("/api/v1/certificates?certificate=revoked&per_page=200"), 200).json
    mine = [x["number"] for x in certs["items"] if x["number"].startswith("CN-IMPORT-")]
    assert mine == ["CN-IMPORT-R1"] and all(x["status"] == "revoked" for x in certs["items"])
    # one producer matched by tax code for all five rows
    res = expect(ctx.get("/api/v1/producers?ward=00577&per_page=200"), 200).json
    same = [i for i in res["items"] if i["tax_code"] == "0109000001"]
    assert len(same) == 1
    assert ctx.get("/api/v1/producers/%d" % same[0]["id"]).json["products_count"] == 5


def test_renewal_supersedes_the_older_certificate(ctx):
    path = _write(ctx, "renew.csv", [
        _row("RN", "3", decision=_day(-1300), until=_day(-200), tax="0109000002"),
    ])
    assert ctx.cli("import", "products", path).returncode == 0
    path = _write(ctx, "renew2.csv", [
        [*_row("RN", "4", decision=_day(-150), tax="0109000002")[:7], "CN-IMPORT-RN2",
         *_row("RN", "4", decision=_day(-150))[8:]],
    ])
    p = ctx.cli("import", "products", path)
    assert p.returncode == 0, p.stderr
    prod = expect(ctx.get("/api/v1/products?q=san+pham+nhap+rn"), 200).json["items"][0]
    assert prod["certificate"]["number"] == "CN-IMPORT-RN2"
    assert prod["certificate"]["stars"] == 4 and prod["certificate"]["status"] == "valid"
    certs = expect(ctx.get("/api/v1/certificates?product=%d" % prod["id"]), 200).json
    assert certs["total"] == 2


def test_a_bad_row_fails_the_whole_import(ctx):
    path = _write(ctx, "first.csv", [_row("DUP", tax="0109000099")])
    assert ctx.cli("import", "products", path).returncode == 0
    before = _count(ctx)
    cases = [
        (_row("B1", ward="99999", tax="0109000100"), "row 3", "ward"),
        (_row("B2", stars="6", tax="0109000101"), "row 3", "stars"),
        (_row("B3", stars="2", tax="0109000102"), "row 3", "stars"),
        (_row("B4", decision="2024-02-30", tax="0109000103"), "row 3", "date"),
        (_row("B5", group="toys", tax="0109000104"), "row 3", "group"),
        (_row("DUP", tax="0109000105"), "row 3", "already"),  # certificate number in the registry
    ]
    for bad, where, word in cases:
        path = _write(ctx, "bad.csv", [_row("OK1", tax="0109000199"), bad])
        p = ctx.cli("import", "products", path)
        assert p.returncode != 0, bad
        assert where in p.stderr and word in p.stderr, (word, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1
        assert _count(ctx) == before, "nothing is half-imported"
    # a duplicate within the same file
    path = _write(ctx, "dup.csv", [_row("D1", tax="0109000200"), _row("D1", tax="0109000200")])
    p = ctx.cli("import", "products", path)
    assert p.returncode != 0 and "row 3" in p.stderr
    assert _count(ctx) == before


def test_malformed_csv_is_refused(ctx):
    before = _count(ctx)
    cases = [
        ("producer_name,bogus_column\nx,y\n", "unknown column"),
        ("producer_name,producer_kind\nx,cooperative\n", "required column"),
        (",".join(HEADER) + "\n" + '"unterminated,quote\n', "malformed"),
        (",".join(HEADER) + "\n" + "a,b\n", "columns"),
        ("", "empty"),
        (",".join(HEADER) + "\n" + "\xff\n", ""),
    ]
    for content, word in cases:
        path = os.path.join(ctx.tmp, "malformed.csv")
        with open(path, "w", encoding="latin-1") as f:
            f.write(content)
        p = ctx.cli("import", "products", path)
        assert p.returncode != 0 and word in p.stderr, (content[:40], p.stderr)
    assert _count(ctx) == before
    p = ctx.cli("import", "products", os.path.join(ctx.tmp, "no-such-file.csv"))
    assert p.returncode != 0 and "cannot open" in p.stderr


def test_import_accepts_a_byte_order_mark_and_any_column_order(ctx):
    header = list(reversed(HEADER))
    row = list(reversed(_row("BOM", tax="0109000300")))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerow(row)
    path = os.path.join(ctx.tmp, "bom.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\ufeff" + buf.getvalue())
    p = ctx.cli("import", "products", path)
    assert p.returncode == 0, p.stderr
