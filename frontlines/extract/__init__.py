"""Events from a parsed report: type, actors, place, date, fatalities, modality.

The sequence, one pass over the sentences of a spaCy Doc (each step names the module that does it):

1. context.DocContext: what the whole report is about (countries, areas, focus place, salient group),
   and every sentence's actors and places (mentions.py, toponyms.py, areas.py).
2. Triggers: taxonomy.yaml's words, matched on lemmas.
3. checks.why_not: drop a trigger that states nothing that happened (modality.py) or no political
   violence (a disaster, riot police, goods seized...).
4. classify: tolls of a clash, specific over generic, clause rules, handovers; one trigger per clause.
5. The frame of each kept trigger: actors (roles.py), type and sub-type from them (classify.py), place
   (eventplace.py), date (eventdate.py), fatalities (fatalities.py); one event a sentence and place.
6. learned.Model (when one is in use): whether the sentence states an event at all, and its sub-type.
7. Report passes: a toll told in the next sentences, how a protest went, the group that claimed it.
8. consolidate.merge_within: one incident told twice in the report is one event; retold: a later
   sentence that refers back to it ("the attack in Aguililla") gives the town a province stood for;
   _news: an event over 30 days older than the report and not in its lead is background, left out
   (--background keeps it).
"""
from __future__ import annotations

import copy
import os
from datetime import date
from typing import Optional

from .. import dates as dt, learned
from ..actors import Mention, registry
from ..control import TERRITORY as TERRITORIAL   # the three sub-types of a change of hands
from ..fatalities import fatalities, from_parse as fatalities_in
from ..geo import gazetteer, home_country
from ..records import Event, Report
from ..taxonomy import GOV_REGAINS, NSA_OVERTAKES, taxonomy
from .checks import why_not
from .classify import (RULE_WORDS, _act, _by_air, _by_sides, _choose, _instrument, _clause_rules, _consequences,
                       _handed_over, _handover, _refine_protests, _communal, _responses, _specific_over_generic,
                       _subtype)
from .consolidate import _fatalities_from_following, merge_within
from .context import DocContext
from .eventdate import _date_for, _dated_clause, _more_days, _year_only
from .eventplace import _also_at, _place_for, _seat
from .lexicon import PROPERTY_TRIGGERS, PROTEST_TYPES, TOLL_WORDS, WITHDRAW_WORDS
from .mentions import SentenceMentions
from .modality import _claimant
from .retold import definite, place_told_later
from .patterns import ANOTHER, DISASTER, OFF_DUTY, PROTEST_CONTEXT, PROTESTING
from .roles import _armed_target, _backing, _default_actor1, _nearest, _roles
from .syntax import _head_token, ents, quoted, text_of

__all__ = ["DocContext", "SentenceMentions", "extract", "merge_within", "places"]


def places(doc, ctx: Optional[DocContext] = None) -> list[dict]:
    """Every toponym in a parsed text, resolved: {start, end, name, latitude, longitude, country_code}."""
    ctx = ctx or DocContext(doc, date.today())
    g = gazetteer()
    out = []
    for sent in doc.sents:
        found = list((ctx.mentions.get(sent.start) or SentenceMentions(sent, ctx)).places)
        # "Russian", "Palestinians": a demonym points at its country (as Mordecai and LGL take it)
        for ent in ents(sent):
            if ent.label_ == "NORP" and all(ent.end <= s.start or ent.start >= s.end for _, s in found):
                cc = g.country_code(ent.text) or (g.country_code(ent.text[:-1]) if ent.text.endswith("s") else None)
                p = g.country_place(cc) if cc else None
                if p is not None:
                    found.append((p, ent))
        for p, span in sorted(found, key=lambda ps: ps[1].start):
            out.append({"start": span.start_char, "end": span.end_char, "name": span.text,
                        "place": p.name, "latitude": round(p.latitude, 4), "longitude": round(p.longitude, 4),
                        "country_code": p.country_code})
    return out



