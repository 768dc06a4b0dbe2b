#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a while (default 60 s).
# Prints TAP: one test per target; a crash fails it and keeps the input in fuzz-corpus/.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
dir=build-fuzz
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" -Dfuzz=true --buildtype=debugoptimized >/dev/null 2>&1 ||
    { echo "not ok 1 - fuzz build (meson setup failed)"; exit 1; }
fi
ninja -C "$dir" >/dev/null 2>&1 || { echo "not ok 1 - fuzz build (ninja failed)"; exit 1; }
targets=()
for t in "$dir"/tests/fuzz_*; do [ -f "$t" ] && [ -x "$t" ] && targets+=("$t"); done
echo "1..${#targets[@]}"
n=0; rc=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  name=$(basename "$t")
  corpus="fuzz-corpus/$name"
  mkdir -p "$corpus"
  seeds="tests/fuzz/seeds/${name#fuzz_}"
  if "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$corpus/" \
       "$corpus" $( [ -d "$seeds" ] && echo "$seeds" ) >"fuzz-corpus/$name.log" 2>&1; then
    echo "ok $n - $name ($(grep -oE 'stat::number_of_executed_units: [0-9]+' "fuzz-corpus/$name.log" | grep -oE '[0-9]+' || echo '?') runs)"
  else
    echo "not ok $n - $name (see fuzz-corpus/$name.log)"
    rc=1
  fi
done
exit $rc
