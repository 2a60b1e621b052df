-- Reports, the events merged across them, and the mentions that tie each event to a report's sentence.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE TABLE reports (
  report_id TEXT PRIMARY KEY,          -- sha1 of the URL for web reports, else the content hash
  url TEXT,
  content_hash TEXT,
  doc_id TEXT,
  source TEXT,
  published TEXT,
  status TEXT NOT NULL,                -- processed | rejected
  reason TEXT,
  text TEXT,
  n_sentences INTEGER,
  n_events INTEGER,
  ingested_at TEXT NOT NULL
);
CREATE INDEX reports_hash ON reports (content_hash);
CREATE INDEX reports_url ON reports (url);

CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  event_date TEXT,
  time_precision INTEGER,
  actor1 TEXT,
  actor2 TEXT,
  country TEXT,
  admin1 TEXT,
  location TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  geo_precision INTEGER,
  fatalities INTEGER NOT NULL DEFAULT 0,
  n_sources INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_kind ON events (sub_event_type, event_date);
CREATE INDEX events_country ON events (country);

CREATE TABLE mentions (
  mention_id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (event_id),
  report_id TEXT NOT NULL REFERENCES reports (report_id),
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  event_date TEXT,
  time_precision INTEGER,
  actor1 TEXT,
  actor2 TEXT,
  country TEXT,
  admin1 TEXT,
  location TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  geo_precision INTEGER,
  fatalities INTEGER NOT NULL DEFAULT 0,
  evidence TEXT,
  evidence_start INTEGER,
  evidence_end INTEGER,
  trigger_text TEXT
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_report ON mentions (report_id);
CREATE INDEX mentions_kind ON mentions (event_type, event_date);
