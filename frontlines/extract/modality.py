"""Whether a trigger states something that happened: not future, hypothetical, negated, intended,
habitual or expected, and not only a claim or an accusation of responsibility. Takes a trigger token
and its sentence; gives yes or no (and, for claims, the group that claims an event)."""
from __future__ import annotations

import re
from typing import Optional

from ..actors import Mention
from .lexicon import (ATTRIBUTION_NOUNS, CLAIMED, DURATIONS, FUTURE_AUX, HYPO_MARK, INTENT, MODAL_AUX, REPEATED,
                      RESPONSIBILITY)
from .patterns import HABITUAL
from .syntax import _clause_verb, _phrase_head, _up

CLAIMANT_KINDS = ("rebel", "militia")


def _managed(node) -> bool:
    """ "was able to": done, in the past, not only possible."""
    if node.lemma_.lower() != "able":
        return False
    head = node.head
    past = head.lemma_ == "be" and head.tag_ == "VBD" or any(c.lemma_ == "be" and c.tag_ == "VBD" for c in head.children)
    return past and not any(c.dep_ == "neg" for c in (*head.children, *node.children))


def _asserted(tok, sent) -> bool:
    """False when the trigger is future, hypothetical, negated or only intended."""
    if sent.text.rstrip().endswith("?") or HABITUAL.search(sent.text):
        return False
    noun = _phrase_head(tok)   # "various peace agreements": of the head noun
    if any(c.lemma_.lower() in REPEATED for t in {tok, noun} for c in t.children
           if c.dep_ in ("amod", "advmod", "npadvmod")):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in DURATIONS for g in c.children)
           for t in {_clause_verb(tok), tok, noun} for c in t.children) and not _on_a_day(sent):
        return False   # "has fought the government for a decade", "has seen clashes ... for decades": a state
    node, hops = tok, 0
    while node is not None and hops < 4:
        if any(t.text == ";" for t in sent.doc[min(tok.i, node.i):max(tok.i, node.i)]):
            break   # "Seven killed in ethnic clashes; no breakdown of death toll": another clause
        for c in node.children:
            low = c.lower_
            if c.dep_ == "neg" or low in ("never", "not", "n't") or (low == "no" and c.dep_ == "det"):
                return False
            if c.dep_ in ("aux", "auxpass") and (low in FUTURE_AUX or low in MODAL_AUX):
                if not any(x.lower_ == "have" for x in node.children if x.dep_ == "aux") or low in FUTURE_AUX:
                    return False
            if c.dep_ == "mark" and low in HYPO_MARK:
                return False
        if node is not tok and node.lemma_.lower() in INTENT and node.dep_ != "amod" and \
                not _phrasal(node) and \
                not (node.lemma_.lower() == "allow" and node.tag_ in ("VBD", "VBG")) and \
                not (node.lemma_.lower() == "fear" and node.tag_ == "VBN") and \
                not _managed(node):   # "allowing IS to seize it", "feared killed", "was able to retake it"
            return False
        if node.dep_ in ("ROOT",) or node.head is node:
            break
        if node.dep_ in ("advcl", "ccomp", "relcl") and hops > 0 or \
                node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and hops > 0:
            break
        if node.dep_ == "pcomp" and node.head.lower_ == "after" or node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "after" for c in node.children):
            break   # "will advance after seizing Dabiq": what came before the plan happened
        # steps inside a noun phrase are free: "did not commence with a car bombing or a barrage of grenades"
        hops += node.pos_ in ("VERB", "AUX") or node.dep_ not in ("prep", "pobj", "conj", "cc", "appos", "compound")
        node = node.head
    if re.search(r"\b(going to|set (its|their|his) sights?|set (its|their) sites)\b", sent.text, re.I):
        # such phrasing marks intent only when it governs the trigger's clause
        head = tok if tok.pos_ == "VERB" else tok.head
        if any(t.lower_ in ("sights", "sites", "going") for t in head.subtree) or \
                any(t.lower_ in ("sights", "sites", "going") for t in head.head.children):
            return False
    return True


DAY = re.compile(r"\b(\d{1,2}(st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def _on_a_day(sent) -> bool:
    """Whether the sentence dates what it tells to a day ("On 3 November 2021, teachers protested ... for
    two years": the years are the grievance's, the protest was on that day)."""
    return any(e.label_ == "DATE" and DAY.search(e.text) and not any(t.lower_ in DURATIONS for t in e)
               for e in sent.ents)


def _phrasal(verb) -> bool:
    """A verb with a particle is another verb: "set off a bomb", "set up a base" are no plan ("set to
    attack" is); "called off the strike" still cancels it."""
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return prt is not None and (verb.lemma_.lower(), prt) != ("call", "off")


def _purpose(tok) -> bool:
    """ "an offensive to purge Libya", "its campaign to take over the town": an infinitive of purpose says
    what was sought, not what was done (of a protest, "gathered to protest" tells the protest itself)."""
    return tok.pos_ == "VERB" and tok.dep_ in ("advcl", "acl") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _aside(tok) -> bool:
    """Whether a token is inside brackets in its sentence."""
    depth = 0
    for t in tok.doc[tok.sent.start:tok.i]:
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _attributed(tok) -> bool:
    """True when the trigger is what a claim, denial or accusation of responsibility is about."""
    for node, head in _up(tok, 6):
        low = head.lemma_.lower()
        if node.dep_ == "pobj" and low == "behind" or low in ATTRIBUTION_NOUNS:
            return True
        if node.dep_ in ("pobj", "pcomp") and low == "for" and head.head.lemma_.lower() in RESPONSIBILITY:
            return True
        if node.dep_ in ("dobj", "obj") and low == "claim":   # "has claimed the murder of a blogger"
            return True
        if node.dep_ in ("nsubj", "nsubjpass") and any(   # "bombers are suspected to be behind the blasts"
                (t.lower_ == "behind" or t.lemma_.lower() == "responsible") and not _aside(t) for c in head.children
                if c.i > node.i and c.dep_ not in ("conj", "parataxis") for t in c.subtree):
            return True   # (not another clause or an aside: "an IED exploded ... (Al Shabaab assumed responsible)")
        if head.dep_ == "ROOT" or node.dep_ in ("advcl", "ccomp"):
            return False
    return False


def _claimant(sm) -> Optional[Mention]:
    """The named armed group that claims an event in this sentence ("the Taliban claimed the attack")."""
    for t in sm.sent:
        if t.lemma_.lower() != "claim" or t.pos_ != "VERB" or not _asserted(t, sm.sent):
            continue
        if not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in CLAIMED for c in t.children):
            continue
        for c in t.children:
            if c.dep_ == "nsubj" and not any(d.lower_ == "no" for d in c.children):
                m = sm.actor_in(c)
                if m is not None and m.name and m.kind in CLAIMANT_KINDS:
                    return m
    return None


def _expected(tok) -> bool:
    """ "in anticipation of mass protests", "ahead of the rally", "detained before the rally": not yet."""
    for node, head in _up(tok, 3):
        if node.dep_ == "pobj" and (head.lower_ in ("before", "ahead") or head.head.lower_ == "ahead" or
                                    head.head.lemma_.lower() == "anticipation"):
            return tok.pos_ == "NOUN"
    return False

