"""Users and tokens at the console: listing, disabling, enabling, revoking. What a
disabled user or a revoked token can still do (nothing), and what is written down."""
import json
import os
import sqlite3

from run import expect
from test_web_auth import Browser, _password_user

PASSWORD = "mật khẩu đủ dài 2026"


def _token(ctx, email, label):
    return ctx.cli("token", "create", "--email", email, "--label", label,
                   check=True).stdout.strip()


def _users(ctx):
    return {u["email"]: u for u in json.loads(ctx.cli("user", "list", "--json",
                                                      check=True).stdout)["items"]}


def test_users_are_listed_with_scope_status_and_tokens(ctx):
    _password_user(ctx, "list.commune@battrang.test", "commune", ("--ward", "00577"))
    _token(ctx, "list.commune@battrang.test", "tablet")
    u = _users(ctx)["list.commune@battrang.test"]
    assert u["role"] == "commune" and u["ward"] == "00577" and u["province"] == "01"
    assert u["disabled"] is False and u["tokens"] == 1
    table = ctx.cli("user", "list", check=True).stdout.splitlines()
    row = [line for line in table if "list.commune@battrang.test" in line][0]
    assert "ward 00577" in row and "active" in row
    assert table[0].split()[:3] == ["id", "e-mail", "role"]
    # no password hash, no token, nothing secret
    out = ctx.cli("user", "list", "--json", check=True).stdout
    assert "argon2" not in out and "ocop_" not in out


def test_a_disabled_user_is_shut_out_at_once_and_let_back_in(ctx):
    email = "leaving@hanoi.test"
    _password_user(ctx, email)
    tok = _token(ctx, email, "script")
    assert ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}).status == 200
    b = Browser(ctx)
    st, _, _ = b.sign_in(email, PASSWORD)
    assert st == 303 and b.go("GET", "/office")[0] == 200
    p = ctx.cli("user", "disable", "--email", email)
    assert p.returncode == 0 and "disabled" in p.stdout, p.stderr
    # the token, the open session and a new sign-in: all refused
    expect(ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}), 401)
    assert b.go("GET", "/office")[0] in (302, 303, 401)
    st, _, _ = Browser(ctx).sign_in(email, PASSWORD)
    assert st != 303
    assert _users(ctx)[email]["disabled"] is True
    # again: nothing changes, nothing written
    before = _audit_count(ctx)
    assert ctx.cli("user", "disable", "--email", email).returncode == 0
    assert _audit_count(ctx) == before
    assert ctx.cli("user", "enable", "--email", email).returncode == 0
    assert ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}).status == 200
    # the session ended with the disabling; signing in again works
    assert b.go("GET", "/office")[0] != 200
    st, _, _ = Browser(ctx).sign_in(email, PASSWORD)
    assert st == 303
    con = sqlite3.connect(ctx.db)
    rows = con.execute("SELECT action, before, after FROM audit_log WHERE entity = 'user' AND "
                       "entity_id = (SELECT id FROM users WHERE email = ?) AND action IN "
                       "('disable', 'enable') ORDER BY id", (email,)).fetchall()
    con.close()
    assert [r[0] for r in rows] == ["disable", "enable"]
    assert json.loads(rows[0][1])["disabled"] is False and json.loads(rows[0][2])["disabled"] is True


def _audit_count(ctx):
    con = sqlite3.connect(ctx.db)
    n = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    con.close()
    return n


def test_tokens_are_listed_without_the_secret_and_revoked(ctx):
    email = "tokens@hanoi.test"
    _password_user(ctx, email)
    keep, drop = _token(ctx, email, "keep"), _token(ctx, email, "drop")
    listed = json.loads(ctx.cli("token", "list", "--email", email, "--json",
                                check=True).stdout)["items"]
    assert [t["label"] for t in listed] == ["keep", "drop"]
    assert all(t["revoked_at"] is None for t in listed)
    text = ctx.cli("token", "list", "--email", email, check=True).stdout
    assert keep not in text and drop not in text and "keep" in text
    gone = [t["id"] for t in listed if t["label"] == "drop"][0]
    p = ctx.cli("token", "revoke", "--id", str(gone))
    assert p.returncode == 0 and "revoked" in p.stdout
    expect(ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + drop}), 401)
    assert ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + keep}).status == 200
    listed = json.loads(ctx.cli("token", "list", "--email", email, "--json",
                                check=True).stdout)["items"]
    assert [t["revoked_at"] is None for t in listed] == [True, False]
    assert ctx.cli("token", "revoke", "--id", str(gone)).returncode == 0  # harmless again
    assert _users(ctx)[email]["tokens"] == 1


