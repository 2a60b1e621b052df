"""One incident told several times in a report is one event (merge_within): a headline, a lead, a
retelling and a later toll join, each sentence kept as the event's evidence; a toll told in the next
sentences joins the event before it (_fatalities_from_following). Takes a report's events in text order
(Event.extra: sentence, headline, undated, generic, vague, place_told, place_kind, priority); gives them
merged, in text order."""
from __future__ import annotations

import re
from bisect import insort
from datetime import date
from typing import Optional

from ..fatalities import fatalities
from ..geo import haversine_km
from ..merge import named
from ..records import Event
from .lexicon import AREAS, BROAD


def _fatalities_from_following(events: list[Event], sents) -> None:
    """A death toll told in the next sentences, before any other event, belongs to the event before it;
    a later "the death toll rose to 21" updates the toll it had."""
    told = {ev.extra["sentence"] for ev in events}
    for ev in events:
        si = ev.extra["sentence"]
        for nxt in range(si + 1, min(si + 3, len(sents))):
            if nxt in told:
                break
            fat = fatalities(sents[nxt].text)
            if fat is not None and (not ev.fatalities or TOLL_UPDATE.search(sents[nxt].text)):
                ev.fatalities = fat
                ev.extra.setdefault("also", []).append((sents[nxt].text.strip(), sents[nxt].start_char,
                                                        sents[nxt].end_char))
                break


def _same_time(a: Event, b: Event) -> bool:
    """Same date, or one is dated only by publication (a headline, or a sentence that gives no day) and
    the other within the week before it."""
    if a.event_date == b.event_date:
        return True
    if _headline(a) != _headline(b):   # a headline is dated by publication: the body's day is before it
        undated, dated = (a, b) if _headline(a) else (b, a)
    elif a.extra.get("undated") == b.extra.get("undated"):
        return False
    else:
        undated, dated = (a, b) if a.extra.get("undated") else (b, a)
    gap = (date.fromisoformat(undated.event_date) - date.fromisoformat(dated.event_date)).days
    return 0 <= gap <= 7


SAME_PLACE_KM = 25    # two places this close are one place for an incident ("Misrata" and its air academy)
AREA_KM = 200         # a named region without a province holds towns this close to its centre
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
# a vague retelling of these types may be part of an incident of another type; a suicide bomb, a shelling
# or an air strike told vaguely is still its own ACLED event beside the clash it opened
LOOSE_TYPES = ("Battles", "Violence against civilians")
PLACE_FIELDS = ("location", "latitude", "longitude", "admin1", "country", "geo_precision")
TOLL_UPDATE = re.compile(r"\b(death )?toll (has |had )?(rose|risen|rises|climbed|climbs|reached|reaches|increased|"
                         r"jumped|stands|stood)\b|\b(rose|risen|climbed|increased) to\b", re.I)


def _within(a: Event, b: Event) -> bool:
    """Whether b's place is a's place or lies in it (a country, a province or region holding the town)."""
    if a.location == b.location or a.location is None:
        return True
    if a.latitude is None or b.latitude is None or a.country != b.country:
        return False
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    kind = a.extra.get("place_kind")
    if km <= SAME_PLACE_KM or kind in BROAD:
        return True
    return kind in AREAS and ((a.admin1 is not None and a.admin1 == b.admin1) or km <= AREA_KM)


def _headline(ev: Event) -> bool:
    return bool(ev.extra.get("headline"))


def _same_side(x: Optional[str], y: Optional[str]) -> bool:
    """Sides that do not differ: equal, or one not named ("militants" may be the group named elsewhere)."""
    return x == y or not x or not y or x.startswith("Unidentified") or y.startswith("Unidentified")


def _in_area(a: Event, b: Event) -> bool:
    """Whether the vaguer of two tellings (dated only by when it was told) is at the surer one's place,
    names no place, or names an area that holds it."""
    vaguer, surer = (a, b) if a.extra.get("undated") else (b, a)
    return vaguer.location == surer.location or not vaguer.extra.get("place_told", True) or \
        vaguer.extra.get("place_kind") in AREAS + BROAD and _within(vaguer, surer)


def _same_incident(a: Event, b: Event, dated: bool = True) -> bool:
    """Whether two events of a report tell one incident: one time (one dated only by when it was told,
    "police said Monday", and the other's day within the week before, at its place or in its area: the
    vaguer telling of the surer one), one place (or a town and the area it lies in; a sentence that
    names no place, placed at the report's focus, may tell any place of its country), and sides that do
    not differ (an unnamed "militants" may be a named group; roles swapped in a clash are the same).
    dated=False: b refers back to an incident told before ("the capture of Nyabibwe"); its sentence's
    date is another clause's."""
    if b.extra.get("another") and a.extra.get("sentence") != b.extra.get("sentence"):
        return False   # told after a, as a new incident: "a second car bomb exploded", "in a separate attack"
    headline = _headline(a) or _headline(b)
    if dated and a.event_date != b.event_date and not (_same_time(a, b) and (headline or _in_area(a, b))):
        return False
    told = a.extra.get("place_told", True) and b.extra.get("place_told", True)
    if a.location != b.location and not (_within(a, b) or _within(b, a)) and \
            (told or a.country != b.country):   # a place no sentence named (the report's focus) says nothing
        return False
    return (_same_side(a.actor1, b.actor1) or bool(a.actor1 and a.actor1 == b.actor2) or
            bool(a.actor2 and a.actor2 == b.actor1))


