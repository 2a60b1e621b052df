"""When an event happened: the date expression nearest the trigger in its sentence ("three days after"
another day counts back from it), a relative date ("yesterday", "last week"), else the publication
date. Gives (date, time_precision, bound), or None for a date after publication (a plan, not an event)."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from .. import dates as dt
from ..fatalities import to_int
from .lexicon import SPEECH
from .patterns import RELATIVE_DATE
from .syntax import _clause_verb, _relative_clause, _verb_above, ents

if TYPE_CHECKING:
    from .context import DocContext


CALENDAR = re.compile(r"\d|\b(mon|tues|wednes|thurs|fri|satur|sun)day|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                      r"nov|dec)[a-z]*\b|\byesterday\b|\blast\b", re.I)


def _date_for(tok, sent, ctx: DocContext):
    """(date, time_precision, bound) of a trigger: the date expression nearest it, one inside the trigger's
    own "after ..." or "when ..." clause first ("pulling bodies on Monday after a truck bomb exploded on
    Saturday"); else a relative date; else the publication date. `bound`: the date only says when the
    event was told (publication, "police said Monday"), not when it happened. None for a date after
    publication."""
    before = _days_before(tok, sent, ctx)
    if before is not None:
        return before
    best = None
    clause = _clause_verb(tok)
    own = {t.i for t in clause.subtree} if clause.dep_ == "advcl" else set()
    # a date in a relative clause the trigger is not in tells of a participant ("a farmer who survived an
    # attack in 2019 was killed on Monday")
    mine = _relative_clause(tok)
    for ent in ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        while start > sent.start and sent.doc[start - 1].lower_ in ("over", "than", "more", "nearly", "almost",
                                                                    "early", "late", "mid", "about"):
            start -= 1
        end = ent.end
        while end + 1 < sent.end and sent.doc[end].text == "," and sent.doc[end + 1].ent_type_ == "DATE":
            end += 1   # "Monday, 9 March": NER's two dates are one
            while end < sent.end and sent.doc[end].ent_type_ == "DATE":
                end += 1
        r = dt.resolve(sent.doc[start:end].text, ctx.published)
        if r is None:
            continue
        # a time of day alone ("overnight", "this morning") is of the day the sentence names, if it names one
        weak = ent.label_ == "TIME" and not CALENDAR.search(ent.text)
        other = _relative_clause(ent.root)
        dist = (ent.start not in own, other is not None and (mine is None or other.i != mine.i), weak,
                min(abs(ent.start - tok.i), abs(ent.end - tok.i)))
        if best is None or dist < best[0]:
            best = (dist, r, _said_on(ent, tok))
    if best:
        # the date told with the event is after publication: a plan, a typo or a hoax, not an event
        return (*best[1], best[2]) if best[1][0] <= ctx.published else None
    m = RELATIVE_DATE.search(sent.text)
    if m:
        r = dt.resolve(m.group(0), ctx.published)
        if r is not None and r[0] <= ctx.published:
            return (*r, False)
    # a sentence with a time expression it could not place ("after two months of fighting") is told as dated
    return ctx.published, 1, not any(e.label_ in ("DATE", "TIME") for e in ents(sent))


OFFSET = re.compile(r"^(a|an|one|two|three|four|five|six|seven|\d+) (day|days|week|weeks)$", re.I)


def _days_before(tok, sent, ctx: DocContext):
    """ "declared Raqqa liberated on Friday, three days after the fighters took full control": the
    trigger inside "N days after ..." happened N days before the day the sentence gives (or the day of
    publication, as a bound)."""
    for after in sent:
        clause = after.head if after.dep_ == "mark" else after   # "three days after the fighters took it"
        if after.lower_ != "after" or not any(t.i == tok.i for t in clause.subtree):
            continue
        span = next((c for h in (after, clause) for c in h.children if c.dep_ == "npadvmod"), None)
        if span is None:
            continue
        words = " ".join(t.text for t in span.subtree)
        m = OFFSET.match(words)
        if not m:
            continue
        n = to_int(m[1])
        days = n * (7 if m[2].lower().startswith("week") else 1)
        inside = {t.i for t in clause.subtree}
        base, bound = None, True
        for ent in ents(sent):
            if ent.label_ == "DATE" and ent.start not in inside:
                r = dt.resolve(ent.text, ctx.published)
                if r is not None and r[0] <= ctx.published:
                    base, bound = r[0], False
                    break
        day = (base or ctx.published) - timedelta(days=days)
        return day, 1 if m[2].lower().startswith("day") else 2, bound
    return None


def _said_on(ent, tok) -> bool:
    """A date that tells when someone spoke ("police said Monday", "announced on Tuesday"), not when the
    trigger's event happened: the first verb above it is a verb of saying the trigger is not."""
    verb = _verb_above(ent.root)
    return verb.i != ent.root.i and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH and \
        verb.i != tok.i


def _more_days(sent, ctx: DocContext, first) -> list:
    """The other days of a date that lists several ("clashed on Tuesday and Wednesday"), when the event
    is dated by its first: ACLED codes an event on each day."""
    groups, last = [], None
    for ent in (e for e in ents(sent) if e.label_ == "DATE"):
        between = {t.lower_ for t in sent.doc[last.end:ent.start]} if last is not None else None
        if between and between <= {"and", ",", "&", "on"}:
            groups[-1].append(ent.text)
        else:
            groups.append([ent.text])
        last = ent
    for parts in (p for g in groups for p in [[x for t in g for x in LIST_SPLIT.split(t) if x.strip()]]):
        if len(parts) < 2 or not all(WEEKDAY.search(p) for p in parts):
            continue
        days = [dt.resolve(p, ctx.published) for p in parts]
        if all(r is not None and r[1] == 1 for r in days) and days[0][0] == first:
            return sorted({r[0] for r in days[1:]} - {first})
    return []


LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def _year_only(sent, ctx: DocContext, first) -> bool:
    """Whether the event's date is told only by its year ("last year", "a 2012 coup"): no day or month."""
    for ent in ents(sent):
        if ent.label_ != "DATE":
            continue
        r = dt.resolve(ent.text, ctx.published)
        months = any(w in dt.MONTHS for w in re.findall(r"[a-z]+", ent.text.lower()))
        if r is not None and r == (first, 3) and not months:
            return re.search(r"\b(\d{4}|year)\b", ent.text.lower()) is not None
    return False


def _dated_clause(tok, sent) -> bool:
    """Whether the trigger's own clause gives a date ("the explosion took place on Thursday"), not only a
    clause inside or beside it ("the capture ... takes them closer to the city they failed to take last week")."""
    own = _clause_verb(tok).i
    return any(ent.label_ in ("DATE", "TIME") and _clause_verb(ent.root).i == own for ent in ents(sent))
