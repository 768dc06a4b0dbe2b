"""search_sql.py: the product search's SQL alone, three ways, over copies of a bench database.

Usage: search_sql.py DB...   (each DB: a copy of bench/results/synthetic.db, optionally with
product_fts rebuilt with prefix='1 2 3'; NOTE: writes the FTS5 'rank' option into each DB).
Prints p50/p99 per variant over 40 runs x 12 queries, each run count + top-20 in one read
transaction, mmap on.
"""
import sqlite3, time, sys
J = " JOIN producers pr ON pr.id = x.producer_id JOIN wards w ON w.id = x.ward_id JOIN provinces pv ON pv.id = w.province_id LEFT JOIN villages v ON v.id = x.village_id LEFT JOIN certificates c ON c.id = x.certificate_id"
COLS = "x.id, x.name, x.short_name, x.sector, x.group_code, x.status, x.gtin, x.producer_id, pr.id, pr.name, w.code, w.code, w.name, w.full_name, w.full_name_en, pv.code, pv.name, x.village_id, v.id, v.name, c.id, c.number, c.stars, c.issuing_level, c.decision_number, c.decision_date, c.valid_from, c.valid_until, c.revoked_at, c.revoke_reason, c.superseded_by, c.ruleset, c.five_star_candidate"
def M(q):
    w = q.split()
    return " ".join('"%s"' % x for x in w[:-1]) + (" " if len(w) > 1 else "") + '"%s"*' % w[-1]
queries = ["bat trang", "may tre dan", "banh te", "mat ong", "nuoc mam phu quoc", "mat ong bac ha", "che thai nguyen", "che thai ng", "gom s", "gao st", "ruou lang v", "tinh dau sa"]
variants = {
 "current (joined count + joined top-20)": ["SELECT count(*) FROM product_fts JOIN products x ON x.id = product_fts.rowid" + J + " WHERE 1 AND product_fts MATCH ?",
             "SELECT " + COLS + " FROM product_fts JOIN products x ON x.id = product_fts.rowid" + J + " WHERE 1 AND product_fts MATCH ? ORDER BY bm25(product_fts, 10.0, 2.0), x.id LIMIT 20 OFFSET 0"],
 "fts-only count + rank-first top-20": ["SELECT count(*) FROM product_fts WHERE product_fts MATCH ?",
             "SELECT " + COLS + " FROM (SELECT rowid AS id, bm25(product_fts, 10.0, 2.0) AS r FROM product_fts WHERE product_fts MATCH ? ORDER BY r, rowid LIMIT 20 OFFSET 0) f JOIN products x ON x.id = f.id" + J + " ORDER BY f.r, x.id"],
 "same, ORDER BY rank (rank config)": ["SELECT count(*) FROM product_fts WHERE product_fts MATCH ?",
             "SELECT " + COLS + " FROM (SELECT rowid AS id, rank AS r FROM product_fts WHERE product_fts MATCH ? ORDER BY rank, rowid LIMIT 20 OFFSET 0) f JOIN products x ON x.id = f.id" + J + " ORDER BY f.r, x.id"],
}
for db in sys.argv[1:]:
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA cache_size=-32000"); con.execute("PRAGMA mmap_size=1073741824")
    try:
        con.execute("INSERT INTO product_fts(product_fts, rank) VALUES('rank', 'bm25(10.0, 2.0)')")
    except Exception as e:
        pass
    print(db)
    for name, sqls in variants.items():
        allt = []; per = {}
        for q in queries:
            m = M(q)
            for s in sqls: con.execute(s, (m,)).fetchall()
            ts = []
            for i in range(40):
                t = time.perf_counter()
                con.execute("BEGIN")
                for s in sqls: con.execute(s, (m,)).fetchall()
                con.execute("COMMIT")
                ts.append((time.perf_counter() - t) * 1e3)
            ts.sort(); allt += ts; per[q] = ts[int(len(ts) * 0.9)]
        allt.sort()
        print(f"  {name:40s} p50 {allt[len(allt)//2]:6.2f} ms p99 {allt[int(len(allt)*0.99)]:6.2f} ms | worst-query p90: " + " ".join(f"{k}={v:.1f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])[:4]))