def extract(report: Report, doc, ctx: Optional[DocContext] = None) -> list[Event]:
    """Events stated in a parsed report (doc is report.text parsed by nlp.parse)."""
    stated = dt.parse_iso(report.published)   # None: no background can be told apart (_news)
    published = stated or date.today()
    ctx = ctx or DocContext(doc, published, home=home_country(report.source))   # 1
    tax = taxonomy()
    events: list[Event] = []
    sents = list(doc.sents)
    claimant = None
    # the title is the first line that says something (after a stamp such as "date 2018-05-08")
    first = next((i for i, s in enumerate(sents) if sum(t.is_alpha for t in s) >= 3), 0)
    titled = bool(sents) and _title_line(sents[first])
    lead = first + titled   # the last sentence of the lead: the title and the first sentence
    seen = set()
    for si, sent in enumerate(sents):
        if sent.text.strip() in seen:
            continue   # a page that repeats its title or a paragraph tells nothing new
        seen.add(sent.text.strip())
        lemmas = [t.lemma_.lower() for t in sent]
        lowers = [t.lower_ for t in sent]
        matches = tax.match(lemmas, lowers)   # 2
        if not matches and not RULE_WORDS.intersection(lemmas) and "claim" not in lemmas:
            continue
        sm = ctx.mentions.get(sent.start) or SentenceMentions(sent, ctx)
        if "claim" in lemmas:
            claimant = claimant or _claimant(sm)
        # "19 people were killed when their bus plunged off a bridge. ... the Friday accident"
        disaster = DISASTER.search(sent.text) or (si + 1 < len(sents) and DISASTER.search(sents[si + 1].text))
        told_disaster = si > 0 and DISASTER.search(sents[si - 1].text)
        cands, reasons = [], set()
        for m in matches:   # 3
            tok = _head_token(sent, m)
            why = why_not(m, tok, sent, matches, sm, disaster, told_disaster, bool(events))
            if why is None:
                cands.append((m, tok))
            else:
                reasons.add(why)
        cands = _handover(sent, _clause_rules(sent, _specific_over_generic(_responses(_consequences(cands)))))   # 4
        said = ctx.rules_said[si] = {"rule": None, "reasons": sorted(reasons),
                                     "triggers": sorted({m.trigger.sub_event_type for m in matches})}
        if not cands:
            continue
        sent_events = _sentence_events(cands, sm, ctx, report)   # 5
        if sent_events:   # 6: the learned model's word on the rules' answer
            said["rule"] = sent_events[0].sub_event_type
            said["unsure"] = sent_events[0].extra["generic"]   # told only by its harm: "killed", "wounded"
            # the kinds other words of the sentence name (harm alone aside): readings the model may choose
            # (not words of its own act: "a suicide vehicle-borne IED", "attacked ... using mortars")
            start, end = sent_events[0].extra["span"]
            act = next((_act(tok).i for m, tok in cands if (m.start, m.end) == (start, end)), None)
            said["readings"] = sorted({m.trigger.sub_event_type for m, tok in cands
                                       if not set(m.trigger.words) <= TOLL_WORDS and (m.end <= start or m.start >= end)
                                       and _act(tok).i != act})
            verdict = _learned(sent, said)
            if verdict == learned.NONE:
                sent_events = []
            elif verdict is not None:   # built again, so that the new type's sides are ACLED's for it
                sent_events = _sentence_events(cands, sm, ctx, report, {said["rule"]: verdict})
        for ev in sent_events:
            ev.extra["sentence"] = si
            ev.extra["headline"] = si == first and titled
            ev.extra["lead"] = si <= lead
        events.extend(sent_events)
    if any(not ev.extra["quoted"] for ev in events):
        # a speaker's words beside the report's own account ("we are going to march until our demands are
        # met", "the enemy keeps shelling us") comment on its events; a quote that alone tells one stands
        events = [ev for ev in events if not ev.extra["quoted"]]
    _fatalities_from_following(events, sents)   # 7
    _refine_protests(events, sents)
    fought = {si for si, said in ctx.rules_said.items()   # sentences that tell fighting or bombing
              if any(tax.sub_event_types.get(t) in ("Battles", "Explosions/Remote violence") for t in said["triggers"])}
    events = _handed_over(events, fought)
    _air_power(events)
    if claimant is not None:   # "No group claimed..." names no one; "The Taliban claimed the attack" does
        for ev in events:
            if ev.actor1 and ev.actor1.startswith("Unidentified Armed Group") and \
                    ev.event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles"):
                ev.actor1 = claimant.canonical(None, None)
    events = merge_within(events)   # 8
    place_told_later(events, sents, ctx)
    return _news(events, stated)


BACKGROUND_DAYS = 30   # ACLED's window for news: an older event recalled in a report is background


