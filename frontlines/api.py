"""Python API: plain records and pandas DataFrames."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .pipeline import Result, process, run_paths
from .records import Event, Report

if TYPE_CHECKING:
    import pandas


def extract_text(text: str, published: Optional[str] = None, doc_id: str = "report",
                 html: bool = False, source: Optional[str] = None) -> list[dict]:
    """Events in one report's text (or HTML) as plain dicts."""
    rep = Report(doc_id=doc_id, raw=text, is_html=html, source=source)
    return [e.to_dict() for e in process(rep, published).events]


def extract_file(*paths: str, published: Optional[str] = None) -> list[dict]:
    """Events in files (.txt, .html, gold .jsonl, folders) as plain dicts; unreadable reports are skipped."""
    out = []
    for r in run_paths(paths, published):
        if isinstance(r, Result):
            out.extend(e.to_dict() for e in r.events)
    return out


def events_frame(events: list) -> "pandas.DataFrame":
    import pandas as pd
    rows = [e.to_dict() if isinstance(e, Event) else dict(e) for e in events]
    return pd.DataFrame(rows)
