#!/usr/bin/env python3
"""search_p99.py: latency of top-20 product searches, one request at a time.

Measures what a single shopper sees (no queueing behind other clients): for each
query, ROUNDS sequential GET /api/v1/products?q=... on one keep-alive connection,
after one warm-up request. Prints one line per query and a final machine-readable
line for bench/run.sh:
  SEARCH_P99 n=N p50_us=.. p90_us=.. p99_us=.. max_us=.. worst=<query> worst_p99_us=..
The client's own cost (Python http.client, ~50-100 us) is included.
Python 3 standard library only.

Usage: search_p99.py --port 18091 [--rounds 100] [--query "mat ong" ...]
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse

QUERIES = [
    "bat trang", "may tre dan", "banh te", "mat ong", "nuoc mam phu quoc",
    "Bát Tràng", "Mây tre đan", "bánh tẻ", "mật ong bạc hà", "chè thái nguyên",
    "che thai ng", "gom s", "gao st", "ruou lang v", "tinh dau sa",
]


def pct(sorted_vals, p):
    if not sorted_vals:
        return 0
    i = min(len(sorted_vals) - 1, max(0, int(round(p / 100.0 * len(sorted_vals) + 0.5)) - 1))
    return sorted_vals[i]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=18091)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--query", action="append", help="a query (repeatable); default: the bench set")
    args = ap.parse_args()

    conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
    allv = []
    worst = ("", 0)
    print(f"{'query':24s} {'matches':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    for q in args.query or QUERIES:
        path = "/api/v1/products?q=" + urllib.parse.quote(q)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            print(f"search_p99: {q!r}: HTTP {resp.status}", file=sys.stderr)
            return 1
        total = json.loads(body).get("total", -1)
        vals = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            vals.append(int((time.perf_counter() - t) * 1e6))
            if r.status != 200:
                print(f"search_p99: {q!r}: HTTP {r.status}", file=sys.stderr)
                return 1
        vals.sort()
        allv += vals
        p99 = pct(vals, 99)
        if p99 > worst[1]:
            worst = (q, p99)
        print(f"{q:24s} {total:8d} {pct(vals, 50) / 1e3:8.2f} {p99 / 1e3:8.2f} {vals[-1] / 1e3:8.2f}")
    allv.sort()
    print(f"SEARCH_P99 n={len(allv)} p50_us={pct(allv, 50)} p90_us={pct(allv, 90)} "
          f"p99_us={pct(allv, 99)} max_us={allv[-1]} worst={urllib.parse.quote(worst[0])} "
          f"worst_p99_us={worst[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