def _news(events: list[Event], published: Optional[date]) -> list[Event]:
    """The report's news: an event dated more than BACKGROUND_DAYS before publication ("a 2012 coup",
    "the plane it downed in 2015") is background, unless the report's lead tells it (a mass grave found
    today of a March massacre) or it changed who holds a place in a month or on a day the text gives
    ("Mosul, which IS seized in June 2014": the control timeline's record of it; "seized last year", "since
    2012" is no record anyone can date). Without a publication date nothing is background; with
    $FRONTLINES_BACKGROUND=keep (--background) background events are kept."""
    if published is None or os.environ.get("FRONTLINES_BACKGROUND", "").lower() == "keep":
        return events
    return [ev for ev in events if ev.extra.get("lead") or
            ev.sub_event_type in TERRITORIAL and not ev.extra.get("by_year") or
            (published - date.fromisoformat(ev.event_date)).days <= BACKGROUND_DAYS]


def _beside(a: Event, b: Event) -> bool:
    """A change of hands and the strikes or shelling told with it ("backed by Russian airstrikes, the army
    drove IS out of Deir Ezzor") are two ACLED events, not one."""
    return {a.sub_event_type in TERRITORIAL, b.sub_event_type in TERRITORIAL} == {True, False} and \
        "Explosions/Remote violence" in (a.event_type, b.event_type)


def _air_power(events: list[Event]) -> None:
    """Air strikes a report does not attribute ("the attacks included airstrikes on a TV channel") are
    those of the one air force its other strikes name ("a Saudi-led coalition airstrike killed 11")."""
    air = [ev for ev in events if ev.sub_event_type == "Air/drone strike"]
    owners = {ev.actor1 for ev in air if ev.actor1 and not ev.actor1.startswith("Unidentified")}
    if len(owners) == 1:
        owner = owners.pop()
        for ev in air:
            if not ev.actor1 or ev.actor1.startswith("Unidentified"):
                ev.actor1 = owner


def _sentence_events(cands, sm: SentenceMentions, ctx: DocContext, report: Report,
                     retype: Optional[dict] = None) -> list[Event]:
    """The events of one sentence's kept triggers: one a place and day, the most specific; `retype`
    gives a sub-type for another (the learned model's)."""
    out: list[Event] = []
    for m, tok in _choose(cands):
        for ev in _events(m, tok, sm, ctx, report, retype):
            same = next((o for o in out if o.location == ev.location and o.event_date == ev.event_date
                         and not _beside(o, ev)), None)
            if same is not None:   # one sentence, one place: one event, the most specific
                if ev.extra["priority"] > same.extra["priority"]:
                    out[out.index(same)] = ev
                continue
            held = next((o for o in out if o.location == ev.location and
                         o.sub_event_type in TERRITORIAL and ev.sub_event_type in TERRITORIAL and
                         abs((date.fromisoformat(o.event_date) - date.fromisoformat(ev.event_date)).days) <= 7),
                        None)
            if held is not None:   # "declared Raqqa liberated on Friday, three days after taking it": one
                if ev.event_date < held.event_date:   # change of hands, on the day it happened
                    out[out.index(held)] = ev
                continue
            out.append(ev)
    return out


def _learned(sent, said: dict) -> Optional[str]:
    """The learned model's word on the rules' events of one sentence: NONE when it states no event,
    a sub-type for the main event when the model is sure of another, None to keep the rules' answer."""
    model = learned.current()
    if model is None:
        return None
    verdict = model.decide(sent, said)
    if verdict is not None and verdict != learned.NONE and verdict not in taxonomy().sub_event_types:
        return None   # a model fitted on labels this taxonomy does not have
    return verdict


def _title_line(sent) -> bool:
    """A title: the report's first line, standing alone and not ending as a sentence does."""
    text = sent.text.rstrip(" ")
    return not text.rstrip().endswith((".", "?", "!", '"', "”")) and \
        (text.endswith("\n") or "\n" in text_of(sent.doc)[sent.end_char:sent.end_char + 2] or sent.end == len(sent.doc))


