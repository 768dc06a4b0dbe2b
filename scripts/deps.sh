#!/usr/bin/env bash
# Installs the Debian packages ocop needs that are missing (as root, or with sudo).
# Usage: scripts/deps.sh [build|test|bench|fuzz]   (default: build)
set -euo pipefail

want=(meson ninja-build pkg-config gcc python3 libmicrohttpd-dev libsqlite3-dev libjansson-dev
      libsodium-dev libunistring-dev libcsv-dev libcairo2-dev libpango1.0-dev libqrencode-dev
      fonts-noto-core libxlsxwriter-dev gettext)
case "${1:-build}" in
  build) ;;
  test)  want+=(libcmocka-dev curl clang libclang-rt-14-dev poppler-utils zbar-tools) ;;
  bench) want+=(wrk nginx-light curl time sqlite3 poppler-utils) ;;
  fuzz)  want+=(clang libclang-rt-14-dev) ;;
  *) echo "deps.sh: unknown profile '$1' (build, test, bench or fuzz)" >&2; exit 2 ;;
esac

# the browser tests need node, npm and chromium: Debian's, unless the machine has them
if [ "${1:-build}" = test ]; then
  command -v node >/dev/null 2>&1 || want+=(nodejs)
  command -v npm >/dev/null 2>&1 || want+=(npm)
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing missing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
