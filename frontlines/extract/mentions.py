"""The actors and places one sentence mentions (SentenceMentions): actor names from the registry,
toponyms from NER, the gazetteer matcher and project additions, each read in the report's context
(context.DocContext), put inside the area the text gives, and capitals meant but not named."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span

from ..actors import Mention, registry
from ..geo import ADMIN_WORDS, gazetteer, norm
from .. import villages
from .areas import _area_senses, _capitals, _contained, _within_area
from .lexicon import BROAD, PLACE_LABELS
from .patterns import ANAPHORIC_GROUP
from .syntax import _depth, _in_subtree, _mention_root, ents
from .toponyms import (_after_place_word, _country_name, _district_name, _extra_places, _facility_town,
                       _gazetteer_names, _home_town, _longer_name, _place_like, _split_names, _village)

if TYPE_CHECKING:
    from .context import DocContext

BARE_HARM = {"kill", "wound", "injure"}   # verbs whose bare numeral object ("killed six") is people


def _actors(sent, ctx: DocContext) -> list:
    """(Mention, tokens) of the actors a sentence names; "the group" is the report's salient group."""
    out = []
    base = sent.start_char
    for m in registry().mentions(sent.text):
        span = sent.doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
        if span is None:
            continue
        if m.name is None and m.kind == "unidentified" and ANAPHORIC_GROUP.match(_with_det(span)) \
                and ctx.salient_group:
            m = Mention(m.start, m.end, m.text, ctx.salient_group, registry().kinds[ctx.salient_group])
        out.append((m, list(span)))
    named = {t.i for _, toks in out for t in toks}
    for t in sent:   # "killed six and wounded 20 others": people the text does not name otherwise
        if t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in BARE_HARM and t.i not in named and \
                (t.pos_ == "NUM" or t.lower_ == "others" and any(c.dep_ == "nummod" for c in t.children)):
            out.append((Mention(t.idx - base, t.idx + len(t) - base, t.text, None, "civilians"), [t]))
    return out


def _named_town(ent, ctx: DocContext, facilities: list, homes: list, people: bool = True) -> bool:
    """Whether a name is that of the town a facility is named after ("Luanda Central Prison": in
    `facilities`, where its events were and evidence of the report's places) or, with people, of the town
    of the report's country whose people or office it names ("Wajir herders": in `homes`, for events only)."""
    if town := _facility_town(ent, ctx):
        facilities.append(town)
    elif people and (town := _home_town(ent, ctx)):
        homes.append(town)
    return town is not None


