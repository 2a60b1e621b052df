"""One incident told twice in a report is one event: events of one report that share type, place and
time merge (the body's date over a headline's), and a toll told in the next sentences joins the event
before it."""
from __future__ import annotations

from datetime import date

from ..fatalities import fatalities
from ..records import Event


def _fatalities_from_following(events: list[Event], sents) -> None:
    """A death toll told in the next sentences, before any other event, belongs to the event before it."""
    told = {ev.extra["sentence"] for ev in events}
    for ev in events:
        if ev.fatalities:
            continue
        si = ev.extra["sentence"]
        for nxt in range(si + 1, min(si + 3, len(sents))):
            if nxt in told:
                break
            fat = fatalities(sents[nxt].text)
            if fat is not None:
                ev.fatalities = fat
                break


def _same_time(a: Event, b: Event) -> bool:
    """Same date, or one is dated only by publication and the other within the week before it."""
    if a.event_date == b.event_date:
        return True
    if a.extra.get("undated") == b.extra.get("undated"):
        return False
    undated, dated = (a, b) if a.extra.get("undated") else (b, a)
    gap = (date.fromisoformat(undated.event_date) - date.fromisoformat(dated.event_date)).days
    return 0 <= gap <= 7


def merge_within(events: list[Event]) -> list[Event]:
    """Events of one report that share type, place and date are one event told twice."""
    out: list[Event] = []
    for ev in events:
        twin = next((o for o in out if o.event_type == ev.event_type and o.location == ev.location
                     and _same_time(o, ev) and (o.actor1 == ev.actor1 or not ev.actor1 or not o.actor1)), None)
        if twin is None:
            out.append(ev)
            continue
        if twin.extra.get("undated") and not ev.extra.get("undated"):
            # a headline told it first; the body says when: keep the body's date and sentence
            for k in ("event_date", "time_precision", "evidence", "evidence_start", "evidence_end", "trigger"):
                setattr(twin, k, getattr(ev, k))
            twin.extra["undated"] = False
        if ev.extra.get("priority", 0) > twin.extra.get("priority", 0) and twin.sub_event_type != ev.sub_event_type:
            twin.event_type, twin.sub_event_type = ev.event_type, ev.sub_event_type
            twin.extra["priority"] = ev.extra["priority"]
        if not twin.fatalities and ev.fatalities:
            twin.fatalities = ev.fatalities
        twin.actor2 = twin.actor2 or ev.actor2
    return out

