-- 0001: registry, users, tokens, audit log, product search.
-- Keys are surrogate integer ids; codes and names are attributes. Dates are
-- ISO 8601 text (UTC); money is integer VND.

CREATE TABLE provinces (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT,
  full_name TEXT NOT NULL,
  full_name_en TEXT,
  unit_type TEXT
);

CREATE TABLE wards (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  province_id INTEGER NOT NULL REFERENCES provinces(id),
  name TEXT NOT NULL,
  name_en TEXT,
  full_name TEXT NOT NULL,
  full_name_en TEXT,
  unit_type TEXT,
  unit_type_en TEXT
);
CREATE INDEX wards_province ON wards(province_id);

CREATE TABLE producers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cooperative','cooperative_group','enterprise','household')),
  tax_code TEXT UNIQUE,
  ward_id INTEGER NOT NULL REFERENCES wards(id),
  address TEXT,
  representative TEXT,
  phone TEXT,
  email TEXT,
  website TEXT,
  members INTEGER,
  employees INTEGER,
  founded_year INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX producers_ward ON producers(ward_id);
CREATE INDEX producers_kind ON producers(kind);

CREATE TABLE villages (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  ward_id INTEGER NOT NULL REFERENCES wards(id),
  craft TEXT NOT NULL,
  recognised BOOLEAN NOT NULL DEFAULT 0,
  recognised_year INTEGER,
  households INTEGER,
  workers INTEGER,
  revenue_vnd INTEGER,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX villages_ward ON villages(ward_id);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT,
  group_code TEXT NOT NULL,
  sector TEXT NOT NULL,
  producer_id INTEGER NOT NULL REFERENCES producers(id),
  ward_id INTEGER NOT NULL REFERENCES wards(id),
  village_id INTEGER REFERENCES villages(id),
  description TEXT,
  story TEXT,
  gtin TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','discontinued')),
  certificate_id INTEGER REFERENCES certificates(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_producer ON products(producer_id);
CREATE INDEX products_ward ON products(ward_id);
CREATE INDEX products_village ON products(village_id);
CREATE INDEX products_sector ON products(sector, group_code);
CREATE INDEX products_certificate ON products(certificate_id);

CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  number TEXT NOT NULL UNIQUE,
  decision_number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  issuing_level TEXT NOT NULL CHECK (issuing_level IN ('province','central')),
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  score REAL,
  ruleset TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  five_star_candidate BOOLEAN NOT NULL DEFAULT 0,
  revoked_at TEXT,
  revoke_reason TEXT,
  superseded_by INTEGER REFERENCES certificates(id),
  created_at TEXT NOT NULL
);
CREATE INDEX certificates_product ON certificates(product_id);
CREATE INDEX certificates_valid_until ON certificates(valid_until);

CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  ward_id INTEGER NOT NULL REFERENCES wards(id),
  material TEXT,
  area_ha REAL,
  certification TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX zones_ward ON zones(ward_id);

CREATE TABLE zone_producers (
  zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
  producer_id INTEGER NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  PRIMARY KEY (zone_id, producer_id)
) WITHOUT ROWID;
CREATE INDEX zone_producers_producer ON zone_producers(producer_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin','office','commune','council','producer','sales')),
  province_id INTEGER REFERENCES provinces(id),
  ward_id INTEGER REFERENCES wards(id),
  producer_id INTEGER REFERENCES producers(id),
  password_hash TEXT,
  disabled BOOLEAN NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  hash BLOB NOT NULL UNIQUE,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Append-only: every write of the platform leaves one row here.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Diacritic-folded search text (folded in C: unicode61 does not fold đ).
CREATE VIRTUAL TABLE product_fts USING fts5(name, extra, tokenize = 'unicode61 remove_diacritics 0');
