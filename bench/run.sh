#!/usr/bin/env bash
# bench/run.sh: ocop's read paths against the machine's HTTP ceiling, side by side in one
# sitting. Builds a release binary (build-bench/), makes a synthetic 100k-product registry
# (bench/gen_products.py -> ocop import) and the demo database, starts nginx (fixed
# 200-byte answer, the ceiling) and `ocop serve`, drives them with wrk from 127.0.0.1 and
# writes bench/results/summary.md. Everything it starts is stopped on exit, even on failure.
#
# Knobs (environment): BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_ROWS (100000),
# BENCH_SEED (2025), NGINX_WORKERS (1), OCOP_THREADS (0 = one per core, ocop's default),
# SEARCH_ROUNDS (50), BENCH_SKIP_DEMO (unset), OCOP_BIN (use this binary, skip the build:
# to compare a patched build), BENCH_RESULTS (bench/results; a path inside the repository
# or an absolute one).
# Needs: meson, ninja, python3, wrk, nginx, curl (`make bench` installs them).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RES=${BENCH_RESULTS:-bench/results}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-64}
ROWS=${BENCH_ROWS:-100000}
SEED=${BENCH_SEED:-2025}
NGINX_WORKERS=${NGINX_WORKERS:-1}
OCOP_THREADS=${OCOP_THREADS:-0}
SEARCH_ROUNDS=${SEARCH_ROUNDS:-50}
UNITS=data/vn-admin-units/units-2025.json
NGINX_PORT=18090
OCOP_PORT=18091
export LUA_PATH="$ROOT/bench/?.lua;;"

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic (awk)
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# Waits until an HTTP port answers (5 s at most).
wait_http() {
  local url=$1 i
  for i in $(seq 1 50); do
    curl -s -o /dev/null "$url" && return 0
    sleep 0.1
  done
  return 1
}

# Waits (2 minutes at most) until ocop's cache warmer has every product's record in
# memory, as a server that has been up for a few seconds has; prints how long it took.
wait_warm() {
  local url=$1 t0 i h
  t0=$(now)
  for i in $(seq 1 1200); do
    h=$(curl -s "$url/healthz") || true
    case $h in *'"warm":true'*|*'"warm": true'*|*'"cache":null'*) break ;; esac
    sleep 0.1
  done
  calc "$(now) - $t0"
}

