#!/usr/bin/env python3
"""
check_criteria.py: checks rulesets and criteria sets against docs/formats/criteria.md.

    scripts/check_criteria.py                 # every data/rulesets/*.json and data/criteria/*/*.json
    scripts/check_criteria.py FILE...         # these files (rulesets named by the criteria sets
                                              # are looked up in data/rulesets/ if not given)

Prints one line per problem ("FILE: WHERE: what is wrong") and exits 1 if there was any,
2 if it could not run; otherwise prints a summary and exits 0. Python 3 standard library
only. `ocop criteria load FILE` applies the same rules in C (src/core/rules.c,
src/core/criteria.c); this script is the data author's check and the rules' documentation.

Rules (R = docs/formats/criteria.md; L = a limit of the C loader, src/core/rules.h;
X = a consistency check of this repository's data, beyond the format):

  Both kinds of file
    R  UTF-8 JSON, an object, with the right "format"
    X  no byte-order mark, no duplicate keys, text in Unicode NFC, no unknown keys
       (catches typos such as "requried", which a loader would silently ignore)
  Ruleset (format ocop-ruleset/1)
    R  ruleset id and title; effective_from a real date YYYY-MM-DD; amendments each name a
       decision and a date not before effective_from
    R  parts: codes unique, maxima whole numbers, adding up to 100
    R  stars: from the highest down, stars 1..5, min 0..100, the lowest threshold at 0
    R  certificate: min_stars 1..5 (a star level that exists), validity_months, expiring_days
    R  levels: names unique, stars 1..5, no star level recognised by two levels
    R  five_star_candidate: stars 1..5 and min_score 0..100; quorum: min_members >= 1,
       0 < min_fraction <= 1
    L  id under 32 bytes, part codes under 4 bytes, at most 6 parts, 8 thresholds, 4 levels
       (level names under 16 bytes), validity 1..240 months, expiring_days 1..365
    X  the file is data/rulesets/<number>.json for ruleset "<number>/..."; ids unique
  Criteria set (format ocop-criteria/1)
    R  ruleset names a loaded ruleset; sector is one of Decision 148's 6 sectors and every
       group one of its 26 groups (read from src/core/sectors.c); no group in two sets of
       the same ruleset
    L  every group belongs to the set's sector; code under 32 bytes; name present
    R  parts exactly the ruleset's parts (same codes, same order, same maxima)
    R  each part's sections add up to the part's max; each section's criteria to the
       section's max (maxima whole numbers 1..100)
    R  each criterion: a code unique in the set (L: under 16 bytes), a text, at least two
       options (L: at most 10), points whole numbers 0..max, one option reaching max
    R  required: stars 2..5 and min_points above 0 and at most the criterion's max
    R  illustrative and official, when present, are true or false
    X  the file is data/criteria/<number>/<sector>.json; set codes unique
"""
import datetime
import glob
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RULESET_KEYS = {"format", "ruleset", "title", "effective_from", "amendments", "parts", "stars",
                "certificate", "levels", "five_star_candidate", "quorum"}
SET_KEYS = {"format", "ruleset", "code", "sector", "groups", "name", "name_en", "official",
            "note", "parts"}
PART_KEYS = {"code", "name", "name_en", "max", "sections"}
SECTION_KEYS = {"code", "name", "name_en", "max", "criteria"}
CRITERION_KEYS = {"code", "text", "text_en", "max", "illustrative", "required", "options",
                  "note"}
OPTION_KEYS = {"text", "text_en", "points"}

problems = []


def show(path):
    """A path as printed: relative to the repository when inside it."""
    ap = os.path.abspath(path)
    return os.path.relpath(ap, ROOT) if ap.startswith(ROOT + os.sep) else path


def problem(path, where, msg):
    problems.append((show(path), f"{show(path)}: {where + ': ' if where else ''}{msg}"))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def nonempty(v):
    return isinstance(v, str) and v.strip() != ""


def nbytes(s):
    return len(s.encode("utf-8"))


