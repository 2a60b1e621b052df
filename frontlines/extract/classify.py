"""What an event is: the ACLED type and sub-type of the triggers a sentence keeps. Clause rules
(weapons seized, a base set up), handovers, tolls that belong to a clash, specific over generic, one
trigger per clause, the sub-type from who acted on whom, and a protest's sub-type from how it went."""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..actors import ARMED, Mention
from ..records import Event
from ..taxonomy import GOV_REGAINS, NSA_OVERTAKES, TERRITORY, Match, Trigger
from .lexicon import (AIRCRAFT, AREAS, ARMED_UNITS, BASES, BASE_VERBS, BROAD, DEPART_WORDS, DESTROY_VERBS,
                      FIND_WEAPONS, FORM_VERBS, GENERIC_HARM, INSTRUMENT_VERBS, NO_DOER, PERSON_BOMBER, PROPERTY,
                      PROTEST_TYPES, WEAPONS, WEAPON_SUBTYPES, WITHDRAW_WORDS)
from .modality import _asserted
from .patterns import COMMUNAL, PROTEST_FORCE, PROTEST_INTERVENTION, PROTEST_VIOLENT, PROTESTING, UNOPPOSED
from .syntax import _clause_verb, _objects, _relative_clause, _verb_key

PROTEST_RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
                "Violent demonstration": 3}
# (verbs, what they act on, the sub-type, only in a sentence where no trigger was kept, only the verb's own
# objects and with someone doing it: not "destroyed vehicles near Zardana village", not "a fire burned")
CLAUSE_RULES = [(FIND_WEAPONS, WEAPONS, "Disrupted weapons use", False, False),
                (BASE_VERBS, BASES, "Headquarters or base established", False, False),
                (DESTROY_VERBS, PROPERTY, "Looting/property destruction", True, True),
                (FORM_VERBS, ARMED_UNITS, "Change to group/activity", True, False)]
RULE_WORDS = FIND_WEAPONS | DESTROY_VERBS | FORM_VERBS | {"set", "establish", "build", "erect", "open", "construct",
                                                          "create"}
HANDOVER = Trigger(("handover",), "Strategic developments", "Non-violent transfer of territory", 7)


def _consequences(cands: list) -> list:
    """ "clashed in Hassakeh, killing several people", "strikes on a prison that killed 43": the killing is
    the toll of the event it follows from or describes, not another event."""
    heads = {tok.i for m, tok in cands if not set(m.trigger.words) <= GENERIC_HARM}
    toll = set()
    for _ in range(3):   # "clashed, killing and wounding several": both participles are the toll
        toll |= {tok.i for m, tok in cands if set(m.trigger.words) <= GENERIC_HARM and
                 (tok.dep_ in ("advcl", "xcomp") and tok.head.i in heads | toll or
                  tok.dep_ == "relcl" and bool(heads) or   # "that killed 43" after the strikes, whatever it hangs on
                  tok.dep_ == "conj" and tok.head.i in toll)}
    return [(m, tok) for m, tok in cands if tok.i not in toll]


RESPONSE_WORDS = ("curfew", "impose", "arrest", "detain")   # what authorities do about an incident
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


def _responses(cands: list) -> list:
    """ "imposed a curfew after the two groups started pelting stones", "curfew clamped after stone
    pelting": a curfew or arrests told as the response to violence told "after" them are not the news; the
    violence is."""
    violent = [tok for m, tok in cands if m.trigger.event_type in VIOLENT_TYPES]
    out = []
    for m, tok in cands:
        if m.trigger.words[0] in RESPONSE_WORDS:
            clause = _clause_verb(tok)
            inside = {t.i for t in clause.subtree}
            # an "after" of the response's clause (or of a clause it governs), and violence told after it
            after = min((t.i for t in clause.subtree if t.lower_ == "after" and
                         (t.head.i == clause.i or t.head.dep_ == "advcl" and t.head.head.i == clause.i)), default=None)
            if after is not None and any(v.i > after and v.i in inside for v in violent):
                continue
        out.append((m, tok))
    return out


def _communal(sent, own) -> bool:
    """ "stone pelting between two groups", "communal clashes": a riot of two sides that is no protest and
    that no armed actor of the trigger's own frame fought (ACLED's mob violence)."""
    return bool(COMMUNAL.search(sent.text)) and not PROTESTING.search(sent.text) and \
        not any(x is not None and x.kind in ARMED for x in own)