for tool in python3 wrk nginx curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: run \`make bench\` (scripts/deps.sh bench installs it)"
done
mkdir -p "$RES"
rm -f "$RES"/wrk-*.txt
: >"$RES/runs.tsv"
started=$(now)

# ------------------------------------------------------------------ build
if [ -n "${OCOP_BIN:-}" ]; then
  OCOP=$OCOP_BIN
  say "using $OCOP (OCOP_BIN, no build)"
else
  say "release build in build-bench/"
  command -v meson >/dev/null && command -v ninja >/dev/null || die "meson and ninja are needed"
  [ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
  ninja -C build-bench >"$RES/build.log" 2>&1 || { tail -20 "$RES/build.log" >&2; die "the release build failed (log: $RES/build.log)"; }
  OCOP=build-bench/ocop
fi
[ -x "$OCOP" ] || die "no ocop binary at $OCOP"

# ------------------------------------------------------------------ databases
say "synthetic registry: $ROWS products (seed $SEED)"
SYN=$RES/synthetic.db
CSV=$RES/products.csv
rm -f "$SYN" "$SYN-wal" "$SYN-shm"
t0=$(now)
python3 bench/gen_products.py --units "$UNITS" --rows "$ROWS" --seed "$SEED" --out "$CSV"
t1=$(now)
"$OCOP" db init --db "$SYN" >/dev/null
"$OCOP" import units "$UNITS" --db "$SYN" >/dev/null
t2=$(now)
"$OCOP" import products "$CSV" --db "$SYN" >"$RES/import.log" 2>&1 || { tail -5 "$RES/import.log" >&2; die "the product import failed (log: $RES/import.log)"; }
t3=$(now)
import_s=$(calc "$t3 - $t2")
import_rate=$(printf '%.0f' "$(calc "$ROWS / $import_s")")
printf 'generated the CSV in %.1f s; imported %d rows in %.1f s: %s rows/s (%s)\n' \
  "$(calc "$t1 - $t0")" "$ROWS" "$import_s" "$import_rate" "$(tail -1 "$RES/import.log")" >&2

DEMO=$RES/demo.db
demo_note=""
if [ -n "${BENCH_SKIP_DEMO:-}" ]; then
  demo_note="skipped (BENCH_SKIP_DEMO)"
elif t0=$(now) && "$OCOP" demo --db "$DEMO" --force >"$RES/demo.log" 2>&1; then
  say "demo database in $(printf %.1f "$(calc "$(now) - $t0")") s: $(tail -1 "$RES/demo.log")"
else
  demo_note="skipped: \`ocop demo\` failed ($(tail -1 "$RES/demo.log" | cut -c1-120))"
  say "demo database $demo_note; going on with the synthetic one"
fi

# ------------------------------------------------------------------ wrk runs
RUN_NO=0
# cpu_ticks PID...: user+system CPU clock ticks used so far by these processes (all threads)
cpu_ticks() {
  local p t=0
  for p in "$@"; do
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
  done
  echo "$t"
}

# run_wrk LABEL DB CONNS SCRIPT URL PID...: one wrk run against the server made of PID...;
# appends a row to runs.tsv (with the server's CPU time per request)
run_wrk() {
  local label=$1 db=$2 conns=$3 script=$4 url=$5 out line c0 c1 cpu_us
  shift 5
  c0=$(cpu_ticks "$@")
  RUN_NO=$((RUN_NO + 1))
  out=$RES/wrk-$(printf '%02d-%s' "$RUN_NO" "$label-$db-c$conns" | tr -c 'A-Za-z0-9-' '_').txt
  wrk -t1 -c"$conns" -d"$DURATION" --timeout 10s --latency -s "bench/$script" "$url" >"$out" 2>&1 || true
  c1=$(cpu_ticks "$@")
  line=$(grep '^WRK_RESULT' "$out" || true)
  [ -n "$line" ] || { cat "$out" >&2; die "wrk gave no result for $label"; }
  local kv requests=0 seconds=0 rps=0 p50_us=0 p90_us=0 p99_us=0 p999_us=0 max_us=0 errors=0 non2xx=0
  for kv in ${line#WRK_RESULT }; do
    case $kv in *=[0-9]*) declare "$kv" ;; esac
  done
  cpu_us=$(awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.1f", n ? t / hz * 1e6 / n : 0 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$db" "$conns" "$rps" "$p50_us" "$p99_us" \
    "$max_us" "$errors" "$non2xx" "$cpu_us" >>"$RES/runs.tsv"
  awk -v l="$label" -v d="$db" -v c="$conns" -v r="$rps" -v a="$p50_us" -v b="$p99_us" -v e="$errors" \
    -v n="$non2xx" -v u="$cpu_us" 'BEGIN { printf "%-30s %-9s c%-3s %8d req/s  p50 %7.2f ms  p99 %8.2f ms  %7.1f us CPU/req  errors %d non-2xx %d\n",
                           l, d, c, r, a / 1000, b / 1000, u, e, n }' >&2
}

say "nginx ($NGINX_WORKERS worker process) on 127.0.0.1:$NGINX_PORT"
case $RES in /*) NGX=$RES/nginx ;; *) NGX=$ROOT/$RES/nginx ;; esac
mkdir -p "$NGX/tmp"
sed "s/^worker_processes .*;/worker_processes $NGINX_WORKERS;/" bench/nginx.conf >"$NGX/nginx.conf"
nginx -e stderr -p "$NGX" -c "$NGX/nginx.conf" 2>"$NGX/error.log" &
pids+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/" || { cat "$NGX/error.log" >&2; die "nginx did not start"; }
size=$(curl -s "http://127.0.0.1:$NGINX_PORT/" | wc -c)
[ "$size" -eq 200 ] || die "nginx answers $size bytes, not 200"

NGINX_PIDS=("${pids[-1]}" $(pgrep -P "${pids[-1]}" || true))

# the import left dirty pages: write them out now, not during the first measurement; then
# a short unrecorded warm-up
sync
wrk -t1 -c"$CONNS" -d3s "http://127.0.0.1:$NGINX_PORT/" >/dev/null 2>&1 || true

# bench_db NAME PATH: serves one database and runs the API workloads against it
bench_db() {
  local name=$1 db=$2 base="http://127.0.0.1:$OCOP_PORT" total max_id pid
  say "ocop serve $db on 127.0.0.1:$OCOP_PORT (threads: $OCOP_THREADS, 0 = one per core)"
  "$OCOP" serve --db "$db" --listen "127.0.0.1:$OCOP_PORT" --threads "$OCOP_THREADS" \
    >"$RES/serve-$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_http "$base/healthz" || { cat "$RES/serve-$name.log" >&2; die "ocop serve did not start"; }
  total=$(curl -s "$base/api/v1/products?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  [ "$total" -gt 0 ] || die "$db has no products"
  max_id=$(curl -s "$base/api/v1/products?per_page=1&page=$total" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  echo "$name: $total products, ids up to $max_id" >&2
  echo "$name: cache warm after $(wait_warm "$base") s" >&2
  # the ceiling right before and right after: machines drift within minutes
  run_wrk "nginx static 200 B" "-" "$CONNS" static.lua "http://127.0.0.1:$NGINX_PORT/" "${NGINX_PIDS[@]}"
  MAX_ID=$max_id run_wrk "product by id" "$name" "$CONNS" by_id.lua "$base/" "$pid"
  run_wrk "nginx static 200 B" "-" "$CONNS" static.lua "http://127.0.0.1:$NGINX_PORT/" "${NGINX_PIDS[@]}"
  run_wrk "search q=... (15 queries)" "$name" "$CONNS" search.lua "$base/" "$pid"
  run_wrk "search q=... (15 queries)" "$name" 1 search.lua "$base/" "$pid"
  run_wrk "stars=4&certificate=valid" "$name" "$CONNS" filters.lua "$base/" "$pid"
  if [ "$name" = synthetic ]; then
    say "top-20 search latency, one request at a time ($SEARCH_ROUNDS rounds per query)"
    python3 bench/search_p99.py --port "$OCOP_PORT" --rounds "$SEARCH_ROUNDS" | tee "$RES/search_p99.txt" >&2
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

bench_db synthetic "$SYN"
[ -f "$DEMO" ] && [ -z "$demo_note" ] && bench_db demo "$DEMO"

cleanup

# ------------------------------------------------------------------ summary
say "summary"
python3 - "$RES" "$import_rate" "$import_s" "$ROWS" "$demo_note" "$NGINX_WORKERS" "$OCOP_THREADS" \
  "$DURATION" "$(calc "$(now) - $started")" <<'EOF'
import datetime, os, re, subprocess, sys
res, rate, import_s, rows, demo_note, ngx_workers, threads, duration, elapsed = sys.argv[1:]

def sh(cmd):
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return (p.stdout + p.stderr).strip() or "?"

runs = [l.rstrip("\n").split("\t") for l in open(os.path.join(res, "runs.tsv")) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
versions = {
    "libmicrohttpd": sh("pkg-config --modversion libmicrohttpd 2>/dev/null"),
    "sqlite": sh("pkg-config --modversion sqlite3 2>/dev/null"),
    "nginx": re.sub(r"^nginx version: nginx/", "", sh("nginx -v")),
    "wrk": (re.findall(r"wrk (?:debian/)?([0-9][0-9.]*)", sh("wrk -v")) or ["?"])[0],
}
out = []
out.append(f"# ocop bench, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC\n")
out.append(f"Machine: {os.cpu_count()} cores, {cpu}, {int(mem) / 1048576:.1f} GiB; "
           + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".")
out.append(f"wrk -t1, {duration} per run, 127.0.0.1; nginx {ngx_workers} worker process; "
           f"ocop serve --threads {threads} (0 = one per core). Whole bench: {float(elapsed):.0f} s.\n")
out.append(f"Synthetic import: {int(rows):,} rows in {float(import_s):.1f} s = **{int(rate):,} rows/s**.")
if demo_note:
    out.append(f"Demo database: {demo_note}.")
out.append("")
out.append("| run | database | connections | requests/s | p50 ms | p99 ms | max ms | server CPU µs/request | errors | non-2xx |")
out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, db, conns, rps, p50, p99, mx, err, non2xx, cpu in runs:
    out.append(f"| {label} | {db} | {conns} | {int(rps):,} | {int(p50) / 1000:.2f} | {int(p99) / 1000:.2f} "
               f"| {int(mx) / 1000:.1f} | {float(cpu):.1f} | {err} | {non2xx} |")

def find(label, db, conns=None):
    return [r for r in runs if r[0].startswith(label) and r[1] == db and (conns is None or r[2] == conns)]

out.append("")
out.append("| ratio | measured | target | |")
out.append("|---|---:|---:|---|")
# the by-id run sits between two nginx runs: compare with their mean
i = next((k for k, r in enumerate(runs) if r[0] == "product by id" and r[1] == "synthetic"), None)
if i is not None and 0 < i < len(runs) - 1 and runs[i - 1][0].startswith("nginx") and runs[i + 1][0].startswith("nginx"):
    ngx = (int(runs[i - 1][3]) + int(runs[i + 1][3])) / 2
    ngx_cpu = (float(runs[i - 1][9]) + float(runs[i + 1][9])) / 2
    r = int(runs[i][3]) / ngx
    out.append(f"| product by id ÷ nginx, requests/s (nginx: mean of the runs just before and after) "
               f"| {r:.0%} | ≥ 60% | {'met' if r >= 0.6 else '**missed**'} |")
    if float(runs[i][9]) > 0:
        c = ngx_cpu / float(runs[i][9])
        out.append(f"| nginx ÷ product by id, server CPU per request (steadier on a noisy machine) "
                   f"| {c:.0%} | ≥ 60% | {'met' if c >= 0.6 else '**missed**'} |")
s1 = find("search", "synthetic", "1")
if s1:
    p = int(s1[0][5]) / 1000
    out.append(f"| search p99, 100k products, wrk 1 connection | {p:.2f} ms | < 5 ms | {'met' if p < 5 else '**missed**'} |")
try:
    line = [l for l in open(os.path.join(res, "search_p99.txt")) if l.startswith("SEARCH_P99")][0]
    kv = dict(x.split("=", 1) for x in line.split()[1:])
    p = int(kv["p99_us"]) / 1000
    out.append(f"| search p99, one request at a time (search_p99.py, all queries) | {p:.2f} ms | < 5 ms | "
               f"{'met' if p < 5 else '**missed**'} |")
except (OSError, IndexError, KeyError):
    pass
out.append("")
out.append("Latencies at 64 connections include queueing behind the other 63 clients; the search "
           f"target is read from the 1-connection and one-at-a-time runs. Raw wrk output: "
           f"`{res}/wrk-*.txt`; per-query search latencies: `{res}/search_p99.txt`.")
text = "\n".join(out) + "\n"
open(os.path.join(res, "summary.md"), "w").write(text)
print(text)
EOF