def _absorb(twin: Event, ev: Event, keep_type: bool = False) -> None:
    """ev tells twin's incident again: twin keeps the most it can say (its own type when ev is a headline,
    a toll or a part of it)."""
    twin.extra.setdefault("also", []).extend([(ev.evidence, ev.evidence_start, ev.evidence_end),
                                              *ev.extra.get("also", [])])
    if twin.extra.get("undated") and not ev.extra.get("undated") and not ev.extra.get("definite"):
        # told first only by when it was said (a headline, "police said Monday"); this telling says when
        for k in ("event_date", "time_precision", "evidence", "evidence_start", "evidence_end", "trigger"):
            setattr(twin, k, getattr(ev, k))
        twin.extra["undated"] = False
    finer = twin.extra.get("place_kind") in AREAS + BROAD and ev.extra.get("place_kind") not in AREAS + BROAD
    if ev.location != twin.location and _within(twin, ev) and (finer or not _within(ev, twin)) and \
            not ev.extra.get("far"):   # "70 km north of Bukavu" is not where it was
        for k in PLACE_FIELDS:   # the town, not the province the headline named
            setattr(twin, k, getattr(ev, k))
        twin.extra["place_kind"] = ev.extra.get("place_kind")
    if not keep_type and ev.extra.get("priority", 0) > twin.extra.get("priority", 0) and \
            twin.sub_event_type != ev.sub_event_type:
        twin.event_type, twin.sub_event_type = ev.event_type, ev.sub_event_type
        twin.extra["priority"] = ev.extra["priority"]
    if ev.fatalities and (not twin.fatalities or TOLL_UPDATE.search(ev.evidence)):
        twin.fatalities = ev.fatalities   # the report's latest stated toll (a headline's "dozens" only if none)
    for k, other in (("actor1", "actor2"), ("actor2", "actor1")):   # a side the other telling names
        mine, theirs = getattr(twin, k), getattr(ev, k)
        if theirs and (named(theirs) or mine is None) and not named(mine) and theirs != getattr(twin, other) and \
                not (mine and not mine.startswith("Unidentified")):   # "Civilians", "Protesters" stay
            setattr(twin, k, theirs)


def _day(ev: Event) -> date:
    return date.fromisoformat(ev.event_date)


def merge_within(events: list[Event]) -> list[Event]:
    """One incident told several times in a report is one event. Events of one type that tell one
    incident (_same_incident) merge; a toll told on its own ("eight others were injured"), a retelling
    that names neither place nor side, or one that refers back ("the capture of Nyabibwe", "opened fire in
    both encounters", whatever date its sentence gives) joins the incident before it, of whatever violent
    type; headlines come last and join the body's incident, whose type and sides win. Events are indexed
    by (type, day), so a long report stays linear."""
    out: list[Event] = []
    told: dict[tuple, list[int]] = {}   # (type, day) -> positions in out, in order
    days: dict[date, list[int]] = {}    # day -> positions in out of every type

    def near(ev: Event, typed: bool) -> list[int]:
        """Positions of the events ev may retell: its type's (or any type's) on its day or in the week
        on the other side of an undated one, found by (type, day), so a long report stays linear."""
        # (a headline is dated by publication, like an undated telling: the body's day is before it)
        d, step = _day(ev).toordinal(), -1 if ev.extra.get("undated") or _headline(ev) else 1
        found = set()
        for k in range(8):
            day = date.fromordinal(d + step * k)
            found.update(told.get((ev.event_type, day), ()) if typed else days.get(day, ()))
        return sorted(i for i in found if _same_incident(out[i], ev))

    def add(ev: Event) -> None:
        insort(told.setdefault((ev.event_type, _day(ev)), []), len(out))
        insort(days.setdefault(_day(ev), []), len(out))
        out.append(ev)

    def absorb(at: int, ev: Event, keep_frame: bool = False) -> None:
        twin = out[at]
        before = (twin.event_type, _day(twin))
        _absorb(twin, ev, keep_type=keep_frame or twin.event_type != ev.event_type)
        if (twin.event_type, _day(twin)) != before:   # found among its new type and day from now on
            told[before].remove(at)
            days[before[1]].remove(at)
            insort(told.setdefault((twin.event_type, _day(twin)), []), at)
            insort(days.setdefault(_day(twin), []), at)

    for ev in (e for e in events if not _headline(e)):
        same = near(ev, typed=True)
        if not same and ev.extra.get("definite"):
            # "the capture of Nyabibwe", "police opened fire in both encounters": an incident told before
            # (a noun refers to its own kind: "the aerial bombing" is no retelling of a clash)
            recent = [i for i in reversed(range(max(len(out) - 5, 0), len(out))) if
                      _same_incident(out[i], ev, dated=False) and (out[i].event_type == ev.event_type or (
                          ev.extra["definite"] == "frame" and {out[i].event_type, ev.event_type} <= set(VIOLENT)))]
            same = sorted(recent, key=lambda i: out[i].event_type != ev.event_type)[:1]
        if not same and (ev.extra.get("generic") or ev.extra.get("vague") and ev.event_type in LOOSE_TYPES):
            # "eight others were injured in the raid": its toll; "militants opened fire upon them": part of it
            same = [i for i in near(ev, typed=False) if out[i].event_type in VIOLENT
                    and out[i].extra.get("sentence", 0) <= ev.extra.get("sentence", 0)][-1:]
        absorb(same[0], ev) if same else add(ev)
    # a headline ("Soldiers killed in attack on Sinai checkpoint") tells the body's incident, of the type and
    # with the sides the body, which tells more, gives it
    for ev in (e for e in events if _headline(e)):
        same = near(ev, typed=True) or [j for j in near(ev, typed=False) if _same_side(ev.actor1, out[j].actor1)]
        absorb(same[0], ev, keep_frame=True) if same else add(ev)
    return sorted(out,
                  key=lambda e: (e.extra.get("sentence", 0), e.evidence_start))
