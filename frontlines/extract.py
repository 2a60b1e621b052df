"""Events from a parsed report: type, actors, place, date, fatalities, modality.

One pass over the sentences of a spaCy Doc. For each trigger (taxonomy.yaml) that is
asserted (not future, hypothetical, negated or habitual), the trigger's clause gives the
actors (subject / agent / object), the place (a toponym tied to the trigger, else the
report's focus place) and the date (a date expression in the sentence, else the
publication date). Events of the same kind, place and date within one report merge.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span

from . import dates as dt
from .actors import ARMED, Mention, registry
from .fatalities import fatalities, from_parse as fatalities_in
from .geo import (ADMIN_SUFFIX, ADMIN_WORDS, DISTRICT_ENDING, Place, gazetteer, haversine_km, is_own_name,
                  nearest_km, norm)
from .records import Event, Report
from .taxonomy import GOV_REGAINS, NSA_OVERTAKES, TERRITORY, Match, Trigger, taxonomy

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
MODAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca"}
INTENT = {"plan", "threaten", "vow", "attempt", "try", "seek", "intend", "aim", "prepare", "expect", "want",
          "warn", "fear", "risk", "propose", "urge", "consider", "hope", "pledge", "promise", "decide", "likely",
          "possible", "set", "call", "demand", "deny", "refuse", "fail", "prevent", "avoid", "allow", "ready",
          "able", "unable", "rumor", "rumour", "predict", "need", "order", "would", "pretend", "accuse",
          "allege"}
REPEATED = {"daily", "frequent", "repeated", "constant", "regular", "occasional", "nightly", "weekly",
            "periodic", "sporadic", "ongoing", "continued", "continuous"}
HYPO_MARK = {"if", "unless", "whether", "lest"}
DURATIONS = {"decade", "decades", "years", "months", "generations", "ages"}
# a disaster or an accident named in the sentence explains generic harm ("an earthquake killed eight")
DISASTER = re.compile(
    r"\b(earthquakes?|quakes?|(flash )?floods?|flooding|landslides?|mudslides?|cyclones?|typhoons?|hurricanes?|"
    r"tornado(e?s)?|tsunamis?|avalanches?|wildfires?|bushfires?|forest fires?|heat ?waves?|droughts?|volcan\w*|"
    r"eruptions?|blizzards?|snowstorms?|heavy snow|torrential rains?|heavy rains?|boilers?|furnaces?|"
    r"gas (leaks?|cylinders?|explosions?)|(chemical|fertili[sz]er|pesticide|fireworks?|industrial) (plant|factory)|"
    r"plant explosion|factory fire|ammonium nitrate|mine collapse|(road|traffic) accidents?|(car|bus|plane|train) "
    r"crash(es)?|derail\w*|stampedes?|building collapse|accidents?|fires (are |were )?burning|"
    r"fireworks|landslip|(hazardous|dangerous|toxic) (chemicals?|materials?|substances?)|"
    r"chemicals? (plant|warehouse|depot|factory)|snowfall|rainfall)\b", re.I)
GENERIC_HARM = {"kill", "die", "dead", "death", "injure", "wound", "hurt", "explosion", "explode", "blast", "damage",
                "destroy", "evacuate", "evacuation", "mobilize", "mobilise", "deploy", "deployment", "burn", "fire",
                "collapse", "crash", "*"}
# how a protest went, from its sentence and the next: protesters' violence makes it a riot (ACLED),
# else lethal or brutal force against it is excessive force, else dispersal is intervention
PROTEST_VIOLENT = re.compile(
    r"\b(turn(ed|s)? violent|riots? (broke out|erupted|started)|rioting|rioters|clash(es|ed)? (with|between)|"
    r"clashes broke out|hurl(ed|ing)|thr(ew|ow|owing) (stones|rocks|bottles|petrol bombs|molotov)|"
    r"stone[- ]throw\w*|torch(ed|ing)|set (fire|ablaze)|burn(ed|t|ing) (tyres|tires|cars|vehicles|buildings|shops)|"
    r"vandali[sz]\w*|loot(ed|ing)|smash(ed|ing)|shut down (the )?roads|barricades?|"
    r"aggressive (protest|demonstration)s?|violent (protest|demonstration)s?|"
    r"thr(ew|ow|ows|owing|own) (\w+ ){0,2}(stones|rocks|bottles|petrol bombs|molotov\w*|fireworks|firecrackers|"
    r"projectiles|objects|bricks|eggs)|(projectiles|stones|rocks|bottles|objects) (were|was) thrown|pelt(ed|ing)|"
    r"(police|officers|security forces) clashed with|clashes (have |had )?(broken|broke) out|"
    r"confront(ed|ing) (the )?(police|officers|security forces)|fire[sd]? (fire ?crackers|fireworks)|clash(es|ed)?|"
    r"(light|lit|lighting|lighted|start(ed|ing)?) (\w+ )?(fires|bonfires)|(pull(ed|ing)?|t[oe]re|tearing) down|"
    r"remov(ed|ing) (the )?(fences|barriers|barricades)|into (a|the) fire)\b", re.I)
PROTEST_FORCE = re.compile(
    r"\b(excessive force|violently (suppress|disperse|crush|br[oe]ke? up)\w*|live (ammunition|bullets|fire|rounds)|"
    r"(tear gas|teargas) and (live )?bullets|shot dead|opened fire on|beat(en|ing)? (up )?(protesters|demonstrators)|"
    r"batons?|bludgeon\w*|beat(s|en|ing)? (up )?(an? )?([\w-]+ )?(protesters?|demonstrators?)|violent crackdown|"
    r"(shot|fired|shoot|fire|firing) live (rounds|ammunition|bullets))\b", re.I)
PROTEST_INTERVENTION = re.compile(
    r"\b(tear ?gas|water cannons?|dispers(e|ed|ing|al)|rubber bullets|arrest(ed|ing)|detain(ed|ing)?|"
    r"arrests (were|have been|had been) made|made (\w+ )?arrests|"
    r"broke up|break up|forcefully suspended|cordon(ed)?|suppress(ed|ing)|pepper[- ]spray\w*|"
    r"drag(ged|ging)? (them|protesters|demonstrators)|chas(e|ed|es|ing))\b", re.I)
PROTEST_RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
                "Violent demonstration": 3}

FIND_WEAPONS = {"seize", "seizure", "find", "discover", "discovery", "recover", "recovery", "destroy", "defuse",
                "dismantle", "confiscate", "confiscation", "uncover", "unearth", "impound", "neutralize", "neutralise",
                "intercept", "interception", "clear", "remove", "identify", "deactivate", "detect"}
WEAPONS = {"weapon", "arm", "arms", "ammunition", "ammo", "firearm", "gun", "pistol", "rifle", "round", "explosive",
           "ied", "grenade", "bomb", "rocket", "landmine", "magazine", "cache", "stash", "missile", "mortar", "bullet",
           "cartridge", "detonator"}

BASE_VERBS = {"set up", "establish", "build", "erect", "open", "construct", "create"}
BASES = {"base", "bases", "headquarters", "post", "outpost", "checkpoint", "camp", "position", "garrison"}
CLAUSE_RULES = [(FIND_WEAPONS, WEAPONS, "Disrupted weapons use"), (BASE_VERBS, BASES, "Headquarters or base established")]
RULE_WORDS = FIND_WEAPONS | {"set", "establish", "build", "erect", "open", "construct", "create"}
# burning and looting are a riot only where people are protesting; elsewhere, property destruction
PROPERTY_TRIGGERS = {"loot", "torch", "set", "vandalize", "vandalise", "burn", "fire", "rampage"}
PROTEST_CONTEXT = re.compile(r"\b(protest\w*|demonstrat\w*|riot\w*|rall(y|ies)|march\w*|unrest|mobs?|crowds?|"
                             r"agitat\w*|strikers?|youths?|residents|villagers|locals|community members)\b", re.I)

PROTEST_TYPES = ("Protests", "Riots")
PROTESTING = re.compile(r"\b(protest\w*|demonstrat\w*|rall(y|ies)|march(es|ed|ing)?|sit-ins?|strik(e|es|ing)|"
                        r"picket\w*|riot\w*)\b", re.I)
MILITARY_TARGETS = {"checkpoint", "base", "outpost", "barracks", "convoy", "patrol", "garrison", "troop", "soldier",
                    "army", "military", "serviceman", "servicemen", "post", "position"}
POLICE_TARGETS = {"police", "policeman", "policemen", "officer", "gendarme", "gendarmerie"}

# what territory verbs take when they are not about a place: people and goods
NOT_PLACES = set("""diplomat ambassador envoy national citizen suspect militant fighter soldier member leader commander
people person man woman child boy girl journalist worker hostage civilian migrant smuggler official staff student
currency note drug weapon arm ammunition cocaine heroin cannabis gold cargo ship vessel vehicle truck car boat tanker
consignment shipment contraband passport document property asset money cash explosive service""".split())
# "claimed responsibility for the attack", "responsible for air strikes", "suspected to be behind the
# blasts": the sentence says who did an event, it does not report one (CASE 2021's attribution class)
RESPONSIBILITY = {"responsibility", "responsible", "credit", "blame"}
ATTRIBUTION_NOUNS = {"accusation", "allegation", "denial"}
CLAIMANT_KINDS = ("rebel", "militia")
CLAIMED = {"responsibility", "credit", "attack", "attacks", "bombing", "killing", "killings", "assault", "ambush",
           "blast", "murder", "kidnapping", "abduction", "strike", "raid", "explosion", "operation"}
HABITUAL = re.compile(r"\b(every time|whenever|each time|usually|often|routinely|tend to|at times)\b", re.I)
ANAPHORIC_GROUP = re.compile(r"^(the|this|that|its)\s+((remaining|last|retreating|fleeing|surviving|suspected|"
                             r"terror|jihadist|militant|extremist|armed|insurgent|terrorist)\s+)*"
                             r"(group|militants|jihadists|terrorists|extremists|insurgents|organi[sz]ation)$", re.I)
PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_NAMES = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "PERSON"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
ACTOR_ONLY_WEIGHT = 0.3
LOWER_DIRECTION = re.compile(r"^(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?|"
                             r"(?:north|south)-?(?:east|west)ern) (?=[A-Z])")
BESIDE_KM = 100   # a town this close to another the report names is in its neighbourhood
BROAD = ("country", "continent")
AREAS = ("admin1", "region", "admin2")   # a province, a named region, a district: at its centre or capital
RELATIVE_DATE = re.compile(r"\b(yesterday|last night|(on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                           r"(this|last|past|previous) (week|month|year)|(over |more than )?(\d+|a|an|one|two|three|"
                           r"four|five|six|seven|eight|nine|ten|several|a few) (days?|weeks?|months?|years?) "
                           r"(ago|back|earlier))\b", re.I)
QUARTER_WORDS = {"neighborhood", "neighbourhood", "district", "quarter", "suburb", "neighborhoods",
                 "neighbourhoods", "districts", "quarters", "suburbs", "estate", "ward"}
NEAR_WORDS = {"near", "outside", "around", "outskirts", "north", "south", "east", "west", "northeast",
              "northwest", "southeast", "southwest", "between", "close", "vicinity", "part", "area", "neighborhood",
              "neighbourhood", "district", "suburb"}


class DocContext:
    """What the whole report says: its countries, focus place and salient armed group."""

    def __init__(self, doc, published: date):
        g = gazetteer()
        self.published = published
        counts, placed = Counter(), set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                cc = g.country_code(ent.text)
                if cc and g.area_namesake(ent.text):
                    continue   # "Georgia" may be the US state: the places around it tell
                if cc:
                    counts[cc] += 1
                    if ent.label_ != "GPE" or ent.root.dep_ not in MODIFIER_DEPS:
                        placed.add(cc)
        total = sum(counts.values()) or 1
        # a country named only as a modifier ("U.S. drone strike", "U.S.-backed forces") says who
        # acted, not where: it may not outweigh a city's size (Kabul, not Cabool, Missouri)
        self.countries = {cc: n / total if cc in placed else min(n / total, ACTOR_ONLY_WEIGHT)
                          for cc, n in counts.items()}
        named = dict(self.countries)
        self.places: dict[tuple, Optional[Place]] = {}
        # "LONDON, Ky. ... London Police": a name the text once puts in its area keeps that sense
        self.senses: dict[str, Place] = {}
        self.admins: dict[tuple, float] = {}
        self.points: list[tuple] = []   # (name, latitude, longitude) of the towns and districts found so far
        self.others: dict[str, dict] = {}   # a name -> the country weights of the rest of the report
        self.focus = None
        groups = Counter()
        for m in registry().mentions(doc.text):
            if m.name and m.kind in ("rebel", "militia"):
                groups[m.name] += 1
        self.salient_group = groups.most_common(1)[0][0] if groups else None
        # "Adam Moore ... Moore said": a surname the report gives a person is that person elsewhere too
        self.surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        self.person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        # "the Bissa ethnic group", "Somali and Maasai pastoralists": a people's name is no town elsewhere
        self.peoples = {e.text for e in doc.ents if e.label_ == "NORP" and
                        (g.country_code(e.text) or not _names_a_place(e.text))} | \
            {t.nbor(-1).text for t in doc if t.lower_ in PEOPLE_WORDS and t.i > 0 and t.nbor(-1).is_title}
        first_para_end = min(len(doc.text), 600)
        # passes: the places found first tell which countries and areas the report is about, and every
        # name is then resolved again in that context, until a pass reads every name as the one before
        # ("Avondale Estates", found once the report is known to be about the US, puts Decatur in Georgia)
        before = None
        for _ in range(4):
            focus = Counter()
            self.mentions = {}
            found, areas, towns, found_by = Counter(), Counter(), set(), {}
            for sent in doc.sents:
                sm = self.mentions[sent.start] = SentenceMentions(sent, self)
                for p, span in sm.places + sm.implied:
                    if p.kind not in BROAD:
                        focus[p] += 2 if span.start_char < first_para_end else 1
                    # a country or an area counts each time it is named; a town once, or a town named
                    # often would pull its namesakes into its own area and country (Gainesville, Florida
                    # for Texas's; Dublin, Ireland for Ohio's)
                    again = p.kind not in BROAD + AREAS and p in towns
                    towns.add(p)
                    if p.country_code and not again:
                        e = _evidence(p, span, sm)
                        found[p.country_code] += e
                        found_by.setdefault(norm(span.text), Counter())[p.country_code] += e
                    if p.admin1 and p.kind not in BROAD and not again:
                        if p.kind == "admin1" or g.one_state_county(p):
                            areas[(p.country_code, p.admin1)] += 1
                        else:   # a town's name votes for each area that has a town (county) of that name
                            for a, w in g.name_areas(span.text, p).items():   # Paris is little evidence of France
                                areas[a] += 0.25 * w * (0.3 if g.ambiguous(span.text) else 1)
            read = [(span.start, p) for sm in self.mentions.values() for p, span in sm.places]
            if not found or read == before:
                break
            before = read
            self.points = [(norm(span.text), p.latitude, p.longitude) for sm in self.mentions.values()
                           for p, span in sm.places if p.kind not in BROAD + ("admin1",)]
            self.countries = _country_weights(named, found)
            # a name is resolved by what the rest of the report says, not by where it was read before
            # (Otu, read as Otsu, must not make a report about Kogi State half about Japan)
            self.others = {name: _country_weights(named, found - own) for name, own in found_by.items()}
            n = sum(areas.values())
            self.admins = {a: k / n for a, k in areas.items()} if n else {}
            self.places = {}
        self.focus = focus.most_common(1)[0][0] if focus else None
        if self.focus is None and counts:
            self.focus = g.country_place(counts.most_common(1)[0][0])

    def near(self, name: str) -> list[tuple]:
        """The points of the other towns and districts the report names."""
        n = norm(name)
        return [(lat, lon) for other, lat, lon in self.points if other != n]

    def beside(self, p: Place, name: str) -> bool:
        """Whether p lies within BESIDE_KM of another town or district the report names."""
        near = self.near(name)
        return bool(near) and nearest_km(p, near) <= BESIDE_KM

    def place(self, name: str, within: Optional[Place] = None) -> Optional[Place]:
        """The place a name most likely is in this report; `within` is an area the text puts it in
        ("Charleston, W.Va.")."""
        name = re.sub(r"\s*['’]s$", "", name)   # NER's "El Salvador's"
        name = LOWER_DIRECTION.sub("", name)   # NER's "northeast Nigeria" (not "South Sudan")
        key = (name.lower(), within)
        if key not in self.places:
            if not _plausible_name(name):
                self.places[key] = None
            elif within is not None:
                cc = within.country_code
                admins = {(cc, within.admin1): 2.0} if within.kind == "admin1" else self.admins
                self.places[key] = gazetteer().resolve(name, {cc: 2.0}, admins=admins)
            else:
                countries = self.others.get(norm(name), self.countries)
                self.places[key] = self.senses.get(norm(name)) or \
                    gazetteer().resolve(name, countries, near=self.near(name), admins=self.admins)
        return self.places[key]


def _country_weights(named: dict, found: Counter) -> dict:
    """The weight of each country in a report: its names' own weight plus half the share of the
    places found in it."""
    n = sum(found.values())
    return {cc: named.get(cc, 0) + 0.5 * k / n for cc, k in found.items()} | \
        {cc: w for cc, w in named.items() if cc not in found}


def _evidence(p: Place, span, sm) -> float:
    """How much a resolved place tells which country a report is about: a country, an area or a
    city everyone knows says much; a small town, a name found only by the gazetteer matcher, or a
    name many countries have (Paris, Georgia) says little."""
    w = 1.0 if p.kind != "city" or p.population >= 100_000 else 0.3
    if (span.start, span.end) in sm.matched and not ADMIN_SUFFIX.search(span.text.lower()):
        w *= 0.3
    if gazetteer().ambiguous(span.text):
        w *= 0.3
    if p.kind in AREAS + ("city",) and not is_own_name(norm(span.text), p.name):
        # found by an alias unlike its name (Tor, an old name of Slovyansk): hardly evidence of its country
        w *= 0.1
    return w


def _plausible_name(name: str) -> bool:
    return bool(re.search(r"[A-Z]", name)) and len(name) >= 2 and not name.isdigit()


def _asserted(tok, sent) -> bool:
    """False when the trigger is future, hypothetical, negated or only intended."""
    if sent.text.rstrip().endswith("?") or HABITUAL.search(sent.text):
        return False
    if any(c.lemma_.lower() in REPEATED for c in tok.children if c.dep_ in ("amod", "advmod", "npadvmod")):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in DURATIONS for g in c.children)
           for c in _clause_verb(tok).children):
        return False   # "has fought the government for a decade": a state of affairs, not an event
    node, hops = tok, 0
    while node is not None and hops < 4:
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
                not (node.lemma_.lower() == "allow" and node.tag_ in ("VBD", "VBG")) and \
                not (node.lemma_.lower() == "fear" and node.tag_ == "VBN"):   # "allowing IS to seize it", "feared killed"
            return False
        if node.dep_ in ("ROOT",) or node.head is node:
            break
        if node.dep_ in ("advcl", "ccomp", "relcl", "conj") and hops > 0:
            break
        if node.dep_ == "pcomp" and node.head.lower_ == "after" or node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "after" for c in node.children):
            break   # "will advance after seizing Dabiq": what came before the plan happened
        node, hops = node.head, hops + 1
    if re.search(r"\b(going to|set (its|their|his) sights?|set (its|their) sites)\b", sent.text, re.I):
        # such phrasing marks intent only when it governs the trigger's clause
        head = tok if tok.pos_ == "VERB" else tok.head
        if any(t.lower_ in ("sights", "sites", "going") for t in head.subtree) or \
                any(t.lower_ in ("sights", "sites", "going") for t in head.head.children):
            return False
    return True


def _up(tok, hops: int):
    """(node, head) pairs up the parse from a token to at most `hops` heads above it."""
    node = tok
    for _ in range(hops):
        head = node.head
        if head.i == node.i:
            return
        yield node, head
        node = head


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
                t.lower_ == "behind" or t.lemma_.lower() == "responsible" for t in head.subtree if t.i > node.i):
            return True
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


def _objects(tok, preps: tuple, pobj_only: bool = True) -> list:
    """What a trigger acts on: its direct or passive-subject objects, and the objects of the given
    prepositions ("seizure of weapons", "attack on a checkpoint")."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return objs + [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                   for g in c.children if not pobj_only or g.dep_ == "pobj"]


