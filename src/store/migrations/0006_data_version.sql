-- 0006: a data version for answer caches. Every change to the data that public answers
-- are made of bumps data_version.n, so a cached answer is exact while n is unchanged.
-- The append-only logs (scans, audit_log), new stamps (a million rows per issue),
-- sessions, tokens and sign-in failures are left out: they change often and no cached
-- answer shows them. A stamp's revocation (an UPDATE) does count: scans keep stamps
-- in memory.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO data_version(id, n) VALUES (1, 1);

CREATE TRIGGER certificates_dv_ins AFTER INSERT ON certificates
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER certificates_dv_upd AFTER UPDATE ON certificates
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER certificates_dv_del AFTER DELETE ON certificates
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER conflicts_dv_ins AFTER INSERT ON conflicts
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER conflicts_dv_upd AFTER UPDATE ON conflicts
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER conflicts_dv_del AFTER DELETE ON conflicts
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER council_sessions_dv_ins AFTER INSERT ON council_sessions
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER council_sessions_dv_upd AFTER UPDATE ON council_sessions
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER council_sessions_dv_del AFTER DELETE ON council_sessions
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_set_groups_dv_ins AFTER INSERT ON criteria_set_groups
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_set_groups_dv_upd AFTER UPDATE ON criteria_set_groups
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_set_groups_dv_del AFTER DELETE ON criteria_set_groups
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_sets_dv_ins AFTER INSERT ON criteria_sets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_sets_dv_upd AFTER UPDATE ON criteria_sets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER criteria_sets_dv_del AFTER DELETE ON criteria_sets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_documents_dv_ins AFTER INSERT ON dossier_documents
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_documents_dv_upd AFTER UPDATE ON dossier_documents
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_documents_dv_del AFTER DELETE ON dossier_documents
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_history_dv_ins AFTER INSERT ON dossier_history
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_history_dv_upd AFTER UPDATE ON dossier_history
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossier_history_dv_del AFTER DELETE ON dossier_history
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossiers_dv_ins AFTER INSERT ON dossiers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossiers_dv_upd AFTER UPDATE ON dossiers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER dossiers_dv_del AFTER DELETE ON dossiers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER producers_dv_ins AFTER INSERT ON producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER producers_dv_upd AFTER UPDATE ON producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER producers_dv_del AFTER DELETE ON producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER products_dv_ins AFTER INSERT ON products
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER products_dv_upd AFTER UPDATE ON products
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER products_dv_del AFTER DELETE ON products
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER provinces_dv_ins AFTER INSERT ON provinces
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER provinces_dv_upd AFTER UPDATE ON provinces
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER provinces_dv_del AFTER DELETE ON provinces
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER rulesets_dv_ins AFTER INSERT ON rulesets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER rulesets_dv_upd AFTER UPDATE ON rulesets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER rulesets_dv_del AFTER DELETE ON rulesets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER scores_dv_ins AFTER INSERT ON scores
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER scores_dv_upd AFTER UPDATE ON scores
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER scores_dv_del AFTER DELETE ON scores
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER session_members_dv_ins AFTER INSERT ON session_members
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER session_members_dv_upd AFTER UPDATE ON session_members
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER session_members_dv_del AFTER DELETE ON session_members
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER settings_dv_ins AFTER INSERT ON settings
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER settings_dv_upd AFTER UPDATE ON settings
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER settings_dv_del AFTER DELETE ON settings
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER signing_keys_dv_ins AFTER INSERT ON signing_keys
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER signing_keys_dv_upd AFTER UPDATE ON signing_keys
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER signing_keys_dv_del AFTER DELETE ON signing_keys
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER stamp_batches_dv_ins AFTER INSERT ON stamp_batches
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER stamp_batches_dv_upd AFTER UPDATE ON stamp_batches
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER stamp_batches_dv_del AFTER DELETE ON stamp_batches
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER targets_dv_ins AFTER INSERT ON targets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER targets_dv_upd AFTER UPDATE ON targets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER targets_dv_del AFTER DELETE ON targets
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER trace_events_dv_ins AFTER INSERT ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER trace_events_dv_upd AFTER UPDATE ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER trace_events_dv_del AFTER DELETE ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_dv_ins AFTER INSERT ON users
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_dv_upd AFTER UPDATE ON users
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_dv_del AFTER DELETE ON users
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER villages_dv_ins AFTER INSERT ON villages
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER villages_dv_upd AFTER UPDATE ON villages
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER villages_dv_del AFTER DELETE ON villages
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER wards_dv_ins AFTER INSERT ON wards
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER wards_dv_upd AFTER UPDATE ON wards
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER wards_dv_del AFTER DELETE ON wards
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zone_producers_dv_ins AFTER INSERT ON zone_producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zone_producers_dv_upd AFTER UPDATE ON zone_producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zone_producers_dv_del AFTER DELETE ON zone_producers
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zones_dv_ins AFTER INSERT ON zones
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zones_dv_upd AFTER UPDATE ON zones
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER zones_dv_del AFTER DELETE ON zones
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER stamps_dv_upd AFTER UPDATE ON stamps
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER stamps_dv_del AFTER DELETE ON stamps
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
