#!/usr/bin/env bash
# The whole test suite: unit tests (cmocka), black-box API tests of the real binary,
# all once with a normal build and once under AddressSanitizer + UBSan, then a short
# run of every fuzz target. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
art="$root/test-artifacts"
mkdir -p "$art"
passed=0
failed=0
werror=()
[ "${OCOP_WERROR:-0}" = 1 ] && werror=(--werror)

# Counts the TAP lines of a suite's output (saved under test-artifacts/).
count_tap() {
  local log=$1 p f
  p=$(grep -cE '^ok ' "$log" || true)
  f=$(grep -cE '^not ok ' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + f))
  grep -E '^not ok ' "$log" | sed "s|^|  [$(basename "$log" .tap)] |" >&2 || true
}

# A suite that crashed or exited non-zero without a TAP failure counts as one failure.
run_suite() {
  local name=$1; shift
  local log="$art/$name.tap"
  "$@" >"$log" 2>"$art/$name.stderr"
  local rc=$?
  count_tap "$log"
  if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$log"; then
    echo "  [$name] exited with status $rc (see test-artifacts/$name.stderr)" >&2
    tail -n 5 "$art/$name.stderr" >&2
    failed=$((failed + 1))
  fi
  echo "  $name: $(grep -cE '^ok ' "$log") passed, $(grep -cE '^not ok ' "$log") failed" >&2
}

build() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "${werror[@]}" "$@" >"$art/meson-$(basename "$dir").log" 2>&1 ||
      { cat "$art/meson-$(basename "$dir").log" >&2; return 1; }
  fi
  ninja -C "$dir" >"$art/ninja-$(basename "$dir").log" 2>&1 ||
    { grep -E 'error|warning' -A3 "$art/ninja-$(basename "$dir").log" >&2 | head -60; return 1; }
}

suites() {
  local dir=$1 tag=$2
  for t in "$dir"/tests/test_*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    run_suite "$tag-$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
  done
  run_suite "$tag-api" python3 tests/api/run.py --ocop "$dir/ocop"
}

# Real-browser tests: Debian's chromium driven by playwright-core (npm), axe for access.
browser_suite() {
  local dir=$1
  if ! (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) >"$art/npm.log" 2>&1; then
    echo "  browser tests: npm ci failed (see test-artifacts/npm.log)" >&2
    failed=$((failed + 1))
    return
  fi
  run_suite "browser" env OCOP_BIN="$root/$dir/ocop" node --test --test-reporter=tap \
    --test-concurrency=1 tests/browser/
}

echo "== messages (po/vi.po against src/)" >&2
run_suite "messages" scripts/messages.sh check

echo "== build (gcc)" >&2
if build build-test; then
  suites build-test gcc
  browser_suite build-test
else
  failed=$((failed + 1)); echo "  build failed" >&2
fi

echo "== build (AddressSanitizer + UBSan)" >&2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
# fontconfig keeps parts of its configuration for the life of the process: its own leak
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if build build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
  suites build-asan asan
else
  failed=$((failed + 1)); echo "  sanitizer build failed" >&2
fi

if command -v clang >/dev/null 2>&1; then
  echo "== fuzz targets (short run)" >&2
  run_suite fuzz scripts/fuzz.sh "${OCOP_FUZZ_SECONDS:-15}"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
