"""Who acted on whom: actor1 and actor2 of a trigger from its dependency frame (subject, agent,
object, "attack by X on Y"), the nearest actors when the frame names none, the armed side an attack
hit, speakers who only report, and the default actor of a type ("Unidentified Armed Group")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..actors import ARMED, Mention
from ..geo import gazetteer
from .lexicon import (BACKING, FIGHT_NOUNS, MILITARY_TARGETS, OWNED_STRIKES, PERPETRATE_VERBS, POLICE_TARGETS,
                      RECIPROCAL, SPEECH, TOLL_WORDS, TRANSITIVE_HARM)
from .mentions import _owned
from .syntax import _clause_verb, _in_subtree, _mention_root, _objects, _phrase_head

if TYPE_CHECKING:
    from .mentions import SentenceMentions


def _roles(tok, sm: SentenceMentions):
    """(actor1, actor2) mentions from the trigger's dependency frame."""
    a1 = a2 = None
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is None:
        # nominal trigger: "SDF liberation of Raqqa", "Russian airstrikes", "attack by X on Y"
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and a1 is None:
                a1 = sm.actor_in(c)
            if c.dep_ == "prep" and c.lower_ == "by":
                a1 = a1 or sm.actor_in(c)
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "from"):
                a2 = a2 or sm.actor_in(c)
        if a1 is None:   # "a U.S. drone strike", "an Israeli strike": the weapon's owner, a country's forces
            a1 = _owner(tok)
        if a2 is None:   # "11 civilians were killed in a coalition airstrike": who the harm befell
            a2 = _harmed_by(tok, sm, a1)
        if a1 is None and tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and tok.head.pos_ in ("VERB", "AUX") \
                and not _harm_noun(tok):
            verb = tok.head if tok.dep_ != "pobj" else _clause_verb(tok.head)
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":   # "backed by Russian airstrikes"
                verb = None
        if verb is None:
            return a1, a2
    headline_passive = _headline_passive(verb, sm.sent)
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN"   # "two policemen abducted by gunmen"
    passive = headline_passive or reduced or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj_verb = verb
    for _ in range(3):   # conjoined / participial verbs borrow their governor's subject
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in subj_verb.children):
            break
        if subj_verb.dep_ in ("conj", "xcomp", "advcl", "acl", "acomp") and subj_verb.head is not subj_verb and \
                not (subj_verb is verb and reduced):   # the noun a reduced passive hangs on suffered it
            subj_verb = subj_verb.head
        else:
            break
    for c in subj_verb.children:
        if passive and c.dep_ == "agent":
            a1 = a1 or sm.actor_in(c)
        elif not passive and c.dep_ == "nsubj":
            a1 = a1 or sm.actor_in(c)
        elif c.dep_ == "nsubj" and subj_verb is not verb:
            a1 = a1 or sm.actor_in(c)
    if a1 is None and not passive:   # "a Ukrainian drone struck a depot": the weapon's owner, a country's forces
        a1 = next((o for c in subj_verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in OWNED_STRIKES
                   for o in [_owner(c)] if o), None)   # (the weapon itself: "Sudanese tribesmen raid" own none)
    for c in verb.children:
        if passive and c.dep_ == "nsubjpass" or headline_passive and c.dep_ == "nsubj":
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
        elif c.dep_ in ("dobj", "obj") and c.i != tok.i:   # "launched strikes targeting...": not the strikes' own
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
        elif c.dep_ == "prep" and c.lower_ in ("from", "against", "on", "at", "with"):
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
    if a2 is None and (reduced or passive and verb.dep_ == "relcl"):   # "officers who were abducted": the officers
        own = sm.actor_in(verb.head, exclude=(a1,))
        a2 = own if own is not None and not any(_in_subtree(toks, verb) for m, toks in sm.actors if m is own) \
            else None
    if a2 is None and a1 is not None and verb.lemma_.lower() in RECIPROCAL:   # "troops and rebels clashed"
        for c in subj_verb.children:
            for cj in (c.conjuncts if c.dep_ == "nsubj" else ()):
                a2 = a2 or sm.actor_in(cj, exclude=(a1,))
    return a1, a2


def _harmed_by(tok, sm: SentenceMentions, a1) -> Optional[Mention]:
    """The victims of the harm verb a nominal trigger is the means of ("were killed in an airstrike",
    "killed in the attack")."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "by") or tok.head.head.pos_ != "VERB":
        return None
    verb = tok.head.head
    if verb.lemma_.lower() not in TRANSITIVE_HARM | {"injure", "wound"} or tok.lemma_.lower() in FIGHT_NOUNS:
        return None   # the dead of a battle were no side's target
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return sm.actor_in(c, exclude=(a1,))
    return None


def _headline_passive(verb, sent) -> bool:
    """ "Egypt soldiers killed in attack on Sinai checkpoint": a headline drops "were", so a past
    participle of a verb that always acts on someone, with a subject and no object, is passive."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in TRANSITIVE_HARM:
        return False
    if sent.text.rstrip().endswith((".", "?", "!", '"', "”", ":")):
        return False   # a sentence of the body says "were"
    kids = [c.dep_ for c in verb.children]
    shared = [g.dep_ for c in verb.children if c.dep_ == "conj" for g in c.children]   # "shot and injured a woman"
    return "nsubj" in kids and not any(d in ("dobj", "obj") for d in kids + shared)


