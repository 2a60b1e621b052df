"""Where an event happened: among the places of its sentence, the one tied to the trigger's clause
and said as a location ("in", "at", "in the town of"), a town before a district before a province,
a landmark ("40 km south of Kabul") last; else the report's focus. Gives (Place, geo_precision, far)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..geo import Place, gazetteer, norm
from .lexicon import AREAS, BROAD, DIRECTIONS, LOCATIVE, NEAR_WORDS, PART_OF, PLACE_NOUNS, QUARTER_WORDS
from .patterns import OF_THE_TOWN
from .syntax import _clause_verb
from .toponyms import _who_not_where, dateline, tellers, water

if TYPE_CHECKING:
    from .context import DocContext
    from .mentions import SentenceMentions


def _place_for(tok, sm: SentenceMentions, ctx: DocContext):
    """(place, geo_precision, far) for a trigger: a toponym tied to it, the nearest in the sentence, or
    the focus; far: the place only gives a bearing to where the event was ("70 km north of Bukavu")."""
    best = None
    clause = _clause_verb(tok)
    clause_tokens = set(clause.subtree)
    scored = []
    found = [(p, span) for p, span in sm.places + sm.implied + sm.homes if not dateline(span) and not water(span) and
             not tellers(span, p) and not (p.kind == "country" and _who_not_where(span))]
    # "40 km south of Kabul" gives way to a town the sentence names for the event, not to a province:
    # with nothing nearer named, the event is placed at the landmark (ACLED's nearest named place)
    marks = [(p, span) for p, span in found if _landmark(span)]
    starts = {span.start for _, span in marks}
    others = [(p, span) for p, span in found if p.kind not in BROAD and span.start not in starts]
    # "Ghazni province south of Kabul", "north of Jalalabad in Kunar province" (Jalalabad is not in Kunar)
    demoted = {span.start for p, span in marks if any(
        _area_rank(q) < 2 or 0 <= span.start - sq.end <= 4 or (q.country_code, q.admin1) != (p.country_code, p.admin1)
        for q, sq in others)}
    # a town the text names before one it only means ("the Sanda-Wadjiri mosque in remote Kolofata": Kolofata)
    meant = {span.start for _, span in sm.implied}
    # a place whose own place the text names after it: "Leyte's Baybay city" is in Baybay
    named_at = {span.start for _, span in found}
    owners = {span.start for _, span in found if (w := _possessed(span)) is not None and w.i in named_at}
    for p, span in found:
        tied = span.root in clause_tokens
        dist = min(abs(span.start - tok.i), abs(span.end - tok.i))
        scored.append(((p.kind in BROAD, span.start in demoted, not tied, span.start in owners, _area_rank(p),
                        span.start in meant, not _locative(span), dist), p, span))
    if scored:
        scored.sort(key=lambda x: x[0])
        _, best, span = scored[0]
        if best.kind in BROAD:
            if ctx.focus is not None and ctx.focus.country_code == best.country_code and ctx.focus.kind not in BROAD:
                return ctx.focus, 2, False
            return best, 3, False
        doc = sm.sent.doc
        if _quarter(span) and ctx.focus is not None and \
                (best.country_code, best.admin1) != (ctx.focus.country_code, ctx.focus.admin1):
            return ctx.focus, 2, False   # a quarter of the city the report is about (not "the Lice district" of its province)
        after = " ".join(t.lower_ for t in doc[span.end:min(span.end + 6, sm.sent.end)])
        town = next((p for p in ctx.towns if p.name != best.name), None) if OF_THE_TOWN.match(after) else None
        if town is not None:
            return town, 2, False   # "the Mohan Talkies area of the town": a part of the report's town
        prec = 1
        window = {t.lower_ for t in sm.sent.doc[max(span.start - 3, sm.sent.start):span.start]}
        if window & NEAR_WORDS or best.kind in AREAS:
            prec = 2 if best.kind not in AREAS or best.kind == "admin2" else 3   # a district: ACLED's 2
        if span.start > 0 and sm.sent.doc[span.start - 1].lower_ in ("'s", "’s"):
            prec = 2
        if (w := _possessed(span)) is not None and w.pos_ in ("NOUN", "ADJ"):
            prec = 2   # "Deir Ezzor's airport": part of the place
        if span.start in starts:   # "south-west of Rafah": near it; "70 km north of Bukavu": only a bearing from it
            return best, 2, _directed(span)
        return best, prec, False
    if ctx.focus is not None and sm.unresolved and ctx.focus.kind not in BROAD + AREAS and \
            not all(_quarter(span) for span in sm.unresolved):
        # a village the gazetteer lacks is not the report's main town: its area, or its country (but "the
        # city's Madina district" is a quarter of it)
        area = next((a for a in gazetteer().admin1_areas(ctx.focus.admin1 or "")
                     if a.country_code == ctx.focus.country_code), None)
        return (area, 3, False) if area is not None else (gazetteer().country_place(ctx.focus.country_code), 3, False)
    if ctx.focus is not None:
        return ctx.focus, 2 if ctx.focus.kind not in BROAD else 3, False
    return None, 3, False


def _seat(p: Place) -> Place:
    """The point of an event told only by its province: ACLED codes it at the province's capital
    (geo_precision 3), here the town of the province's own name in it, where there is one ("in Wajir
    County": Wajir town); the event's place stays the province."""
    if p.kind != "admin1":
        return p
    return next((q for q, _ in gazetteer().candidates(p.name) if q.kind == "city" and q.country_code == p.country_code
                 and q.admin1 == p.admin1 and norm(q.name) == norm(p.name)), p)


