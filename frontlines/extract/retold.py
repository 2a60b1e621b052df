"""A later sentence that refers back to an incident ("the attack in the municipality of Aguililla",
"the checkpoint was 2 km from El Arish", "This took place in the Dekoa area yesterday") tells more of it:
the town where it happened, when the report first placed it only in a province or region, and the day,
when the report first dated it only by when it was told. Takes a report's events (merged) and its sentences."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dates as dt
from ..geo import haversine_km
from ..records import Event
from .eventplace import _landmark
from .lexicon import AREAS, BROAD, INCIDENT_NOUNS, MILITARY_TARGETS, NEAR_WORDS, OCCUR_VERBS, POLICE_TARGETS
from .mentions import SentenceMentions
from .syntax import _clause_verb, ents

if TYPE_CHECKING:
    from .context import DocContext

REFERRING = INCIDENT_NOUNS | MILITARY_TARGETS | POLICE_TARGETS
DEFINITE = {"the", "this", "that", "its", "both", "these", "those"}
NEW = {"another", "second", "previous", "earlier", "last", "separate", "other", "similar", "first"}
AREA_KM = 200   # a region without a province holds towns this close to its centre
AHEAD = 12      # sentences read after an incident for a reference back to it (a long report stays linear)


def definite(tok) -> str:
    """ "noun": "the capture of Nyabibwe", "Saturday's attack", a noun that names an incident the reader
    knows, not "another attack", and not dated in its own phrase ("the attack on Monday"); "frame": "opened
    fire in both encounters", a verb told of such an incident; else ""."""
    if tok.pos_ == "VERB":
        return "frame" if any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
            o.dep_ == "pobj" and o.lemma_.lower() in INCIDENT_NOUNS and definite(o) for o in c.children)
            for c in tok.children) else ""
    if tok.pos_ != "NOUN":
        return ""
    kids = list(tok.children)
    poss = {t.i for c in kids if c.dep_ == "poss" for t in c.subtree}   # "Saturday's attack" is the known one
    if any(c.lower_ in NEW for c in kids) or any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree
                                                   if t.i != tok.i and t.i not in poss):
        return ""
    return "noun" if any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in kids) else ""


def _refers_back(tok, told: set) -> bool:
    """ "the attack", "the checkpoint": a definite noun the incident's own sentence used; "the incident",
    "this" or "it" told only to say when or where ("This took place in the Dekoa area")."""
    if tok.lower_ in ("this", "it"):
        return _occurred(tok)
    return (tok.lemma_.lower() in told or tok.lemma_.lower() in INCIDENT_NOUNS and _occurred(tok)) and \
        definite(tok) == "noun"


def _occurred(tok) -> bool:
    """The subject of a verb that only says when and where: "the attack took place", "it happened"."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in OCCUR_VERBS:
        return False
    return verb.lemma_.lower() != "take" or any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def _day_told(refs, ctx: DocContext):
    """(date, time_precision) an occurrence sentence gives its incident ("The attack took place on
    Saturday"), None if it gives none (or one after publication)."""
    for r in refs:
        if not _occurred(r):
            continue
        for ent in ents(r.sent):
            if ent.label_ in ("DATE", "TIME") and any(t.i == ent.root.i for t in r.head.subtree):
                told = dt.resolve(ent.text, ctx.published)
                if told is not None and told[0] <= ctx.published:
                    return told
    return None


def _inside(ev: Event, place) -> bool:
    """Whether a town lies in the area an event is placed at (its province, or near a region's centre)."""
    if place.country_code is None or ev.country != place.country or ev.latitude is None:
        return False
    if ev.extra.get("place_kind") in BROAD:
        return True
    return (ev.admin1 is not None and ev.admin1 == place.admin1) or \
        haversine_km(ev.latitude, ev.longitude, place.latitude, place.longitude) <= AREA_KM


def _same_day(sent, ev: Event, ctx: DocContext) -> bool:
    """No date in the sentence, or only the event's own."""
    for ent in ents(sent):
        if ent.label_ == "DATE":
            r = dt.resolve(ent.text, ctx.published)
            if r is not None and r[0].isoformat() != ev.event_date:
                return False
    return True


def place_told_later(events: list[Event], sents, ctx: DocContext) -> None:
    """An event placed at an area takes the town a later sentence gives for it; one dated only by when it
    was told takes the day a later sentence says it took place."""
    by_start = {s.start_char: i for i, s in enumerate(sents)}
    own = {ev.extra.get("sentence") for ev in events}
    for ev in events:
        if ev.extra.get("place_kind") not in AREAS + BROAD and not ev.extra.get("undated"):
            continue
        told_in = [by_start.get(start) for _, start, _ in ev.extra.get("also", [])] + [ev.extra.get("sentence")]
        told = {t.lemma_.lower() for i in told_in if i is not None for t in sents[i]} & REFERRING
        first = min(i for i in told_in if i is not None)
        for si in range(first + 1, min(first + 1 + AHEAD, len(sents))):
            sent = sents[si]
            if si in own and si not in told_in:
                break   # another incident is told: what follows may be of it
            refs = [t for t in sent if _refers_back(t, told)]
            day = _day_told(refs, ctx) if refs and ev.extra.get("undated") else None
            if day is not None:
                ev.event_date, ev.time_precision = day[0].isoformat(), day[1]
                ev.extra["undated"] = False
            found = []
            if refs and _same_day(sent, ev, ctx) and ev.extra.get("place_kind") in AREAS + BROAD:
                sm = ctx.mentions.get(sent.start) or SentenceMentions(sent, ctx)
                clauses = {t.i for r in refs for t in _clause_verb(r).subtree}
                # a town the incident was near, or only a bearing from ("15 km southwest of Nyala"): nearer it
                # than the area's middle, as ACLED places it (geo_precision 2)
                found = [(p, span) for p, span in sm.places
                         if p.kind not in AREAS + BROAD and span.root.i in clauses and _inside(ev, p)]
            if found:
                p, span = found[0]
                before = {t.lower_ for t in sent.doc[max(span.start - 6, sent.start):span.start]}
                # "2-3 kilometres away from El Arish", "60 km west of Quetta": near it
                near = before & (NEAR_WORDS | {"from", "away"}) or _landmark(span)
                ev.country, ev.admin1, ev.location = p.country, p.admin1 or None, p.name
                ev.latitude, ev.longitude = round(p.latitude, 4), round(p.longitude, 4)
                ev.geo_precision = 2 if near else 1
                ev.extra["place_kind"] = p.kind
            elif day is None:
                continue
            ev.extra.setdefault("also", []).append((sent.text.strip(), sent.start_char, sent.end_char))
            break
