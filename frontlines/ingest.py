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
WARC_EXT = {".warc", ".arc"}
FEED_EXT = {".rss", ".atom", ".xml"}
MAX_BYTES = 10 * 1024 * 1024     # a news page is far smaller; HTML cleaning costs about 1 s a MB
BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
STRAY_BYTES = 0.01   # UTF-8 with up to 1% undecodable bytes is a page with a few mis-encoded characters


@dataclass
class Rejected:
    """A report that could not be read; kept so that a run summary can list it."""
    doc_id: str
    source: str
    reason: str


def decode(data: bytes) -> str:
    """Bytes to text: a byte-order mark, else UTF-8 (a few stray bytes replaced), else the
    charset_normalizer guess. Raises ValueError with the reason."""
    if not data.strip():
        raise ValueError("empty")
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise ValueError(f"undecodable bytes ({codec} byte-order mark, then invalid data)") from e
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= STRAY_BYTES * len(text):
        return text   # mostly UTF-8: mixed encodings or a few corrupt bytes
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable bytes (no text encoding fits)")
    return str(best)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<(html|body|div|p|article|!doctype)\b", head))


def read_report(path: Path, doc_id: str | None = None, source: str | None = None) -> Report:
    """One report file; `source` is the name to record for it (default: the path)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"too large ({size:,} bytes > {MAX_BYTES:,})")
    data = path.read_bytes()
    text = decode(data)
    is_html = path.suffix.lower() in HTML_EXT or looks_like_html(text)
    return Report(doc_id=doc_id or path.stem, raw=text, is_html=is_html, source=source or str(path))


def read_gold_line(line: str, base: Path, lineno: int) -> Report:
    try:
        d = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON: {e}") from e
    if not isinstance(d, dict):
        raise ValueError(f"a gold line must be a JSON object, not a {type(d).__name__}")
    doc_id = str(d.get("doc_id") or f"{base.stem}-{lineno}")
    text = next((d[k] for k in ("text", "content", "body") if isinstance(d.get(k), str)), None)
    if isinstance(d.get("html"), str):
        rep = Report(doc_id=doc_id, raw=d["html"], is_html=True, source=d.get("url") or d.get("source") or str(base))
    elif text is not None:
        rep = Report(doc_id=doc_id, raw=text, is_html=looks_like_html(text),
                     source=d.get("url") or d.get("source") or str(base))
    elif d.get("path"):
        rep = read_report((base.parent / d["path"]).resolve(), doc_id,
                          source=d.get("url") or d.get("source") or Path(d["path"]).name)
    else:
        raise ValueError("line has neither text, html nor path")
    rep.published = d.get("published") or d.get("date") or None
    rep.gold = d
    return rep


def kind(path: Path) -> str:
    """What reader a file needs: jsonl, warc, feed, or report (.txt / .html / other text)."""
    suffixes = [x.lower() for x in path.suffixes[-2:]]
    ext = suffixes[-2] if suffixes and suffixes[-1] == ".gz" and len(suffixes) == 2 else (suffixes or [""])[-1]
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in WARC_EXT:
        return "warc"
    if ext in FEED_EXT:
        return "feed"
    return "report"


def iter_inputs(inputs) -> Iterator[tuple[Path, str]]:
    """(file, the name to record for it): a file found in a folder by the folder's name and its path
    inside ("reports/kabul/a.txt" for the input /data/reports), a file given alone by its name; never
    the machine's absolute path, which the store and the API would show."""
    known = (TEXT_EXT - {".md"}) | HTML_EXT   # .md only when named: a folder's README is no report
    for p in map(Path, inputs):
        if p.is_dir():
            top = p.resolve().name
            for q in sorted(p.rglob("*")):
                if q.is_file() and (q.suffix.lower() in known or kind(q) != "report"):
                    yield q, str(Path(top, q.relative_to(p)).as_posix())
        else:
            yield p, p.name


def iter_paths(inputs) -> Iterator[Path]:
    for p, _ in iter_inputs(inputs):
        yield p


def read_jsonl(path: Path) -> Iterator[Union[Report, Rejected]]:
    """One report per line (gold format, or news records with text / html / content and url)."""
    import gzip
    try:
        fh = (gzip.open(path, "rt", encoding="utf-8", errors="replace") if path.suffix.lower() == ".gz"
              else open(path, encoding="utf-8", errors="replace"))
    except OSError as e:
        yield Rejected(path.stem, str(path), f"cannot open: {e}")
        return
    with fh:
        try:
            for i, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rep = read_gold_line(line, path, i)
                except Exception as e:   # one bad line never stops the file
                    yield Rejected(_line_id(line) or f"{path.stem}:{i}", str(path), _reason(e))
                    continue
                yield rep
        except (OSError, EOFError) as e:   # a truncated .gz: what was read stands
            yield Rejected(f"{path.stem}:rest", str(path), f"file unreadable past this point: {e}")


def read_inputs(inputs) -> Iterator[Union[Report, Rejected]]:
    """Yield a Report for every readable report and a Rejected for every other one."""
    from .readers import read_feed, read_warc
    for path, shown in iter_inputs(inputs):
        k = kind(path)
        if k == "report":
            try:
                rep = read_report(path, source=shown)
            except Exception as e:   # one bad file never stops the batch
                yield Rejected(path.stem, shown, _reason(e))
                continue
            yield rep
            continue
        reader = {"jsonl": read_jsonl, "warc": read_warc, "feed": read_feed}[k]
        try:
            for item in reader(path):
                if item.source == str(path):   # a line or an entry with no URL of its own
                    item.source = shown
                yield item
        except Exception as e:
            yield Rejected(path.stem, shown, _reason(e))


def _reason(e: Exception) -> str:
    if isinstance(e, FileNotFoundError):
        return f"no such file: {e.filename}"
    return str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"


def _line_id(line: str) -> str | None:
    """The doc_id of a gold line that could not be read, when one can still be seen."""
    m = re.search(r'"doc_id"\s*:\s*"([^"]{1,200})"', line)
    return m.group(1) if m else None
