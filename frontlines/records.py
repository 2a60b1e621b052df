"""Plain records passed between stages."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, asdict
from typing import Optional


@dataclass
class Report:
    doc_id: str
    raw: str                      # text or HTML as read
    is_html: bool = False
    published: Optional[str] = None   # ISO date
    source: Optional[str] = None      # path or URL
    text: str = ""                # main text after cleaning
    dropped: str = ""             # comments / boilerplate removed by clean
    gold: Optional[dict] = None   # the gold line, when read from a gold file
    crawled: Optional[str] = None     # crawl date (WARC): the latest the report can have been published
    digest: Optional[str] = None      # content hash when raw is not kept (reports reloaded from Parquet)

    @property
    def content_hash(self) -> str:
        return self.digest or hashlib.sha256(self.raw.encode("utf-8", "replace")).hexdigest()


@dataclass
class Event:
    doc_id: str
    event_type: str
    sub_event_type: str
    event_date: Optional[str] = None
    time_precision: int = 1
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: int = 3
    fatalities: int = 0
    evidence: str = ""
    evidence_start: int = -1
    evidence_end: int = -1
    trigger: str = ""
    source: Optional[str] = None
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("extra")
        return d