def _verb_key(t) -> str:
    """A verb's lemma with its particle: "set up", "find"."""
    prt = [c.lower_ for c in t.children if c.dep_ == "prt"]
    return f"{t.lemma_.lower()} {prt[0]}" if prt else t.lemma_.lower()


def _clause_rules(sent, cands: list) -> list:
    """Events told by a verb and what it acts on, beyond the lexicon's reach: weapons seized,
    found or defused (not an explosion, not a takeover); a base, post or checkpoint set up. The
    rule's event replaces the triggers inside that clause."""
    for t in sent:
        if t.pos_ not in ("VERB", "NOUN"):
            continue
        rule = next((r for r in CLAUSE_RULES if _verb_key(t) in r[0] or t.lemma_.lower() in r[0]), None)
        if rule is None or not _asserted(t, sent):
            continue
        found = [x for o in _objects(t, ("of",), pobj_only=False) for x in o.subtree]
        if t.dep_ in ("acl", "relcl"):   # "the bombs discovered on Wednesday", "firearms troops seized"
            found.append(t.head)
        if any(x.lemma_.lower() in rule[1] or x.lower_ in rule[1] for x in found) and \
                not any(x.lower_ in ("no", "none") and x.dep_ in ("det", "neg") for x in found):
            inside = set(t.subtree)
            keep = [(m, tok) for m, tok in cands if tok not in inside]   # t heads its own subtree
            trig = Trigger((t.lemma_.lower(),), "Strategic developments", rule[2], 9)
            return keep + [(Match(trig, t.i - sent.start, t.i - sent.start + 1), t)]
    return cands


