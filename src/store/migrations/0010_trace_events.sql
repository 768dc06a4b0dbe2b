-- 0010: trace events that can be written, and kept honest. A product's origin and history
-- (harvest, processing, packing, a lab test...) is recorded by who looks after the product
-- and shown to shoppers on the stamp page. What a record needs:
--   who recorded it and when (recorded_by: the user, NULL for the operator's shell;
--   recorded_at, UTC), when it happened (`at`: a day YYYY-MM-DD, or a moment in UTC
--   YYYY-MM-DDTHH:MM:SSZ; at_order: Unix seconds to sort by, a day from its 00:00 in
--   Vietnam), a kind from a fixed vocabulary (core/trace.c), where (a ward of the
--   registry's units, and free text within it), and optionally which lot (a stamp batch
--   of the same product; NULL: the product as a whole).
-- The history is append-only, as the scan log is: no row is deleted, and no field changes
-- but the retraction, once (retracted_at, retracted_by, retract_reason). A retracted event
-- stays for the office to see and is no longer shown to shoppers.
-- SQLite cannot add constraints to a table, so it is made again; the 0003 columns keep
-- their names and meaning (place: the free-text place). Nothing could write a trace event
-- before this migration, but rows a database may hold anyway are carried over: a kind
-- outside the vocabulary becomes 'other'.
CREATE TABLE trace_events_0010 (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  batch_id INTEGER REFERENCES stamp_batches(id),
  at TEXT NOT NULL,
  at_order INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('planting','raw_material','harvest','processing','packing',
                                     'quality_test','storage','shipping','other')),
  description TEXT NOT NULL,
  ward_id INTEGER REFERENCES wards(id),
  place TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id),
  retracted_at TEXT,
  retracted_by INTEGER REFERENCES users(id),
  retract_reason TEXT,
  CHECK ((retracted_at IS NULL) = (retract_reason IS NULL))
);
INSERT INTO trace_events_0010(id, product_id, batch_id, at, at_order, kind, description, place,
                              recorded_at)
  SELECT id, product_id, batch_id, at,
         coalesce(CAST(strftime('%s', substr(at, 1, 19)) AS INTEGER)
                  - CASE WHEN length(at) = 10 THEN 25200 ELSE 0 END, 0),
         CASE WHEN kind IN ('planting','raw_material','harvest','processing','packing',
                            'quality_test','storage','shipping','other') THEN kind
              ELSE 'other' END,
         description, place, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM trace_events;
DROP TABLE trace_events;
ALTER TABLE trace_events_0010 RENAME TO trace_events;
-- a stamp's page reads its product's events in time order
CREATE INDEX trace_events_product ON trace_events(product_id, at_order, id);

-- a lot is a stamp batch of the event's own product
CREATE TRIGGER trace_events_lot BEFORE INSERT ON trace_events
WHEN NEW.batch_id IS NOT NULL AND
     (SELECT product_id FROM stamp_batches WHERE id = NEW.batch_id) IS NOT NEW.product_id
BEGIN SELECT RAISE(ABORT, 'a trace event''s lot is a stamp batch of its product'); END;
-- append-only: the one change allowed is a retraction, once
CREATE TRIGGER trace_events_no_update BEFORE UPDATE ON trace_events
WHEN OLD.retracted_at IS NOT NULL OR NEW.retracted_at IS NULL OR NEW.retract_reason IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.product_id IS NOT OLD.product_id
  OR NEW.batch_id IS NOT OLD.batch_id OR NEW.at IS NOT OLD.at
  OR NEW.at_order IS NOT OLD.at_order OR NEW.kind IS NOT OLD.kind
  OR NEW.description IS NOT OLD.description OR NEW.ward_id IS NOT OLD.ward_id
  OR NEW.place IS NOT OLD.place OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'trace_events is append-only: an event is retracted, not changed'); END;
CREATE TRIGGER trace_events_no_delete BEFORE DELETE ON trace_events
BEGIN SELECT RAISE(ABORT, 'trace_events is append-only: an event is retracted, not deleted'); END;

-- the answer cache's data version (0006), dropped with the old table
CREATE TRIGGER trace_events_dv_ins AFTER INSERT ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER trace_events_dv_upd AFTER UPDATE ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER trace_events_dv_del AFTER DELETE ON trace_events
BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;
