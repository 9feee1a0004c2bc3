-- 电子证照 reused (#17): a material supplied as a licence on file is a row with the licence's kind and no bytes
-- (media_type NULL, byte_count 0), so the backend knows which licences a record used. The table keeps its keys and
-- its distribution (0014); only a column is added and one relaxed. (0016 and 0017 are other branches' steps.)
ALTER TABLE materials ALTER COLUMN media_type DROP NOT NULL;
ALTER TABLE materials ADD COLUMN licence text COLLATE "C";
ALTER TABLE materials ADD CONSTRAINT materials_bytes_or_licence CHECK ((media_type IS NULL) <> (licence IS NULL));