WITHDRAW_WORDS = {"withdraw", "withdrawal", "pull", "retreat", "vacate", "abandon"}
UNOPPOSED = re.compile(r"\b(without (any |a )?(resistance|fight|fighting|a shot)|unopposed|"
                       r"(not|no|never) (encounter|me|face)\w* (any )?resistance|(me[et]\w*|encounter\w*|fac\w*) (no|little) "
                       r"resistance)\b", re.I)
HANDOVER = Trigger(("handover",), "Strategic developments", "Non-violent transfer of territory", 7)


def _handover(sent, cands: list) -> list:
    """A place taken as its holders withdrew ("entered Afrin after the YPG pulled out") or without
    resistance is a non-violent transfer; a withdrawal alone is a change to the group's activity."""
    terr = [c for c in cands if c[0].trigger.sub_event_type == TERRITORY]
    gone = [c for c in cands if c[0].trigger.sub_event_type == "Change to group/activity"
            and c[0].trigger.words[0] in WITHDRAW_WORDS]
    if not terr or not (gone or UNOPPOSED.search(sent.text)):
        return cands
    m, tok = terr[0]
    return [c for c in cands if c not in terr and c not in gone] + [(Match(HANDOVER, m.start, m.end), tok)]


def _consequences(cands: list) -> list:
    """ "clashed in Hassakeh, killing several people": the killing is the clash's toll, not another event."""
    heads = {tok.i for m, tok in cands if not set(m.trigger.words) <= GENERIC_HARM}
    toll = set()
    for _ in range(3):   # "clashed, killing and wounding several": both participles are the toll
        toll |= {tok.i for m, tok in cands if set(m.trigger.words) <= GENERIC_HARM and
                 (tok.dep_ in ("advcl", "xcomp") and tok.head.i in heads | toll or
                  tok.dep_ == "conj" and tok.head.i in toll)}
    return [(m, tok) for m, tok in cands if tok.i not in toll]


AIRCRAFT = {"helicopter", "chopper", "gunship", "jet", "warplane", "aircraft", "bomber", "drone", "warjet"}


def _by_air(tok) -> bool:
    """ "raids by the army's choppers", "helicopters attacked": the attacker flies, so it is an air strike."""
    agents = [c for c in tok.children if c.dep_ in ("nsubj", "agent") or (c.dep_ == "prep" and c.lower_ == "by")]
    return any(t.lemma_.lower() in AIRCRAFT for a in agents for t in a.subtree)


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


def _armed_target(tok) -> str:
    """ "military" or "police" when what an attack hits is armed (a checkpoint, a convoy, troops)."""
    for o in _objects(tok, ("on", "against", "at")):
        for head in (o, *o.conjuncts):
            lemma = head.lemma_.lower()
            mods = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
            if lemma in POLICE_TARGETS or (lemma == "station" and "police" in mods):
                return "police"
            if lemma in MILITARY_TARGETS or (lemma == "member" and mods & {"security", "army", "military"}):
                return "military"
    return ""


