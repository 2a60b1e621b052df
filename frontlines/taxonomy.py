"""ACLED taxonomy and its trigger lexicon (data/taxonomy.yaml), matched on lemmas."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
TERRITORY = "territory"


@dataclass(frozen=True)
class Trigger:
    words: tuple          # lower-case words; "*" allows up to two words between
    event_type: str
    sub_event_type: str   # or TERRITORY, decided later by who gained the place
    priority: int


@dataclass
class Match:
    trigger: Trigger
    start: int            # token indices within the sentence span
    end: int


def _words(phrase: str) -> tuple:
    return tuple(w for w in re.split(r"\s+|(?=-)|(?<=-)", phrase.lower()) if w)


class Taxonomy:
    def __init__(self, path: Path = DATA / "taxonomy.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.types: dict[str, list[str]] = {}
        self.by_first: dict[str, list[Trigger]] = {}
        for etype, subs in data["event_types"].items():
            self.types[etype] = list(subs)
            for sub, spec in subs.items():
                for phrase in spec.get("triggers") or []:
                    self._add(Trigger(_words(phrase), etype, sub, int(spec.get("priority", 1))))
        for phrase in data.get("territory_triggers") or []:
            self._add(Trigger(_words(phrase), "Battles", TERRITORY, 6))

    def _add(self, t: Trigger):
        self.by_first.setdefault(t.words[0], []).append(t)

    @property
    def sub_event_types(self) -> dict[str, str]:
        return {sub: etype for etype, subs in self.types.items() for sub in subs}

    def match(self, lemmas: list[str], lowers: list[str]) -> list[Match]:
        """All trigger matches in a token sequence (lemmas and lower-case forms)."""
        out = []
        n = len(lemmas)
        for i in range(n):
            cands = self.by_first.get(lemmas[i], []) + (self.by_first.get(lowers[i], [])
                                                          if lowers[i] != lemmas[i] else [])
            for t in cands:
                end = _match_at(t.words, lemmas, lowers, i)
                if end:
                    out.append(Match(t, i, end))
        return out


def _match_at(words, lemmas, lowers, i):
    j = i
    gap = False
    for w in words:
        if w == "*":
            gap = True
            continue
        limit = j + (3 if gap else 1)
        gap = False
        k = j
        while k < min(limit, len(lemmas)) and w not in (lemmas[k], lowers[k]):
            k += 1
        if k >= min(limit, len(lemmas)):
            return 0
        j = k + 1
    return j


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return Taxonomy()
