-- 0005: prefix indexes on the product search (1, 2 and 3 characters) so that a word
-- being typed ("gom s") is found without scanning the whole index; the folded text
-- is copied across as it is (it is folded in C, not here).
CREATE VIRTUAL TABLE product_fts_new USING fts5(name, extra,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
INSERT INTO product_fts_new(rowid, name, extra) SELECT rowid, name, extra FROM product_fts;
DROP TABLE product_fts;
ALTER TABLE product_fts_new RENAME TO product_fts;
