-- 0008: the office's list of suspected copies reads the scans judged so, newest first,
-- over the last weeks: a partial index holds only those (a few in a thousand scans), so
-- the list reads them alone and the busy log of every scan pays nothing for it.
CREATE INDEX scans_suspected ON scans(at) WHERE verdict = 'suspected_copy';