def test_bad_user_commands_say_why_in_one_line(ctx):
    for args, code, words in (
            (("user", "disable"), 2, "--email"),
            (("user", "disable", "--email", "nobody@nowhere.test"), 1, "no user"),
            (("user", "enable", "--email", "nobody@nowhere.test"), 1, "no user"),
            (("token", "list", "--email", "nobody@nowhere.test"), 1, "no user"),
            (("token", "list"), 2, "--email"),
            (("token", "revoke", "--id", "x"), 2, "--id"),
            (("token", "revoke"), 2, "--id"),
            (("token", "revoke", "--id", "999999"), 1, "no token")):
        p = ctx.cli(*args)
        assert p.returncode == code, (args, p.returncode, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1 and words in p.stderr, (args, p.stderr)


def test_the_last_administrator_cannot_be_disabled(ctx):
    db = os.path.join(ctx.tmp, "one-admin.db")
    ctx.cli("db", "init", "--db", db, check=True)
    ctx.cli("user", "add", "--db", db, "--email", "only@admin.test", "--role", "admin", check=True)
    p = ctx.cli("user", "disable", "--db", db, "--email", "only@admin.test")
    assert p.returncode != 0 and "last administrator" in p.stderr, p.stderr
    ctx.cli("user", "add", "--db", db, "--email", "second@admin.test", "--role", "admin",
            check=True)
    assert ctx.cli("user", "disable", "--db", db, "--email", "only@admin.test").returncode == 0
    p = ctx.cli("user", "disable", "--db", db, "--email", "second@admin.test")
    assert p.returncode != 0 and "last administrator" in p.stderr


def test_the_administrator_disables_and_enables_users_from_the_office(ctx):
    """/office/users: the administrator's list with a button per user; the office's
    users cannot see it; disabling from the page stops the user's token at once, and
    enabling lets it back (the last administrator's rule is the CLI test's)."""
    from test_pages_office import accessible, form, post, signed_in
    email = "page.user@hanoi.test"
    _password_user(ctx, email)
    tok = _token(ctx, email, "page")
    admin = signed_in(ctx, "page.admin@ocop.test", "admin", ())
    # searched for: the list has 50 a page and other modules' users come first
    st, _, page = admin.go("GET", "/office/users?q=" + email)
    assert st == 200 and email in page and 'href="/office/users"' in page
    row = page[page.index(email, page.index("<tbody>")):]
    assert "Văn phòng OCOP" in row[:row.index("</tr>")]  # the role's name, in Vietnamese
    accessible(page)
    uid = _users(ctx)[email]["id"]
    f = form(page, "/office/users/%d/disable" % uid)
    st, loc, _ = post(admin, "/office/users/%d/disable" % uid, f["fields"])
    assert st == 303 and loc == "/office/users?done=disabled", (st, loc)
    expect(ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}), 401)
    st, _, page = admin.go("GET", loc + "&q=" + email)
    assert "/office/users/%d/enable" % uid in page and 'role="status"' in page
    f = form(page, "/office/users/%d/enable" % uid)
    st, loc, _ = post(admin, "/office/users/%d/enable" % uid, f["fields"])
    assert st == 303 and loc == "/office/users?done=enabled"
    assert post(admin, "/office/users/999999/disable", f["fields"])[0] == 404
    assert post(admin, "/office/users/%d/explode" % uid, f["fields"])[0] == 404
    assert ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}).status == 200
    # without the form's CSRF token: refused, nothing changes
    st, _, _ = admin.go("POST", "/office/users/%d/disable" % uid, {})
    assert st in (400, 403) and _users(ctx)[email]["disabled"] is False
    # an office user sees neither the page nor the link
    office = signed_in(ctx, "page.office@hanoi.test")
    assert office.go("GET", "/office/users")[0] == 403
    assert 'href="/office/users"' not in office.go("GET", "/office/dossiers")[2]
    assert office.go("POST", "/office/users/%d/disable" % uid,
                     {"csrf": "x"})[0] in (400, 403)
    assert admin.go("POST", "/office/users/%d/explode" % uid, {})[0] in (400, 403, 404)


