-- 0004: the web: browser sessions (cookie + CSRF token), failed sign-ins for the
-- throttle, and the office's targets shown on the dashboard.

CREATE TABLE web_sessions (
  id INTEGER PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,      -- BLAKE2b of the cookie's token; the token is never stored
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,          -- Unix seconds
  expires_at INTEGER NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions(user_id);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,                    -- a hash of the e-mail and of the client
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  province_id INTEGER REFERENCES provinces(id),
  year INTEGER NOT NULL,
  metric TEXT NOT NULL,                 -- e.g. five_star_candidates, certified_products
  value INTEGER NOT NULL,
  label TEXT,
  UNIQUE (province_id, year, metric)
);