def _owner(tok) -> Optional[Mention]:
    """The country whose name or demonym modifies a strike or a weapon ("U.S. drone strike", "Israeli
    airstrikes"): its military forces."""
    g = gazetteer()
    if tok.lemma_.lower() not in OWNED_STRIKES and tok.head.lemma_.lower() not in OWNED_STRIKES:
        return None   # "Palestinian rioters" are no state forces
    heads = [tok, tok.head] if tok.dep_ == "compound" else [tok]   # "U.S." modifies "strike", not "drone"
    for c in [c for h in heads for c in h.children]:
        if c.dep_ not in ("compound", "amod", "nmod") or c.i > tok.head.i or c is tok:
            continue
        for m in (c, *[x for x in c.children if x.dep_ in ("compound", "amod")]):
            cc = g.country_code(m.text) if m.text[:1].isupper() else None
            if cc:
                return Mention(0, 0, m.text, None, "state", cc, force="military")
    return None


def _harm_noun(tok) -> bool:
    """A noun that tells only harm ("the killing of a judge", "the death of"), in a clause whose subject did
    not do it ("police are investigating", "the army confirmed"; but "gunmen carried out the killing")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in TOLL_WORDS and \
        _clause_verb(tok).lemma_.lower() not in PERPETRATE_VERBS


def _nearest(tok, sm: SentenceMentions, a1, a2):
    # the one who tells ("a military official said", "according to police") did not act, unless the
    # clause only says "it" ("the army says it has retaken the town")
    self_told = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in _clause_verb(tok).children)
    armed = [(m, toks) for m, toks in sm.actors if m is not a1 and m is not a2 and (self_told or not _speaker(toks))]
    if _harm_noun(tok):   # "police are investigating the killing of a teacher": not who killed
        subjects = [c for c in _clause_verb(tok).children if c.dep_ == "nsubj"]
        armed = [(m, toks) for m, toks in armed if not any(_in_subtree(toks, c) for c in subjects)]
    before = [m for m, toks in armed if toks[-1].i < tok.i]
    after = [m for m, toks in armed if toks[0].i > tok.i and not _owned(toks, armed)]   # "military sites of the GNA"
    if a1 is None and before:
        named = [m for m in before if m.kind not in ("civilians",)]
        a1 = (named or before)[-1]
    if a1 is None and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        # "ten men were shot dead when gunmen opened fire": the armed actor after a passive is its agent
        a1 = next((m for m, toks in armed if toks[0].i > tok.i and m.kind in ARMED and not _target(toks)), None)
        after = [m for m in after if m is not a1]
    if a2 is None and after:
        a2 = next((m for m in after if m is not a1), None)
    return a1, a2


def _backing(tok) -> bool:
    """ "backed by Russian airstrikes", "with the support of coalition air strikes": the strikes helped the
    side the clause is about; they did not hit it."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("by", "of") and tok.head.head.lemma_.lower() in BACKING


def _target(toks) -> bool:
    """A mention an attack was on ("one of the bloodiest attacks on security forces"): no agent."""
    root = _mention_root(toks)
    return root.dep_ == "pobj" and root.head.lower_ in ("on", "against", "targeting")


def _speaker(toks) -> bool:
    """A mention that only reports ("police said", "army sources", "according to the military")."""
    root = _phrase_head(_mention_root(toks))   # "a police officer said": the officer told it
    if root.dep_ in ("nsubj",) and root.head.lemma_.lower() in SPEECH:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def _armed_target(tok) -> str:
    """ "military" or "police" when what an attack hits is armed (a checkpoint, a convoy, troops)."""
    noun = _phrase_head(tok)
    acts = [tok, noun] + ([noun.head] if noun.dep_ == "nsubj" else [])   # "a suicide bomber rammed into a checkpoint"
    for o in (o for t in acts for o in _objects(t, ("on", "against", "at", "into"))):
        for head in (o, *o.conjuncts):
            lemma = head.lemma_.lower()
            mods = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
            if lemma in POLICE_TARGETS or (lemma == "station" and "police" in mods):
                return "police"
            if lemma in MILITARY_TARGETS or (lemma == "member" and mods & {"security", "army", "military"}):
                return "military"
    return ""


def _default_actor1(etype: str, sub: str, a1: Optional[Mention]) -> Optional[Mention]:
    if a1 is not None and a1.kind not in ("civilians",):
        if etype == "Riots" and a1.kind == "protesters":
            return Mention(a1.start, a1.end, a1.text, None, "rioters")
        return a1
    if etype == "Protests":
        return Mention(0, 0, "", None, "protesters")
    if etype == "Riots":
        return Mention(0, 0, "", None, "rioters")
    if etype in ("Violence against civilians", "Explosions/Remote violence") or sub == "Armed clash":
        return Mention(0, 0, "", None, "unidentified")
    return a1

