-- Every sentence of a report that tells one event: the mention keeps the sentence that states it best,
-- and this table the others (a headline, a later toll, a retelling), with offsets into the report's text.
CREATE TABLE mention_evidence (
  mention_id TEXT NOT NULL REFERENCES mentions (mention_id),
  evidence TEXT NOT NULL,
  evidence_start INTEGER,
  evidence_end INTEGER
);
CREATE INDEX mention_evidence_mention ON mention_evidence (mention_id);
