"""Publication dates, and event dates from relative expressions.

Precision follows ACLED: 1 = day, 2 = week / a few days, 3 = month or coarser.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "couple of": 2, "few": 3, "several": 3}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
MODIFIERS = re.compile(r"\b(early|late|mid|middle of|end of|beginning of|start of|the|on|in|"
                       r"at|since|during|until|by|around|about|some|over|more than|nearly|almost)\b-?",
                       re.I)


def parse_iso(s: str | None) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def published_from_text(raw: str, source: str | None = None) -> Optional[str]:
    """A publication date found in a URL/file name, the page header, or else the earliest dated comment."""
    if source:
        m = re.search(r"(19|20)\d{2}[-/_](0[1-9]|1[0-2])[-/_](0[1-9]|[12]\d|3[01])", source)
        if m:
            return re.sub(r"[/_]", "-", m.group(0))
    header = "\n".join(raw.splitlines()[:8])
    found = _explicit_dates(header)
    if found:
        return found[0].isoformat()
    found = _explicit_dates(raw)
    return min(found).isoformat() if found else None


def _explicit_dates(text: str) -> list[date]:
    out = []
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        out.append((int(m[1]), int(m[2]), int(m[3])))
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):  # US style m/d/Y
        out.append((int(m[3]), int(m[1]), int(m[2])))
    for m in re.finditer(r"\b(\d{1,2}) ([A-Z][a-z]+),? (\d{4})\b", text):
        if m[2].lower() in MONTHS:
            out.append((int(m[3]), MONTHS[m[2].lower()], int(m[1])))
    for m in re.finditer(r"\b([A-Z][a-z]+)\.? (\d{1,2}),? (\d{4})\b", text):
        if m[1].lower() in MONTHS:
            out.append((int(m[3]), MONTHS[m[1].lower()], int(m[2])))
    dates = []
    for y, mo, d in out:
        try:
            dates.append(date(y, mo, d))
        except ValueError:
            pass
    return dates


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def resolve(expr: str, published: date) -> Optional[tuple[date, int]]:
    """Resolve a date expression (a DATE/TIME span) against the publication date.

    Returns (date, precision) or None when the expression names no point in the past.
    """
    s = " ".join(expr.lower().replace("’", "'").split())
    over = bool(re.search(r"\b(over|more than)\b", s))
    if re.search(r"\b(tomorrow|next|coming|upcoming)\b", s):
        return None
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening)|overnight|earlier today)\b", s):
        return published, 1
    if re.search(r"\b(yesterday|last night)\b", s):
        return published - timedelta(days=1), 1
    if re.search(r"\bday before yesterday\b", s):
        return published - timedelta(days=2), 1
    for name, idx in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", s):
            told = _absolute(s, published)   # "Monday, 9 March": the calendar day, of the year whose 9 March
            if told is not None and told[1] == 1:   # is a Monday (this year's, told of a plan, is after publication)
                for year in (() if re.search(r"\b\d{4}\b", s) else (published.year, published.year - 1)):
                    try:
                        d = told[0].replace(year=year)
                    except ValueError:
                        continue
                    if d.weekday() == idx:
                        return d, 1
                return told
            back = (published.weekday() - idx) % 7
            if "last" in s.split() and back == 0:
                back = 7
            return published - timedelta(days=back), 1
    if re.search(r"\bweekend\b", s):   # "over the weekend", "a weekend attack": the last Saturday and Sunday
        back = (published.weekday() - 5) % 7
        if re.search(r"\b(last|previous|past)\b", s) and back < 2:
            back += 7   # "last weekend", told on a Sunday: the one before
        return published - timedelta(days=back), 2
    if re.search(r"\b(this|last|past|previous) week\b|\bpast (few|several|two|three) days\b|"
                 r"\bin recent days\b|\bthis week\b", s):
        base = published - timedelta(days=7) if re.search(r"\b(last|previous|past) week", s) else published
        return base - timedelta(days=base.weekday()), 2
    if re.search(r"\b(last|past|previous) month\b", s):
        return _add_months(published, -1), 3
    if re.search(r"\bthis month\b|\bearlier this month\b", s):
        return _month_start(published), 3
    if re.search(r"\b(last|past|previous) year\b", s):
        return date(published.year - 1, 1, 1), 3
    m = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                  r"couple of|few|several) (day|week|month|year)s? (ago|back|earlier)\b", s)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
        days = n * UNIT_DAYS[m[2]]
        if over:  # "over a year ago": a sixth of the unit further back than the bare figure
            days += UNIT_DAYS[m[2]] * n // 6
        d = published - timedelta(days=days)
        prec = {"day": 1, "week": 2}.get(m[2], 3)
        if m[2] == "day" and n > 2:
            prec = 2
        return (_month_start(d) if prec == 3 else d), prec
    return _absolute(s, published)


def _absolute(s: str, published: date) -> Optional[tuple[date, int]]:
    """Explicit calendar dates, with or without a year; a month alone gives month precision."""
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    m = re.search(r"\b(\d{1,2}) (?:of )?([a-z]+)\.?,? ?(\d{4})?\b", s) or None
    if m and m[2] in MONTHS:
        return _complete(int(m[3]) if m[3] else None, MONTHS[m[2]], int(m[1]), published)
    m = re.search(r"\b([a-z]+)\.? (\d{1,2})(?:,? (\d{4}))?\b", s)
    if m and m[1] in MONTHS:
        return _complete(int(m[3]) if m[3] else None, MONTHS[m[1]], int(m[2]), published)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return _complete(int(m[1]), int(m[2]), int(m[3]), published)
    m = re.search(r"\b([a-z]+)\.?(?: of)?(?: (\d{4}))?\b", MODIFIERS.sub(" ", s).strip())
    if m and m[1] in MONTHS and len(m[1]) > 2:
        year = int(m[2]) if m[2] else (published.year if MONTHS[m[1]] <= published.month
                                       else published.year - 1)
        return date(year, MONTHS[m[1]], 1), 3
    m = re.fullmatch(r"(?:in |during |since )?(\d{4})", s)
    if m and 1900 < int(m[1]) <= published.year:
        return date(int(m[1]), 1, 1), 3
    return None


def _complete(year, month, day, published: date):
    try:
        if year is None:
            d = date(published.year, month, day)
            if d > published + timedelta(days=1):
                d = date(published.year - 1, month, day)
        else:
            d = date(year, month, day)
    except ValueError:
        return None
    return d, 1