def _takes_no_place(tok) -> bool:
    """A territory verb whose object is people or goods rather than a place, or that has none ("a break
    and enter investigation")."""
    if tok.lemma_.lower() == "enter" and (not any(c.dep_ in ("dobj", "obj", "prep") for c in tok.children) or
                                          tok.i > 1 and tok.doc[tok.i - 2].lemma_.lower() == "break"):
        return True
    for c in tok.children:   # "expelled the fighters from Sirte": the place is where they were driven from
        if c.dep_ == "prep" and c.lower_ in ("from", "out") and any(
                t.ent_type_ in ("GPE", "LOC", "FAC") for t in c.subtree):
            return False
    objs = _objects(tok, ("of",))
    objs += [g for o in objs if o.lemma_.lower() == "control" for g in _objects(o, ("of", "over"))]
    for o in objs:
        if o.ent_type_ == "PERSON" and norm(o.text) in gazetteer().by_name:
            return False   # "recaptured Palmyra", tagged as a person
        if o.lemma_.lower() in NOT_PLACES or o.ent_type_ in ("PERSON", "MONEY"):
            return True
        if o.ent_type_ in ("GPE", "LOC", "FAC"):
            return False
    return False


SPEECH = {"say", "tell", "report", "confirm", "add", "state", "announce", "quote", "according", "note"}
SOURCE_NOUNS = {"source", "sources", "spokesman", "spokesperson", "spokeswoman", "statement", "official"}
NONSTRIKE_VERBS = {"capture", "film", "record", "show", "photograph", "survey", "monitor", "map", "deliver", "spot",
                   "fly", "inspect", "take", "reveal", "search", "locate"}
RECIPROCAL = {"clash", "fight", "battle", "skirmish", "exchange", "engage", "scuffle"}
FIGHT_NOUNS = {"fighting", "fight", "clash", "battle", "combat", "gunfight", "firefight", "skirmish", "exchange",
               "shootout", "hostility", "gunbattle", "confrontation", "war", "warfare", "operation", "offensive"}


def _speaker(toks) -> bool:
    """A mention that only reports ("police said", "army sources", "according to the military")."""
    root = min(toks, key=lambda t: len(list(t.ancestors)))
    if root.dep_ == "compound" and root.head.lemma_.lower() in SOURCE_NOUNS:
        root = root.head
    if root.dep_ in ("nsubj",) and root.head.lemma_.lower() in SPEECH:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def _no_strike(tok) -> bool:
    """ "a drone captured footage of the landslides": a drone that films or delivers strikes nothing."""
    return tok.lemma_.lower() == "drone" and tok.dep_ in ("nsubj", "nsubjpass") and \
        tok.head.lemma_.lower() in NONSTRIKE_VERBS


def _thrown(tok) -> bool:
    """ "projectiles were thrown at police": thrown things are a riot's, not artillery."""
    return tok.lemma_.lower() in ("projectile", "rocket", "missile") and \
        any(t.lemma_.lower() in ("throw", "hurl", "pelt") for t in (tok.head, *tok.children))


REFLEXIVE = {"himself", "herself", "themselves", "itself", "oneself"}
RIOT_GEAR = {"police", "policeman", "policemen", "officer", "gear", "squad", "unit", "control", "shield", "troop",
             "force", "vehicle"}


def _riot_gear(tok) -> bool:
    """ "riot police", "riot gear": a riot's name for those who stop one."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lemma_.lower() == "riot" and nxt is not None and nxt.lemma_.lower() in RIOT_GEAR


def _expected(tok) -> bool:
    """ "in anticipation of mass protests", "ahead of the rally", "detained before the rally": not yet."""
    for node, head in _up(tok, 3):
        if node.dep_ == "pobj" and (head.lower_ in ("before", "ahead") or head.head.lower_ == "ahead" or
                                    head.head.lemma_.lower() == "anticipation"):
            return tok.pos_ == "NOUN"
    return False


def _not_fighting(tok) -> bool:
    """ "were engaged in packing pesticides": engaging in anything but fighting is no clash."""
    if tok.lemma_.lower() != "engage":
        return False
    if any(c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ == "with") for c in tok.children):
        return False
    return not any(g.lemma_.lower() in FIGHT_NOUNS for c in tok.children if c.dep_ == "prep" for g in c.subtree)


def _head_token(sent, m: Match):
    toks = [sent[i] for i in range(m.start, m.end) if sent[i].text != "*"]
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "PROPN"):
            return t
    return toks[0]


def _clause_verb(tok):
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _in_subtree(mention_tokens, root) -> bool:
    return any(t in set(root.subtree) for t in mention_tokens)


class SentenceMentions:
    def __init__(self, sent, ctx: DocContext):
        self.sent = sent
        self.actors = []   # (Mention, tokens)
        base = sent.start_char
        for m in registry().mentions(sent.text):
            span = sent.doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
            if span is None:
                continue
            if m.name is None and m.kind == "unidentified" and ANAPHORIC_GROUP.match(_with_det(span)) \
                    and ctx.salient_group:
                m = Mention(m.start, m.end, m.text, ctx.salient_group, registry().kinds[ctx.salient_group])
            self.actors.append((m, list(span)))
        self.places = []   # (Place, span)
        actor_tokens = {t.i for _, toks in self.actors for t in toks}
        covered = -1
        for ent in [part for e in sent.ents for part in _split_names(e)]:
            if any(t.i in actor_tokens for t in ent) or ent.start < covered:
                continue
            if ent.label_ in PLACE_LABELS:
                ent = _district_name(_longer_name(ent, sent), sent, ctx)
                covered = ent.end
                if len(ent) == 1 and ent.text in ctx.surnames and not _after_place_word(ent):
                    continue
            lone_name = ent.label_ == "PERSON" and len(ent) == 1 and ent.text not in ctx.person_words
            if ent.label_ in PLACE_LABELS or (ent.label_ in ("ORG", "PERSON", "NORP")
                                              and re.search(r"[A-Z]", ent.text) and _place_like(ent)) or lone_name:
                p = ctx.place(ent.text)
                if lone_name and not _place_like(ent) and (p is None or p.kind != "city" or (
                        p.population < 50_000 and ctx.admins.get((p.country_code, p.admin1), 0) < 0.3
                        and not ctx.beside(p, ent.text))):
                    # "Alexandria Police", "an Alexandria grand jury": a city NER took for a person; a
                    # big one, a town in the area the report names (Dublin, in a report about Ohio) or
                    # one beside the other places it names (Gainesville, beside Sherman, Texas)
                    continue
                if p is not None and ent.label_ not in PLACE_LABELS and ent.root.dep_ == "dobj" and \
                        p.kind == "city" and p.population < 100_000 and ctx.countries.get(p.country_code, 0) < 0.2:
                    continue   # "stormed Dole": a name NER took for a person, matching a small town abroad
                if p is not None:
                    self.places.append((p, ent))
        self.matched = set()   # spans only the gazetteer matcher found: weak evidence of the country
        for p, span in _extra_places(sent) + _gazetteer_names(sent, ctx, actor_tokens):
            if all(span.start >= s.end or span.end <= s.start for _, s in self.places):
                self.places.append((p, span))
                self.matched.add((span.start, span.end))
        self.places = [(p, span) for p, span in self.places
                       if p.kind in BROAD or span.text not in ctx.peoples or _after_place_word(span)]
        # "Samawa village", "the village of X": a village is local; a namesake city abroad is not it
        self.places = [(p, span) for p, span in self.places if not (_village(span) and p.kind == "city" and
                                                                    ctx.countries.get(p.country_code, 0) < 0.2)]
        self.places.sort(key=lambda ps: ps[1].start)
        self.places = _contained([(_within_area(p, span, ctx), span) for p, span in self.places], ctx)
        self.places = _area_senses(self.places, ctx)
        # "the Somali capital": a place the text means but does not name; used for events, not listed
        named = {p for p, _ in self.places}
        self.implied = [(p, span) for p, span in _capitals(sent, ctx) if p not in named]

    def actor_in(self, root, exclude=()) -> Optional[Mention]:
        cands = [(m, toks) for m, toks in self.actors if _in_subtree(toks, root) and m not in exclude]
        if not cands:
            return None
        # a named or state actor beats a generic noun in the same phrase
        cands.sort(key=lambda mt: (mt[0].kind in ("civilians", "protesters"), mt[0].name is None and not mt[0].force,
                                   mt[1][0].i))
        return cands[0][0]


LOWER_CAPITALS = {"provincial", "regional", "state", "district", "county", "financial",
                  "commercial", "economic", "cultural", "religious", "former", "old", "new", "de", "facto"}


def _capitals(sent, ctx: DocContext) -> list:
    """A country's capital meant but not named: "the Afghan capital", "Somalia's capital", "the capital
    of Mali", or "the capital" / "the federal capital" in a report about one country."""
    g = gazetteer()
    out = []
    for t in sent:
        if t.lower_ != "capital" or t.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        if any(c.lower_ in LOWER_CAPITALS for c in mods):
            continue
        cc, start = None, t.i
        for c in mods:
            name = re.sub(r"['’]s$", "", sent.doc[c.left_edge.i:c.i + 1].text)
            cc = cc or g.country_code(name)
            start = min(start, c.left_edge.i)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:   # "the capital of the Central African Republic"
                    cc = cc or g.country_code(re.sub(r"^the ", "", sent.doc[o.left_edge.i:o.i + 1].text, flags=re.I))
                    if o.lemma_ in ("country", "nation"):   # "the capital of the Andean nation of Peru"
                        cc = cc or next(filter(None, (g.country_code(x.text) for of in o.children
                                                      if of.lower_ == "of" for x in of.children)), None)
        if cc is None and not any(c.dep_ == "prep" for c in t.children):
            top = max(ctx.countries.items(), key=lambda kv: kv[1], default=(None, 0))
            if top[1] >= 0.5 and all(c.dep_ in ("det", "amod") for c in t.children):
                cc = top[0]
        row = g.countries.get(cc or "")
        if row and row.get("capital"):
            p = g.resolve(row["capital"], {cc: 2.0})
            if p is not None and p.country_code == cc:
                out.append((p, sent.doc[start:t.i + 1]))
    return out