class SentenceMentions:
    def __init__(self, sent, ctx: DocContext):
        self.sent = sent
        self.actors = ctx.actors.get(sent.start)   # (Mention, tokens): the same in every pass of the report
        if self.actors is None:
            self.actors = ctx.actors[sent.start] = _actors(sent, ctx)
        self.places = []   # (Place, span)
        self.unresolved = []   # place names the gazetteer lacks
        facilities = []   # the towns facilities are named after ("Luanda Central Prison"): for events, not listed
        homes = []   # towns whose people or office a name qualifies ("Wajir herders"): for events only
        actor_tokens = {t.i for _, toks in self.actors for t in toks}
        covered = -1
        for ent in [part for e in ents(sent) for part in _split_names(e)]:
            if any(t.i in actor_tokens for t in ent) or ent.start < covered:
                continue
            if ent.label_ in ("ORG", "PERSON") and _country_name(ent.text):
                ent = Span(ent.doc, ent.start, ent.end, label="GPE")   # "violence that rocked Burkina Faso"
            if ent.label_ in PLACE_LABELS:
                ent = _district_name(_longer_name(ent, sent), sent, ctx)
                covered = ent.end
                if len(ent) == 1 and ent.text in ctx.surnames and not _after_place_word(ent):
                    continue
            lone_name = ent.label_ == "PERSON" and len(ent) == 1 and ent.text not in ctx.person_words
            if ent.label_ == "ORG" and not _place_like(ent):
                _named_town(ent, ctx, facilities, homes)   # "Kerugoya Law Courts", "Wajir herders"
                continue
            if ent.label_ in ("NORP", "PERSON") and not _place_like(ent) and \
                    _named_town(ent, ctx, facilities, homes, people=False):
                continue   # "the Msambweni polling station", "Gatundu Market"
            if ent.label_ in PLACE_LABELS or (ent.label_ in ("ORG", "PERSON", "NORP")
                                              and re.search(r"[A-Z]", ent.text) and _place_like(ent)) or lone_name:
                p = ctx.place(ent.text)
                if lone_name and not _place_like(ent) and (p is None or p.kind != "city" or (
                        p.population < 50_000 and ctx.admins.get((p.country_code, p.admin1), 0) < 0.3
                        and not ctx.beside(p, ent.text))):
                    # "Alexandria Police", "an Alexandria grand jury": a city NER took for a person; a
                    # big one, a town in the area the report names (Dublin, in a report about Ohio) or
                    # one beside the other places it names (Gainesville, beside Sherman, Texas); a town
                    # of the report's country whose people or office it names is where, for its events
                    _named_town(ent, ctx, facilities, homes)   # "Taveta MP Basil Criticos"
                    continue
                if p is not None and p.kind == "city" and ent.end < len(sent.doc) and \
                        sent.doc[ent.end].lower_ in ADMIN_WORDS and norm(ent.text) not in gazetteer().by_name:
                    p = None   # "Bukidnon province": an area the gazetteer lacks, not a hamlet of its name
                if p is not None and ent.label_ not in PLACE_LABELS and ent.root.dep_ == "dobj" and \
                        p.kind == "city" and p.population < 100_000 and ctx.countries.get(p.country_code, 0) < 0.2:
                    continue   # "stormed Dole": a name NER took for a person, matching a small town abroad
                if p is not None:
                    self.places.append((p, ent))
                elif _named_town(ent, ctx, facilities, homes, people=False):
                    pass   # "Luanda Central Prison", "in Gatundu Market": in Luanda, Gatundu
                elif ent.label_ in PLACE_LABELS and _after_place_word(ent):
                    self.unresolved.append(ent)   # "the town of Nyabibwe": a place no gazetteer here has
            elif ent.label_ in ("NORP", "PERSON"):
                _named_town(ent, ctx, facilities, homes)   # "Migori government workers", "Eldama Ravine traders"
        self.matched = set()   # spans only the gazetteer matcher found: weak evidence of the country
        for p, span in _extra_places(sent) + _gazetteer_names(sent, ctx, actor_tokens):
            if all(span.start >= s.end or span.end <= s.start for _, s in self.places):
                self.places.append((p, span))
                self.matched.add((span.start, span.end))
        people = [(p, span) for p, span in self.places
                  if p.kind not in BROAD and span.text in ctx.peoples and not _after_place_word(span)]
        self.places = [ps for ps in self.places if ps not in people]
        # a people's name is no place, but a town of the report's country before its people is their home
        # ("Garissa herders")
        homes += [town for _, span in people if (town := _facility_town(span, ctx) or _home_town(span, ctx))]
        # "Samawa village", "the village of X": a village is local; a namesake city abroad is not it
        # (in a report that names no country, a village of the one country whose villages have that name is it)
        self.places = [(p, span) for p, span in self.places if not (
            _village(span) and p.kind == "city" and ctx.countries.get(p.country_code, 0) < 0.2 and
            (ctx.countries or villages.only_country(span.text) != p.country_code))]
        self.places.sort(key=lambda ps: ps[1].start)
        self.places = _contained([(_within_area(p, span, ctx), span) for p, span in self.places], ctx)
        self.places = _area_senses(self.places, ctx)
        # "the Somali capital": a place the text means but does not name; used for events, not listed
        named = {p for p, _ in self.places}
        self.implied = [(p, span) for p, span in _capitals(sent, ctx) + facilities if p not in named]
        # (homes say nothing of which country or area the report is about: a Paris man is from Paris, Tennessee)
        self.homes = [(p, span) for p, span in homes if p not in named]

    def actor_in(self, root, exclude=()) -> Optional[Mention]:
        cands = [(m, toks) for m, toks in self.actors if _in_subtree(toks, root) and m not in exclude]
        if not cands:
            return None
        # the phrase's own actor beats one told inside it ("by militants on an army checkpoint"); in one
        # phrase, a named or state actor beats a generic noun ("Taliban fighters")
        cands.sort(key=lambda mt: (_depth(mt[1], root), _owned(mt[1], cands), mt[0].kind in ("civilians", "protesters"),
                                   mt[0].name is None and not mt[0].force, mt[1][0].i))
        return cands[0][0]


def _owned(toks, cands) -> bool:
    """ "military sites of the Government of National Accord": a word that only qualifies a thing whose
    owner the phrase names gives way to the owner."""
    root = _mention_root(toks)
    if root.dep_ not in ("amod", "compound") or len(toks) > 1:
        return False
    owners = {t.i for c in root.head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
    return any(t.i in owners for _, ts in cands for t in ts)


def _with_det(span) -> str:
    """The mention with its determiner and adjectives: "the remaining militants"."""
    start = span.start
    while start > span.sent.start and span.doc[start - 1].pos_ in ("ADJ", "DET", "VERB") and \
            span.doc[start - 1].dep_ in ("amod", "det", "poss") and span.start - start < 3:
        start -= 1
    return span.doc[start:span.end].text

