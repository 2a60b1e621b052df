"""Whether a trigger is political violence at all: each check takes a trigger and says why it is not
(a disaster, a drone that films, riot police, goods seized rather than a place...), or None.
`why_not` runs them in order; the first reason found wins."""
from __future__ import annotations

from typing import Optional

from ..actors import ARMED
from ..geo import gazetteer, norm
from ..taxonomy import TERRITORY, Match
from .lexicon import (AGREE_NOUNS, AGREE_VERBS, ARMED_ONLY, BASES, FEELINGS, FIGHT_NOUNS, GENERIC_HARM,
                      GENERIC_TERRITORY, MEMORY_WORDS, NONSTRIKE_VERBS, NOT_PLACES, OCCASION_NOUNS, PARTIAL, PLACE_NOUNS,
                      PROTEST_TYPES, REACTION_VERBS, REFLEXIVE, RIOT_GEAR, SHARE_WORDS, TRIAL_WORDS)
from .modality import _asserted, _attributed, _expected, _purpose
from .roles import _speaker
from .patterns import SPAN_OF_TIME
from .syntax import _clause_verb, _objects, _phrase_head, _up, _verb_above, ents


FINITE = ("VBD", "VBZ", "VBP", "MD")


def _headline_verb(tok, sent, actors=()) -> bool:
    """ "Maasai attack villages", "Police battle Mungiki sect", "Teachers protest lack of pay": in a line
    with no finite verb, a trigger word between two nouns that the parser took for a compound is the
    headline's verb (its subject before it, its object after), as is one the tagger itself read as a
    finite verb or a plural form ("group attacks hospital employee": no noun modifies another so); in a
    Title Case line nothing tells."""
    doc = sent.doc
    if not (tok.is_lower and tok.i > sent.start and tok.head.i > tok.i and doc[tok.i - 1].pos_ in ("NOUN", "PROPN")):
        return False
    if tok.tag_ in FINITE or tok.tag_ == "NNS" and tok.lower_ != tok.lemma_.lower():
        return True   # tagged "protest"/VBP, parsed as a compound of "lack"; "group attacks hospital employee"
    actor_ends = {toks[-1].i for _, toks in actors}   # "Moran ethnic militia attack traders"
    return tok.tag_ in ("NN", "NNS", "NNP") and \
        (doc[tok.i - 1].tag_ in ("NNS", "NNPS", "NNP") or tok.i - 1 == sent.start or tok.i - 1 in actor_ends) and \
        not any(t.tag_ in FINITE for t in sent)