def _specific_over_generic(cands: list) -> list:
    """Arrests at a protest are the protest's intervention, not an event of their own; a raid to arrest
    people is an arrest; troops entering a place where they do something specific did that thing."""
    subs = {m.trigger.sub_event_type for m, _ in cands}
    if any(m.trigger.event_type in PROTEST_TYPES for m, _ in cands):
        cands = [(m, tok) for m, tok in cands if m.trigger.sub_event_type != "Arrests"]
    elif "Arrests" in subs:
        cands = [(m, tok) for m, tok in cands if m.trigger.words not in (("raid",), ("storm",))]
    top = max((m.trigger.priority for m, _ in cands if m.trigger.sub_event_type != TERRITORY), default=0)
    if top > 6:
        cands = [(m, tok) for m, tok in cands if m.trigger.words != ("enter",)]
    return cands


def _clause_rules(sent, cands: list) -> list:
    """Events told by a verb and what it acts on, beyond the lexicon's reach: weapons seized,
    found or defused (not an explosion, not a takeover); a base, post or checkpoint set up; and in a
    sentence that tells no other event, houses, shops or a village burnt by someone, or an armed unit
    formed ("Land Forces were formed"). The rule's event replaces the triggers inside that clause."""
    for t in sent:
        if t.pos_ not in ("VERB", "NOUN"):
            continue
        rules = [r for r in CLAUSE_RULES if (_verb_key(t) in r[0] or t.lemma_.lower() in r[0]) and not (r[3] and cands)]
        if not rules or not _asserted(t, sent):
            continue
        found = [x for o in _objects(t, ("of",), pobj_only=False) for x in o.subtree]
        if t.dep_ in ("acl", "relcl"):   # "the bombs discovered on Wednesday", "firearms troops seized"
            found.append(t.head)
        if any(x.lower_ in ("no", "none") and x.dep_ in ("det", "neg") for x in found):
            continue
        for _, objects, sub, _, done_by_someone in rules:
            acted_on = _heads(t) if done_by_someone else found
            if not any(x.lemma_.lower() in objects or x.lower_ in objects for x in acted_on) or \
                    done_by_someone and not _doer(t):
                continue
            inside = set(t.subtree)
            keep = [(m, tok) for m, tok in cands if tok not in inside]   # t heads its own subtree
            trig = Trigger((t.lemma_.lower(),), "Strategic developments", sub, 9)
            return keep + [(Match(trig, t.i - sent.start, t.i - sent.start + 1), t)]
    return cands


