"""The command-line contract: names, help, exit codes, one-line errors, idempotence."""
import os
import subprocess


def test_version_and_help(ctx):
    p = ctx.cli("--version")
    assert p.returncode == 0 and p.stdout.startswith("ocop ")
    p = ctx.cli("help")
    assert p.returncode == 0
    for cmd in ("db init", "import units", "import products", "demo", "user add",
                "token create", "serve"):
        assert cmd in p.stdout, cmd
        h = subprocess.run([ctx.ocop] + cmd.split() + ["--help"], capture_output=True, text=True)
        assert h.returncode == 0 and h.stdout.startswith("usage: ocop " + cmd), cmd
        h2 = subprocess.run([ctx.ocop, "help"] + cmd.split(), capture_output=True, text=True)
        assert h2.stdout == h.stdout


def test_usage_errors_are_one_line_and_exit_2(ctx):
    for args in (["bogus"], ["db", "init", "--nope"], ["import", "units"],
                 ["serve", "--db"], ["db", "init", "extra-arg"], ["help", "bogus"]):
        p = subprocess.run([ctx.ocop] + args, capture_output=True, text=True)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    p = subprocess.run([ctx.ocop], capture_output=True, text=True)
    assert p.returncode == 2


def test_db_init_twice_is_harmless(ctx):
    db = os.path.join(ctx.tmp, "twice.db")
    p1 = ctx.cli("db", "init", "--db", db)
    p2 = ctx.cli("db", "init", "--db", db)
    assert p1.returncode == 0 and "migrated" in p1.stdout
    assert p2.returncode == 0 and "up to date" in p2.stdout


def test_commands_on_a_missing_database_fail_cleanly(ctx):
    db = os.path.join(ctx.tmp, "missing", "nothing.db")
    p = ctx.cli("user", "add", "--db", db, "--email", "a@b.vn", "--role", "admin")
    assert p.returncode != 0 and p.stderr.startswith("ocop: ")
    assert not os.path.exists(db)
    empty = os.path.join(ctx.tmp, "empty.db")
    open(empty, "w").close()
    p = ctx.cli("serve", "--db", empty, "--listen", "127.0.0.1:1")
    assert p.returncode != 0 and "db init" in p.stderr


def test_import_units_is_idempotent_and_checks_its_input(ctx):
    db = os.path.join(ctx.tmp, "units.db")
    ctx.cli("db", "init", "--db", db, check=True)
    p1 = ctx.cli("import", "units", "--db", db, ctx.units, check=True)
    p2 = ctx.cli("import", "units", "--db", db, ctx.units, check=True)
    assert "3355 units read: 3355 added" in p1.stdout, p1.stdout
    assert "0 added or changed, 3355 unchanged" in p2.stdout, p2.stdout
    bad = os.path.join(ctx.tmp, "bad-units.json")
    for content in ('{"not": "an array"}', "[", '[{"Code": "1", "Name": "x"}]',
                    '[{"Code": "01", "Name": "Hà Nội", "FullName": "TP Hà Nội", "Wards": '
                    '[{"Code": "123", "Name": "x", "FullName": "y"}]}]'):
        with open(bad, "w") as f:
            f.write(content)
        p = ctx.cli("import", "units", "--db", db, bad)
        assert p.returncode != 0 and p.stderr.startswith("ocop: "), (content, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1


def test_user_add_checks_role_and_scope(ctx):
    for args, word in ((["--email", "x@y.vn", "--role", "king"], "role"),
                       (["--email", "not-an-email", "--role", "admin"], "e-mail"),
                       (["--email", "x@y.vn", "--role", "office"], "province"),
                       (["--email", "x@y.vn", "--role", "commune", "--ward", "99999"], "ward"),
                       (["--email", "x@y.vn", "--role", "producer", "--producer", "99999"],
                        "producer"),
                       (["--email", "admin@ocop.test", "--role", "admin"], "exists")):
        p = ctx.cli("user", "add", *args)
        assert p.returncode != 0 and word in p.stderr, (args, p.stderr)


def test_password_is_stored_as_argon2id(ctx):
    p = ctx.cli("user", "add", "--email", "pw@ocop.test", "--role", "council", "--password-stdin",
                input="mật khẩu rất dài 123\n")
    assert p.returncode == 0, p.stderr
    import sqlite3
    con = sqlite3.connect(ctx.db)
    h = con.execute("SELECT password_hash FROM users WHERE email = 'pw@ocop.test'").fetchone()[0]
    con.close()
    assert h.startswith("$argon2id$"), h
    p = ctx.cli("user", "add", "--email", "pw2@ocop.test", "--role", "council",
                "--password-stdin", input="short\n")
    assert p.returncode != 0 and "10" in p.stderr


def test_token_is_printed_once_and_works(ctx):
    p = ctx.cli("token", "create", "--email", "member@council.test", "--label", "laptop")
    assert p.returncode == 0
    tok = p.stdout.strip()
    assert tok.startswith("ocop_") and len(tok) > 40
    me = ctx.get("/api/v1/me", token=tok)
    assert me.status == 200 and me.json["email"] == "member@council.test"
    p = ctx.cli("token", "create", "--email", "nobody@ocop.test")
    assert p.returncode != 0 and "no user" in p.stderr


def test_serve_stops_cleanly_on_sigint(ctx):
    import signal
    import time
    from run import free_port
    port = free_port()
    srv = subprocess.Popen([ctx.ocop, "serve", "--db", ctx.db, "--listen", "127.0.0.1:%d" % port],
                           stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    srv.send_signal(signal.SIGINT)
    _, err = srv.communicate(timeout=10)
    assert srv.returncode == 0, err
    assert "stopping" in err
    p = ctx.cli("serve", "--listen", "nonsense")
    assert p.returncode == 2 and "HOST:PORT" in p.stderr


def test_long_jobs_show_progress_on_a_terminal_only(ctx):
    import shlex
    db = os.path.join(ctx.tmp, "progress.db")
    ctx.cli("db", "init", "--db", db, check=True)
    cmd = " ".join(shlex.quote(a) for a in (ctx.ocop, "import", "units", "--db", db, ctx.units))
    # under a pseudo-terminal (script(1)), a progress bar is drawn on stderr
    tty = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, timeout=60)
    out = tty.stdout  # bytes: text mode would turn the carriage returns into newlines
    assert tty.returncode == 0, tty.stderr
    assert b"units" in out and b"100%" in out and b"\r" in out, out[:300]
    # piped, only the one-line summary
    plain = ctx.cli("import", "units", "--db", db, ctx.units)
    assert plain.returncode == 0 and "%" not in plain.stderr and "\r" not in plain.stderr


def test_errors_follow_the_locale_vietnamese_first(ctx):
    from run import vi
    en = "--listen takes HOST:PORT, e.g. 127.0.0.1:8080"
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    args = [ctx.ocop, "serve", "--db", ctx.db, "--listen", "nowhere"]
    for env, want in (({"LANG": "vi_VN.UTF-8"}, vi(en)),
                      ({"LANG": "C.UTF-8", "LC_MESSAGES": "vi_VN"}, vi(en)),
                      ({"LANG": "vi_VN.UTF-8", "LC_ALL": "en_US.UTF-8"}, en),
                      ({"LANG": "C.UTF-8"}, en),
                      ({}, en)):
        p = subprocess.run(args, capture_output=True, text=True, env=dict(base, **env))
        assert p.returncode == 2 and p.stderr == "ocop: " + want + "\n", (env, p.stderr)