def parse_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def load_sectors():
    """Sectors and groups from src/core/sectors.c, the table the C loader checks against."""
    path = os.path.join(ROOT, "src", "core", "sectors.c")
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except OSError as e:
        print(f"check_criteria: cannot read {path}: {e.strerror}", file=sys.stderr)
        sys.exit(2)
    sec_block = re.search(r"ocop_sectors\[\]\s*=\s*\{(.*?)\n\};", src, re.S)
    grp_block = re.search(r"ocop_groups\[\]\s*=\s*\{(.*?)\n\};", src, re.S)
    if not sec_block or not grp_block:
        print(f"check_criteria: cannot find the sector tables in {path}", file=sys.stderr)
        sys.exit(2)
    sectors = re.findall(r'\{\s*"([a-z_]+)"\s*,', sec_block.group(1))
    groups = dict(re.findall(r'\{\s*"([a-z_]+\.[a-z_]+)"\s*,\s*"([a-z_]+)"', grp_block.group(1)))
    if not sectors or not groups:
        print(f"check_criteria: no sectors or groups read from {path}", file=sys.stderr)
        sys.exit(2)
    return sectors, groups


def read_json(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        problem(path, "", f"cannot read: {e.strerror}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problem(path, "", "starts with a byte-order mark (write UTF-8 without BOM)")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(path, "", f"not UTF-8 (byte {e.start})")
        return None
    dups = []

    def pairs(kv):
        seen = {}
        for k, v in kv:
            if k in seen:
                dups.append(k)
            seen[k] = v
        return seen

    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as e:
        problem(path, "", f"not JSON: {e.msg} at line {e.lineno} column {e.colno}")
        return None
    for k in sorted(set(dups)):
        problem(path, "", f'key "{k}" appears twice in one object')
    check_nfc(path, doc, "")
    return doc


def check_nfc(path, v, where):
    if isinstance(v, str):
        if not unicodedata.is_normalized("NFC", v):
            problem(path, where, f"text is not in Unicode NFC: {v[:40]!r}")
    elif isinstance(v, dict):
        for k, x in v.items():
            check_nfc(path, x, f"{where}.{k}" if where else k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            check_nfc(path, x, f"{where}[{i}]")


def unknown_keys(path, where, obj, known):
    for k in obj:
        if k not in known:
            problem(path, where, f'unknown key "{k}"')


# ------------------------------------------------------------------ rulesets

def check_ruleset(path, doc):
    """Returns {id, parts: [(code, max)]} if usable for checking criteria sets, else None."""
    p = lambda where, msg: problem(path, where, msg)
    if not isinstance(doc, dict):
        p("", "a ruleset must be a JSON object")
        return None
    if doc.get("format") != "ocop-ruleset/1":
        p("format", "must be \"ocop-ruleset/1\" (a ruleset) or \"ocop-criteria/1\" (a criteria set)")
        return None
    unknown_keys(path, "", doc, RULESET_KEYS)
    rid = doc.get("ruleset")
    usable = True
    if not nonempty(rid):
        p("ruleset", "the ruleset id is missing")
        rid, usable = None, False
    elif nbytes(rid) >= 32:
        p("ruleset", "the id must be under 32 bytes")
    elif "/data/rulesets/" in path.replace(os.sep, "/"):
        want = rid.split("/")[0] + ".json"
        if os.path.basename(path) != want:
            p("ruleset", f"ruleset {rid} belongs in data/rulesets/{want}")
    if not nonempty(doc.get("title")):
        p("title", "missing")
    start = parse_date(doc.get("effective_from"))
    if not start:
        p("effective_from", "must be a real date YYYY-MM-DD")
    am = doc.get("amendments", [])
    if not isinstance(am, list):
        p("amendments", "must be a list")
    else:
        for i, a in enumerate(am):
            w = f"amendments[{i}]"
            if not isinstance(a, dict):
                p(w, "must be an object")
                continue
            unknown_keys(path, w, a, {"decision", "effective_from", "note"})
            if not nonempty(a.get("decision")):
                p(w, "decision is missing")
            d = parse_date(a.get("effective_from"))
            if not d:
                p(w, "effective_from must be a real date YYYY-MM-DD")
            elif start and d < start:
                p(w, "an amendment cannot take effect before the ruleset")
            if "note" in a and not isinstance(a["note"], str):
                p(w, "note must be text")

    # parts
    parts = doc.get("parts")
    pout = []
    if not isinstance(parts, list) or not 1 <= len(parts) <= 6:
        p("parts", "must list 1 to 6 parts")
        usable = False
    else:
        total, seen = 0, set()
        for i, part in enumerate(parts):
            w = f"parts[{i}]"
            if not isinstance(part, dict):
                p(w, "must be an object")
                usable = False
                continue
            unknown_keys(path, w, part, {"code", "max"})
            code, mx = part.get("code"), part.get("max")
            if not nonempty(code) or nbytes(code) >= 4:
                p(w, "code must be 1 to 3 bytes")
                usable = False
            elif code in seen:
                p(w, f"part {code} appears twice")
                usable = False
            seen.add(code)
            if not is_int(mx) or not 1 <= mx <= 100:
                p(w, "max must be a whole number from 1 to 100")
                usable = False
            else:
                total += mx
            pout.append((code, mx))
        if usable and total != 100:
            p("parts", f"the parts add up to {total}, not 100")
            usable = False

    # stars
    stars = doc.get("stars")
    star_levels = set()
    if not isinstance(stars, list) or not 1 <= len(stars) <= 8:
        p("stars", "must list 1 to 8 star thresholds")
    else:
        prev = None
        for i, s in enumerate(stars):
            w = f"stars[{i}]"
            if not isinstance(s, dict):
                p(w, "must be an object")
                prev = None
                continue
            unknown_keys(path, w, s, {"stars", "min"})
            st, mn = s.get("stars"), s.get("min")
            ok = True
            if not is_int(st) or not 1 <= st <= 5:
                p(w, "stars must be a whole number from 1 to 5")
                ok = False
            if not is_num(mn) or not 0 <= mn <= 100:
                p(w, "min must be a number from 0 to 100")
                ok = False
            if ok:
                star_levels.add(st)
                if prev and (mn >= prev[1] or st >= prev[0]):
                    p(w, "thresholds must go from the highest down (fewer stars, lower min)")
                prev = (st, mn)
            else:
                prev = None
        last = stars[-1] if stars else None
        if isinstance(last, dict) and is_num(last.get("min")) and last.get("min") != 0:
            p("stars", "the lowest threshold must start at 0")

    # certificate
    cert = doc.get("certificate")
    if not isinstance(cert, dict):
        p("certificate", "is required (min_stars, validity_months, expiring_days)")
    else:
        unknown_keys(path, "certificate", cert, {"min_stars", "validity_months", "expiring_days"})
        ms = cert.get("min_stars")
        if not is_int(ms) or not 1 <= ms <= 5:
            p("certificate.min_stars", "must be a whole number from 1 to 5")
        elif star_levels and ms not in star_levels:
            p("certificate.min_stars", f"no star threshold gives {ms} stars")
        vm = cert.get("validity_months")
        if not is_int(vm) or not 1 <= vm <= 240:
            p("certificate.validity_months", "must be a whole number from 1 to 240")
        ed = cert.get("expiring_days")
        if not is_int(ed) or not 1 <= ed <= 365:
            p("certificate.expiring_days", "must be a whole number from 1 to 365")

    # levels
    levels = doc.get("levels")
    if not isinstance(levels, list) or not 1 <= len(levels) <= 4:
        p("levels", "must list 1 to 4 levels and the stars each recognises")
    else:
        names, owner = set(), {}
        for i, lv in enumerate(levels):
            w = f"levels[{i}]"
            if not isinstance(lv, dict):
                p(w, "must be an object")
                continue
            unknown_keys(path, w, lv, {"level", "stars"})
            name = lv.get("level")
            if not nonempty(name) or nbytes(name) >= 16:
                p(w, "level must be a name under 16 bytes")
            elif name in names:
                p(w, f"level {name} appears twice")
            names.add(name)
            sl = lv.get("stars")
            if not isinstance(sl, list) or not sl:
                p(w, "stars must list the star levels it recognises")
                continue
            for s in sl:
                if not is_int(s) or not 1 <= s <= 5:
                    p(w, "stars must be whole numbers from 1 to 5")
                elif s in owner:
                    p(w, f"{s} stars are already recognised by level {owner[s]}")
                else:
                    owner[s] = name

    cand = doc.get("five_star_candidate")
    if not isinstance(cand, dict):
        p("five_star_candidate", "is required (stars, min_score)")
    else:
        unknown_keys(path, "five_star_candidate", cand, {"stars", "min_score"})
        if not is_int(cand.get("stars")) or not 1 <= cand["stars"] <= 5:
            p("five_star_candidate.stars", "must be a whole number from 1 to 5")
        if not is_num(cand.get("min_score")) or not 0 <= cand["min_score"] <= 100:
            p("five_star_candidate.min_score", "must be a number from 0 to 100")

    q = doc.get("quorum")
    if not isinstance(q, dict):
        p("quorum", "is required (min_members, min_fraction)")
    else:
        unknown_keys(path, "quorum", q, {"min_members", "min_fraction"})
        if not is_int(q.get("min_members")) or not 1 <= q["min_members"] <= 100:
            p("quorum.min_members", "must be a whole number from 1 to 100")
        f = q.get("min_fraction")
        if not is_num(f) or not 0 < f <= 1:
            p("quorum.min_fraction", "must be above 0 and at most 1")

    return {"id": rid, "parts": pout} if usable and rid else None


# ------------------------------------------------------------------ criteria sets

def check_options(path, w, crit, mx):
    opts = crit.get("options")
    if not isinstance(opts, list) or not 2 <= len(opts) <= 10:
        problem(path, w, "needs 2 to 10 options")
        return
    top = None
    for j, o in enumerate(opts):
        ow = f"{w} option {j + 1}"
        if not isinstance(o, dict):
            problem(path, ow, "must be an object")
            continue
        unknown_keys(path, ow, o, OPTION_KEYS)
        if not nonempty(o.get("text")):
            problem(path, ow, "has no text")
        pts = o.get("points")
        if not is_int(pts):
            problem(path, ow, "points must be a whole number")
        elif mx is not None and not 0 <= pts <= mx:
            problem(path, ow, f"points {pts} outside 0 to {mx}")
        else:
            top = pts if top is None else max(top, pts)
    if mx is not None and top is not None and top != mx:
        problem(path, w, f"no option reaches its max of {mx} (highest is {top})")


def check_criterion(path, w, crit, codes):
    if not isinstance(crit, dict):
        problem(path, w, "a criterion must be an object")
        return 0
    code = crit.get("code")
    if not nonempty(code):
        problem(path, w, "a criterion has no code")
    else:
        w = f"criterion {code}"
        if nbytes(code) >= 16:
            problem(path, w, "code must be under 16 bytes")
        if code in codes:
            problem(path, w, "code appears twice in the set")
        codes.add(code)
    unknown_keys(path, w, crit, CRITERION_KEYS)
    if not nonempty(crit.get("text")):
        problem(path, w, "has no text")
    mx = crit.get("max")
    if not is_int(mx) or not 1 <= mx <= 100:
        problem(path, w, "max must be a whole number from 1 to 100")
        mx = None
    check_options(path, w, crit, mx)
    if "illustrative" in crit and not isinstance(crit["illustrative"], bool):
        problem(path, w, "illustrative must be true or false")
    req = crit.get("required")
    if req is not None:
        if not isinstance(req, dict):
            problem(path, w, "required must be an object {stars, min_points} or null")
        else:
            unknown_keys(path, f"{w} required", req, {"stars", "min_points"})
            st, mp = req.get("stars"), req.get("min_points")
            if not is_int(st) or not 2 <= st <= 5:
                problem(path, w, "required.stars must be a whole number from 2 to 5")
            if not is_num(mp) or mp <= 0 or (mx is not None and mp > mx):
                problem(path, w, "required.min_points must be above 0 and at most the "
                                 f"criterion's max{f' of {mx}' if mx else ''}")
    return mx or 0


def check_set(path, doc, rulesets, sectors, groups, group_owner, set_codes):
    """Returns the number of criteria, or None."""
    p = lambda where, msg: problem(path, where, msg)
    if not isinstance(doc, dict):
        p("", "a criteria set must be a JSON object")
        return None
    if doc.get("format") != "ocop-criteria/1":
        p("format", "must be \"ocop-criteria/1\"")
        return None
    unknown_keys(path, "", doc, SET_KEYS)

    code = doc.get("code")
    if not nonempty(code) or nbytes(code) >= 32:
        p("code", "a criteria set needs a code under 32 bytes")
    elif code in set_codes:
        p("code", f"set code {code} is also used by {set_codes[code]}")
    else:
        set_codes[code] = show(path)
    if not nonempty(doc.get("name")):
        p("name", "missing")
    for k in ("official",):
        if k in doc and not isinstance(doc[k], bool):
            p(k, "must be true or false")
    if "note" in doc and not isinstance(doc["note"], str):
        p("note", "must be text")

    rid = doc.get("ruleset")
    rs = rulesets.get(rid) if isinstance(rid, str) else None
    if not rs:
        p("ruleset", f"{rid!r} is not a loaded ruleset (loaded: {', '.join(sorted(rulesets)) or 'none'})")

    sector = doc.get("sector")
    if sector not in sectors:
        p("sector", f"{sector!r} is not a sector of Decision 148 ({', '.join(sectors)})")
    grp = doc.get("groups")
    if not isinstance(grp, list) or not grp:
        p("groups", "must list the set's product groups")
    else:
        seen = set()
        for g in grp:
            if not isinstance(g, str) or g not in groups:
                p("groups", f"{g!r} is not a group of Decision 148")
                continue
            if g in seen:
                p("groups", f"{g} is listed twice")
                continue
            seen.add(g)
            if sector in sectors and groups[g] != sector:
                p("groups", f"{g} is a group of sector {groups[g]}, not {sector}")
            if isinstance(rid, str):
                other = group_owner.get((rid, g))
                if other:
                    p("groups", f"{g} already belongs to set {other} of ruleset {rid}")
                else:
                    group_owner[(rid, g)] = code if nonempty(code) else show(path)

    if "/data/criteria/" in path.replace(os.sep, "/") and isinstance(rid, str) and isinstance(sector, str):
        want = os.path.join(rid.split("/")[0], sector + ".json")
        have = os.path.join(os.path.basename(os.path.dirname(path)), os.path.basename(path))
        if have != want:
            p("", f"a {rid} set for sector {sector} belongs in data/criteria/{want}")

    parts = doc.get("parts")
    if not isinstance(parts, list):
        p("parts", "must list the ruleset's parts")
        return None
    if rs and [x.get("code") if isinstance(x, dict) else None for x in parts] != [c for c, _ in rs["parts"]]:
        p("parts", "must be exactly the ruleset's parts, in its order: "
                   + ", ".join(f"{c} ({m})" for c, m in rs["parts"]))
    rs_max = dict(rs["parts"]) if rs else {}
    codes, ncrit = set(), 0
    for i, part in enumerate(parts):
        if not isinstance(part, dict):
            p(f"parts[{i}]", "must be an object")
            continue
        pc = part.get("code")
        w = f"part {pc}" if nonempty(pc) else f"parts[{i}]"
        unknown_keys(path, w, part, PART_KEYS)
        if not nonempty(part.get("name")):
            p(w, "has no name")
        pmax = part.get("max")
        if not is_int(pmax) or not 1 <= pmax <= 100:
            p(w, "max must be a whole number from 1 to 100")
            pmax = None
        elif pc in rs_max and rs_max[pc] != pmax:
            p(w, f"max {pmax} differs from ruleset {rid}'s {rs_max[pc]}")
        sections = part.get("sections")
        if not isinstance(sections, list) or not sections:
            p(w, "has no sections")
            continue
        psum, scodes = 0, set()
        for k, sec in enumerate(sections):
            if not isinstance(sec, dict):
                p(f"{w} section {k + 1}", "must be an object")
                continue
            sc = sec.get("code")
            sw = f"section {sc}" if nonempty(sc) else f"{w} section {k + 1}"
            unknown_keys(path, sw, sec, SECTION_KEYS)
            if not nonempty(sc) or not nonempty(sec.get("name")):
                p(sw, "needs a code and a name")
            elif sc in scodes:
                p(sw, "code appears twice in the part")
            scodes.add(sc)
            smax = sec.get("max")
            if not is_int(smax) or not 1 <= smax <= 100:
                p(sw, "max must be a whole number from 1 to 100")
                smax = None
            crits = sec.get("criteria")
            if not isinstance(crits, list) or not crits:
                p(sw, "has no criteria")
                continue
            csum = 0
            for j, crit in enumerate(crits):
                csum += check_criterion(path, f"{sw} criterion {j + 1}", crit, codes)
                ncrit += 1
            if smax is not None:
                if csum != smax:
                    p(sw, f"its criteria add up to {csum}, not its max {smax}")
                psum += smax
        if pmax is not None and psum != pmax:
            p(w, f"its sections add up to {psum}, not {pmax}")
    return ncrit


# ------------------------------------------------------------------ main

def main(argv):
    sectors, groups = load_sectors()
    if argv:
        files = [os.path.abspath(a) for a in argv]
    else:
        files = sorted(glob.glob(os.path.join(ROOT, "data", "rulesets", "*.json"))) + \
                sorted(glob.glob(os.path.join(ROOT, "data", "criteria", "*", "*.json")))
        if not files:
            print("check_criteria: no data files found under data/", file=sys.stderr)
            return 2
    docs = [(f, read_json(f)) for f in files]
    rulesets, rs_files = {}, {}
    sets = []
    for f, d in docs:
        if isinstance(d, dict) and d.get("format") == "ocop-criteria/1":
            sets.append((f, d))
        elif d is not None:
            rs = check_ruleset(f, d)
            if rs:
                if rs["id"] in rulesets:
                    problem(f, "ruleset", f"{rs['id']} is also defined in {rs_files[rs['id']]}")
                else:
                    rulesets[rs["id"]], rs_files[rs["id"]] = rs, show(f)
    # criteria sets given alone: load the rulesets they name from data/rulesets/
    for f, d in sets:
        rid = d.get("ruleset")
        if isinstance(rid, str) and rid not in rulesets:
            cand = os.path.join(ROOT, "data", "rulesets", rid.split("/")[0] + ".json")
            if os.path.isfile(cand) and cand not in files:
                rd = read_json(cand)
                rs = check_ruleset(cand, rd) if rd is not None else None
                if rs and rs["id"] == rid:
                    rulesets[rid], rs_files[rid] = rs, show(cand)
                files.append(cand)
    group_owner, set_codes, counts = {}, {}, {}
    ncrit = 0
    for f, d in sets:
        n = check_set(f, d, rulesets, sectors, groups, group_owner, set_codes)
        if n is not None:
            ncrit += n
            rid = d.get("ruleset")
            counts.setdefault(rid, [0, 0])
            counts[rid][0] += 1
            counts[rid][1] += n
    order = {}
    for f, _line in problems:
        order.setdefault(f, len(order))
    for _f, line in sorted(problems, key=lambda x: order[x[0]]):  # stable: grouped by file
        print(line)
    if problems:
        print(f"check_criteria: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    cover = []
    for rid in sorted(counts):
        have = sum(1 for (r, _g) in group_owner if r == rid)
        cover.append(f"{rid}: {counts[rid][0]} set(s), {counts[rid][1]} criteria, "
                     f"{have}/{len(groups)} groups")
    print(f"check_criteria: ok: {len(rulesets)} ruleset(s), {len(sets)} criteria set(s), "
          f"{ncrit} criteria" + (" (" + "; ".join(cover) + ")" if cover else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
