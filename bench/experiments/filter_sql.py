"""filter_sql.py: the stars=4&certificate=valid list's SQL, as today and alternatives.

Usage: filter_sql.py DB   (a copy of bench/results/synthetic.db; to try the partial index:
sqlite3 DB "CREATE INDEX certificates_current ON certificates(stars, valid_until)
WHERE revoked_at IS NULL AND superseded_by IS NULL")
"""
import datetime, sqlite3, time, sys
J = " JOIN producers pr ON pr.id = x.producer_id JOIN wards w ON w.id = x.ward_id JOIN provinces pv ON pv.id = w.province_id LEFT JOIN villages v ON v.id = x.village_id LEFT JOIN certificates c ON c.id = x.certificate_id"
VALID_FROM = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()  # OCOP_CERT_EXPIRING_DAYS
W = " WHERE 1 AND c.stars = ? AND c.revoked_at IS NULL AND c.superseded_by IS NULL AND c.valid_until >= '" + VALID_FROM + "'"
tests = {
 "current count (6-way join)": "SELECT count(*) FROM products x" + J + W,
 "count, only the certificates join": "SELECT count(*) FROM products x JOIN certificates c ON c.id = x.certificate_id" + W,
 "count driven from certificates": "SELECT count(*) FROM certificates c JOIN products x ON x.certificate_id = c.id" + W,
 "page 1 (current)": "SELECT x.id FROM products x" + J + W + " ORDER BY x.id LIMIT 20 OFFSET 0",
 "page 5 (current)": "SELECT x.id FROM products x" + J + W + " ORDER BY x.id LIMIT 20 OFFSET 80",
 "unfiltered count (6-way join)": "SELECT count(*) FROM products x" + J + " WHERE 1 AND ?",
 "unfiltered count (products only)": "SELECT count(*) FROM products x WHERE 1 AND ?",
}
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=-32000"); con.execute("PRAGMA mmap_size=1073741824")
for name, sql in tests.items():
    arg = (4,) if "?" in sql else ()
    con.execute(sql, arg).fetchall()
    ts = []
    for i in range(15):
        t = time.perf_counter(); r = con.execute(sql, arg).fetchall(); ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    plan = " / ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, arg))
    print(f"  {name:36s} p50 {ts[7]:6.2f} ms  max {ts[-1]:6.2f} ms  rows={r[0][0] if len(r)==1 else len(r)}  [{plan[:110]}]")
