"""docs/openapi.yaml stays true to the code: every route, list filter, writable field,
bound and enum the C sources declare is documented, and nothing else is; live answers
carry no field the schemas leave out. Python stdlib only: the YAML is read line by line
(it is written in block style, two spaces per level)."""
import os
import re

SPEC = os.path.join("docs", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
KEY = re.compile(r'^( *)(?:"([^"]+)"|([^\s"#:\-][^:]*?)):(?:\s+(.*))?$')


def read(ctx, *parts):
    with open(os.path.join(ctx.root, *parts), encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------- YAML, line by line

def yaml_lines(text):
    """(indent, key or None, value, raw) for every line that is not blank or a comment."""
    out = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        m = KEY.match(raw)
        indent = len(raw) - len(raw.lstrip(" "))
        if m:
            out.append((indent, m.group(2) or m.group(3), (m.group(4) or "").strip(), raw))
        else:
            out.append((indent, None, raw.strip(), raw))
    return out


def block(lines, start):
    """The lines nested under lines[start] (more indented than it)."""
    indent = lines[start][0]
    end = start + 1
    while end < len(lines) and lines[end][0] > indent:
        end += 1
    return lines[start + 1:end]


def children(lines):
    """Direct child keys of a block: {key: (index into lines)}. Block scalars and deeper
    levels are skipped because they sit further right than the first child."""
    if not lines:
        return {}
    indent = min(l[0] for l in lines)
    return {l[1]: i for i, l in enumerate(lines) if l[0] == indent and l[1] is not None}


def at(lines, *keys):
    """The block under the key path (e.g. "components", "schemas", "ProducerInput")."""
    for k in keys:
        kids = children(lines)
        if k not in kids:
            return None
        lines = block(lines, kids[k])
    return lines


def value(lines, key):
    kids = children(lines or [])
    return lines[kids[key]][2] if key in kids else None


def flow_list(v):
    """[a, "b", 3] -> ["a", "b", "3"]"""
    v = v.strip()
    assert v.startswith("[") and v.endswith("]"), v
    return [x.strip().strip('"') for x in v[1:-1].split(",") if x.strip()]


def yaml_list(lines, key):
    """A list value in flow ([a, b]) or block (- a) style, as strings."""
    kids = children(lines or [])
    if key not in kids:
        return None
    v = lines[kids[key]][2]
    if v:
        return flow_list(v)
    return [l[2][1:].strip().strip('"') for l in block(lines, kids[key]) if l[2].startswith("-")]


def spec_lines(ctx):
    return yaml_lines(read(ctx, SPEC))


def spec_routes(lines):
    """{(METHOD, path)} under paths:."""
    paths = at(lines, "paths")
    assert paths, "docs/openapi.yaml has no paths:"
    out = set()
    for path, i in children(paths).items():
        for m in children(block(paths, i)):
            if m in METHODS:
                out.add((m.upper(), path))
    return out


def schema(lines, name):
    s = at(lines, "components", "schemas", name)
    assert s is not None, "docs/openapi.yaml has no components/schemas/%s" % name
    return s


def schema_props(lines, name):
    props = at(schema(lines, name), "properties")
    assert props is not None, "components/schemas/%s has no properties:" % name
    return props


def enum_of(lines, name):
    values = yaml_list(schema(lines, name), "enum")
    assert values is not None, "components/schemas/%s has no enum" % name
    return values


def names_in(lines, name, seen=None):
    """Every property name anywhere in a schema and the schemas it refers to."""
    seen = set() if seen is None else seen
    if name in seen:
        return set()
    seen.add(name)
    s = schema(lines, name)
    out = set()
    for i, l in enumerate(s):
        if l[1] == "properties" and not l[2]:
            out |= set(children(block(s, i)))
        m = re.search(r'#/components/schemas/(\w+)', l[3])
        if m:
            out |= names_in(lines, m.group(1), seen)
    return out


def operation_params(lines, method, path):
    """{name: (in, text of the parameter)} of an operation, path-level ones included."""
    paths = at(lines, "paths")
    item = block(paths, children(paths)[path])
    comp = at(lines, "components", "parameters") or []
    out = {}
    for where in (item, at(item, method.lower()) or []):
        params = at(where, "parameters")
        if not params:
            continue
        base = min(l[0] for l in params)
        items, cur = [], None
        for l in params:
            if l[0] == base and l[2].startswith("-"):
                cur = [l]
                items.append(cur)
            elif cur is not None:
                cur.append(l)
        for it in items:
            text = "\n".join(l[3] for l in it)
            ref = re.search(r'#/components/parameters/(\w+)', text)
            if ref:
                p = at(comp, ref.group(1))
                assert p is not None, "no components/parameters/%s" % ref.group(1)
                text = "\n".join(l[3] for l in p)
            name = re.search(r'\bname:\s*"?([\w.]+)', text).group(1)
            out[name] = (re.search(r'\bin:\s*(\w+)', text).group(1), text)
    return out


def query_params(lines, method, path):
    return {n for n, (w, _) in operation_params(lines, method, path).items() if w == "query"}


# ---------------------------------------------------------------- the C sources

def c_routes(ctx):
    """The API's routes: every row of http_routes[] but the browser pages (flag HTTP_HTML),
    which are not part of the contract."""
    src = read(ctx, "src", "http", "routes.c")
    table = re.search(r'http_routes\[\]\s*=\s*\{(.*?)\n\};', src, re.S)
    assert table, "cannot find the http_routes[] table in src/http/routes.c"
    rows = re.findall(r'\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"([^}]*)\}', table.group(1))
    routes = {(m, p) for m, p, rest in rows if "HTTP_HTML" not in rest}
    pages = {(m, p) for m, p, rest in rows if "HTTP_HTML" in rest}
    assert not [p for _, p in pages if p.startswith("/api/")], "an /api/ route marked HTTP_HTML"
    assert len(routes) >= 10, routes
    return routes


def c_int(s):
    return int(s.strip().rstrip("LlUu"))


def c_fields(ctx):
    """{entity: [(name, type, required, min, max)]} from src/core/entity.c's field tables."""
    src = read(ctx, "src", "core", "entity.c")
    out = {}
    for ent, body in re.findall(r'static const struct ocop_field (\w+)_fields\[\]\s*=\s*\{(.*?)\n\};',
                                src, re.S):
        rows = re.findall(r'\{\s*(?:OCOP_WORD\()?"(\w+)"\)?\s*,\s*(OCOP_F_\w+)\s*,\s*([^,]+),\s*([-\w]+)\s*,\s*([-\w]+)\s*,',
                          body)
        out[ent] = [(n, t, "REQ" in fl or "REQUIRED" in fl, c_int(lo), c_int(hi))
                    for n, t, fl, lo, hi in rows]
        assert out[ent], "no fields parsed for %s" % ent
    assert {"producer", "village", "product", "zone"} <= set(out), out.keys()
    return out


def c_string_array(src, name):
    m = re.search(r'\b%s\[\]\s*=\s*\{(.*?)\};' % re.escape(name), src, re.S)
    assert m, "cannot find %s[]" % name
    return re.findall(r'"([^"]*)"', m.group(1))


def c_list_filters(ctx):
    """{collection: set of query parameters} from list_filters[] in src/http/api_registry.c."""
    src = read(ctx, "src", "http", "api_registry.c")
    m = re.search(r'\}\s*list_filters\[\]\s*=\s*\{(.*?)\n\};', src, re.S)
    assert m, "cannot find list_filters[] in src/http/api_registry.c"
    out = {}
    for kind, allowed in re.findall(r'\{\s*"(\w+)"\s*,\s*\{([^}]*)\}\s*\}', m.group(1)):
        out[kind] = {"page", "per_page"} | set(re.findall(r'"(\w+)"', allowed))
    assert len(out) >= 5, out
    return out, src


def camel(entity):
    return entity[0].upper() + entity[1:]


# ---------------------------------------------------------------- checks as functions of text

def route_differences(c, documented):
    """Messages for routes missing from the spec, and spec paths the server lacks."""
    msgs = ["%s %s is served (src/http/routes.c) but not in docs/openapi.yaml" % r
            for r in sorted(c - documented)]
    msgs += ["%s %s is in docs/openapi.yaml but not in src/http/routes.c" % r
             for r in sorted(documented - c)]
    return msgs


def field_differences(fields, lines):
    msgs = []
    for ent, rows in sorted(fields.items()):
        for suffix in ("Input", "Patch"):
            name = camel(ent) + suffix
            props = children(schema_props(lines, name))
            declared = [r[0] for r in rows]
            for f in declared:
                if f not in props:
                    msgs.append("%s.%s (src/core/entity.c) is not in components/schemas/%s"
                                % (ent, f, name))
            for p in props:
                if p not in declared:
                    msgs.append("components/schemas/%s has %s, which a %s does not take"
                                % (name, p, ent))
    return msgs


# ---------------------------------------------------------------- tests

def test_every_route_is_documented_and_nothing_else(ctx):
    msgs = route_differences(c_routes(ctx), spec_routes(spec_lines(ctx)))
    assert not msgs, "\n".join(msgs)


def test_every_writable_field_is_in_the_input_and_patch_schemas(ctx):
    msgs = field_differences(c_fields(ctx), spec_lines(ctx))
    assert not msgs, "\n".join(msgs)


def test_the_checks_notice_an_undocumented_route_or_field(ctx):
    """The two checks above, fed a route and a field that nobody documented."""
    lines = spec_lines(ctx)
    routes, documented = c_routes(ctx), spec_routes(lines)
    before = set(route_differences(routes, documented))
    fake = ("POST", "/api/v1/certificates/{id}/reinstate")  # a route nobody serves
    assert fake not in routes, "pick another fake route: %s %s is served now" % fake
    after = set(route_differences(routes | {fake}, documented))
    assert after - before == {"POST /api/v1/certificates/{id}/reinstate is served "
                              "(src/http/routes.c) but not in docs/openapi.yaml"}, after - before
    fields = c_fields(ctx)
    before = set(field_differences(fields, lines))
    fields["zone"] = fields["zone"] + [("soil_ph", "OCOP_F_REAL", False, 0, 14)]
    new = set(field_differences(fields, lines)) - before
    assert len(new) == 2 and all("zone.soil_ph" in m for m in new), new


def test_required_fields_and_bounds_match_the_field_tables(ctx):
    lines = spec_lines(ctx)
    msgs = []
    for ent, rows in sorted(c_fields(ctx).items()):
        inp = schema(lines, camel(ent) + "Input")
        required = set(yaml_list(inp, "required") or [])
        want = {r[0] for r in rows if r[2]}
        if required != want:
            msgs.append("%sInput required %s, entity.c requires %s"
                        % (camel(ent), sorted(required), sorted(want)))
        if yaml_list(schema(lines, camel(ent) + "Patch"), "required"):
            msgs.append("%sPatch must not require anything (PATCH is partial)" % camel(ent))
        for suffix in ("Input", "Patch"):
            props = schema_props(lines, camel(ent) + suffix)
            kids = children(props)
            for name, ftype, _, lo, hi in rows:
                if name not in kids:
                    continue  # reported by the field test
                p = block(props, kids[name])
                want = {}
                if ftype in ("OCOP_F_TEXT", "OCOP_F_MTEXT"):
                    if hi:
                        want["maxLength"] = hi
                    if lo:
                        want["minLength"] = lo
                elif ftype in ("OCOP_F_INT", "OCOP_F_REAL"):
                    want = {"minimum": lo, "maximum": hi}
                elif ftype == "OCOP_F_REF":
                    want = {"minimum": lo}
                elif ftype == "OCOP_F_REFLIST":
                    want = {"maxItems": hi}
                elif ftype == "OCOP_F_WARD":
                    if value(p, "pattern") != '"^[0-9]{5}$"':
                        msgs.append("%s%s.%s: pattern should be ^[0-9]{5}$" % (camel(ent), suffix, name))
                elif ftype == "OCOP_F_GROUP":
                    if "GroupCode" not in "\n".join(l[3] for l in p):
                        msgs.append("%s%s.%s should refer to GroupCode" % (camel(ent), suffix, name))
                for k, v in want.items():
                    got = value(p, k)
                    if got is None or float(got) != float(v):
                        msgs.append("%s%s.%s: %s is %s, entity.c says %s"
                                    % (camel(ent), suffix, name, k, got, v))
    assert not msgs, "\n".join(msgs)


def c_table(src, name):
    m = re.search(r'\b%s\[\]\s*=\s*\{(.*?)\n\};' % re.escape(name), src, re.S)
    assert m, "cannot find the %s[] table" % name
    return m.group(1)


def test_enums_match_the_code(ctx):
    lines = spec_lines(ctx)
    entity = read(ctx, "src", "core", "entity.c")
    sectors = read(ctx, "src", "core", "sectors.c")
    dates = read(ctx, "src", "core", "dates.c")
    policy = read(ctx, "src", "core", "policy.c")
    groups = re.findall(r'\{"([\w.]+)",\s*"(\w+)"', c_table(sectors, "ocop_groups"))
    sector_codes = re.findall(r'\{"(\w+)"', c_table(sectors, "ocop_sectors"))
    assert groups and sector_codes, "cannot read the groups and sectors of src/core/sectors.c"
    assert {s for _, s in groups} == set(sector_codes), (groups, sector_codes)
    checks = [
        ("ProducerKind", c_string_array(entity, "ocop_producer_kinds")),
        ("ProductStatus", c_string_array(entity, "ocop_product_statuses")),
        ("ZoneKind", c_string_array(entity, "ocop_zone_kinds")),
        ("SectorCode", sector_codes),
        ("GroupCode", [g for g, _ in groups]),
        ("CertificateStatus", c_string_array(dates, "cert_status_names")),
        ("Role", c_string_array(policy, "role_names")[1:-1]),  # not anonymous, not system
    ]
    msgs = []
    for name, want in checks:
        got = enum_of(lines, name)
        if sorted(got) != sorted(want):
            msgs.append("%s enum %s, the code has %s" % (name, got, want))
    assert not msgs, "\n".join(msgs)


def test_list_filters_are_documented_exactly(ctx):
    """A list refuses unknown query parameters (422), so the spec must name exactly the
    ones list_filters[] allows; GET of one record takes none."""
    lines = spec_lines(ctx)
    filters, src = c_list_filters(ctx)
    routes = c_routes(ctx)
    msgs = []
    for kind, want in sorted(filters.items()):
        path = "/api/v1/" + kind
        if ("GET", path) not in routes:
            msgs.append("list_filters[] names %s but no GET %s route exists" % (kind, path))
            continue
        got = query_params(lines, "GET", path)
        if got != want:
            msgs.append("GET %s documents %s; api_registry.c allows %s"
                        % (path, sorted(got), sorted(want)))
    for method, path in sorted(routes):
        if method == "GET" and path.startswith("/api/v1/") and path.endswith("}"):
            q = query_params(lines, method, path)
            if q:
                msgs.append("GET %s takes no query parameters, the spec lists %s" % (path, sorted(q)))
    audit = src[src.index("int api_audit("):]
    want = set(c_string_array(audit, "allowed"))
    got = query_params(lines, "GET", "/api/v1/audit")
    if got != want:
        msgs.append("GET /api/v1/audit documents %s; api_audit allows %s" % (sorted(got), sorted(want)))
    entities = c_string_array(audit, "entities")
    documented = operation_params(lines, "GET", "/api/v1/audit").get("entity", ("", ""))[1]
    m = re.search(r'enum:\s*(\[.*\])', documented)
    if not m or sorted(flow_list(m.group(1))) != sorted(entities):
        msgs.append("GET /api/v1/audit entity enum should be %s" % entities)
    assert not msgs, "\n".join(msgs)


def test_problem_slugs_match_problem_c(ctx):
    lines = spec_lines(ctx)
    src = read(ctx, "src", "http", "problem.c")
    slugs = set(re.findall(r'case \d+: return "([a-z-]+)";', src))
    slugs.add(re.search(r'default: return "([a-z-]+)";', src).group(1))
    got = {t.split("/")[-1] for t in enum_of_prop(lines, "Problem", "type")}
    assert got == slugs, "Problem.type %s; problem.c has %s" % (sorted(got), sorted(slugs))


def c_strings(src, name):
    """The strings of a C array, sized or not: `name[] = {...}` or `name[N] = {...}`."""
    m = re.search(r'\b%s\[[^\]]*\]\s*=\s*\{(.*?)\};' % re.escape(name), src, re.S)
    assert m, "cannot find %s[]" % name
    return re.findall(r'"([^"]*)"', m.group(1))


def c_route_handlers(ctx):
    """{(METHOD, path): handler name} from the http_routes[] table."""
    src = read(ctx, "src", "http", "routes.c")
    table = re.search(r'http_routes\[\]\s*=\s*\{(.*?)\n\};', src, re.S).group(1)
    return {(m, p): h for m, p, h in
            re.findall(r'\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)', table)}


def c_function(src, name):
    """The text of `int name(...) {...}` in src (up to the brace in column 0), or None."""
    m = re.search(r'^int %s\(.*?^\}' % re.escape(name), src, re.S | re.M)
    return m.group(0) if m else None


def c_app_sources(ctx):
    folder = os.path.join(ctx.root, "src", "app")
    return {n: read(ctx, "src", "app", n) for n in sorted(os.listdir(folder)) if n.endswith(".c")}


def c_history_actions(ctx):
    """Actions a dossier's history records: the workflow's action names (simple moves use
    them) and the literal actions handed to app__dossier_move."""
    out = set(c_strings(read(ctx, "src", "core", "workflow.c"), "action_names"))
    for src in c_app_sources(ctx).values():
        out |= set(re.findall(r'app__dossier_move\(\s*a\s*,[^,]+,\s*"\w+"\s*,\s*"(\w+)"', src))
    assert {"open", "submit", "decide"} <= out, out
    return out


def c_audit_kinds(ctx):
    """(actions, entities) the app writes to the audit log, from its ocop_store_audit calls:
    every string literal of the action and entity arguments (`rotate ? "rotate" :
    "generate"` gives both); registry writes use the entity's name (the tables of
    src/core/entity.c) and dossier moves their history action."""
    actions, entities = set(), set()
    for name, src in c_app_sources(ctx).items():
        for act, ent in re.findall(r'ocop_store_audit\(\s*[^,]+,\s*[^,]+,\s*([^,]+),\s*([^,]+),',
                                   src):
            for arg, out, known in ((act, actions, ("action",)), (ent, entities, ("e->name",))):
                literals = re.findall(r'"(\w+)"', arg)
                if literals:
                    out.update(literals)
                elif arg.strip() not in known:
                    raise AssertionError("src/app/%s: an audit argument this test cannot read: %s"
                                         % (name, arg.strip()))
            if ent.strip() == "e->name":
                entities |= set(c_fields(ctx))
    assert len(actions) >= 5 and len(entities) >= 5, (actions, entities)
    return actions | c_history_actions(ctx), entities


def test_evaluation_enums_match_the_code(ctx):
    lines = spec_lines(ctx)
    workflow = read(ctx, "src", "core", "workflow.c")
    app = c_app_sources(ctx)
    actions, entities = c_audit_kinds(ctx)
    checks = [
        ("DossierState", None, c_strings(workflow, "state_names")),
        ("DossierKind", None, c_strings(app["evaluation.c"], "kinds")),
        ("SessionLevel", None, c_strings(app["council.c"], "levels")),
        ("CentralDecisionInput", "result", c_strings(app["decisions.c"], "results")),
        ("DossierDocument", "content_type", c_strings(app["evaluation.c"], "types")),
        ("DossierHistoryEntry", "action", sorted(c_history_actions(ctx))),
        ("AuditEntry", "action", sorted(actions)),
        ("AuditEntry", "entity", sorted(entities)),
    ]
    msgs = []
    for name, prop, want in checks:
        got = enum_of(lines, name) if prop is None else enum_of_prop(lines, name, prop)
        if sorted(got) != sorted(want):
            msgs.append("%s%s enum %s, the code has %s"
                        % (name, "." + prop if prop else "", sorted(got), sorted(want)))
    assert not msgs, "\n".join(msgs)


def test_evaluation_query_parameters_are_documented_exactly(ctx):
    """The evaluation handlers refuse unknown query parameters too: each route documents
    exactly its handler's allowed[] (src/http/api_evaluation.c), or none when the handler
    calls http_no_query (itself or through api__get)."""
    lines = spec_lines(ctx)
    src = read(ctx, "src", "http", "api_evaluation.c")
    msgs, checked = [], 0
    for (method, path), handler in sorted(c_route_handlers(ctx).items()):
        body = c_function(src, handler)
        if body is None:
            continue  # a registry handler, checked above
        if "allowed[]" in body:
            want = set(c_strings(body, "allowed"))
        elif "http_no_query(" in body or "api__get(" in body:
            want = set()
        else:
            continue  # the handler does not read the query string
        checked += 1
        if path not in children(at(lines, "paths")):
            continue  # an undocumented route: the route test reports it
        got = query_params(lines, method, path)
        if got != want:
            msgs.append("%s %s documents %s; %s allows %s"
                        % (method, path, sorted(got), handler, sorted(want)))
    assert checked >= 8, "only %d evaluation handlers read their query string?" % checked
    assert not msgs, "\n".join(msgs)


def enum_of_prop(lines, name, prop):
    p = at(schema_props(lines, name), prop)
    values = yaml_list(p, "enum")
    assert values, "%s.%s has no enum" % (name, prop)
    return values


def test_live_answers_carry_only_documented_fields(ctx):
    """Fields the server sends that no schema names mean the spec is behind the code."""
    from run import expect

    lines = spec_lines(ctx)
    made = []
    try:
        pid = ctx.ids.get("producer_bt")
        if pid is None:
            pid = expect(ctx.post("/api/v1/producers", {
                "name": "Hợp tác xã Gốm sứ Bát Tràng (openapi)", "kind": "cooperative",
                "ward_code": "00577"}, token="admin"), 201).json["id"]
            made.append("/api/v1/producers/%d" % pid)
        v = expect(ctx.post("/api/v1/villages", {
            "name": "Làng gốm Bát Tràng (openapi)", "ward_code": "00577", "craft": "Gốm sứ",
            "recognised": True, "description": "Làng nghề gốm sứ"}, token="admin"), 201).json
        made.append("/api/v1/villages/%d" % v["id"])
        p = expect(ctx.post("/api/v1/products", {
            "name": "Gốm sứ Bát Tràng men lam (openapi)", "group": "crafts.household",
            "producer_id": pid, "village_id": v["id"], "story": "Men lam"}, token="admin"), 201).json
        made.insert(0, "/api/v1/products/%d" % p["id"])
        z = expect(ctx.post("/api/v1/zones", {
            "name": "Vùng đất sét (openapi)", "kind": "other", "ward_code": "00577",
            "area_ha": 1.5, "producer_ids": [pid]}, token="admin"), 201).json
        made.insert(0, "/api/v1/zones/%d" % z["id"])
        checks = [
            ("/healthz", "Health"), ("/api/v1/sectors", "SectorList"),
            ("/api/v1/provinces?per_page=2", "ProvinceList"), ("/api/v1/provinces/01", "Province"),
            ("/api/v1/wards?province=01&per_page=2", "WardList"), ("/api/v1/wards/00577", "Ward"),
            ("/api/v1/producers?ward=00577", "ProducerList"),
            ("/api/v1/producers/%d" % pid, "Producer"),
            ("/api/v1/villages?ward=00577", "VillageList"),
            ("/api/v1/villages/%d" % v["id"], "Village"),
            ("/api/v1/products?ward=00577", "ProductList"),
            ("/api/v1/products/%d" % p["id"], "Product"),
            ("/api/v1/zones?ward=00577", "ZoneList"), ("/api/v1/zones/%d" % z["id"], "Zone"),
            ("/api/v1/certificates", "CertificateList"),
            ("/api/v1/products?stars=9", "Problem"),
        ]
        certs = ctx.get("/api/v1/certificates?per_page=1").json["items"]
        if certs:
            checks.append(("/api/v1/certificates/%d" % certs[0]["id"], "Certificate"))
        msgs = []
        for path, name in checks:
            r = ctx.get(path)
            assert r.status < 500, (path, r)
            msgs += undocumented(r.json, names_in(lines, name), path, name)
        r = ctx.get("/api/v1/audit?entity=product&id=%d" % p["id"], token="admin")
        msgs += undocumented(r.json, names_in(lines, "AuditList"), "/api/v1/audit", "AuditList",
                             free=("before", "after"))
        r = ctx.get("/api/v1/me", token="admin")
        if r.status == 200 and r.body:  # the shape of /me is tested in test_auth
            msgs += undocumented(r.json, names_in(lines, "Me"), "/api/v1/me", "Me")
        assert not msgs, "\n".join(msgs)
    finally:
        for path in made:
            ctx.delete(path, token="admin")


def test_live_evaluation_answers_carry_only_documented_fields(ctx):
    """A dossier walked from opening to a revoked five-star certificate; every answer on the
    way is checked against its schema. What it creates stays (dossiers are never deleted)."""
    from run import expect

    lines = spec_lines(ctx)
    msgs = []

    def check(r, status, name, path, free=()):
        expect(r, status)
        msgs.extend(undocumented(r.json, names_in(lines, name), path, name, free=free))
        return r.json

    sets = check(ctx.get("/api/v1/criteria-sets"), 200, "CriteriaSetList", "/api/v1/criteria-sets")
    for item in sets["items"]:
        check(ctx.get("/api/v1/criteria-sets/%d" % item["id"]), 200, "CriteriaSet",
              "/api/v1/criteria-sets/{id}")
    prod = expect(ctx.post("/api/v1/products", {
        "name": "Cốm làng Vòng (openapi)", "group": "food.grain_processed",
        "producer_id": ctx.ids["producer_bt"]}, token="admin"), 201).json
    d = check(ctx.post("/api/v1/dossiers", {"product_id": prod["id"], "kind": "new",
                                            "self_assessment": {"A1.1": 0}}, token="producer"),
              201, "Dossier", "POST /api/v1/dossiers")
    path = "/api/v1/dossiers/%d" % d["id"]
    check(ctx.request("POST", path + "/documents?name=ATTP.pdf", raw=b"%PDF-1.4\n",
                      token="producer", headers={"Content-Type": "application/pdf"}),
          201, "Dossier", "POST /api/v1/dossiers/{id}/documents")
    check(ctx.request("POST", path + "/submit", token="producer"), 200, "Dossier",
          "POST /api/v1/dossiers/{id}/submit")  # an empty body
    check(ctx.post(path + "/return", {"reasons": "Thiếu nhãn"}, token="commune"), 200, "Dossier",
          "POST /api/v1/dossiers/{id}/return")
    check(ctx.post(path + "/submit", {}, token="producer"), 200, "Dossier",
          "POST /api/v1/dossiers/{id}/submit")
    check(ctx.post(path + "/accept", {}, token="commune"), 200, "Dossier",
          "POST /api/v1/dossiers/{id}/accept")
    members = [ctx.get("/api/v1/me", token="member%d" % m).json["id"] for m in (1, 2, 3, 4)]
    s = check(ctx.post("/api/v1/sessions", {"name": "Hội đồng (openapi)", "date": "2026-03-01",
                                            "member_ids": members}, token="office"),
              201, "Session", "POST /api/v1/sessions")
    check(ctx.post("/api/v1/sessions/%d/dossiers" % s["id"], {"dossier_id": d["id"]},
                   token="office"), 200, "Dossier", "POST /api/v1/sessions/{id}/dossiers")
    check(ctx.post(path + "/conflicts", {"reason": "Người thân"}, token="member4"), 200,
          "Dossier", "POST /api/v1/dossiers/{id}/conflicts")
    cs = expect(ctx.get("/api/v1/criteria-sets/%d" % d["criteria_set_id"]), 200).json
    top = {c["code"]: max(range(len(c["options"])), key=lambda i: c["options"][i]["points"])
           for part in cs["parts"] for sec in part["sections"] for c in sec["criteria"]}
    for m in (1, 2, 3):
        scored = check(ctx.post(path + "/scores", {"choices": top}, token="member%d" % m), 200,
                       "Dossier", "POST /api/v1/dossiers/{id}/scores")
    assert scored["state"] == "scored" and scored["result"]["candidate"], scored
    check(ctx.get(path + "/scores", token="office"), 200, "ScoreSheetList",
          "/api/v1/dossiers/{id}/scores")
    check(ctx.get("/api/v1/sessions", token="office"), 200, "SessionList", "/api/v1/sessions")
    check(ctx.get("/api/v1/sessions/%d" % s["id"], token="member1"), 200, "Session",
          "/api/v1/sessions/{id}")
    check(ctx.post(path + "/decision", {"decision_number": "125/QĐ-UBND (openapi)",
                                        "decision_date": "2026-03-10"}, token="office"),
          200, "Dossier", "POST /api/v1/dossiers/{id}/decision")
    fin = check(ctx.post(path + "/central-decision", {
        "result": "recognised", "decision_number": "88/QĐ-BNNMT (openapi)",
        "decision_date": "2026-06-01"}, token="admin"),
        200, "Dossier", "POST /api/v1/dossiers/{id}/central-decision")
    check(ctx.get(path, token="producer"), 200, "Dossier", "/api/v1/dossiers/{id}")
    check(ctx.get("/api/v1/dossiers?product=%d" % prod["id"], token="office"), 200,
          "DossierList", "/api/v1/dossiers")
    check(ctx.get("/api/v1/certificates/%d" % fin["certificate_id"]), 200, "Certificate",
          "/api/v1/certificates/{id}")
    check(ctx.post("/api/v1/certificates/%d/revoke" % fin["certificate_id"],
                   {"reason": "Kiểm thử (openapi)"}, token="office"),
          200, "Certificate", "POST /api/v1/certificates/{id}/revoke")
    audit = check(ctx.get("/api/v1/audit", token="admin"), 200, "AuditList", "/api/v1/audit",
                  free=("before", "after"))
    actions = enum_of_prop(lines, "AuditEntry", "action")
    entities = enum_of_prop(lines, "AuditEntry", "entity")
    for e in audit["items"]:
        if e["action"] not in actions or e["entity"] not in entities:
            msgs.append("/api/v1/audit: %s %s is not in AuditEntry's enums"
                        % (e["entity"], e["action"]))
    assert not msgs, "\n".join(sorted(set(msgs)))


def undocumented(data, names, path, schema_name, free=()):
    out = []

    def walk(d, where):
        if isinstance(d, list):
            for x in d:
                walk(x, where)
        elif isinstance(d, dict):
            for k, v in d.items():
                if k not in names:
                    out.append("%s: %s.%s is not documented in %s" % (path, where, k, schema_name))
                elif k not in free:
                    walk(v, where + "." + k)

    walk(data, schema_name)
    return sorted(set(out))


# ---------------------------------------------------------------- stamps

def test_stamp_enums_and_inputs_match_the_code(ctx):
    """Verdicts (src/core/verdict.c), key statuses (the migration's CHECK), the fields and
    bounds of a batch (src/http/api_stamps.c, src/core/stamp.h)."""
    lines = spec_lines(ctx)
    verdict = read(ctx, "src", "core", "verdict.c")
    handlers = read(ctx, "src", "http", "api_stamps.c")
    stamp_h = read(ctx, "src", "core", "stamp.h")
    migration = read(ctx, "src", "store", "migrations", "0003_stamps.sql")
    statuses = re.search(r"status TEXT NOT NULL CHECK \(status IN \(([^)]*)\)\)", migration)
    assert statuses, "cannot find the signing key statuses in 0003_stamps.sql"
    issue = c_function(handlers, "api_batch_issue")
    assert issue, "cannot find api_batch_issue in src/http/api_stamps.c"
    msgs = []
    checks = [
        ("StampVerdict", None, c_strings(verdict, "names")),
        ("StampKey", "status", re.findall(r"'(\w+)'", statuses.group(1))),
    ]
    for name, prop, want in checks:
        got = enum_of(lines, name) if prop is None else enum_of_prop(lines, name, prop)
        if sorted(got) != sorted(want):
            msgs.append("%s%s enum %s, the code has %s"
                        % (name, "." + prop if prop else "", sorted(got), sorted(want)))
    fields = c_strings(issue, "fields")
    props = schema_props(lines, "StampBatchInput")
    if sorted(children(props)) != sorted(fields):
        msgs.append("StampBatchInput has %s, api_batch_issue takes %s"
                    % (sorted(children(props)), sorted(fields)))
    bounds = {
        ("count", "minimum"): 1,
        ("count", "maximum"): int(re.search(r"json_integer_value\(v\) <= (\d+)", issue).group(1)),
        ("lot", "minLength"): 1,
        ("lot", "maxLength"): int(re.search(r"#define OCOP_LOT_MAX (\d+)", stamp_h).group(1)),
    }
    for (field, key), want in sorted(bounds.items()):
        got = value(at(props, field) or [], key)
        if got is None or float(got) != float(want):
            msgs.append("StampBatchInput.%s: %s is %s, the code says %s" % (field, key, got, want))
    assert not msgs, "\n".join(msgs)


def test_stamp_query_parameters_are_documented_exactly(ctx):
    """The stamp handlers refuse unknown query parameters too: each route that checks its
    query documents exactly its handler's allowed[] (src/http/api_stamps.c)."""
    lines = spec_lines(ctx)
    src = read(ctx, "src", "http", "api_stamps.c") + read(ctx, "src", "http", "api_trace.c")
    msgs, checked = [], 0
    for (method, path), handler in sorted(c_route_handlers(ctx).items()):
        body = c_function(src, handler)
        if body is None:
            continue
        if "allowed[]" not in body:
            continue  # the handler does not read the query string
        checked += 1
        want = set(c_strings(body, "allowed"))
        if path not in children(at(lines, "paths")):
            continue  # an undocumented route: the route test reports it
        got = query_params(lines, method, path)
        if got != want:
            msgs.append("%s %s documents %s; %s allows %s"
                        % (method, path, sorted(got), handler, sorted(want)))
    assert checked >= 5, "only %d stamp handlers read their query string?" % checked
    assert not msgs, "\n".join(msgs)


STAMP_CSV = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
             "product_name", "product_group", "gtin", "certificate_number", "decision_number",
             "decision_date", "stars", "valid_until"]


def test_live_stamp_answers_carry_only_documented_fields(ctx):
    """Two certified products (one with a GTIN), a batch of each issued over the API, their
    stamps verified, the keys published, a stamp and a lot revoked; every answer is checked
    against its schema. What it creates stays (batches are never deleted)."""
    import csv
    import datetime
    import time
    import urllib.parse
    from run import expect

    lines = spec_lines(ctx)
    msgs = []
    verdicts = enum_of(lines, "StampVerdict")

    def check(r, status, name, path):
        expect(r, status)
        msgs.extend(undocumented(r.json, names_in(lines, name), path, name))
        return r.json

    if not ctx.cli("keys", "list", check=True).stdout.strip():
        ctx.cli("keys", "generate", check=True)
    decided = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    # Ba Đình (00004), away from Bát Tràng: the registry's search tests count products there
    rows = [["HTX Tem OpenAPI", "cooperative", "0109100077", "00004", name, "crafts.household",
             gtin, number, "77/QĐ", decided, "4", ""]
            for name, gtin, number in (("Ấm tem OpenAPI", "8935000001233", "CN-OAS-1"),
                                       ("Bình tem OpenAPI", "", "CN-OAS-2"))]
    path = os.path.join(ctx.tmp, "openapi-stamps.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(STAMP_CSV)
        w.writerows(rows)
    ctx.cli("import", "products", path, check=True)
    uris = []
    for row in rows:
        found = ctx.get("/api/v1/products?per_page=50&q=" + urllib.parse.quote_plus(row[4])).json
        pid = [p for p in found["items"] if p["name"] == row[4]][0]["id"]
        b = check(ctx.post("/api/v1/stamp-batches", {
            "product_id": pid, "lot": "OAS/1", "production_date": decided,
            "expiry_date": None, "release_date": decided, "count": 2}, token="office"),
            201, "StampBatch", "POST /api/v1/stamp-batches")
        check(ctx.get("/api/v1/stamp-batches/%d" % b["id"], token="admin"), 200, "StampBatch",
              "/api/v1/stamp-batches/{id}")
        check(ctx.get("/api/v1/stamp-batches?product=%d" % pid, token="office"), 200,
              "StampBatchList", "/api/v1/stamp-batches")
        out = os.path.join(ctx.tmp, "openapi-uris-%d.txt" % b["id"])
        ctx.cli("stamps", "export", "--batch", str(b["id"]), "--format", "uris", "--out", out,
                "--public-url", "https://ocop.example", check=True)
        uris.append((b["id"], open(out).read().split()))
    check(ctx.get("/.well-known/ocop-keys.json"), 200, "StampKeys", "/.well-known/ocop-keys.json")
    js = {"Accept": "application/json"}
    digital, short = uris[0][1][0], uris[1][1][0]
    assert "/01/08935000001233/10/OAS%2F1/21/" in digital and "/v/" in short, (digital, short)
    seen = []
    for uri in (digital, short):
        p = uri[len("https://ocop.example"):]
        r = ctx.get(p)
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/html"), r
        check(ctx.get(p + "&lat=21.03&lon=105.85", headers=js), 200, "StampVerification", p)
        time.sleep(0.3)  # the scan logger writes every 100 ms
        seen.append(check(ctx.get(p + "&lang=en", headers=js), 200, "StampVerification", p))
        forged = check(ctx.get(p.replace("s=k", "s=x"), headers=js), 200, "StampVerification", p)
        assert forged["verdict"] == "forged", forged
        seen.append(forged)
    assert seen[0]["verdict"] == "genuine" and seen[0]["scans"]["first_at"], seen[0]
    serial = short.split("/v/")[1].split("?")[0]
    check(ctx.post("/api/v1/stamps/%s/revoke" % serial, {"reason": "Mất tem (openapi)"},
                   token="office"), 200, "StampRevoked", "POST /api/v1/stamps/{serial}/revoke")
    check(ctx.post("/api/v1/stamp-batches/%d/revoke" % uris[0][0], {"reason": "Thu hồi (openapi)"},
                   token="office"), 200, "StampBatch", "POST /api/v1/stamp-batches/{id}/revoke")
    for uri in (digital, short):
        r = check(ctx.get(uri[len("https://ocop.example"):], headers=js), 200,
                  "StampVerification", uri)
        assert r["verdict"] == "not_valid" and r["sentence"], r
        seen.append(r)
    for r in seen:
        if r["verdict"] not in verdicts:
            msgs.append("verdict %s is not in StampVerdict" % r["verdict"])
    assert not msgs, "\n".join(sorted(set(msgs)))


# ---------------------------------------------------------------- traceability

def test_trace_enums_and_inputs_match_the_code(ctx):
    """The kinds (src/core/trace.c, and migration 0010's CHECK), the fields a new event
    takes (ocop_trace_check's fields[]) and their bounds (src/core/trace.h)."""
    lines = spec_lines(ctx)
    core = read(ctx, "src", "core", "trace.c")
    header = read(ctx, "src", "core", "trace.h")
    migration = read(ctx, "src", "store", "migrations", "0010_trace_events.sql")
    kinds = re.findall(r'\{"(\w+)",\s*"[^"]+",\s*"[^"]+"\}', c_table(core, "ocop_trace_kinds"))
    assert len(kinds) >= 8, kinds
    msgs = []
    if sorted(enum_of(lines, "TraceKind")) != sorted(kinds):
        msgs.append("TraceKind enum %s, src/core/trace.c has %s" % (enum_of(lines, "TraceKind"), kinds))
    check = re.search(r"kind TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)", migration, re.S)
    if not check or sorted(re.findall(r"'(\w+)'", check.group(1))) != sorted(kinds):
        msgs.append("migration 0010's CHECK does not name the kinds of src/core/trace.c")
    fields = c_strings(c_function(core, "ocop_trace_check"), "fields")
    props = schema_props(lines, "TraceEventInput")
    if sorted(children(props)) != sorted(fields):
        msgs.append("TraceEventInput has %s, ocop_trace_check takes %s"
                    % (sorted(children(props)), sorted(fields)))
    bound = lambda name: int(re.search(r"#define %s (\d+)" % name, header).group(1))
    for (field, key), want in sorted({
            ("description", "maxLength"): bound("OCOP_TRACE_DESCRIPTION_MAX"),
            ("place", "maxLength"): bound("OCOP_TRACE_PLACE_MAX"),
            ("lot", "maxLength"): 20}.items()):
        got = value(at(props, field) or [], key)
        if got is None or float(got) != float(want):
            msgs.append("TraceEventInput.%s: %s is %s, the code says %s" % (field, key, got, want))
    got = value(at(schema_props(lines, "TraceRetractInput"), "reason") or [], "maxLength")
    if got is None or float(got) != bound("OCOP_TRACE_REASON_MAX"):
        msgs.append("TraceRetractInput.reason: maxLength is %s" % got)
    assert not msgs, "\n".join(msgs)


def test_live_trace_answers_carry_only_documented_fields(ctx):
    """An event recorded, read, listed (the office's and everyone's) and retracted; a stamp
    of its lot scanned: every answer against its schema. What it creates stays."""
    import csv
    import datetime
    import urllib.parse
    from run import expect

    lines = spec_lines(ctx)
    msgs = []

    def check(r, status, name, path):
        expect(r, status)
        msgs.extend(undocumented(r.json, names_in(lines, name), path, name))
        return r.json

    if not ctx.cli("keys", "list", check=True).stdout.strip():
        ctx.cli("keys", "generate", check=True)
    decided = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    path = os.path.join(ctx.tmp, "openapi-trace.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(STAMP_CSV)
        w.writerow(["HTX Truy xuất OpenAPI", "cooperative", "0109100078", "00004",
                    "Trà truy xuất OpenAPI", "food.tea", "", "CN-OAT-1", "78/QĐ", decided, "4", ""])
    ctx.cli("import", "products", path, check=True)
    found = ctx.get("/api/v1/products?per_page=50&q=" + urllib.parse.quote_plus(
        "Trà truy xuất OpenAPI")).json
    pid = [p for p in found["items"] if p["name"] == "Trà truy xuất OpenAPI"][0]["id"]
    batch = int(ctx.cli("stamps", "issue", "--product", str(pid), "--lot", "OAT/1", "--count", "1",
                        check=True).stdout.strip())
    e = check(ctx.post("/api/v1/trace-events", {
        "product_id": pid, "kind": "harvest", "at": "2026-01-05T06:00+07:00",
        "description": "Hái chè búp", "ward_code": "00004", "place": "Đồi chè", "lot": "OAT/1"},
        token="office"), 201, "TraceEventOffice", "POST /api/v1/trace-events")
    check(ctx.post("/api/v1/trace-events", {"product_id": pid, "kind": "other", "at": decided,
                                            "description": "Cả sản phẩm"}, token="admin"),
          201, "TraceEventOffice", "POST /api/v1/trace-events")
    check(ctx.get("/api/v1/trace-events/%d" % e["id"], token="office"), 200, "TraceEventOffice",
          "/api/v1/trace-events/{id}")
    check(ctx.get("/api/v1/products/%d/trace?lot=OAT/1" % pid), 200, "TraceEventList",
          "/api/v1/products/{id}/trace")
    out = os.path.join(ctx.tmp, "openapi-trace-uris.txt")
    ctx.cli("stamps", "export", "--batch", str(batch), "--format", "uris", "--out", out,
            "--public-url", "https://ocop.example", check=True)
    uri = open(out).read().split()[0][len("https://ocop.example"):]
    r = check(ctx.get(uri, headers={"Accept": "application/json"}), 200, "StampVerification", uri)
    assert [t["description"] for t in r["trace"]] == ["Cả sản phẩm", "Hái chè búp"] or \
        [t["description"] for t in r["trace"]] == ["Hái chè búp", "Cả sản phẩm"], r["trace"]
    check(ctx.post("/api/v1/trace-events/%d/retract" % e["id"], {"reason": "Thử (openapi)"},
                   token="office"), 200, "TraceEventOffice", "POST /api/v1/trace-events/{id}/retract")
    check(ctx.get("/api/v1/trace-events?product=%d" % pid, token="office"), 200,
          "TraceEventOfficeList", "/api/v1/trace-events")
    check(ctx.get("/api/v1/products/%d/trace" % pid), 200, "TraceEventList",
          "/api/v1/products/{id}/trace")
    check(ctx.post("/api/v1/trace-events", {"product_id": pid}, token="office"), 422, "Problem",
          "POST /api/v1/trace-events")
    assert not msgs, "\n".join(sorted(set(msgs)))
