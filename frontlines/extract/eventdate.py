"""When an event happened: the date expression nearest the trigger in its sentence, a relative date
("yesterday", "last week"), else the publication date. Gives (date, time_precision), or None for a
date after publication (a plan, not an event)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dates as dt
from .patterns import RELATIVE_DATE
from .syntax import _clause_verb, ents

if TYPE_CHECKING:
    from .context import DocContext


def _date_for(tok, sent, ctx: DocContext):
    """(date, time_precision) of a trigger: the date expression nearest it, one inside the trigger's own
    "after ..." or "when ..." clause first ("pulling bodies on Monday after a truck bomb exploded on
    Saturday"); else a relative date; else the publication date. None for a date after publication."""
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
        dist = (ent.start not in own, min(abs(ent.start - tok.i), abs(ent.end - tok.i)))
        if best is None or dist < best[0]:
            best = (dist, r)
    if best:
        # the date told with the event is after publication: a plan, a typo or a hoax, not an event
        return best[1] if best[1][0] <= ctx.published else None
    m = RELATIVE_DATE.search(sent.text)
    if m:
        r = dt.resolve(m.group(0), ctx.published)
        if r is not None and r[0] <= ctx.published:
            return r
    return ctx.published, 1

