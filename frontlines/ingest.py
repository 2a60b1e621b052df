"""Read reports from .txt, .html and gold-format .jsonl files (or folders of them)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

from .records import Report

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Rejected:
    """A report that could not be read; kept so that a run summary can list it."""
    doc_id: str
    source: str
    reason: str


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 first, then the charset_normalizer guess. Raises ValueError."""
    if not data.strip():
        raise ValueError("empty")
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable bytes (no text encoding fits)")
    return str(best)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<(html|body|div|p|article|!doctype)\b", head))


def read_report(path: Path, doc_id: str | None = None) -> Report:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ValueError(f"too large ({len(data)} bytes > {MAX_BYTES})")
    text = decode(data)
    is_html = path.suffix.lower() in HTML_EXT or looks_like_html(text)
    return Report(doc_id=doc_id or path.stem, raw=text, is_html=is_html, source=str(path))


def read_gold_line(line: str, base: Path, lineno: int) -> Report:
    d = json.loads(line)
    doc_id = str(d.get("doc_id") or f"{base.stem}-{lineno}")
    if d.get("text") is not None:
        rep = Report(doc_id=doc_id, raw=d["text"], is_html=looks_like_html(d["text"]),
                     source=d.get("source") or str(base))
    elif d.get("path"):
        rep = read_report((base.parent / d["path"]).resolve(), doc_id)
    else:
        raise ValueError("gold line has neither text nor path")
    rep.published = d.get("published") or None
    rep.gold = d
    return rep


def iter_paths(inputs) -> Iterator[Path]:
    for p in map(Path, inputs):
        if p.is_dir():
            for q in sorted(p.rglob("*")):   # .md only when named: a folder's README is no report
                if q.is_file() and q.suffix.lower() in (TEXT_EXT - {".md"}) | HTML_EXT | JSONL_EXT:
                    yield q
        else:
            yield p


def read_inputs(inputs) -> Iterator[Union[Report, Rejected]]:
    """Yield a Report for every readable report and a Rejected for every other one."""
    for path in iter_paths(inputs):
        if path.suffix.lower() in JSONL_EXT:
            try:
                fh = open(path, encoding="utf-8", errors="replace")
            except OSError as e:
                yield Rejected(path.stem, str(path), f"cannot open: {e}")
                continue
            with fh:
                for i, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        yield read_gold_line(line, path, i)
                    except (ValueError, OSError, TypeError) as e:
                        yield Rejected(f"{path.stem}:{i}", str(path), str(e))
        else:
            try:
                yield read_report(path)
            except (ValueError, OSError) as e:
                yield Rejected(path.stem, str(path), str(e))
