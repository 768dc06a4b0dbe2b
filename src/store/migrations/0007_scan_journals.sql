-- 0007: the scan logger's journals. At busy times the server appends scans to a journal
-- file (a sequential write a second) and copies them into `scans` when it is quiet; a
-- journal's name is recorded here in the same transaction as its scans, so a crash
-- between that commit and the file's removal never copies it twice. Not part of the
-- data version (0006): no public answer shows it.
CREATE TABLE scan_journals (
  name TEXT PRIMARY KEY,
  imported_at INTEGER NOT NULL          -- Unix time in milliseconds
);
