-- 0009: the stamps with suspected copies, newest first. The office's list walked the
-- suspected scans (the partial index of 0008) until it had a page of stamps in the
-- office's scope; a flood of suspected scans in another province made that walk read
-- them all (7.7 s for 2.4 million). One row per stamp instead, written with each batch
-- of scans by ocop_store_scans_insert, the one writer of the append-only scans (the
-- logger, a journal's copy, the demo); the list walks stamps, of which a flood has far
-- fewer than scans. A trigger would keep it too, but at a row each it doubled what
-- copying a busy journal cost.
CREATE TABLE stamp_suspects (
  stamp_id INTEGER PRIMARY KEY REFERENCES stamps(id),
  last_at INTEGER NOT NULL              -- its newest suspected scan, Unix ms
);
CREATE INDEX stamp_suspects_last ON stamp_suspects(last_at);
INSERT INTO stamp_suspects(stamp_id, last_at)
  SELECT stamp_id, max(at) FROM scans
  WHERE verdict = 'suspected_copy' AND stamp_id IS NOT NULL GROUP BY stamp_id;
-- nothing else reads the suspected scans by time
DROP INDEX scans_suspected;
