"""The extraction stage's word lists (data/lexicon.yaml) and the labels and place kinds its modules share."""
from __future__ import annotations

from pathlib import Path

import yaml

_WORDS = yaml.safe_load((Path(__file__).parent.parent / "data" / "lexicon.yaml").read_text(encoding="utf-8"))


def _set(name: str) -> frozenset:
    return frozenset(str(w) for w in _WORDS[name])


# whether it happened
FUTURE_AUX = _set("FUTURE_AUX")
MODAL_AUX = _set("MODAL_AUX")
INTENT = _set("INTENT")
REPEATED = _set("REPEATED")
HYPO_MARK = _set("HYPO_MARK")
DURATIONS = _set("DURATIONS")
RESPONSIBILITY = _set("RESPONSIBILITY")
ATTRIBUTION_NOUNS = _set("ATTRIBUTION_NOUNS")
CLAIMED = _set("CLAIMED")
TRIAL_WORDS = _set("TRIAL_WORDS")
AGREE_VERBS = _set("AGREE_VERBS")
AGREE_NOUNS = _set("AGREE_NOUNS")
OCCASION_NOUNS = _set("OCCASION_NOUNS")
MEMORY_WORDS = _set("MEMORY_WORDS")
REACTION_VERBS = _set("REACTION_VERBS")
FEELINGS = _set("FEELINGS")
ARMED_ONLY = _set("ARMED_ONLY")
# whether it is political violence
GENERIC_HARM = _set("GENERIC_HARM")
TOLL_WORDS = _set("TOLL_WORDS")
PERPETRATE_VERBS = _set("PERPETRATE_VERBS")
REFLEXIVE = _set("REFLEXIVE")
NONSTRIKE_VERBS = _set("NONSTRIKE_VERBS")
FIGHT_NOUNS = _set("FIGHT_NOUNS")
RIOT_GEAR = _set("RIOT_GEAR")
NOT_PLACES = _set("NOT_PLACES")
SHARE_WORDS = _set("SHARE_WORDS")
GENERIC_TERRITORY = _set("GENERIC_TERRITORY")
PARTIAL = _set("PARTIAL")
# what it is
FIND_WEAPONS = _set("FIND_WEAPONS")
WEAPONS = _set("WEAPONS")
BASE_VERBS = _set("BASE_VERBS")
BASES = _set("BASES")
DESTROY_VERBS = _set("DESTROY_VERBS")
PROPERTY = _set("PROPERTY")
NO_DOER = _set("NO_DOER")
FORM_VERBS = _set("FORM_VERBS")
ARMED_UNITS = _set("ARMED_UNITS")
WITHDRAW_WORDS = _set("WITHDRAW_WORDS")
DEPART_WORDS = _set("DEPART_WORDS")
PROPERTY_TRIGGERS = _set("PROPERTY_TRIGGERS")
AIRCRAFT = _set("AIRCRAFT")
PERSON_BOMBER = _set("PERSON_BOMBER")
INSTRUMENT_VERBS = _set("INSTRUMENT_VERBS")
WEAPON_SUBTYPES = [(_set("WEAPON_CHEMICAL"), "Chemical weapon"), (_set("WEAPON_GRENADE"), "Grenade"),
                   (_set("WEAPON_AIR"), "Air/drone strike"), (_set("WEAPON_SHELLING"), "Shelling/artillery/missile attack"),
                   (_set("WEAPON_EXPLOSIVE"), "Remote explosive/landmine/IED")]
MILITARY_TARGETS = _set("MILITARY_TARGETS")
POLICE_TARGETS = _set("POLICE_TARGETS")
# who did it
SPEECH = _set("SPEECH")
RECIPROCAL = _set("RECIPROCAL")
BACKING = _set("BACKING")
TRANSITIVE_HARM = _set("TRANSITIVE_HARM")
OWNED_STRIKES = _set("OWNED_STRIKES")
# place words
TOWN_WORDS = _set("TOWN_WORDS")
PLACE_NOUNS = _set("PLACE_NOUNS")
PEOPLE_OF_PLACE = _set("PEOPLE_OF_PLACE")
FACILITY_WORDS = _set("FACILITY_WORDS")
VILLAGE_WORDS = _set("VILLAGE_WORDS")
PLACE_VERBS = _set("PLACE_VERBS")
SKIP_NAMES = _set("SKIP_NAMES")
NAME_JOINERS = _set("NAME_JOINERS")
DISTRICT_WORDS = tuple(tuple(str(w) for w in seq) for seq in _WORDS["DISTRICT_WORDS"])
PEOPLE_WORDS = _set("PEOPLE_WORDS")
LINK_WORDS = _set("LINK_WORDS")
PART_WORDS = _set("PART_WORDS")
LIST_WORDS = _set("LIST_WORDS")
LOWER_CAPITALS = _set("LOWER_CAPITALS")
QUARTER_WORDS = _set("QUARTER_WORDS")
NEAR_WORDS = _set("NEAR_WORDS")
TELLER_NOUNS = _set("TELLER_NOUNS")
DIRECTIONS = _set("DIRECTIONS")
LOCATIVE = _set("LOCATIVE")
PART_OF = _set("PART_OF")
INCIDENT_NOUNS = _set("INCIDENT_NOUNS")
OCCUR_VERBS = _set("OCCUR_VERBS")

# spaCy entity labels, and the kinds of Place (geo.Place.kind) the modules tell apart
PLACE_LABELS = {"GPE", "LOC", "FAC"}
OTHER_NAMES = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "PERSON"}
BROAD = ("country", "continent")
AREAS = ("admin1", "region", "admin2")   # a province, a named region, a district: at its centre or capital
PROTEST_TYPES = ("Protests", "Riots")
