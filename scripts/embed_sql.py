#!/usr/bin/env python3
"""Embeds the numbered SQL migrations into a C array (build time only)."""
import os, sys

out, inputs = sys.argv[1], sorted(sys.argv[2:], key=os.path.basename)
with open(out, "w", encoding="utf-8") as f:
    f.write("/* Generated from src/store/migrations by scripts/embed_sql.py. */\n")
    f.write('#include "store/migrations.h"\n\n')
    entries = []
    for path in inputs:
        name = os.path.basename(path)
        version = int(name.split("_", 1)[0])
        with open(path, encoding="utf-8") as sql:
            text = sql.read()
        data = text.encode("utf-8") + b"\0"
        rows = [", ".join(str(b) for b in data[i:i + 24]) for i in range(0, len(data), 24)]
        f.write("static const unsigned char sql_%d[] = {\n    %s};\n" % (version, ",\n    ".join(rows)))
        entries.append('  {%d, "%s", (const char *)sql_%d},\n' % (version, name, version))
    f.write("const struct ocop_migration ocop_migrations[] = {\n")
    f.write("".join(entries))
    f.write("};\n")
    f.write("const int ocop_migrations_count = %d;\n" % len(inputs))
