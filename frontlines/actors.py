"""Actor registry: names in text -> canonical ACLED-style actors (data/actors.yaml)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from .geo import gazetteer

DATA = Path(__file__).parent / "data"
ARMED = {"state", "rebel", "militia", "external", "unidentified"}


@dataclass
class Mention:
    start: int          # character offsets in the sentence
    end: int
    text: str
    name: Optional[str]  # canonical name, or None for a generic mention resolved later
    kind: str            # state | rebel | militia | external | unidentified | protesters | civilians
    country: Optional[str] = None   # ISO2 for state forces / generic actors
    force: str = ""                 # "military" or "police" for state forces

    def canonical(self, country: Optional[str], year: Optional[int]) -> Optional[str]:
        """The ACLED-style name, with the event's country filled in for generic actors."""
        reg = registry()
        cc = self.country or country
        cname = gazetteer().country_name(cc) if cc else None
        if self.kind in ("state", "external") and self.force and cc:
            base = f"{'Police' if self.force == 'police' else 'Military'} Forces of {_the(cname)}"
            return base + reg.period(cc, year)
        if self.name:
            return self.name + (reg.period(cc, year) if re.match(r"(Military|Police) Forces of", self.name) else "")
        if not cname:
            return None
        label = {"unidentified": "Unidentified Armed Group", "protesters": "Protesters",
                 "rioters": "Rioters", "civilians": "Civilians"}.get(self.kind)
        return f"{label} ({cname})" if label else None


def _the(country: str) -> str:
    return f"the {country}" if re.match(r"(United|Democratic Republic|Republic of|Central African|Philippines|"
                                         r"Netherlands|Gambia|Czech|Dominican|Comoros|Maldives)", country) else country


# words that end a phrase like "Iraqi special forces": "Nigeria as the Army" names no Nigerian army
FUNCTION_WORDS = r"(?:as|the|a|an|by|to|from|with|against|of|in|on|at|for|that|which|who|when|after|before|while|than)"


class Registry:
    def __init__(self, path: Path = DATA / "actors.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.periods = {cc: [tuple(p) for p in ps] for cc, ps in (data.get("periods") or {}).items()}
        self.generic = data.get("generic") or {}
        self.kinds: dict[str, str] = {}
        self.countries: dict[str, Optional[str]] = {}
        self.operates: dict[str, list] = {}   # the countries a group fights in, main one first
        entries = []   # (alias, canonical, case_sensitive)
        for a in data["actors"]:
            self.kinds[a["name"]] = a["kind"]
            self.countries[a["name"]] = a.get("country")
            self.operates[a["name"]] = a.get("operates") or ([a["country"]] if a.get("country") else [])
            for alias in [a["name"], *a.get("aliases", [])]:
                entries.append((str(alias), a["name"], str(alias).isupper() or len(str(alias)) <= 3))
        self.alias_of = {}
        cs, ci = [], []
        for alias, name, sensitive in sorted(entries, key=lambda e: -len(e[0])):
            key = alias if sensitive else alias.lower()
            self.alias_of.setdefault(key, name)
            (cs if sensitive else ci).append(re.escape(alias))
        self.re_cs = re.compile(r"(?<![\w-])(" + "|".join(cs) + r")(?![\w-])") if cs else None
        self.re_ci = re.compile(r"(?<![\w-])(" + "|".join(ci) + r")(?![\w-])", re.I) if ci else None
        g = gazetteer()
        adjs = sorted({d for d in g.demonyms} | set(g.country_by_name), key=len, reverse=True)
        adjs = [a for a in adjs if len(a) > 3]
        force_words = sorted(self.generic.get("military", []) + self.generic.get("police", []), key=len, reverse=True)
        self.re_state = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(a) for a in adjs) + r")(?:'s|’s)?\s+(?:(?:(?!" + FUNCTION_WORDS +
            r"\s)[a-z-]+\s+){0,2}?(" + "|".join(re.escape(w) for w in force_words) + r")|(forces))(?![\w-])", re.I)
        generic = []
        for kind in ("military", "police", "unidentified", "protesters", "civilians"):
            for w in self.generic.get(kind, []):
                generic.append((w, kind))
        generic.sort(key=lambda e: -len(e[0]))
        self.generic_kind = {}
        for w, kind in generic:
            self.generic_kind.setdefault(w.lower(), kind)
        self.re_generic = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w, _ in generic) + r")(?![\w-])", re.I)

    def period(self, cc: Optional[str], year: Optional[int]) -> str:
        if not cc or cc not in self.periods:
            return ""
        spans = self.periods[cc]
        chosen = spans[-1]
        if year:
            for a, b in spans:
                if a <= year < (b or 10 ** 4):
                    chosen = (a, b)
        return f" ({chosen[0]}-{chosen[1] or ''})"

    def mentions(self, text: str) -> list[Mention]:
        """Actor mentions in a sentence, longest first where they overlap."""
        found: list[Mention] = []
        for rx in (self.re_cs, self.re_ci):
            if rx is None:
                continue
            for m in rx.finditer(text):
                key = m.group(1) if m.group(1) in self.alias_of else m.group(1).lower()
                name = self.alias_of.get(key) or self.alias_of.get(m.group(1).lower())
                if not name:
                    continue
                kind = self.kinds[name]
                force = ""
                if re.match(r"(Military|Police) Forces of", name):
                    force = "police" if name.startswith("Police") else "military"
                    found.append(Mention(m.start(), m.end(), m.group(0), None, kind, self.countries[name], force))
                else:
                    found.append(Mention(m.start(), m.end(), m.group(0), name, kind, self.countries[name]))
        g = gazetteer()
        for m in self.re_state.finditer(text):
            cc = g.country_code(m.group(1))
            if not cc:
                continue
            word = (m.group(2) or m.group(3)).lower()   # "Ukrainian forces" (but "Syrian rebel forces" are none)
            force = "police" if self.generic_kind.get(word) == "police" else "military"
            found.append(Mention(m.start(), m.end(), m.group(0), None, "state", cc, force))
        for m in self.re_generic.finditer(text):
            kind = self.generic_kind[m.group(1).lower()]
            if kind in ("military", "police"):
                found.append(Mention(m.start(), m.end(), m.group(0), None, "state", None, kind))
            else:
                found.append(Mention(m.start(), m.end(), m.group(0), None, kind))
        return _joined(_longest(found), text)


def _joined(ms: list[Mention], text: str) -> list[Mention]:
    """A named group and the generic word right after it are one mention: "al Shabaab militants",
    "Houthi fighters" name one actor, not the group and some other gunmen."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and prev.name and m.name is None and m.kind == "unidentified" and \
                not text[prev.end:m.start].strip():
            out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], prev.name, prev.kind, prev.country, prev.force)
            continue
        out.append(m)
    return out


def _longest(ms: list[Mention]) -> list[Mention]:
    """The longest mentions that do not overlap, in text order. Those kept so far are held in order
    of their start, so only the two beside a new one can overlap it: a whole report stays linear."""
    out: list[Mention] = []
    starts: list[int] = []
    for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect_left(starts, m.start)
        if (i == 0 or out[i - 1].end <= m.start) and (i == len(out) or out[i].start >= m.end):
            out.insert(i, m)
            starts.insert(i, m.start)
    return out


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry()
