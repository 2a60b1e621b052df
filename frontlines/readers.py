"""Readers for large inputs: WARC crawls (warcio) and RSS/Atom feeds (feedparser).
JSONL (also gzipped) and folders are read in ingest.py; every reader yields Reports and,
for what cannot be read, Rejected — never raises for one bad record."""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Iterator, Union

from .records import Report

MAX_RECORD_BYTES = 10 * 1024 * 1024


def _rejected(doc_id: str, source: str, reason: str):
    from .ingest import Rejected
    return Rejected(doc_id, source, reason)


def _doc_id(url: str) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1][:60] or "page"
    return f"{tail}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def read_warc(path: Path) -> Iterator[Union[Report, object]]:
    """HTML pages from the response records of a WARC (.warc or .warc.gz). The crawl date is
    kept as a fallback for the publication date (a page is never published after its crawl)."""
    from warcio.archiveiterator import ArchiveIterator
    from .ingest import decode
    with open(path, "rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI") or ""
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                if "html" not in ctype.lower() and "text" not in ctype.lower():
                    continue   # images, scripts, PDFs: not reports
                status = rec.http_headers.get_statuscode() if rec.http_headers else "200"
                if status and not status.startswith("2"):
                    continue
                body = rec.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    yield _rejected(_doc_id(url), url, f"too large (over {MAX_RECORD_BYTES:,} bytes)")
                    continue
                try:
                    text = decode(body)
                except ValueError as e:
                    yield _rejected(_doc_id(url), url, str(e))
                    continue
                rep = Report(doc_id=_doc_id(url), raw=text, is_html="html" in ctype.lower(), source=url)
                rep.crawled = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield rep
        except Exception as e:   # a truncated or corrupt archive: keep what was read, report the rest
            yield _rejected(path.stem, str(path), f"WARC file unreadable past this point: {type(e).__name__}: {e}")


def read_feed(path: Path) -> Iterator[Union[Report, object]]:
    """One report per RSS/Atom entry: title and content (or summary), link as source."""
    import feedparser
    feed = feedparser.parse(str(path))
    if not feed.entries:
        why = f"not a readable feed: {feed.bozo_exception}" if feed.get("bozo") else "a feed with no entries"
        yield _rejected(path.stem, str(path), why)
        return
    for i, e in enumerate(feed.entries):
        url = e.get("link") or e.get("id") or f"{path}#{i}"
        body = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
        if not (body.strip() or e.get("title", "").strip()):
            why = f"feed entry {i} has no title or content"
            yield _rejected(f"{path.stem}:{i}" if not e.get("link") else _doc_id(url), str(path),
                            why + (f" (malformed feed: {feed.bozo_exception})" if feed.get("bozo") else ""))
            continue
        raw = f"<html><head><title>{e.get('title', '')}</title></head><body><article>{body}</article></body></html>"
        when = e.get("published_parsed") or e.get("updated_parsed")
        rep = Report(doc_id=_doc_id(url), raw=raw, is_html=True, source=url,
                     published=datetime(*when[:6]).date().isoformat() if when else None)
        yield rep
