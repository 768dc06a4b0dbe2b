#!/usr/bin/env bash
# bench/stamps.sh: the stamps' hot paths, measured in one sitting on this machine:
#  1. libsodium's raw Ed25519 signing rate on all cores (the ceiling for issuance);
#  2. `ocop stamps issue` of STAMPS_ISSUE stamps (default 1,000,000) into the demo
#     database: stamps per second, with signatures, without rendering;
#  3. `ocop stamps export --format pdf` of 100,000 stamps: time and peak memory;
#  4. verification: wrk on random stamp URIs of the 1,000,000, side by side with nginx's
#     fixed 200-byte answer (the HTTP ceiling), then a clean stop: every scan logged?
# Writes bench/results/stamps.md. Needs: build tools, wrk, nginx, curl, time, sqlite3 and
# pdfinfo (poppler-utils): `scripts/deps.sh bench` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RES=bench/results
ISSUE=${STAMPS_ISSUE:-1000000}
PDF_COUNT=${STAMPS_PDF:-100000}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-64}
export LUA_PATH="$ROOT/bench/?.lua;;"
mkdir -p "$RES"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT
say() { printf '\n== %s\n' "$*" >&2; }
wait_http() { for _ in $(seq 1 50); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }

say "build (release)"
[ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
ninja -C build-bench >/dev/null
OCOP=build-bench/ocop
cc -O2 -o "$RES/sign_rate" bench/sign_rate.c -lsodium -lpthread
CORES=$(nproc)

say "1. raw Ed25519 signing, $CORES threads"
RAW=$("$RES/sign_rate" "$CORES" 3)
echo "raw signing: $RAW signatures/s" >&2

say "2. issuing $ISSUE stamps"
DB=$RES/stamps.db
rm -f "$DB" "$DB-wal" "$DB-shm"
$OCOP demo --db "$DB" >/dev/null
$OCOP keys generate --db "$DB" >/dev/null
PRODUCT=$(sqlite3 "$DB" "SELECT p.id FROM products p JOIN certificates c ON c.id = p.certificate_id WHERE c.stars = 5 AND c.revoked_at IS NULL AND c.valid_until > date('now') LIMIT 1" 2>/dev/null || echo 1)
t0=$(date +%s.%N)
BATCH=$($OCOP stamps issue --db "$DB" --product "$PRODUCT" --lot BENCH-1 --count "$ISSUE" 2>/dev/null)
t1=$(date +%s.%N)
ISSUE_S=$(awk "BEGIN{printf \"%.2f\", $t1-$t0}")
ISSUE_RATE=$(awk "BEGIN{printf \"%.0f\", $ISSUE/($t1-$t0)}")
echo "issued $ISSUE in ${ISSUE_S}s: $ISSUE_RATE stamps/s" >&2

say "3. a $PDF_COUNT-stamp PDF"
PDFB=$($OCOP stamps issue --db "$DB" --product "$PRODUCT" --lot BENCH-PDF --count "$PDF_COUNT" 2>/dev/null)
/usr/bin/time -f "%e %M" -o "$RES/pdf.time" $OCOP stamps export --db "$DB" --batch "$PDFB" --format pdf --out "$RES/stamps-100k.pdf" 2>/dev/null
read -r PDF_S PDF_KB < "$RES/pdf.time"
PDF_MB=$(awk "BEGIN{printf \"%.0f\", $PDF_KB/1024}")
PAGES=$(pdfinfo "$RES/stamps-100k.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
PDF_SIZE=$(du -m "$RES/stamps-100k.pdf" | cut -f1)
echo "PDF: ${PDF_S}s, peak ${PDF_MB} MB, $PAGES pages, ${PDF_SIZE} MB" >&2

say "4. verification under wrk"
$OCOP stamps export --db "$DB" --batch "$BATCH" --format uris --out "$RES/stamp-uris.txt" --public-url http://127.0.0.1:18092 2>/dev/null
# the hot set: 20,000 stamps scanned again and again (a shop's shelf, a fair); the wide
# set: 200,000 of the million, so that most scans are a stamp's first in this server
shuf -n 20000 --random-source=<(yes) "$RES/stamp-uris.txt" | sed 's#^http://127.0.0.1:18092##' > "$RES/stamp-paths.txt"
shuf -n 200000 --random-source=<(yes 2) "$RES/stamp-uris.txt" | sed 's#^http://127.0.0.1:18092##' > "$RES/stamp-paths-wide.txt"
NGX=$ROOT/$RES/nginx
mkdir -p "$NGX/tmp" "$NGX/logs"
# one nginx worker: on two cores shared with wrk it answers more than with two (measured:
# ~80k against ~75k requests/s); ocop serve gets the same one worker thread (--threads 1)
# for the side by side rows, and is measured with its default (a thread per core) too
sed "s/^worker_processes .*;/worker_processes 1;/" bench/nginx.conf > "$NGX/nginx.conf"
nginx -e stderr -p "$NGX" -c "$NGX/nginx.conf" 2>"$NGX/error.log" & pids+=($!)
wait_http http://127.0.0.1:18090/
# rows [wrk args]: requests/s, p50, p99, the number of answers, and wrk's own CPU per
# request in µs (wrk and the server share the two cores: a server that costs less per
# request than wrk leaves the waiting to wrk, which does not count it as latency)
rows() {
  local out u s
  out=$(/usr/bin/time -f "%U %S" -o "$RES/wrk.time" wrk -t1 -c"$CONNS" -d"$DURATION" --latency "$@" |
        awk '/Requests\/sec/{r=$2} /^ +99%/{p=$2} /^ +50%/{m=$2} / requests in /{n=$1} END{print r, m, p, n}')
  read -r u s < "$RES/wrk.time"
  echo "$out $(awk -v u="$u" -v s="$s" -v o="$out" 'BEGIN{split(o, f, " "); printf "%.1f", f[4] ? (u + s) * 1e6 / f[4] : 0}')"
}
hot() { STAMP_PATHS=$RES/stamp-paths.txt rows -s bench/verify.lua http://127.0.0.1:18092; }
# Every request is a scan (--scan-repeat-minutes 0): verify.lua's 100,000 (stamp, phone)
# pairs come round again within minutes, which the server would otherwise answer as the same
# phone reloading its page, unlogged; the target is about scans, and "none lost" counts them.
serve() { # serve LOG [args]: starts ocop serve on the stamps database, waits until it answers
  local log=$1; shift
  $OCOP serve --db "$DB" --listen 127.0.0.1:18092 --scan-repeat-minutes 0 "$@" 2> "$log" &
  SERVE=$!; pids+=($SERVE)
  wait_http http://127.0.0.1:18092/healthz
}
# settle: waits (up to 2 minutes) until the scans journaled at busy times are copied into
# the database (the server does it after 2 s of quiet), so that nginx is not measured
# while ocop is still writing
settle() { for _ in $(seq 1 1200); do curl -s http://127.0.0.1:18092/healthz | grep -q '"journaled": *0' && return 0; sleep 0.1; done; }
cpu() { awk '{print $14 + $15}' /proc/$SERVE/stat; }
# stop LOG: a clean stop (SIGTERM, then wait for the last scans to be written); sets LOGGED
# (not in a $(...) subshell, which could not wait for the server)
stop() { kill -TERM "$SERVE"; wait "$SERVE" || true; LOGGED=$(grep -o '[0-9]* scans logged, [0-9]* dropped' "$1" || echo "?"); }

serve "$RES/serve-stamps.log" --threads 1
# a warm-up run first: the server keeps recently scanned stamps in memory, and a
# shop's stamps are scanned again and again; the cold cost is printed on its own
read -r W1 W1M W1P W1N _ <<< "$(hot)"
settle
read -r N1 N1M N1P _ N1W <<< "$(rows http://127.0.0.1:18090/)"
C0=$(cpu)
read -r V1 V1M V1P V1N V1W <<< "$(hot)"
settle
# the server's CPU per scan, the copy of the journal into the database included
CPU1=$(awk -v c=$(( $(cpu) - C0 )) -v t="$(getconf CLK_TCK)" -v n="$V1N" 'BEGIN{printf "%.1f", c / t * 1e6 / n}')
read -r N2 N2M N2P _ _ <<< "$(rows http://127.0.0.1:18090/)"
read -r V2 V2M V2P V2N _ <<< "$(hot)"
settle
read -r U1 U1M U1P U1N _ <<< "$(STAMP_PATHS=$RES/stamp-paths-wide.txt rows -s bench/verify.lua http://127.0.0.1:18092)"
settle
stop "$RES/serve-stamps.log"; LOGGED1=$LOGGED
serve "$RES/serve-stamps-default.log"
read -r _ _ _ W2N _ <<< "$(hot)"
settle
read -r N3 N3M N3P _ _ <<< "$(rows http://127.0.0.1:18090/)"
read -r D1 D1M D1P D1N _ <<< "$(hot)"
stop "$RES/serve-stamps-default.log"; LOGGED2=$LOGGED
ANSWERED=$((W1N + V1N + V2N + U1N + W2N + D1N))
AFTER=$(sqlite3 "$DB" "SELECT count(*) FROM scans" 2>/dev/null || echo "?")

{
  echo "# Stamps benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo
  echo "| what | figure | target |"
  echo "|---|---|---|"
  echo "| raw Ed25519 signing, $CORES threads | $RAW /s | |"
  echo "| issuance, $ISSUE stamps (signed, stored) | $ISSUE_RATE /s ($ISSUE_S s) = $(awk "BEGIN{printf \"%.0f\", 100*$ISSUE_RATE/$RAW}")% of raw | >= 50% |"
  echo "| PDF of $PDF_COUNT stamps | ${PDF_S} s, peak ${PDF_MB} MB, $PAGES pages, ${PDF_SIZE} MB | < 30 s, < 200 MB |"
  echo "| nginx 200 B, 1 worker (run 1 / 2 / 3) | $N1 / $N2 / $N3 req/s, p99 $N1P / $N2P / $N3P | ceiling |"
  echo "| verification, hot set, 1 thread (run 1 / 2) | $V1 / $V2 req/s, p50 $V1M / $V2M, p99 $V1P / $V2P | >= 60% of nginx, p99 < 2 ms |"
  echo "| server CPU per scan, run 1, the journal's copy into the database included | $CPU1 µs | |"
  echo "| wrk's own CPU per request, run 1: against nginx / against ocop | $N1W / $V1W µs | |"
  echo "| verification / nginx | $(awk "BEGIN{printf \"%.0f%% / %.0f%%\", 100*$V1/$N1, 100*$V2/$N2}") | >= 60% |"
  echo "| verification, hot set, first run (stamps not yet in memory) | $W1 req/s, p50 $W1M, p99 $W1P | |"
  echo "| verification, wide set (200,000 stamps, most scanned once) | $U1 req/s, p50 $U1M, p99 $U1P = $(awk "BEGIN{printf \"%.0f%%\", 100*$U1/$N2}") of nginx | |"
  echo "| verification, hot set, default threads (one per core) | $D1 req/s, p50 $D1M, p99 $D1P = $(awk "BEGIN{printf \"%.0f%%\", 100*$D1/$N3}") of nginx | |"
  echo "| scans at clean stops | wrk counted $ANSWERED answers; the servers said: $LOGGED1; $LOGGED2; table: $AFTER rows | none lost |"
} > "$RES/stamps.md"
cat "$RES/stamps.md"