def _possessed(span):
    """The word after a place's possessive ("Deir Ezzor's airport", "Leyte's Baybay city"), or None."""
    doc = span.doc
    return doc[span.end + 1] if span.end + 1 < len(doc) and doc[span.end].lower_ in ("'s", "’s") else None


def _quarter(span) -> bool:
    """ "Madina district", "Hodan neighbourhood", "Sabon Gari, a mainly Christian neighbourhood": a name
    followed by, or in apposition to, a word for a part of a city."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in QUARTER_WORDS or \
        any(c.dep_ == "appos" and c.lower_ in QUARTER_WORDS for c in span.root.children)


def _also_at(place, sm: SentenceMentions) -> list:
    """The other places the event's location lists with its own ("attacked army camps in Boulkessi and
    Mondoro", "strongholds in Misrata and Sirte"): places of the same kind and country conjoined with it.
    ACLED codes one event at each."""
    if place is None or place.kind in BROAD:
        return []
    roots = {span.root.i for p, span in sm.places if p is place}
    if not roots:
        return []
    doc = sm.sent.doc
    conj = {c.i for r in roots for c in doc[r].conjuncts}
    out = []
    for p, span in sm.places:
        if p is not place and span.root.i in conj and p.kind == place.kind and p.country_code == place.country_code \
                and all(p is not q for q in out) and p.name != place.name:
            out.append(p)
    return out


def _locative(span) -> bool:
    """Whether the text says something happened at the place: "in central Kiev", "at Ibi", "in the town of
    Banki", "in Hodan district" (not "a journalist of Ukrayinska Pravda", "gunmen from Maiduguri")."""
    i = span.start - 1
    while i > span.sent.start and span.doc[i].pos_ in ("DET", "ADJ") and span.start - i < 3:
        i -= 1   # "in central Kiev", "in the northern town"
    if i >= span.sent.start and span.doc[i].lower_ in LOCATIVE:
        return True
    t = span.root
    for _ in range(4):
        h = t.head
        if h is t:
            return False
        if h.dep_ == "prep":
            if h.lower_ in LOCATIVE:
                return True
            if h.lower_ == "of" and h.head.lower_ in PLACE_NOUNS | PART_OF:   # "the town of Banki"
                t = h.head
                continue
            return False
        if t.dep_ not in ("compound", "appos", "conj"):   # "Hodan district", "Bama and Gwoza"
            return False
        t = h
    return False


def _area_rank(p: Place) -> int:
    """0 a town, 1 a district, 2 a province or region."""
    return 0 if p.kind not in AREAS else 1 if p.kind == "admin2" else 2


def _landmark(span) -> bool:
    """A place told only to say where another is: "40 km south of Kabul", "the Geneva-based agency"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text in ("-", "–") and doc[span.end + 1].lower_ == "based":
        return True
    i = span.start - 1
    while i > span.sent.start and i >= span.start - 5 and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PART"):
        i -= 1
    return i > span.sent.start and doc[i].lower_ in ("of", "from") and doc[i - 1].lower_ in DIRECTIONS


def _directed(span) -> bool:
    """ "70 km north of Bukavu": a distance and a bearing from the place, not the place."""
    return any(t.like_num for t in span.doc[max(span.start - 8, span.sent.start):span.start])