def test_the_administrator_adds_users_and_hands_out_tokens_from_the_office(ctx):
    """/office/users adds a user (the console's rules: a scope per role, an e-mail once, a
    password of 10 or more); the user's page makes an API token, shown once and never
    cached, and revokes it. Bad input comes back with its field named and nothing made;
    without CSRF or as an office user, nothing happens."""
    import re
    from test_pages_office import accessible, form, post, signed_in
    admin = signed_in(ctx, "add.admin@ocop.test", "admin", ())
    st, _, page = admin.go("GET", "/office/users")
    accessible(page)
    f = form(page, "/office/users/new")
    before = len(_users(ctx))
    fields = dict(f["fields"], email="new.commune@phuvinh.test", name="Nguyễn Thị Hoa",
                  role="commune", ward="00577", province="", producer="", password=PASSWORD)
    # a commune officer without a ward, a bad e-mail, a short password: refused, named
    for bad, field in ((dict(fields, ward=""), "ward"), (dict(fields, email="not-an-email"), "email"),
                       (dict(fields, password="short"), "password"),
                       (dict(fields, role="emperor"), "role"), (dict(fields, producer="x"), "producer")):
        st, _, again = post(admin, "/office/users/new", bad)
        assert st == 422 and 'href="#f-%s"' % field in again, (field, st, again[again.find('role="alert"'):][:300])
        assert "Nguyễn Thị Hoa" in again and PASSWORD not in again  # kept, but not the password
    assert len(_users(ctx)) == before
    st, loc, _ = post(admin, "/office/users/new", fields)
    assert st == 303 and loc == "/office/users?done=user", (st, loc)
    u = _users(ctx)["new.commune@phuvinh.test"]
    assert u["role"] == "commune" and u["ward"] == "00577" and u["province"] == "01"
    assert u["name"] == "Nguyễn Thị Hoa" and u["tokens"] == 0
    # the new user signs in with the password the administrator set
    b = Browser(ctx)
    assert b.sign_in("new.commune@phuvinh.test", PASSWORD)[0] == 303
    # the same e-mail again: refused, named
    st, _, again = post(admin, "/office/users/new", fields)
    assert st == 422 and 'href="#f-email"' in again and len(_users(ctx)) == before + 1, again[again.find('role="alert"'):][:300]
    # the user's page: a token, shown once, not stored by the browser
    st, _, page = admin.go("GET", "/office/users/%d" % u["id"])
    assert st == 200 and "new.commune@phuvinh.test" in page and "new-token" not in page
    accessible(page)
    f = form(page, "/office/users/%d/token" % u["id"])
    st, h, shown = admin.go("POST", "/office/users/%d/token" % u["id"],
                            dict(f["fields"], label="máy tính bảng"))
    assert st == 201 and h["Cache-Control"] == "no-store", (st, dict(h))
    tok = re.search(r'<code id="new-token">(ocop_[A-Za-z0-9_-]+)</code>', shown).group(1)
    assert ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}).json["email"] == \
        "new.commune@phuvinh.test"
    st, _, page = admin.go("GET", "/office/users/%d" % u["id"])
    assert "máy tính bảng" in page and tok not in page and _users(ctx)[u["email"]]["tokens"] == 1
    # when it was made, in Vietnam's time (records keep UTC)
    import datetime
    made = json.loads(ctx.cli("token", "list", "--email", u["email"], "--json",
                              check=True).stdout)["items"][0]["created_at"]
    utc = datetime.datetime.strptime(made, "%Y-%m-%dT%H:%M:%SZ")
    vn = (utc + datetime.timedelta(hours=7)).strftime("%d/%m/%Y %H:%M")
    assert vn in page and utc.strftime("%d/%m/%Y %H:%M") not in page, (made, vn)
    # revoked from the page: it stops at once
    f = form(page, "/office/users/%d/revoke" % u["id"])
    st, loc, _ = post(admin, "/office/users/%d/revoke" % u["id"], f["fields"])
    assert st == 303 and loc == "/office/users/%d?done=token_revoked" % u["id"], (st, loc)
    expect(ctx.get("/api/v1/me", headers={"Authorization": "Bearer " + tok}), 401)
    assert "đã thu hồi" in admin.go("GET", loc)[2]
    assert post(admin, "/office/users/%d/revoke" % u["id"], dict(f["fields"], token="x"))[0] == 400
    assert admin.go("GET", "/office/users/999999")[0] == 404
    # without CSRF, or as an office user: nothing
    assert admin.go("POST", "/office/users/new", dict(fields, csrf="", email="x@y.test"))[0] in (400, 403)
    office = signed_in(ctx, "add.office@hanoi.test")
    assert office.go("GET", "/office/users/%d" % u["id"])[0] == 403
    assert office.go("GET", "/office/users/999999")[0] == 403  # no hint which ids exist
    st, _, page = office.go("GET", "/office/dossiers")
    assert office.go("POST", "/office/users/new", dict(fields, csrf=office.csrf(page),
                                                      email="y@y.test"))[0] == 403
    assert office.go("POST", "/office/users/%d/token" % u["id"], {"csrf": office.csrf(page)})[0] == 403
    assert "x@y.test" not in _users(ctx) and "y@y.test" not in _users(ctx)
    assert _users(ctx)[u["email"]]["tokens"] == 0


