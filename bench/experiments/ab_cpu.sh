#!/bin/bash
# ab_cpu.sh ROUNDS SECS SCRIPT CONNS NAME=BIN@DB...: A/B of ocop builds in one sitting.
# Each round: nginx (bench/nginx.conf, 1 worker), then each BIN serving its DB on
# 127.0.0.1:18092; prints req/s, p50/p99 and the server's CPU time per request (steadier
# than req/s on a noisy machine). Example:
#   bench/experiments/ab_cpu.sh 2 8 by_id.lua 64 main=build-bench/ocop@bench/results/synthetic.db \
#       patched=/tmp/ocop@/tmp/bench-patched/synthetic.db
BENCH=$(cd "$(dirname "$0")/.." && pwd)
export LUA_PATH="$BENCH/?.lua;;"
rounds=$1; secs=$2; script=$3; conns=$4; shift 4
cpu() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $t; }
tick=$(getconf CLK_TCK)
measure() { # name script conns url pids...
  local n=$1 sc=$2 c=$3 url=$4; shift 4
  local c0 c1 out
  c0=$(cpu "$@")
  out=$(MAX_ID=${MAX_ID:-100000} wrk -t1 -c$c -d${secs}s --timeout 10s -s $BENCH/$sc $url | grep WRK_RESULT)
  c1=$(cpu "$@")
  echo "$out" | awk -v n="$n" -v c=$((c1 - c0)) -v t=$tick '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
     printf "%-12s %7d req/s  p50 %7.2f ms  p99 %7.2f ms  %8.1f us CPU/request\n", n, v["rps"], v["p50_us"] / 1000, v["p99_us"] / 1000, c / t * 1e6 / v["requests"] }'
}
# waits (up to 2 minutes) until the server's cache warmer is done, if it has one
wait_warm() {
  for _ in $(seq 1 1200); do
    h=$(curl -s "$1/healthz") || { sleep 0.1; continue; }
    case $h in *'"warm": false'*|*'"warm":false'*) sleep 0.1 ;; *) return 0 ;; esac
  done
}
ng=$(mktemp -d); mkdir -p "$ng/tmp"; sed 's/^worker_processes .*;/worker_processes 1;/' "$BENCH/nginx.conf" > "$ng/nginx.conf"
nginx -e stderr -p "$ng" -c "$ng/nginx.conf" 2>"$ng/err" & ngm=$!
trap 'kill $ngm 2>/dev/null; rm -rf "$ng"' EXIT
sleep 0.5; ngw=$(pgrep -P $ngm)
for r in $(seq 1 $rounds); do
  measure nginx static.lua 64 http://127.0.0.1:18090/ $ngm $ngw
  for spec in "$@"; do
    name=${spec%%=*}; rest=${spec#*=}; bin=${rest%@*}; db=${rest#*@}
    $bin serve --db $db --listen 127.0.0.1:18092 >/dev/null 2>&1 &
    pid=$!
    sleep 0.5
    wait_warm http://127.0.0.1:18092
    measure $name $script $conns http://127.0.0.1:18092/ $pid
    kill $pid; wait $pid 2>/dev/null
  done
done