def _within_area(p: Place, span, ctx: DocContext) -> Place:
    """"Stroud, Ontario", "Charleston, W.Va.", "Kano, Nigeria": the name after the comma is the
    area the town is in, and picks among towns of that name."""
    doc = span.doc
    if p.kind in BROAD or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return p
    g = gazetteer()
    for n in (3, 2, 1):
        area = doc[span.end + 1:min(span.end + 1 + n, len(doc))]
        if not area.text[:1].isupper():
            continue
        if g.admin1_areas(span.text) and _more_listed(area) and any(
                norm(a.name) == norm(area.text) for a in g.admin1_areas(area.text)):
            return p   # "cases in Washington, Pennsylvania and California": three states
        for a in g.admin1_areas(area.text):
            q = ctx.place(span.text, within=a)
            if q is not None and q.country_code == a.country_code and q.admin1 == a.admin1:
                ctx.senses[norm(span.text)] = q
                return q
        cc = g.country_code(area.text)
        if cc and cc != p.country_code and len(area.text) > 3:
            q = ctx.place(span.text, within=g.country_place(cc))
            if q is not None and q.country_code == cc:
                ctx.senses[norm(span.text)] = q
                return q
    return p


LIST_WORDS = {",", "and", "or"}


def _area_senses(places: list, ctx: DocContext) -> list:
    """"Buffalo, New York", "a Washington state farm", "the state of Washington", "Oregon, Washington and
    Idaho": a city's name that is also a first-level area means the area where the words around say so."""
    g = gazetteer()
    out = list(places)
    for i, (p, span) in enumerate(places):
        if p.kind != "city":
            continue
        areas = sorted(g.admin1_areas(span.text), key=lambda a: -a.population)
        if not areas or norm(areas[0].name) != norm(span.text):
            continue
        doc = span.doc
        prev = places[i - 1] if i > 0 else None
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt and _joined(span, nxt[1], {","}) and nxt[0].kind == "admin1" and not _more_listed(nxt[1]) and \
                (p.country_code, p.admin1) == (nxt[0].country_code, nxt[0].admin1):
            continue   # "Washington, D.C.": a town in its area
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        a = None
        if after == "state" or [t.lower_ for t in doc[max(0, span.start - 2):span.start]] == ["state", "of"]:
            a = areas[0]
        elif prev and _joined(prev[1], span, {","}) and prev[0].kind == "city":   # "Buffalo, New York"
            a = next((b for b in areas if (prev[0].country_code, prev[0].admin1) == (b.country_code, b.admin1)), None)
        if a is not None:
            ctx.senses.setdefault(norm(span.text), a)   # the report means the area by this name elsewhere too
        else:   # listed among areas of its country that no town shares a name with: "Oregon, Washington and Idaho"
            for q, sq in filter(None, (prev, nxt)):
                if q.kind == "admin1" and _joined(*sorted((span, sq), key=lambda s: s.start), LIST_WORDS) and \
                        not any(c.kind == "city" and (c.country_code, c.admin1) == (q.country_code, q.admin1)
                                for c, m in g.candidates(sq.text) if m == 1.0):   # Idlib is a city in Idlib too
                    a = next((b for b in areas if b.country_code == q.country_code), None)
                    if a is not None:
                        break
        if a is not None:
            out[i] = (a, span)
    return out


def _joined(first, second, words: set) -> bool:
    """Whether only these words (",", "and") stand between two names."""
    between = first.doc[first.end:second.start]
    return len(between) > 0 and {t.lower_ for t in between} <= words


PEOPLE_WORDS = {"ethnic", "tribe", "tribes", "tribesmen", "tribesman", "clan", "clans", "clansmen", "people",
                "herders", "herdsmen", "pastoralists", "pastoralist", "militia", "militiamen", "sub-clan"}
LINK_WORDS = {",", "in", "of", "near", "outside", "on"}
PART_WORDS = {"the", "area", "areas", "district", "market", "town", "village", "ward", "estate", "neighborhood",
              "neighbourhood", "local", "government", "lga", "county", "division", "city", "region", "province",
              "state", "old", "metropolis", "outskirts", "edge", "municipality", "township", "locality"}


def _inside(p: Place, q: Place, sq=None) -> bool:
    """Whether p can lie in q: in the same country, and for a town near it. An area that shares q's name
    counts too ("Atlanta, Georgia")."""
    if sq is not None and any(a.country_code == p.country_code and a.admin1 == p.admin1
                              for a in gazetteer().admin1_areas(sq.text)):
        return True
    if p.country_code != q.country_code:
        return False
    if q.kind == "city":
        return haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) <= 150
    return True


def _names_a_place(name: str) -> bool:
    """Whether some place has this as its own name, not only as an alias ("Bissa" is only Bissau's)."""
    return any(norm(p.name) == norm(name) for p, _ in gazetteer().candidates(name))


def _listed(sp, sq) -> bool:
    """ "Crockett, Palestine and Tyler", ", Toronto, Vancouver": names in a list, not a town in an area."""
    doc = sp.doc
    after = doc[sq.end:sq.end + 2]
    return (sp.start > 0 and doc[sp.start - 1].lower_ in (",", "and")) or \
        (len(after) > 0 and after[0].lower_ in ("and", "or")) or \
        (len(after) > 1 and after[0].text == "," and after[1].pos_ == "PROPN")


def _more_listed(span) -> bool:
    """ "..., Pennsylvania and California", "..., Pennsylvania, California": more names follow."""
    after = span.doc[span.end:span.end + 2]
    return len(after) == 2 and after[0].lower_ in (",", "and", "or") and after[1].pos_ == "PROPN"


def _trust(p: Place, span, ctx: DocContext) -> tuple:
    """How sure a resolution is: the report's support for its country, then whether the text names it
    by its own name rather than an alias ("Edo" is also an old name of Tokyo)."""
    return ctx.countries.get(p.country_code, 0), norm(ADMIN_SUFFIX.sub("", span.text.lower())) == norm(p.name)


def _contained(places: list, ctx: DocContext) -> list:
    """"Likoni, Mombasa", "Hodan District in Mogadishu", "Ugbowo area of Benin City in Edo": a place the
    text puts inside another must lie in it. When the two resolved apart, the one whose country the report
    supports less is read again inside the other; a town not found there becomes the place it is in."""
    out = list(places)
    for i in range(len(out) - 1):
        (p, sp), (q, sq) = out[i], out[i + 1]
        if p is None or q is None or p.kind not in ("city", "admin2"):
            continue
        between = [t.lower_ for t in sp.doc[sp.end:sq.start]]
        if not between or len(between) > 5 or not LINK_WORDS & set(between) or \
                not set(between) <= LINK_WORDS | PART_WORDS or _inside(p, q, sq):
            continue
        if between == [","] and (_listed(sp, sq) or (q.kind == "city" and (
                p.country_code == q.country_code or p.population >= 100_000))):
            continue   # "Toronto, Vancouver and Calgary", "London, Paris": a list, not a town in a city
        if q.kind not in BROAD and _trust(q, sq, ctx) < _trust(p, sp, ctx):
            r = ctx.place(sq.text, within=gazetteer().country_place(p.country_code))
            out[i + 1] = (r if r is not None and r.country_code == p.country_code else None, sq)
            continue
        area = q if q.kind != "city" else gazetteer().country_place(q.country_code)
        r = ctx.place(sp.text, within=area) if area is not None else None
        out[i] = (r if r is not None and _inside(r, q) else q, sp)   # else the place it is in
    return [(p, span) for p, span in out if p is not None]