def test_the_users_page_searches_and_pages_through_many_users(ctx):
    """Thousands of producers' accounts: the list shows 50 a page with previous/next
    links, and a search by e-mail or name (a % or _ typed is taken literally)."""
    import re
    import sqlite3 as sq
    from test_pages_office import accessible, signed_in
    admin = signed_in(ctx, "many.admin@ocop.test", "admin", ())
    con = sq.connect(ctx.db)
    con.executemany("INSERT INTO users(email, name, role, created_at) VALUES (?, ?, 'sales', "
                    "'2026-11-23T00:00:00Z')",
                    [("diem%03d@ban.test" % i, "Điểm bán số %d" % i) for i in range(120)]
                    + [("under_score@ban.test", "Gạch dưới")])
    con.commit()
    con.close()
    total = len(_users(ctx))
    st, _, page = admin.go("GET", "/office/users")
    assert st == 200 and "(%d)" % total in page, total
    accessible(page)
    assert len(re.findall(r'<tr><th scope="row"><a href="/office/users/\d+"', page)) == 50
    assert 'href="/office/users?page=2" rel="next"' in page and 'rel="prev"' not in page
    last = (total + 49) // 50
    st, _, end = admin.go("GET", "/office/users?page=%d" % last)
    assert len(re.findall(r'<tr><th scope="row"><a href', end)) == total - 50 * (last - 1)
    assert 'rel="prev"' in end and 'rel="next"' not in end
    st, _, found = admin.go("GET", "/office/users?q=diem11")
    rows = re.findall(r'<a href="/office/users/\d+">([^<]+)</a>', found)
    assert rows == ["diem%03d@ban.test" % i for i in range(110, 120)], rows
    assert "(10)" in found and 'value="diem11"' in found
    import urllib.parse
    st, _, named = admin.go("GET", "/office/users?q=" + urllib.parse.quote_plus("Điểm bán số 7"))
    assert "diem007@ban.test" in named and "diem070@ban.test" in named
    # % and _ are literal: "_" finds only the address that has one
    st, _, us = admin.go("GET", "/office/users?q=_score")
    assert re.findall(r'<a href="/office/users/\d+">([^<]+)</a>', us) == ["under_score@ban.test"]
    st, _, none = admin.go("GET", "/office/users?q=%25zz%25")
    assert st == 200 and "(0)" in none and "Không có người dùng phù hợp" in none
    assert admin.go("GET", "/office/users?page=0")[0] == 422
    assert admin.go("GET", "/office/users?page=2&q=diem&lang=en")[0] == 200
