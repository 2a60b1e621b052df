"""When an event happened: the date expression nearest the trigger in its sentence, a relative date
("yesterday", "last week"), else the publication date. Gives (date, time_precision), or None for a
date after publication (a plan, not an event)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import dates as dt
from .lexicon import SPEECH
from .patterns import RELATIVE_DATE
from .syntax import _clause_verb, ents

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
    best = None
    clause = _clause_verb(tok)
    own = {t.i for t in clause.subtree} if clause.dep_ == "advcl" else set()
    for ent in ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        while start > sent.start and sent.doc[start - 1].lower_ in ("over", "than", "more", "nearly", "almost",
                                                                    "early", "late", "mid", "about"):
            start -= 1
        r = dt.resolve(sent.doc[start:ent.end].text, ctx.published)
        if r is None:
            continue
        # a time of day alone ("overnight", "this morning") is of the day the sentence names, if it names one
        weak = ent.label_ == "TIME" and not CALENDAR.search(ent.text)
        dist = (ent.start not in own, weak, min(abs(ent.start - tok.i), abs(ent.end - tok.i)))
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


def _said_on(ent, tok) -> bool:
    """A date that tells when someone spoke ("police said Monday", "announced on Tuesday"), not when the
    trigger's event happened: the first verb above it is a verb of saying the trigger is not."""
    node = ent.root
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in SPEECH and node.i != tok.i
    return False