def why_not(m: Match, tok, sent, matches: list, sm, disaster, told_disaster, told_before: bool) -> Optional[str]:
    """A short reason why the trigger `m` (head token `tok`) states no event, or None when it may.
    `disaster`: the sentence or the next names a disaster or an accident; `told_disaster`: the one
    before does; `told_before`: the report already stated an event."""
    if tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and \
            not m.start <= tok.head.i - sent.start < m.end \
            and not any(o.start <= tok.head.i - sent.start < o.end for o in matches if o is not m) \
            and not (m.trigger.sub_event_type == "Agreement" and tok.head.lemma_.lower() in AGREE_NOUNS) \
            and tok.head.lemma_.lower() not in OCCASION_NOUNS and not _headline_verb(tok, sent, sm.actors):
        return "modifier"   # "riot police", "a protest leader" (but "a ceasefire agreement", "a looting spree" are)
    if tok.ent_type_ in ("DATE", "TIME"):   # "in March" is a month, not a march
        return "date_name"
    if told_disaster and tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children) and \
            set(m.trigger.words) <= GENERIC_HARM:
        return "same_accident"   # "A furnace exploded. ... The explosion occurred at ...": the same accident
    if m.trigger.event_type not in PROTEST_TYPES and disaster and \
            (set(m.trigger.words) <= GENERIC_HARM or m.trigger.event_type == "Strategic developments" or
             m.trigger.sub_event_type in (TERRITORY, "Armed clash")) and \
            not any((a.kind in ARMED or a.kind == "unidentified") and not _speaker(ts) for a, ts in sm.actors):
        return "disaster"   # an earthquake, a flood, a factory blast, and nobody armed: not political violence
    if (disaster or told_disaster) and m.trigger.sub_event_type == "Change to group/activity":
        return "relief"   # troops mobilised, deployed or evacuating people for a flood: relief, not conflict
    if any(c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVE for c in tok.children) and \
            m.trigger.event_type == "Riots":
        return "reflexive"   # "barricaded himself inside a hotel room"
    if " ".join(m.trigger.words) in ARMED_ONLY and \
            not any(a.kind in ARMED and not _speaker(ts) for a, ts in sm.actors):
        return "unarmed"   # "prices advanced into record territory": only an armed force advances into a town
    if _not_fighting(tok):
        return "not_fighting"
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in ("arm", "equip"):
        return "armed_with"   # "members of the militia were armed with machetes": who they are, not what they did
    if _no_strike(tok):
        return "no_strike"
    if _thrown(tok):
        return "thrown"
    if _riot_gear(tok):
        return "riot_gear"
    if _expected(tok):
        return "expected"
    if m.trigger.sub_event_type == TERRITORY and _takes_no_place(tok):
        return "no_place"   # "expelled two diplomats", "seizure of fake currency": not territory
    if m.trigger.sub_event_type == TERRITORY and _purpose(tok):
        return "purpose"   # "launched an offensive to purge Libya of Islamists": sought, not taken
    if _aggregate(tok, sent):
        return "aggregate"
    if _judged_or_remembered(tok):
        return "judged_or_remembered"
    if tok.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" and
                                  any(g.lemma_.lower() in FEELINGS for g in c.children) for c in tok.children):
        return "figurative"   # "an explosion of outrage"
    noun = _phrase_head(tok)
    if noun.dep_ == "pobj" and noun.head.lower_ == "without" and not m.start <= noun.head.i - sent.start < m.end:
        return "without"   # "fled without battles": it did not happen ("without a fight" is its own trigger)
    if _grievance(tok, sent, matches):
        return "grievance"   # "protested over the killing of a student": what the protest was about
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in REACTION_VERBS:
        return "reaction"   # "the Security Council condemned last week's bombing": a reaction, not the report of it
    if m.trigger.sub_event_type == "Agreement" and _background_agreement(tok, "".join(m.trigger.words)):
        return "background_agreement"   # "a civil war that ended with a truce", "despite the ceasefire"
    if not _asserted(tok, sent):
        return "not_asserted"
    if _attributed(tok):
        return "attributed"
    if tok.pos_ == "NOUN" and any(c.tag_ == "JJS" for c in tok.children) and \
            tok.dep_ in ("attr", "oprd", "ccomp", "xcomp", "dobj") and \
            tok.head.lemma_.lower() in ("make", "mark", "be", "become", "remain", "rank"):
        return "comparison"   # "making it the deadliest attack in Somalia's history" (not "the largest protest")
    # "the attack" refers back to an event already told; not a new one
    if tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in tok.children) and \
            told_before and m.trigger.priority < 6 and not any(c.dep_ == "prep" for c in tok.children):
        return "told_before"
    return None


def _grievance(tok, sent, matches: list) -> bool:
    """A noun after "over" or "against" ("in outrage over the suspected kidnapping", "a protest against
    the rape and killing of a girl") is what an event the sentence tells elsewhere was about."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if tok.pos_ != "NOUN" or node.dep_ != "pobj" or node.head.lower_ not in ("over", "against"):
        return False
    inside = {t.i - sent.start for t in node.head.subtree}
    return any(not inside.intersection(range(o.start, o.end)) for o in matches)


def _not_fighting(tok) -> bool:
    """ "were engaged in packing pesticides": engaging in anything but fighting is no clash."""
    if tok.lemma_.lower() != "engage":
        return False
    if any(c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ == "with") for c in tok.children):
        return False
    return not any(g.lemma_.lower() in FIGHT_NOUNS for c in tok.children if c.dep_ == "prep" for g in c.subtree)


def _no_strike(tok) -> bool:
    """ "a drone captured footage of the landslides": a drone that films or delivers strikes nothing."""
    return tok.lemma_.lower() == "drone" and tok.dep_ in ("nsubj", "nsubjpass") and \
        tok.head.lemma_.lower() in NONSTRIKE_VERBS


def _thrown(tok) -> bool:
    """ "projectiles were thrown at police": thrown things are a riot's, not artillery."""
    return tok.lemma_.lower() in ("projectile", "rocket", "missile") and \
        any(t.lemma_.lower() in ("throw", "hurl", "pelt") for t in (tok.head, *tok.children))


