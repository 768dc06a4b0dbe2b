-- 0002: evaluation: rulesets and criteria sets as loaded data, dossiers and their
-- history and documents, council sessions, conflicts of interest, score sheets.

CREATE TABLE rulesets (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,            -- "148/QĐ-TTg"
  effective_from TEXT NOT NULL,
  doc TEXT NOT NULL,                    -- the validated JSON document
  loaded_at TEXT NOT NULL
);

-- Criteria sets are immutable: loading a set again makes a new version; dossiers keep
-- the version they were opened with.
CREATE TABLE criteria_sets (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  ruleset_id INTEGER NOT NULL REFERENCES rulesets(id),
  sector TEXT NOT NULL,
  name TEXT NOT NULL,
  official BOOLEAN NOT NULL DEFAULT 0,
  current BOOLEAN NOT NULL DEFAULT 1,
  doc TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  UNIQUE (code, version)
);
CREATE TABLE criteria_set_groups (
  criteria_set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
  group_code TEXT NOT NULL,
  PRIMARY KEY (criteria_set_id, group_code)
) WITHOUT ROWID;

CREATE TABLE council_sessions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  province_id INTEGER REFERENCES provinces(id),
  level TEXT NOT NULL CHECK (level IN ('province','central')),
  date TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE session_members (
  session_id INTEGER NOT NULL REFERENCES council_sessions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (session_id, user_id)
) WITHOUT ROWID;

CREATE TABLE dossiers (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  criteria_set_id INTEGER NOT NULL REFERENCES criteria_sets(id),
  kind TEXT NOT NULL CHECK (kind IN ('new','renewal','upgrade')),
  target_stars INTEGER CHECK (target_stars BETWEEN 3 AND 5),
  state TEXT NOT NULL,
  self_assessment TEXT,
  session_id INTEGER REFERENCES council_sessions(id),
  result TEXT,                          -- the council's computed result (JSON)
  total REAL,
  stars INTEGER,
  certificate_id INTEGER REFERENCES certificates(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_product ON dossiers(product_id);
CREATE INDEX dossiers_state ON dossiers(state);
CREATE INDEX dossiers_session ON dossiers(session_id);

CREATE TABLE dossier_history (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT
);
CREATE INDEX dossier_history_dossier ON dossier_history(dossier_id);
CREATE TRIGGER dossier_history_no_update BEFORE UPDATE ON dossier_history
BEGIN SELECT RAISE(ABORT, 'dossier_history is append-only'); END;
CREATE TRIGGER dossier_history_no_delete BEFORE DELETE ON dossier_history
BEGIN SELECT RAISE(ABORT, 'dossier_history is append-only'); END;

CREATE TABLE dossier_documents (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX dossier_documents_dossier ON dossier_documents(dossier_id);

CREATE TABLE conflicts (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT,
  declared_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, user_id)
) WITHOUT ROWID;

CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  choices TEXT NOT NULL,                -- JSON array: option index per criterion, in set order
  total REAL NOT NULL,
  submitted_at TEXT NOT NULL,
  UNIQUE (dossier_id, user_id)
);

ALTER TABLE certificates ADD COLUMN dossier_id INTEGER REFERENCES dossiers(id);
