#!/usr/bin/env bash
# The Vietnamese messages (po/vi.po) against the sources (docs/i18n.md).
#   scripts/messages.sh update  extracts every message format of src/ into po/ocop.pot (not
#                               kept in git) and merges it into po/vi.po: new messages come
#                               in untranslated, changed ones fuzzy, gone ones dropped
#   scripts/messages.sh check   TAP: every message has a Vietnamese wording, none fuzzy, and
#                               the catalog compiles with its conversions checked
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the formats: ocop_error_set(code, FMT, ...), ocop_error_set_field(code, field, FMT, ...)
# and http_problem_status(resp, req, status, DETAIL)
extract() {
  find src -name '*.c' -o -name '*.h' | LC_ALL=C sort |
    xgettext --files-from=- --from-code=UTF-8 --language=C --no-wrap --sort-output \
      --add-location=file --package-name=ocop \
      --keyword= --keyword=ocop_error_set:2 --keyword=ocop_error_set_field:3 \
      --keyword=http_problem_status:4 --keyword=OCOP_WORD \
      --flag=ocop_error_set:2:c-format --flag=ocop_error_set_field:3:c-format \
      --flag=http_problem_status:4:c-format -o "$1"
}

case "$mode" in
  update)
    extract po/ocop.pot
    msgmerge --quiet --update --backup=none --no-wrap --sort-output --add-location=file \
      po/vi.po po/ocop.pot
    msgattrib --no-obsolete --no-wrap --sort-output --add-location=file -o po/vi.po po/vi.po
    msgfmt --check --statistics -o /dev/null po/vi.po
    ;;
  check)
    echo "1..3"
    extract "$tmp/ocop.pot"
    if msgcmp po/vi.po "$tmp/ocop.pot" 2>"$tmp/cmp"; then
      echo "ok 1 - every message format in src/ has a Vietnamese wording in po/vi.po"
    else
      echo "not ok 1 - messages without a Vietnamese wording (run scripts/messages.sh update, then translate):"
      grep -oE 'ocop\.pot:[0-9]+: this message is used but not defined' "$tmp/cmp" |
        cut -d: -f2 | while read -r n; do sed -n "$((n - 1))p" "$tmp/ocop.pot"; done | sed 's/^/#   /'
    fi
    stats=$(msgfmt --statistics -o /dev/null po/vi.po 2>&1 || true)
    if echo "$stats" | grep -qE 'fuzzy|untranslated'; then
      echo "not ok 2 - po/vi.po has fuzzy or untranslated entries: $stats"
    else
      echo "ok 2 - po/vi.po: $stats"
    fi
    if python3 scripts/embed_messages.py msgfmt po/vi.po "$tmp/m.c" 2>"$tmp/embed"; then
      echo "ok 3 - po/vi.po compiles, each wording taking its message's arguments"
    else
      echo "not ok 3 - po/vi.po does not compile:"
      sed 's/^/# /' "$tmp/embed"
    fi
    ;;
  *) echo "messages.sh: update or check" >&2; exit 2 ;;
esac
