#!/usr/bin/env python3
"""Embeds po/vi.po into a C table of (English format, Vietnamese format), sorted for
bsearch (build time only).

msgfmt compiles and checks the catalog first (`--check`: the header, and every c-format
entry's conversions against its msgid), and Python's gettext reads the result. Then every
entry is checked again here, whatever its flags: the Vietnamese format must consume the
same arguments, of the same types, as the English one, because ocop_error_set() formats
both with the same arguments. A catalog that fails stops the build.

usage: embed_messages.py MSGFMT IN.po OUT.c
"""
import gettext
import os
import re
import subprocess
import sys
import tempfile

# one conversion: %[n$][flags][width][.precision][length]type, or %%
CONV = re.compile(r"%(?:(\d+)\$)?[-+ #0']*(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|j|z|t|L)?([diouxXeEfFgGaAcspn%])")


def arguments(fmt):
    """The arguments a printf format consumes, in order: a list of type names."""
    seq, numbered, plain = {}, False, False
    pos = 0
    for m in CONV.finditer(fmt):
        num, width, prec, length, conv = m.groups()
        if conv == "%":
            continue
        if conv == "n":
            raise ValueError("%n is never allowed")
        kind = {"d": "int", "i": "int", "o": "uint", "u": "uint", "x": "uint", "X": "uint",
                "c": "int", "s": "str", "p": "ptr"}.get(conv, "double")
        kind = (length or "") + kind
        if num:
            numbered = True
            if width == "*" or prec == "*":
                raise ValueError("numbered conversions with * are not supported")
            seq[int(num)] = kind
        else:
            plain = True
            for star in (width, prec):
                if star == "*":
                    pos += 1
                    seq[pos] = "int"
            pos += 1
            seq[pos] = kind
    if numbered and plain:
        raise ValueError("mixes numbered and plain conversions")
    if "%" in CONV.sub("", fmt):
        raise ValueError("has a % that is not a conversion")
    return [seq[i] for i in sorted(seq)] if sorted(seq) == list(range(1, len(seq) + 1)) else None


def c_string(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c in '"\\?':
            out.append("\\" + c)
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


def main():
    msgfmt, po, out = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        mo = os.path.join(tmp, "vi.mo")
        if subprocess.run([msgfmt, "--check", "-o", mo, po]).returncode != 0:
            sys.exit("%s: msgfmt --check failed" % po)
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
    entries = []
    bad = []
    for en, vi in catalog.items():
        if not isinstance(en, str) or not en or not vi:
            continue  # the header, plural forms (none)
        try:
            ok = arguments(en) is not None and arguments(en) == arguments(vi)
        except ValueError as e:
            ok, why = False, str(e)
        else:
            why = "takes other arguments than the English"
        if not ok:
            bad.append("%s: %r -> %r: %s" % (po, en, vi, why))
        entries.append((en.encode("utf-8"), en, vi))
    if bad:
        sys.stderr.write("\n".join(bad) + "\n")
        sys.exit(1)
    entries.sort()
    with open(out, "w", encoding="ascii") as f:
        f.write("/* Generated from po/vi.po by scripts/embed_messages.py. */\n")
        f.write('#include "core/messages.h"\n\n')
        f.write("const struct ocop_message ocop_messages_vi[] = {\n")
        for _, en, vi in entries:
            f.write("    {%s,\n     %s},\n" % (c_string(en), c_string(vi)))
        f.write("};\n")
        f.write("const size_t ocop_messages_vi_count = %d;\n" % len(entries))


if __name__ == "__main__":
    main()
