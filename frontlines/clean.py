"""Main text of a report: reader comments, captions and boilerplate dropped."""
from __future__ import annotations

import re

from .records import Report

# A comment signature: "user [parent] Fri, 11/03/2017 - 12:49 Permalink", "... said on ... Reply".
_DATE = r"(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\w{3,9} \d{1,2},? \d{4})"
SIGNATURE = re.compile(
    r"^.{0,80}?" + _DATE + r".{0,30}?\b(permalink|reply|report|link)\s*$"
    r"|^.{0,60}\b(says|said|wrote):?\s*$"
    r"|^.{0,60}" + _DATE + r"\s+(at\s+)?\d{1,2}:\d{2}\s*(am|pm)?\s*$",
    re.I,
)
COMMENT_HEADER = re.compile(
    r"^\s*(\d+\s+)?(comments?|reader comments|responses?|discussion)\s*(\(\d+\))?\s*:?\s*$"
    r"|^\s*(leave a (comment|reply)|post a comment|add (a|your) comment|join the discussion"
    r"|show comments|view comments|comments are closed|you must be logged in to post)\b",
    re.I,
)
BOILERPLATE = re.compile(
    r"(image|photo|picture|video)\s*(source|credit)s?\s*:|^\s*(share|tweet|email|print)\s*(this)?\s*$"
    r"|^\s*(read more|related( articles| stories)?|advertisement|subscribe\b|sign up\b|follow us\b)"
    r"|^\s*(copyright|©|all rights reserved)",
    re.I,
)

# a publication stamp run into the story's first line ("date 2018-05-08 Three members were killed..."):
# it goes on a line of its own, so that its date is neither an event's day nor a toll
STAMP = re.compile(r"^([ \t]*(?:date|published|posted|updated|last updated|first published)\s*:?\s*"
                   + _DATE + r")[ \t]+(?=\S)", re.I | re.M)


def _blocks(text: str):
    """Paragraph blocks with their start offsets and the blank-line gap before each."""
    out = []
    pos = 0
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        gap = text.count("\n", pos, m.start())
        out.append((m.start(), m.end(), gap))
        pos = m.end()
    return out


def split_comments(text: str) -> tuple[str, str]:
    """Cut a flattened page at the start of its comment section; return (main, dropped)."""
    blocks = _blocks(text)
    cut = None
    for i, (s, e, gap) in enumerate(blocks):
        first_line = text[s:e].split("\n", 1)[0]
        if COMMENT_HEADER.match(first_line):
            cut = i
            break
        if SIGNATURE.match(first_line) and len(first_line) < 160:
            cut = i
            # A comment whose signature was lost often sits just before, set off by a wider gap.
            gaps = [g for _, _, g in blocks[1:i]] or [2]
            usual = sorted(gaps)[len(gaps) // 2]
            for j in range(i - 1, max(0, i - 4), -1):
                if blocks[j][2] > usual:
                    cut = j
                    break
            break
    if cut is None:
        return text, ""
    start = blocks[cut][0]
    return text[:start].rstrip(), text[start:]


def drop_boilerplate(text: str) -> tuple[str, str]:
    keep, dropped = [], []
    for para in re.split(r"\n", text):
        (dropped if BOILERPLATE.search(para) and len(para) < 300 else keep).append(para)
    return "\n".join(keep), "\n".join(dropped)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and publication date of an HTML page (trafilatura, comments excluded)."""
    import trafilatura
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=False) or ""   # its dedup cache spans calls
    date = None
    try:
        meta = trafilatura.extract_metadata(html)
        date = meta.date if meta is not None else None
    except Exception:  # metadata is a bonus; a broken page still yields text
        date = None
    title = ""
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if m:
        import html as htmllib
        title = htmllib.unescape(re.sub(r"\s+", " ", m.group(1))).strip()
    if title and not text.startswith(title[:40]):
        text = title + "\n\n" + text
    return text, date


def clean(report: Report) -> Report:
    """Fill report.text (and report.dropped); set report.published from page metadata if unknown."""
    if report.is_html:
        text, date = html_to_text(report.raw)
        if date and not report.published:
            report.published = date[:10]
        dropped = ""
    else:
        text, dropped = split_comments(report.raw.replace("\r\n", "\n"))
    text, boiler = drop_boilerplate(text)
    report.text = STAMP.sub(lambda m: m.group(1).strip() + "\n\n", text).strip()
    report.dropped = "\n".join(x for x in (dropped, boiler) if x)
    return report