VILLAGE_WORDS = {"village", "villages", "hamlet", "community", "communities", "settlement"}


def _village(span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2].lower_ if span.start >= 2 and doc[span.start - 1].lower_ == "of" else ""
    return after in VILLAGE_WORDS or before in VILLAGE_WORDS or span[-1].lower_ in VILLAGE_WORDS or \
        span.root.head.lower_ in VILLAGE_WORDS


def _with_det(span) -> str:
    """The mention with its determiner and adjectives: "the remaining militants"."""
    start = span.start
    while start > span.sent.start and span.doc[start - 1].pos_ in ("ADJ", "DET", "VERB") and \
            span.doc[start - 1].dep_ in ("amod", "det", "poss") and span.start - start < 3:
        start -= 1
    return span.doc[start:span.end].text


TOWN_WORDS = {"town", "city", "village", "villages", "district", "lga", "county", "province", "state", "township",
              "municipality", "upazila", "chiefdom", "locality"}
PLACE_VERBS = {"capture", "recapture", "seize", "enter", "retake", "liberate", "storm", "shell", "besiege", "reach",
               "overrun", "encircle", "surround", "bomb", "evacuate", "regain"}


def _place_like(ent) -> bool:
    """A name NER did not call a place, in a place's position: "in X", "near X", "recaptured X"."""
    if DISTRICT_ENDING.search(norm(ent.text)):
        return ent.label_ != "NORP"   # "Yagba West Local Government Council", "Jani Khel District"
    if len(ent) > 4:
        return False
    doc = ent.doc
    if (len(ent) > 1 and ent[-1].lower_ in TOWN_WORDS) or \
            (ent.end < len(doc) and doc[ent.end].lower_ in TOWN_WORDS | {"local"}):
        # "Bama Town", "Gajiram town", "Obudu local government area", "Bardere town" (not "a Somali town")
        return ent.label_ != "NORP" or gazetteer().country_code(ent.text) is None
    if ent.label_ == "NORP":
        return False
    if ent.root.dep_ == "dobj":
        return ent.root.head.lemma_.lower() in PLACE_VERBS
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "at", "near", "of", "outside", "into", "from",
                                                                 "to")


SKIP_NAMES = set("""monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december police army president governor minister county state government god
christmas easter ramadan""".split())


PLACE_NOUNS = {"city", "town", "village", "district", "area", "community", "county", "province", "state", "region",
               "neighborhood", "neighbourhood", "camp", "river", "valley", "road", "township", "municipality"}


def _after_place_word(span) -> bool:
    """ "in Moore", "near Ripley", "the city of Timbuktu", "the Mafa area": the words around say place."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in ("in", "at", "near", "from", "to", "outside") or after in PLACE_NOUNS or \
        (before == "of" and span.start > 1 and doc[span.start - 2].lower_ in PLACE_NOUNS)


@lru_cache(maxsize=1)
def common_nouns() -> frozenset:
    """English common nouns and adjectives (the lemmatiser's WordNet index in the spaCy model)."""
    from .nlp import load
    lem = load().get_pipe("lemmatizer")
    if "lemma_index" not in lem.lookups.tables:
        return frozenset()
    index = lem.lookups.get_table("lemma_index")
    return frozenset(index["noun"]) | frozenset(index["adj"])


def _gazetteer_names(sent, ctx, taken: set) -> list:
    """Capitalised names that the gazetteer knows, where NER saw no place (place matcher before NER)."""
    g = gazetteer()
    ent_place = {t.i for e in sent.ents if e.label_ in PLACE_LABELS for t in e}
    person = {t.i for e in sent.ents if e.label_ in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY") for t in e}
    person |= {t.i for t in sent if t.text in ctx.surnames and not _after_place_word(sent.doc[t.i:t.i + 1])}
    # a word inside a named organisation, product or work ("Texas Forestry Service", "Federal Medical
    # Centre") is taken as a place only in a country the report is about
    named = {t.i: e for e in sent.ents if e.label_ in OTHER_NAMES for t in e}
    out, i = [], sent.start
    while i < sent.end:
        t = sent.doc[i]
        if not (t.pos_ == "PROPN" and t.text[:1].isupper()) or t.i in ent_place or t.i in taken or t.i in person:
            i += 1
            continue
        found = None
        for n in (3, 2, 1):
            j = i + n
            if j > sent.end:
                continue
            span = sent.doc[i:j]
            if any(x.i in taken or x.i in ent_place or not (x.text[:1].isupper() or _joiner(x, span)) for x in span):
                continue   # "KwaZulu-Natal" is one name
            if n == 1 and (t.lower_ in SKIP_NAMES or t.is_stop or len(t.text) < 3):
                continue
            e = named.get(i)
            inside = e is not None and (e.start, e.end) != (span.start, span.end)
            if e is not None and (e.start, e.end) == (span.start, span.end + 1) and e[-1].lower_ in ADMIN_WORDS:
                span, inside = e, False   # "Bauchi State"
            # "City Council", "Texas Southern University": the head of a name, unless a city
            head_word = inside and span.end == e.end and span.start > e.start and e.label_ != "PERSON" and \
                sent.doc[span.start - 1].is_alpha and sent.doc[span.start - 1].lower_ not in ("of", "in", "at", "de") \
                and span.text.lower() in common_nouns()
            if norm(span.text) in g.by_name or ADMIN_SUFFIX.sub("", norm(span.text)) in g.by_name:
                p = ctx.place(span.text)
                if p is None or not (p.population >= 5000 or p.kind != "city" or ctx.countries.get(p.country_code)):
                    continue
                known = norm(span.text) in ctx.senses   # the text put it in its area elsewhere
                if (head_word or span.text.lower() in common_nouns() and not _after_place_word(span)) and \
                        p.population < 100_000 and p.kind == "city" and not known:
                    continue   # "Commerce", "Hope", "the City Council": words before they are small towns
                if inside and not known and p.kind != "country" and ctx.countries.get(p.country_code, 0) < 0.3 and \
                        not (p.kind == "city" and p.population >= 100_000 and not g.ambiguous(span.text)):
                    continue   # "Federal Medical Centre": a word of a name, unless the report is about that country
                found = (p, span)
                break
        if found:
            out.append(found)
            i = found[1].end
        else:
            i += 1
    return out


def _joiner(tok, span) -> bool:
    """A hyphen inside a name, with no space around it."""
    return tok.text == "-" and span.start < tok.i < span.end - 1 and not tok.nbor(-1).whitespace_ and \
        not tok.whitespace_


DISTRICT_WORDS = (("district",), ("lga",), ("local", "government", "area"), ("local", "government", "council"),
                  ("local", "government"), ("rayon",), ("upazila",), ("tehsil",))


def _split_names(ent) -> list:
    """Names NER ran together: "Barkin Ladi Local Government Area of Plateau" is a district and the
    state it lies in, not an organisation; "Gwoza northeast Nigeria" is a town and its country."""
    if ent.label_ in PLACE_LABELS:
        for t in ent[1:-1]:
            if t.is_lower and LOWER_DIRECTION.match(t.text + " " + t.nbor().text):
                return [Span(ent.doc, ent.start, t.i, label=ent.label_), Span(ent.doc, t.i, ent.end, label=ent.label_)]
        return [ent]
    for t in ent:
        if t.lower_ == "of" and ent.start < t.i < ent.end - 1 and \
                DISTRICT_ENDING.search(norm(ent.doc[ent.start:t.i].text)):
            return [Span(ent.doc, ent.start, t.i, label="GPE"), Span(ent.doc, t.i + 1, ent.end, label="GPE")]
    return [ent]


def _district_name(ent, sent, ctx):
    """ "Guma" + "Local Government Area": the district, when the gazetteer has one by that name and no
    town of it in the same area (a town named for its district stands for it)."""
    for words in DISTRICT_WORDS:
        end = ent.end + len(words)
        if end <= sent.end and tuple(t.lower_ for t in sent.doc[ent.end:end]) == words:
            p = ctx.place(sent.doc[ent.start:end].text)
            if p is not None and p.kind == "admin2":
                return Span(sent.doc, ent.start, end, label=ent.label_)
            break
    return ent


NAME_JOINERS = {"-", "e", "i", "al", "el", "ul", "ad", "as", "ash", "an", "ar", "de", "du", "da", "do"}


def _longer_name(ent, sent):
    """The place name NER split: "Mazar" + "-e" + "Sharif" is Mazar-e Sharif when the gazetteer knows it."""
    g = gazetteer()
    for k in (3, 2):
        end = ent.end + k
        if end > sent.end:
            continue
        tail = sent.doc[ent.end:end]
        if tail[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in NAME_JOINERS for t in tail) \
                and any(t.lower_ in NAME_JOINERS for t in tail) and norm(sent.doc[ent.start:end].text) in g.by_name:
            return Span(sent.doc, ent.start, end, label=ent.label_)
    return ent


def _extra_places(sent):
    """Project gazetteer additions (oil fields, airports...) that NER tends to miss."""
    g = gazetteer()
    out = []
    text = sent.text
    for m in re.finditer(r"\b(?:al-|Al-|al |Al )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*(?: (?:oil|gas) ?field| field|"
                         r" airport| airbase| air base| dam| military airport)\b", text):
        p = g.resolve(m.group(0))
        if p is not None and p.kind not in ("city", *AREAS, *BROAD):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is not None:
                out.append((p, span))
    return out


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
        if a1 is None and tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            verb = tok.head if tok.dep_ != "pobj" else _clause_verb(tok.head)
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":   # "backed by Russian airstrikes"
                verb = None
        if verb is None:
            return a1, a2
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj_verb = verb
    for _ in range(3):   # conjoined / participial verbs borrow their governor's subject
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in subj_verb.children):
            break
        if subj_verb.dep_ in ("conj", "xcomp", "advcl", "acl") and subj_verb.head is not subj_verb:
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
    for c in verb.children:
        if passive and c.dep_ == "nsubjpass":
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
        elif c.dep_ in ("dobj", "obj"):
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
        elif c.dep_ == "prep" and c.lower_ in ("from", "against", "on", "at", "with"):
            a2 = a2 or sm.actor_in(c, exclude=(a1,))
    if a2 is None and a1 is not None and verb.lemma_.lower() in RECIPROCAL:   # "troops and rebels clashed"
        for c in subj_verb.children:
            for cj in (c.conjuncts if c.dep_ == "nsubj" else ()):
                a2 = a2 or sm.actor_in(cj, exclude=(a1,))
    return a1, a2


def _place_for(tok, sm: SentenceMentions, ctx: DocContext):
    """(place, geo_precision) for a trigger: a toponym tied to it, the nearest in the sentence, or the focus."""
    best = None
    clause = _clause_verb(tok)
    clause_tokens = set(clause.subtree)
    scored = []
    found = sm.places + sm.implied
    # "40 km south of Kabul" gives way to a town the sentence names for the event, not to a province:
    # with nothing nearer named, the event is placed at the landmark (ACLED's nearest named place)
    marks = [(p, span) for p, span in found if _landmark(span)]
    starts = {span.start for _, span in marks}
    others = [(p, span) for p, span in found if p.kind not in BROAD and span.start not in starts]
    # "Ghazni province south of Kabul", "north of Jalalabad in Kunar province" (Jalalabad is not in Kunar)
    demoted = {span.start for p, span in marks if any(
        _area_rank(q) < 2 or 0 <= span.start - sq.end <= 4 or (q.country_code, q.admin1) != (p.country_code, p.admin1)
        for q, sq in others)}
    for p, span in found:
        tied = span.root in clause_tokens
        dist = min(abs(span.start - tok.i), abs(span.end - tok.i))
        scored.append(((p.kind in BROAD, span.start in demoted, not tied, _area_rank(p), not _locative(span), dist),
                       p, span))
    if scored:
        scored.sort(key=lambda x: x[0])
        _, best, span = scored[0]
        if best.kind in BROAD:
            if ctx.focus is not None and ctx.focus.country_code == best.country_code and ctx.focus.kind not in BROAD:
                return ctx.focus, 2
            return best, 3
        doc = sm.sent.doc
        if span.end < len(doc) and doc[span.end].lower_ in QUARTER_WORDS and ctx.focus is not None and \
                (best.country_code, best.admin1) != (ctx.focus.country_code, ctx.focus.admin1):
            return ctx.focus, 2   # a quarter of the city the report is about (not "the Lice district" of its province)
        prec = 1
        window = {t.lower_ for t in sm.sent.doc[max(span.start - 3, sm.sent.start):span.start]}
        if window & NEAR_WORDS or best.kind in AREAS:
            prec = 2 if best.kind not in AREAS or best.kind == "admin2" else 3   # a district: ACLED's 2
        if span.start > 0 and sm.sent.doc[span.start - 1].lower_ in ("'s", "’s"):
            prec = 2
        if span.end < len(sm.sent.doc) and sm.sent.doc[span.end].lower_ in ("'s", "’s") and \
                span.end + 1 < len(sm.sent.doc) and sm.sent.doc[span.end + 1].pos_ in ("NOUN", "ADJ"):
            prec = 2   # "Deir Ezzor's airport": part of the place
        return best, prec
    if ctx.focus is not None:
        return ctx.focus, 2 if ctx.focus.kind not in BROAD else 3
    return None, 3


DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
              "north-west", "south-east", "south-west", "km", "kilometres", "kilometers", "miles", "mi", "kms"}


LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "into", "across", "throughout", "within"}
PART_OF = {"capital", "centre", "center", "heart", "outskirts", "suburbs", "edge", "part", "east", "west", "north",
           "south"}   # "in the centre of the Ukrainian capital of Kiev"


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


def _date_for(tok, sent, ctx: DocContext):
    best = None
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        while start > sent.start and sent.doc[start - 1].lower_ in ("over", "than", "more", "nearly", "almost",
                                                                    "early", "late", "mid", "about"):
            start -= 1
        r = dt.resolve(sent.doc[start:ent.end].text, ctx.published)
        if r is None:
            continue
        dist = min(abs(ent.start - tok.i), abs(ent.end - tok.i))
        if best is None or dist < best[0]:
            best = (dist, r)
    if best:
        # the date told with the event is after publication: a plan, a typo or a hoax, not an event
        return best[1] if best[1][0] <= ctx.published else None
    m = RELATIVE_DATE.search(sent.text)
    if m:
        r = dt.resolve(m.group(0), ctx.published)
        if r is not None and r[0] <= ctx.published:
            return r
    return ctx.published, 1


def _subtype(m: Match, a1: Optional[Mention], a2: Optional[Mention]) -> tuple[str, str]:
    t = m.trigger
    if t.sub_event_type == TERRITORY:
        if a1 is not None and a1.kind in ("state", "external"):
            return "Battles", GOV_REGAINS
        return "Battles", NSA_OVERTAKES
    if t.sub_event_type in ("Attack", "Armed clash") and a1 is not None and a1.kind in ("protesters", "rioters") \
            and a2 is not None and a2.kind == "state":
        return "Riots", "Violent demonstration"   # "youths confronted police"
    if t.sub_event_type in ("Attack", "Armed clash") and a2 is not None:
        if a2.kind in ARMED and (a1 is None or a1.kind in ARMED or a1.kind == "unidentified"):
            return "Battles", "Armed clash"
        if a2.kind in ("civilians", "protesters"):
            return "Violence against civilians", "Attack"
    if t.sub_event_type == "Armed clash" and a2 is None and a1 is not None and a1.kind == "unidentified":
        return "Violence against civilians", "Attack"
    return t.event_type, t.sub_event_type


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