def _events(m, tok, sm: SentenceMentions, ctx: DocContext, report: Report,
            retype: Optional[dict] = None) -> list[Event]:
    """The event a kept trigger states, and one more at each place its location lists with the first
    ("camps in Boulkessi and Mondoro") and on each day its date lists ("on Tuesday and Wednesday"), a toll
    told for all of them split evenly, as ACLED does."""
    ev = _event(m, tok, sm, ctx, report, retype)
    if ev is None:
        return []
    out = [ev]
    for p in _also_at(ev.extra.pop("place"), sm):
        other = copy.deepcopy(ev)
        for k, v in _place_fields(p).items():
            setattr(other, k, v)
        other.extra["place_kind"] = p.kind
        out.append(other)
    days = [] if ev.extra["undated"] else _more_days(sm.sent, ctx, date.fromisoformat(ev.event_date))
    placed = list(out)
    for d in days:
        for e in placed:
            other = copy.deepcopy(e)
            other.event_date = d.isoformat()
            out.append(other)
    if len(out) == 1:
        return out
    share, rest = divmod(ev.fatalities, len(out))
    for i, e in enumerate(out):
        e.fatalities = share + (1 if i < rest else 0)
    return out


def _place_fields(place) -> dict:
    """An event's place fields from a Place (all None without one)."""
    if place is None:
        return dict.fromkeys(("country", "admin1", "location", "latitude", "longitude"))
    point = _seat(place)   # a province's capital of its name
    return {"country": place.country, "admin1": place.admin1 or None, "location": place.name,
            "latitude": round(point.latitude, 4), "longitude": round(point.longitude, 4)}


def _named_in(a: Optional[Mention], told) -> Optional[str]:
    """Whether an actor is named inside the trigger's words: "other" after "with" or "against" ("clashes
    with police"), else "doer" ("a suicide car bomber"); None when not inside."""
    base = told.sent.start_char
    if a is None or not told.start_char - base <= a.start < told.end_char - base:
        return None
    return "other" if any(t.lower_ in ("with", "against") and t.idx - base < a.start for t in told) else "doer"