def _heads(verb) -> list:
    """The nouns a verb acts on: its objects, their conjuncts, and what a quantity is of ("a number of
    vehicles", "20 shops and an unknown number of houses")."""
    heads = [h for o in _objects(verb, ()) for h in (o, *o.conjuncts)]
    return heads + [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"]


def _doer(verb) -> bool:
    """Whether someone did it: the verb's subject, or its passive's agent, is no fire or storm."""
    who = [c for c in verb.children if c.dep_ == "nsubj"] + \
        [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return bool(who) and all(w.lemma_.lower() not in NO_DOER for w in who)


def _handover(sent, cands: list) -> list:
    """A place taken as its holders withdrew ("entered Afrin after the YPG pulled out") or without
    resistance is a non-violent transfer, unless the sentence tells fighting or bombing; a withdrawal
    alone is a change to the group's activity."""
    terr = [c for c in cands if c[0].trigger.sub_event_type == TERRITORY]
    gone = [c for c in cands if c[0].trigger.sub_event_type == "Change to group/activity"
            and c[0].trigger.words[0] in WITHDRAW_WORDS]
    if not terr or not (gone or UNOPPOSED.search(sent.text) or any(_after_leaving(tok) for _, tok in terr)):
        return cands
    if any(m.trigger.event_type in ("Battles", "Explosions/Remote violence") and m.trigger.sub_event_type != TERRITORY
           for m, _ in cands):
        return cands   # "retreating to cut losses from heavy aerial bombing": taken by force
    m, tok = terr[0]
    return [c for c in cands if c not in terr and c not in gone] + [(Match(HANDOVER, m.start, m.end), tok)]


AFTER_WORDS = ("after", "following", "once")


def _after_leaving(tok) -> bool:
    """ "retook the town soon after troops left", "following the withdrawal of the Syrian forces": the
    capture's own clause says it came after its holders left."""
    clause = _clause_verb(tok)
    for t in clause.subtree:
        if t.lemma_.lower() not in DEPART_WORDS or t is clause:
            continue
        if any(c.dep_ == "mark" and c.lower_ in AFTER_WORDS for c in t.children) or \
                t.dep_ == "pobj" and t.head.lower_ in AFTER_WORDS:
            return True
    return False


def _choose(cands):
    """One trigger per clause: the highest priority; separate clauses may each state an event."""
    by_clause = {}
    for m, tok in cands:
        key = _clause_verb(tok).i
        cur = by_clause.get(key)
        if cur is None or (m.trigger.priority, m.end - m.start) > (cur[0].trigger.priority, cur[0].end - cur[0].start):
            by_clause[key] = (m, tok)
    chosen = sorted(by_clause.values(), key=lambda x: x[1].i)
    # within one sentence, keep one event per event type: the first, unless it is only told of someone
    # in a relative clause ("a journalist who covered the police beat ... was killed": the killing)
    seen, out = {}, []
    for m, tok in chosen:
        k = (m.trigger.event_type, m.trigger.sub_event_type)
        if k in seen and m.trigger.sub_event_type != TERRITORY:
            j = seen[k]
            if _relative_clause(out[j][1]) and not _relative_clause(tok):
                out[j] = (m, tok)
            continue
        seen[k] = len(out)
        out.append((m, tok))
    return out


def _by_air(tok) -> bool:
    """ "raids by the army's choppers", "helicopters attacked": the attacker flies, so it is an air strike."""
    agents = [c for c in tok.children if c.dep_ in ("nsubj", "agent") or (c.dep_ == "prep" and c.lower_ == "by")]
    return any(t.lemma_.lower() in AIRCRAFT and not _man_bomber(t) for a in agents for t in a.subtree)


def _man_bomber(tok) -> bool:
    """ "a suicide car bomber", "a female bomber": a man or a woman, not an aircraft."""
    return tok.lemma_.lower() == "bomber" and any(c.lemma_.lower() in PERSON_BOMBER for c in tok.children)


NOUN_PARTS = ("compound", "amod", "appos", "nmod", "npadvmod")   # words inside one noun phrase


def _act(tok):
    """The word that stands for the act a trigger word belongs to: the noun phrase's head for a word
    inside it ("suicide" in "a suicide vehicle-borne explosive device"), the verb for the weapon it was
    done with ("detonated a device", "attacked ... using mortars", "shelled with rockets"). Two triggers
    with one act are one reading of it; "intercepted and shot down a drone" tells two acts."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in NOUN_PARTS or node.dep_ == "conj" and node.pos_ == head.pos_ == "NOUN":
            node = head
        elif node.dep_ == "dobj" and head.lemma_.lower() in INSTRUMENT_VERBS:
            node = head   # the verb of using a weapon: "detonated", "using"
            if node.dep_ in ("advcl", "xcomp") and node.lemma_.lower() == "use":
                node = node.head   # "attacked ... using mortars"
        elif node.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.lower_ in ("with", "by"):
            node = head.head
        else:
            break
    return node


def _instrument(tok) -> Optional[str]:
    """The sub-type the weapon that did the harm gives: the subject of the harm ("a bomb planted on a
    motorbike killed six", "mortar rounds struck ..., wounding 10"), its agent ("killed by a landmine"),
    what it was done with ("attacked the village with rockets"), or what was fired at someone. A weapon
    carrying a chemical is a chemical weapon."""
    verbs = [tok] + ([tok.head] if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.pos_ == "VERB" else [])
    found = [tok] if tok.pos_ == "NOUN" else []   # "a rocket carrying chemical substances was fired"
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and v.lemma_.lower() not in INSTRUMENT_VERBS or \
                    c.dep_ == "dobj" and v.lemma_.lower() in INSTRUMENT_VERBS:
                found.append(c)
            elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with"):
                found += [g for g in c.children if g.dep_ == "pobj"]
    for noun in found:
        if noun.dep_ == "nsubjpass" and noun is not tok and noun.head.lemma_.lower() not in INSTRUMENT_VERBS:
            continue   # "six people were killed": the victims
        words = {noun.lemma_.lower()} | {t.lemma_.lower() for t in noun.children if t.dep_ in ("compound", "amod")}
        inside = {t.lemma_.lower() for t in noun.subtree}
        if _man_bomber(noun):
            words.discard("bomber")
        for vocab, sub in WEAPON_SUBTYPES:
            if vocab & (inside if sub == "Chemical weapon" else words):
                return sub
    return None


def _subtype(m: Match, a1: Optional[Mention], a2: Optional[Mention]) -> tuple[str, str]:
    t = m.trigger
    if t.sub_event_type == TERRITORY:
        if a1 is not None and a1.kind in ("state", "external"):
            return "Battles", GOV_REGAINS
        if a1 is None and a2 is not None and a2.name and a2.kind in ("rebel", "militia"):
            return "Battles", GOV_REGAINS   # "Nusra terrorists were pushed back from their strongholds": by the state
        return "Battles", NSA_OVERTAKES
    return _by_sides(t.event_type, t.sub_event_type, a1, a2)


def _by_sides(etype: str, sub: str, a1: Optional[Mention], a2: Optional[Mention]) -> tuple[str, str]:
    """ACLED's sub-type for who the sides are: violence by armed men on armed men is a clash, on
    civilians an attack; youths against police are a riot; a named rebel group's "clash" is no riot."""
    if sub in ("Attack", "Armed clash") and a1 is not None and a1.kind in ("protesters", "rioters") \
            and a2 is not None and a2.kind == "state":
        return "Riots", "Violent demonstration"   # "youths confronted police"
    if sub in ("Attack", "Armed clash") and a2 is not None:
        if a2.kind in ARMED and (a1 is None or a1.kind in ARMED or a1.kind == "unidentified"):
            return "Battles", "Armed clash"
        if a2.kind in ("civilians", "protesters"):
            return "Violence against civilians", "Attack"
    if sub == "Armed clash" and a2 is None and a1 is not None and a1.kind == "unidentified":
        return "Violence against civilians", "Attack"
    if sub == "Violent demonstration" and a1 is not None and \
            a1.kind in ("rebel", "militia", "unidentified") and a2 is not None and a2.kind in ARMED:
        return "Battles", "Armed clash"   # "Al-Shabaab militants clashed with police": no demonstration
    return etype, sub


HANDOVER_DAYS = 7   # a withdrawal and the capture it let happen are told within a week of each other


def _handed_over(events: list[Event], fought: set) -> list[Event]:
    """ "Syrian forces withdrew from the crossing. IS took control of it", "... The capture followed the
    withdrawal of Malian soldiers": one side's withdrawal told in the sentence beside the other side's
    capture, or told anywhere of the same town, where no sentence between tells fighting or bombing
    (`fought`: their indices), is one non-violent transfer, the withdrawal its second telling."""
    out = list(events)
    for ev in events:
        if ev.sub_event_type not in (GOV_REGAINS, NSA_OVERTAKES, HANDOVER.sub_event_type) or ev not in out:
            continue
        si = ev.extra["sentence"]
        for gone in [g for g in out if g is not ev and (abs(g.extra["sentence"] - si) <= 1 or _same_town(g, ev)) and
                     (g.extra.get("withdrawal") or g.sub_event_type == HANDOVER.sub_event_type and
                      g.extra.get("definite") and g.extra["sentence"] > si)]:
            left = (gone.actor1 or gone.actor2) if gone.extra.get("withdrawal") else gone.actor2
            sides = {left, ev.actor1}
            lo, hi = sorted((si, gone.extra["sentence"]))
            if None in sides or len(sides) < 2 or fought.intersection(range(lo, hi + 1)) or \
                    abs((date.fromisoformat(ev.event_date) - date.fromisoformat(gone.event_date)).days) > HANDOVER_DAYS:
                continue
            ev.event_type, ev.sub_event_type = HANDOVER.event_type, HANDOVER.sub_event_type
            ev.actor2 = ev.actor2 or left
            ev.extra.setdefault("also", []).append((gone.evidence, gone.evidence_start, gone.evidence_end))
            out.remove(gone)
    return out


def _same_town(a: Event, b: Event) -> bool:
    """Two events at one town the text names (not a province or a country, not the report's focus alone)."""
    return a.location is not None and a.location == b.location and a.country == b.country and \
        all(e.extra.get("place_told") and e.extra.get("place_kind") not in AREAS + BROAD for e in (a, b))


def _refine_protests(events: list[Event], sents) -> None:
    """Upgrade a protest's sub-type from what its sentence and the next one say happened."""
    told = {ev.extra["sentence"] for ev in events}
    protests = {ev.extra["sentence"] for ev in events if ev.sub_event_type in PROTEST_RANK}
    for ev in events:
        if ev.sub_event_type not in PROTEST_RANK:
            continue
        si = ev.extra["sentence"]
        text = sents[si].text
        if si + 1 < len(sents) and (si + 1 not in told or si + 1 in protests):
            text += " " + sents[si + 1].text
        sub = ("Violent demonstration" if PROTEST_VIOLENT.search(text) else
               "Excessive force against protesters" if PROTEST_FORCE.search(text) or
               (ev.fatalities and PROTEST_INTERVENTION.search(text)) else
               "Protest with intervention" if PROTEST_INTERVENTION.search(text) else "Peaceful protest")
        if PROTEST_RANK[sub] <= PROTEST_RANK[ev.sub_event_type]:
            continue
        ev.sub_event_type = sub
        ev.event_type = "Riots" if sub == "Violent demonstration" else "Protests"
        if sub == "Violent demonstration" and ev.actor1 and ev.actor1.startswith("Protesters"):
            ev.actor1 = "Rioters" + ev.actor1[len("Protesters"):]