def places(doc, ctx: Optional[DocContext] = None) -> list[dict]:
    """Every toponym in a parsed text, resolved: {start, end, name, latitude, longitude, country_code}."""
    ctx = ctx or DocContext(doc, date.today())
    g = gazetteer()
    out = []
    for sent in doc.sents:
        found = list((ctx.mentions.get(sent.start) or SentenceMentions(sent, ctx)).places)
        # "Russian", "Palestinians": a demonym points at its country (as Mordecai and LGL take it)
        for ent in sent.ents:
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
    published = dt.parse_iso(report.published) or date.today()
    ctx = ctx or DocContext(doc, published)
    tax = taxonomy()
    events: list[Event] = []
    sents = list(doc.sents)
    claimant = None
    for si, sent in enumerate(sents):
        lemmas = [t.lemma_.lower() for t in sent]
        lowers = [t.lower_ for t in sent]
        matches = tax.match(lemmas, lowers)
        if not matches and not RULE_WORDS.intersection(lemmas) and "claim" not in lemmas:
            continue
        sm = ctx.mentions.get(sent.start) or SentenceMentions(sent, ctx)
        if "claim" in lemmas:
            claimant = claimant or _claimant(sm)
        # "19 people were killed when their bus plunged off a bridge. ... the Friday accident"
        disaster = DISASTER.search(sent.text) or (si + 1 < len(sents) and DISASTER.search(sents[si + 1].text))
        told_disaster = si > 0 and DISASTER.search(sents[si - 1].text)
        cands = []
        for m in matches:
            tok = _head_token(sent, m)
            if m.end - m.start == 1 and tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") \
                    and not any(o.start <= tok.head.i - sent.start < o.end for o in matches if o is not m):
                continue
            if tok.ent_type_ in ("DATE", "TIME"):   # "in March" is a month, not a march
                continue
            if told_disaster and tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children) and \
                    set(m.trigger.words) <= GENERIC_HARM:
                continue   # "A furnace exploded. ... The explosion occurred at ...": the same accident
            if m.trigger.event_type not in PROTEST_TYPES and disaster and \
                    (set(m.trigger.words) <= GENERIC_HARM or m.trigger.event_type == "Strategic developments" or
                     m.trigger.sub_event_type in (TERRITORY, "Armed clash")) and \
                    not any((a.kind in ARMED or a.kind == "unidentified") and not _speaker(ts) for a, ts in sm.actors):
                continue   # an earthquake, a flood, a factory blast, and nobody armed: not political violence
            if (disaster or told_disaster) and m.trigger.sub_event_type == "Change to group/activity":
                continue   # troops mobilised, deployed or evacuating people for a flood: relief, not conflict
            if any(c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVE for c in tok.children) and \
                    m.trigger.event_type == "Riots":
                continue   # "barricaded himself inside a hotel room"
            if _not_fighting(tok) or _no_strike(tok) or _thrown(tok) or _riot_gear(tok) or _expected(tok):
                continue
            if m.trigger.sub_event_type == TERRITORY and _takes_no_place(tok):
                continue   # "expelled two diplomats", "seizure of fake currency": not territory
            if not _asserted(tok, sent):
                continue
            if _attributed(tok):
                continue
            # "the attack" refers back to an event already told; not a new one
            if tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in tok.children) and \
                    events and m.trigger.priority < 6 and not any(c.dep_ == "prep" for c in tok.children):
                continue
            cands.append((m, tok))
        cands = _handover(sent, _clause_rules(sent, _specific_over_generic(_consequences(cands))))
        if not cands:
            continue
        chosen = _choose(cands)
        sent_events: list[Event] = []
        for m, tok in chosen:
            a1, a2 = _roles(tok, sm)
            if a1 is None or a2 is None:
                a1, a2 = _nearest(tok, sm, a1, a2)
            if m.trigger.sub_event_type in ("Attack", "Armed clash") and \
                    (a2 is None or a2.kind in ("civilians", "protesters")):
                force = _armed_target(tok)
                if force:   # "attacked a checkpoint", "ambushed a convoy": the other side is armed
                    a2 = Mention(0, 0, "", None, "state", force=force)
            etype, sub = _subtype(m, a1, a2)
            if sub in ("Armed clash", "Attack") and _by_air(tok):
                etype, sub = "Explosions/Remote violence", "Air/drone strike"
            if sub == "Violent demonstration" and m.trigger.words[0] in PROPERTY_TRIGGERS and \
                    not PROTEST_CONTEXT.search(sent.text):
                etype, sub = "Strategic developments", "Looting/property destruction"
            if etype in ("Protests", "Riots") and a1 is not None and a1.kind == "state":
                if etype == "Riots" and sub != "Mob violence":
                    continue   # police blocking roads is no riot
                a1, a2 = (a2 if a2 is not None and a2.kind != "state" else None), a1
            if sub in (GOV_REGAINS, NSA_OVERTAKES) and a2 is None and ctx.salient_group:
                if not (a1 is not None and a1.name == ctx.salient_group):
                    a2 = Mention(0, 0, "", ctx.salient_group, registry().kinds[ctx.salient_group])
            a1 = _default_actor1(etype, sub, a1)
            if a2 is not None and a2.kind == "protesters" and etype not in PROTEST_TYPES and \
                    not PROTESTING.search(sent.text):   # "raped six women": victims, not protesters
                a2 = Mention(a2.start, a2.end, a2.text, None, "civilians", a2.country)
            if etype == "Violence against civilians" and (a2 is None or a2.kind not in ("civilians", "protesters")):
                a2 = Mention(0, 0, "", None, "civilians")
            place, gp = _place_for(tok, sm, ctx)
            when = _date_for(tok, sent, ctx)
            if when is None:
                continue
            d, tp = when
            undated = d == ctx.published and not any(e.label_ in ("DATE", "TIME") for e in sent.ents)
            cc = place.country_code if place else None
            fat = fatalities(sent.text)
            if fat is None:
                fat = fatalities_in(sent)
            ev = Event(
                doc_id=report.doc_id, event_type=etype, sub_event_type=sub,
                event_date=d.isoformat(), time_precision=tp,
                actor1=a1.canonical(cc, d.year) if a1 else None,
                actor2=a2.canonical(cc, d.year) if a2 else None,
                country=place.country if place else None, admin1=(place.admin1 or None) if place else None,
                location=place.name if place else None,
                latitude=round(place.latitude, 4) if place else None,
                longitude=round(place.longitude, 4) if place else None,
                geo_precision=gp, fatalities=fat or 0,
                evidence=sent.text.strip(), evidence_start=sent.start_char, evidence_end=sent.end_char,
                trigger=sent.doc[m.start + sent.start: m.end + sent.start].text, source=report.source,
            )
            ev.extra["priority"] = m.trigger.priority
            ev.extra["undated"] = undated   # dated by the publication date only (headlines, mostly)
            if ev.actor1 and ev.actor1 == ev.actor2:
                ev.actor2 = None
            same = next((o for o in sent_events if o.location == ev.location and o.event_date == ev.event_date),
                        None)
            if same is not None:   # one sentence, one place: one event, the most specific
                if ev.extra["priority"] > same.extra["priority"]:
                    sent_events[sent_events.index(same)] = ev
                continue
            sent_events.append(ev)
        for ev in sent_events:
            ev.extra["sentence"] = si
        events.extend(sent_events)
    _fatalities_from_following(events, sents)
    _refine_protests(events, sents)
    if claimant is not None:   # "No group claimed..." names no one; "The Taliban claimed the attack" does
        for ev in events:
            if ev.actor1 and ev.actor1.startswith("Unidentified Armed Group") and \
                    ev.event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles"):
                ev.actor1 = claimant.canonical(None, None)
    return merge_within(events)


def _refine_protests(events: list[Event], sents) -> None:
    """Upgrade a protest's sub-type from what its sentence and the next one say happened."""
    told = {ev.extra["sentence"] for ev in events}
    for ev in events:
        if ev.sub_event_type not in PROTEST_RANK:
            continue
        si = ev.extra["sentence"]
        text = sents[si].text
        if si + 1 < len(sents) and (si + 1 not in told or any(
                o.extra["sentence"] == si + 1 and o.sub_event_type in PROTEST_RANK for o in events)):
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


def _nearest(tok, sm: SentenceMentions, a1, a2):
    armed = [(m, toks) for m, toks in sm.actors if m is not a1 and m is not a2]
    before = [m for m, toks in armed if toks[-1].i < tok.i]
    after = [m for m, toks in armed if toks[0].i > tok.i]
    if a1 is None and before:
        named = [m for m in before if m.kind not in ("civilians",)]
        a1 = (named or before)[-1]
    if a1 is None and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        # "ten men were shot dead when gunmen opened fire": the armed actor after a passive is its agent
        a1 = next((m for m in after if m.kind in ARMED), None)
        after = [m for m in after if m is not a1]
    if a2 is None and after:
        a2 = next((m for m in after if m is not a1), None)
    return a1, a2


def _choose(cands):
    """One trigger per clause: the highest priority; separate clauses may each state an event."""
    by_clause = {}
    for m, tok in cands:
        key = _clause_verb(tok).i
        cur = by_clause.get(key)
        if cur is None or (m.trigger.priority, m.end - m.start) > (cur[0].trigger.priority, cur[0].end - cur[0].start):
            by_clause[key] = (m, tok)
    chosen = sorted(by_clause.values(), key=lambda x: x[1].i)
    # within one sentence, keep one event per event type
    seen, out = {}, []
    for m, tok in chosen:
        k = (m.trigger.event_type, m.trigger.sub_event_type)
        if k in seen and m.trigger.sub_event_type != TERRITORY:
            continue
        seen[k] = True
        out.append((m, tok))
    return out


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