def _riot_gear(tok) -> bool:
    """ "riot police", "riot gear": a riot's name for those who stop one."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lemma_.lower() == "riot" and nxt is not None and nxt.lemma_.lower() in RIOT_GEAR


def _takes_no_place(tok) -> bool:
    """A territory verb whose object is people or goods rather than a place, a share of no named place
    ("regained most of the territory"), or that has none ("a break and enter investigation")."""
    if tok.lemma_.lower() == "enter" and (not any(c.dep_ in ("dobj", "obj", "prep") for c in tok.children) or
                                          tok.i > 1 and tok.doc[tok.i - 2].lemma_.lower() == "break"):
        return True
    if tok.lemma_.lower() == "enter":   # "entering into the peak of the season": entering no place
        where = _objects(tok, ("into", "in", "of"))
        if where and not any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN" or
                             t.lemma_.lower() in PLACE_NOUNS | BASES for o in where for t in o.subtree):
            return True
    outs = [g for c in tok.children if c.lower_ == "out" for p in c.children if p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"]
    if outs:   # "drove IS out of Deir Ezzor": a place; "drove the protesters out of the square": none
        return not any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN" for g in outs for t in g.subtree)
    for c in tok.children:   # "expelled the fighters from Sirte": the place is where they were driven from
        if c.dep_ == "prep" and c.lower_ in ("from", "out") and any(
                t.ent_type_ in ("GPE", "LOC", "FAC") for t in c.subtree):
            return False
    objs = _objects(tok, ("of",))
    objs += [g for o in objs if o.lemma_.lower() == "control" for g in _objects(o, ("of", "over"))]
    if tok.dep_ == "relcl" and _share(tok.head):
        return True   # "most of the territory that rebels had seized": the share, again
    for o in objs:
        if o.ent_type_ == "PERSON" and norm(o.text) in gazetteer().by_name:
            return False   # "recaptured Palmyra", tagged as a person
        if o.lemma_.lower() in NOT_PLACES or o.ent_type_ in ("PERSON", "MONEY"):
            return True
        if o.lower_ in PARTIAL and _objects(o, ("of",)):
            return True   # "took over the outskirts of Kidal": part of a town, which no one lost yet
        shares = _objects(o, ("of",)) if o.lemma_.lower() in SHARE_WORDS else []
        if shares and all(_share(i) for i in shares):
            return True   # "regained most of the territory (that rebels had seized in Hama)": a sum
        if o.ent_type_ in ("GPE", "LOC", "FAC"):
            return False
    return False


def _share(noun) -> bool:
    """ "(most of) the territory": a share of territory whose own phrase names no place ("the territory of
    Idlib" names one; a clause told of it, "that rebels had seized in Hama", does not)."""
    if noun.lemma_.lower() not in GENERIC_TERRITORY or not (
            noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in SHARE_WORDS):
        return False
    clauses = {t.i for c in noun.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in noun.subtree if t.i not in clauses)


def _aggregate(tok, sent) -> bool:
    """A count over a stretch of time, not one incident: "since the lockdown, over 100 militants have been
    killed", "154 militants were killed in the first seven months of 2019", "has intensified airstrikes in
    recent weeks", "from January this year, over 125 militants have been killed"."""
    clause = _clause_verb(tok)
    heads = {tok, clause}
    # "since" in the trigger's clause, or the trigger inside a "since" phrase ("mired in chaos since an
    # uprising that killed Qaddafi"): a count from a point in time, or that point told as background
    if any(t.lower_ == "since" and _verb_above(t.head if t.dep_ == "mark" else t).i == clause.i
           for t in clause.subtree if t.dep_ in ("prep", "mark")) or any(h.lower_ == "since" for _, h in _up(tok, 6)):
        return True   # not a "since" of a clause inside it ("..., marking the deadliest attack since 2018")
    for e in ents(sent):
        if e.label_ != "DATE":
            continue
        prep = e.root.head
        if e.root.dep_ == "pobj" and prep.head in heads and (
                SPAN_OF_TIME.search(e.text) or prep.lower_ in ("from", "since", "throughout")):
            return True
    return False


def _judged_or_remembered(tok) -> bool:
    """A trigger a court or a remembrance governs: "convicted of rape", "a case concerning attacks on state
    institutions", "the protest commemorated the attack on students last year"."""
    for node, head in _up(tok, 4):
        low = head.lemma_.lower()
        if low in TRIAL_WORDS or low in MEMORY_WORDS:
            return True
    # a noun however deep in what a verdict lists ("convicted him of 18 counts of crimes ..., including
    # murder, rape"): the first verb above it that heads a clause says what is done with it
    for node, head in _up(tok, 40):
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("prep", "acl"):   # not "including", "known as"
            return tok.pos_ == "NOUN" and head.lemma_.lower() in TRIAL_WORDS
    return False


def _background_agreement(tok, words: str = "") -> bool:
    """An agreement told by a noun that no verb of agreeing acts on ("ended with a truce", "the peace
    agreements of 2015", "to undermine the cease-fire"): a reference to it, not its making."""
    if tok.pos_ not in ("NOUN", "PROPN") or not {tok.lemma_.lower(), words} & AGREE_NOUNS:
        return False
    return not any(h.lemma_.lower() in AGREE_VERBS for _, h in _up(_phrase_head(tok), 3))
