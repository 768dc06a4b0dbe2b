#!/usr/bin/env python3
"""Embeds the pages' scripts (src/http/*.js) into C (build time only): for each NAME.js a
`const char http_js_NAME[]`, and in the header HTTP_JS_HASHES, the scripts' SHA-256 as the
Content-Security-Policy's script-src wants them ('sha256-BASE64' ...). A page writes a script
as <script>TEXT</script>, exactly, so that the browser's hash of it is this one.

Usage: embed_js.py OUT.c OUT.h NAME.js...
"""
import base64
import hashlib
import os
import re
import sys


def main():
    out_c, out_h, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    arrays, decls, hashes = [], [], []
    for path in sorted(inputs):
        name = os.path.splitext(os.path.basename(path))[0]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            sys.exit("%s: a script's name is lowercase letters, digits and _" % path)
        with open(path, "rb") as f:
            data = f.read()
        # ASCII only (the hash is of the bytes the page sends), and nothing that would end
        # the <script> element or open a comment in the HTML parser's eyes
        if any(b > 0x7E or (b < 0x20 and b not in (0x0A,)) for b in data):
            sys.exit("%s: printable ASCII and line feeds only (write \\uXXXX escapes)" % path)
        if re.search(rb"</script|<!--|<script", data, re.I):
            sys.exit("%s: must not contain </script, <script or <!--" % path)
        digest = base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
        hashes.append("'sha256-%s'" % digest)
        rows = [", ".join(str(b) for b in data[i:i + 24]) for i in range(0, len(data), 24)]
        arrays.append("const char http_js_%s[] = {\n    %s, 0};\n" % (name, ",\n    ".join(rows)))
        decls.append("extern const char http_js_%s[];\n" % name)
    with open(out_c, "w", encoding="ascii") as f:
        f.write("/* Generated from the scripts of src/http by scripts/embed_js.py. */\n")
        f.write('#include "scripts_js.h"\n\n')
        f.write("".join(arrays))
    with open(out_h, "w", encoding="ascii") as f:
        f.write("/* Generated from the scripts of src/http by scripts/embed_js.py: the pages' scripts, and\n"
                " * their hashes for the Content-Security-Policy's script-src. */\n")
        f.write("#ifndef OCOP_HTTP_SCRIPTS_JS_H\n#define OCOP_HTTP_SCRIPTS_JS_H\n\n")
        f.write("".join(decls))
        f.write('\n#define HTTP_JS_HASHES "%s"\n\n#endif\n' % " ".join(hashes))


if __name__ == "__main__":
    main()
