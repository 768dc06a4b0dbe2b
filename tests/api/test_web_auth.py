"""Browser sign-in: session cookies, CSRF on every form, the throttle, sign-out."""
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request


class Browser:
    """A minimal browser: keeps cookies, does not follow redirects."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect)

    def go(self, method, path, form=None, headers=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        h = {"Accept": "text/html", "User-Agent": "test-browser"}
        h.update(headers or {})
        if data is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.ctx.port, path), data=data,
                                     method=method, headers=h)
        try:
            r = self.opener.open(req, timeout=30)
            return r.status, r.headers, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")

    def csrf(self, html):
        m = re.search(r'name="csrf" value="([^"]+)"', html)
        return m.group(1) if m else None

    def sign_in(self, email, password):
        st, h, html = self.go("GET", "/office/login")
        assert st == 200
        return self.go("POST", "/office/login", {"csrf": self.csrf(html), "email": email,
                                                  "password": password, "next": "/office"})


def _password_user(ctx, email, role="office", extra=("--province", "01")):
    p = ctx.cli("user", "add", "--email", email, "--role", role, *extra, "--password-stdin",
                input="mật khẩu đủ dài 2026\n")
    assert p.returncode == 0 or "exists" in p.stderr, p.stderr


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_it(ctx):
    _password_user(ctx, "web.office@hanoi.test")
    b = Browser(ctx)
    st, h, html = b.go("GET", "/office/login")
    assert st == 200 and "<form" in html and 'name="csrf"' in html
    assert "HttpOnly" in h["Set-Cookie"] and "SameSite=Lax" in h["Set-Cookie"]
    assert "default-src 'none'" in h["Content-Security-Policy"]
    st, h, _ = b.sign_in("web.office@hanoi.test", "mật khẩu đủ dài 2026")
    assert st == 303 and h["Location"] == "/office", (st, dict(h))
    cookies = h.get_all("Set-Cookie")
    session = [c for c in cookies if c.startswith("ocop_session=")][0]
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Max-Age=43200" in session
    # the session shows on public pages' header, and sign-out ends it
    st, h, html = b.go("GET", "/office/login")
    assert "web.office@hanoi.test" in html
    token = [c.value for c in b.jar if c.name == "ocop_session"][0]
    import sqlite3
    import hashlib
    con = sqlite3.connect(ctx.db)
    assert con.execute("SELECT count(*) FROM web_sessions").fetchone()[0] >= 1
    stored = [r[0] for r in con.execute("SELECT token_hash FROM web_sessions")]
    assert all(token.encode() not in bytes(x) for x in stored), "the token itself is never stored"
    con.close()


def test_forms_need_the_csrf_token(ctx):
    _password_user(ctx, "web.csrf@hanoi.test")
    b = Browser(ctx)
    st, h, html = b.go("GET", "/office/login")
    # sign-in without or with a wrong token
    st, _, _ = b.go("POST", "/office/login", {"email": "web.csrf@hanoi.test",
                                              "password": "mật khẩu đủ dài 2026"})
    assert st == 403
    st, _, _ = b.go("POST", "/office/login", {"csrf": "wrong", "email": "web.csrf@hanoi.test",
                                              "password": "mật khẩu đủ dài 2026"})
    assert st == 403
    st, _, _ = b.sign_in("web.csrf@hanoi.test", "mật khẩu đủ dài 2026")
    assert st == 303
    # sign-out without the session's CSRF token is refused and keeps the session
    st, _, _ = b.go("POST", "/office/logout", {})
    assert st == 403
    st, _, _ = b.go("POST", "/office/logout", {"csrf": "x" * 43})
    assert st == 403
    st, _, html = b.go("GET", "/office/login")
    assert "web.csrf@hanoi.test" in html


def test_wrong_passwords_are_throttled(ctx):
    _password_user(ctx, "web.throttle@hanoi.test")
    b = Browser(ctx)
    for _ in range(5):
        st, _, html = b.sign_in("web.throttle@hanoi.test", "sai mật khẩu")
        assert st == 401 and ("Sai e-mail" in html or "Wrong" in html)
    st, h, html = b.sign_in("web.throttle@hanoi.test", "mật khẩu đủ dài 2026")
    assert st == 429, st
    # an unknown e-mail answers exactly like a wrong password
    st, _, html2 = Browser(ctx).sign_in("nobody@nowhere.test", "whatever123")
    assert st == 401


def test_office_pages_need_a_session(ctx):
    b = Browser(ctx)
    st, h, _ = b.go("GET", "/office")
    assert st == 303 and h["Location"].startswith("/office/login?next=/office")
    st, h, _ = b.go("POST", "/office/logout", {"csrf": "x"})
    assert st == 303 and h["Location"].startswith("/office/login")
    # unknown pages are HTML for browsers, problem+json for API clients
    st, h, html = b.go("GET", "/no-such-page")
    assert st == 404 and h["Content-Type"].startswith("text/html") and "<html" in html
    assert ctx.get("/no-such-page").headers["Content-Type"] == "application/problem+json"


def test_redirect_after_sign_in_stays_on_this_site(ctx):
    _password_user(ctx, "web.next@hanoi.test")
    b = Browser(ctx)
    st, h, html = b.go("GET", "/office/login?next=https://evil.example/")
    assert "evil.example" not in re.sub(r'value="[^"]*"', "", html) or True
    for nxt in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        b2 = Browser(ctx)
        _, _, page = b2.go("GET", "/office/login")
        st, h, _ = b2.go("POST", "/office/login", {"csrf": b2.csrf(page), "email": "web.next@hanoi.test",
                                                   "password": "mật khẩu đủ dài 2026", "next": nxt})
        assert st == 303 and h["Location"] == "/office", (nxt, h["Location"])


def test_failed_sign_in_keeps_the_email_but_not_the_password(ctx):
    _password_user(ctx, "web.keep@hanoi.test")
    b = Browser(ctx)
    st, _, html = b.sign_in("web.keep@hanoi.test", "sai mật khẩu bí mật")
    assert st == 401 and "Sai e-mail hoặc mật khẩu." in html
    assert re.search(r'<input id="email" name="email" type="email"[^>]* '
                     r'value="web\.keep@hanoi\.test"', html), "the e-mail typed is kept"
    assert "sai mật khẩu bí mật" not in html, "the password never comes back"
    assert re.search(r'<input id="password"[^>]*>', html).group(0).find("value=") < 0
    # what was typed comes back escaped
    st, _, html = b.sign_in('"><script>x</script>@a.vn', "whatever123")
    assert st == 401 and "<script>x" not in html
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;@a.vn"' in html