def _event(m, tok, sm: SentenceMentions, ctx: DocContext, report: Report,
           retype: Optional[dict] = None) -> Optional[Event]:
    """The event a kept trigger states, its frame filled: actors, type, place, date, toll; None when
    the frame shows it is none (police blocking roads) or its date is after publication. `retype`:
    sub-types to give instead of the rules' own (the learned model's), before the sides are settled."""
    sent = sm.sent
    a1, a2 = own = _roles(tok, sm)
    if a1 is None or a2 is None:
        a1, a2 = _nearest(tok, sm, a1, a2)
    group = Mention(0, 0, "", ctx.salient_group, registry().kinds[ctx.salient_group]) if ctx.salient_group else None
    if _backing(tok) and a2 is not None:   # "backed by Russian airstrikes, the army took...": the strikes hit the
        a2 = group if group and (a1 is None or a1.name != group.name) else None   # army's enemy, not the army
    told = sent[m.start:m.end]
    if a1 is None and _named_in(a2, told) == "doer":
        a1, a2 = a2, None   # "a suicide car bomber": the trigger names who did it, not whom
    elif _named_in(a1, told) == "other":
        a1, a2 = a2, a1   # "clashes with police": the side the trigger names after "with" is the other
    if (m.trigger.sub_event_type in ("Attack", "Armed clash") and (a2 is None or a2.kind in ("civilians", "protesters"))
            or m.trigger.event_type == "Explosions/Remote violence" and a2 is None):
        force = _armed_target(tok)
        if force:   # "attacked a checkpoint", "ambushed a convoy", "a suicide bomber targeted a checkpoint"
            a2 = Mention(0, 0, "", None, "state", force=force)
    if a2 is not None and a2.kind == "state" and OFF_DUTY.search(sent.text):
        a2 = Mention(a2.start, a2.end, a2.text, None, "civilians", a2.country)   # "shot an officer as he left his home"
    etype, sub = _subtype(m, a1, a2)
    if etype in ("Riots", "Battles") and sub != "Mob violence" and _communal(sent, own):
        etype, sub = "Riots", "Mob violence"   # "stone pelting between two groups": rioters on both sides
        a1 = a2 = Mention(0, 0, "", None, "rioters")
    if sub in ("Armed clash", "Attack") and _by_air(tok):
        etype, sub = "Explosions/Remote violence", "Air/drone strike"
    if sub in ("Armed clash", "Attack", "Shelling/artillery/missile attack") and \
            (weapon := _instrument(tok)) is not None and weapon != sub:
        etype, sub = "Explosions/Remote violence", weapon   # the weapon that did it says how
    if sub == "Violent demonstration" and m.trigger.words[0] in PROPERTY_TRIGGERS and \
            not PROTEST_CONTEXT.search(sent.text):
        etype, sub = "Strategic developments", "Looting/property destruction"
    own = etype, sub
    if retype and sub in retype:   # the model's kind of event; who the sides are still says which (ACLED's)
        etype, sub = _by_sides(taxonomy().sub_event_types[retype[sub]], retype[sub], a1, a2)
    if etype in ("Protests", "Riots") and a1 is not None and a1.kind == "state":
        if etype == "Riots" and sub != "Mob violence":
            if own[0] == "Riots":
                return None   # police blocking roads is no riot
            etype, sub = own   # (the model's riot, not the rules' protest: the frame keeps the rules' kind)
        a1, a2 = (a2 if a2 is not None and a2.kind != "state" else None), a1
    if sub in (GOV_REGAINS, NSA_OVERTAKES) and a2 is None and group:
        if sub == NSA_OVERTAKES and (a1 is None or a1.name is None and a1.kind not in ("state", "civilians",
                                                                                        "protesters")):
            a1 = group   # "rebels capture town" in a report about M23: the report's group took it
        elif not (a1 is not None and a1.name == ctx.salient_group):
            a2 = group   # the army retook it: from the report's group
    if a1 is not None and a1.kind in ("protesters", "rioters") and etype not in PROTEST_TYPES and \
            not PROTESTING.search(sent.text):
        a1 = None   # "rescue workers were pulling bodies": protesters only protest, rioters only riot
    a1 = _default_actor1(etype, sub, a1)
    if a2 is not None and a2.kind == "protesters" and etype not in PROTEST_TYPES and \
            not PROTESTING.search(sent.text):   # "raped six women": victims, not protesters
        a2 = Mention(a2.start, a2.end, a2.text, None, "civilians", a2.country)
    if etype == "Violence against civilians" and (a2 is None or a2.kind not in ("civilians", "protesters")):
        a2 = Mention(0, 0, "", None, "civilians")
    place, gp, far = _place_for(tok, sm, ctx)
    when = _date_for(tok, sent, ctx)
    if when is None:
        return None
    d, tp, bound = when
    undated = bound   # dated only by when it was told: publication, "police said Monday"
    by_year = tp == 3 and _year_only(sent, ctx, d)   # "seized last year", "a 2012 coup"
    cc = place.country_code if place else None
    fat = fatalities(sent.text)
    if fat is None:
        fat = fatalities_in(sent)
    ev = Event(
        doc_id=report.doc_id, event_type=etype, sub_event_type=sub,
        event_date=d.isoformat(), time_precision=tp,
        actor1=a1.canonical(cc, d.year) if a1 else None,
        actor2=a2.canonical(cc, d.year) if a2 else None,
        **_place_fields(place), geo_precision=gp, fatalities=fat or 0,
        evidence=sent.text.strip(), evidence_start=sent.start_char, evidence_end=sent.end_char,
        trigger=sent.doc[m.start + sent.start: m.end + sent.start].text, source=report.source,
    )
    ev.extra["priority"] = m.trigger.priority
    ev.extra["withdrawal"] = sub == "Change to group/activity" and m.trigger.words[0] in WITHDRAW_WORDS
    ev.extra["undated"] = undated   # dated by when it was told only (headlines, mostly)
    ev.extra["by_year"] = by_year
    ev.extra["place_kind"] = place.kind if place else None
    ev.extra["place"] = place
    ev.extra["place_told"] = any(p is place for p, _ in sm.places + sm.implied + sm.homes)   # not the report's focus
    ev.extra["far"] = far   # a bearing from the place, not the place: "70 km north of Bukavu"
    ev.extra["generic"] = set(m.trigger.words) <= TOLL_WORDS   # told only by its harm: "killed", "wounded"
    ev.extra["span"] = (m.start, m.end)   # the trigger's words in the sentence
    ev.extra["quoted"] = quoted(tok)
    ev.extra["another"] = bool(ANOTHER.search(sent.text))   # "a second car bomb": a new incident
    # "the capture of Nyabibwe": an incident told before, whatever date another clause of its sentence gives
    ev.extra["definite"] = "" if _dated_clause(tok, sent) else definite(tok)
    # neither its place nor a side named: "militants opened fire upon them" tells part of an incident
    ev.extra["vague"] = not ev.extra["place_told"] and not any(
        x is not None and x.text and x.kind not in ("unidentified", "civilians") for x in (a1, a2))
    if ev.actor1 and ev.actor1 == ev.actor2 and sub != "Mob violence":   # rioters on both sides of mob violence
        ev.actor2 = None
    return ev
