-- 0003: OCOP stamps: signing keys, batches (a lot of a product), stamps, the scan log.

-- Installation secrets made on first use (e.g. the key that hashes scanning clients).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE signing_keys (
  id INTEGER PRIMARY KEY,
  kid TEXT NOT NULL UNIQUE,
  public_key BLOB NOT NULL,
  secret_key BLOB NOT NULL,             -- Ed25519 secret key (libsodium form)
  status TEXT NOT NULL CHECK (status IN ('active','retired')),
  created_at TEXT NOT NULL,
  retired_at TEXT
);

CREATE TABLE stamp_batches (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  certificate_id INTEGER NOT NULL REFERENCES certificates(id),
  key_id INTEGER NOT NULL REFERENCES signing_keys(id),
  lot TEXT NOT NULL,
  production_date TEXT NOT NULL,
  expiry_date TEXT,
  release_date TEXT NOT NULL,           -- the lot may be on sale from this day
  count INTEGER NOT NULL,
  gtin TEXT,                            -- GTIN-14 printed in the QR, if the product has one
  revoked_at TEXT,
  revoke_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX stamp_batches_product ON stamp_batches(product_id);

CREATE TABLE stamps (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES stamp_batches(id),
  serial TEXT NOT NULL UNIQUE,
  sig BLOB NOT NULL,
  revoked_at TEXT,
  revoke_reason TEXT
);
CREATE INDEX stamps_batch ON stamps(batch_id);

-- Append-only: one row per scan, written in batches by the server's scan logger.
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  stamp_id INTEGER,                     -- NULL for unknown or forged serials
  at INTEGER NOT NULL,                  -- Unix time in milliseconds
  client TEXT NOT NULL,                 -- a keyed hash of the client, never the raw address
  lat REAL,
  lon REAL,
  verdict TEXT NOT NULL
);
CREATE INDEX scans_stamp ON scans(stamp_id, at);
CREATE INDEX scans_at ON scans(at);
CREATE TRIGGER scans_no_update BEFORE UPDATE ON scans
BEGIN SELECT RAISE(ABORT, 'scans is append-only'); END;
CREATE TRIGGER scans_no_delete BEFORE DELETE ON scans
BEGIN SELECT RAISE(ABORT, 'scans is append-only'); END;

-- Trace events of a product (harvest, processing, packing...), shown on the stamp page.
CREATE TABLE trace_events (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  batch_id INTEGER REFERENCES stamp_batches(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  place TEXT
);
CREATE INDEX trace_events_product ON trace_events(product_id);
