"""Reported deaths in a sentence: the lowest credible figure ACLED would code."""
from __future__ import annotations

import re

WORDS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
         "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "dozens": 12, "dozens of": 12,
         "scores of": 20, "hundreds": 100, "hundreds of": 100, "several": 3, "a few": 3, "few": 3,
         "couple": 2, "a couple of": 2, "thousands of": 1000, "a number of": 3}
MAX_CREDIBLE = 100_000   # larger figures are typos, hyperbole or not deaths
NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
       r"(?:one|two|three|four|five|six|seven|eight|nine)|" + "|".join(
           sorted((re.escape(w) for w in WORDS), key=len, reverse=True)) + r")")
QUAL = r"(?:at least|more than|over|about|around|some|nearly|almost|approximately|up to|as many as|an estimated|another)?\s*"
_COUNT_WORDS = "|".join(sorted((re.escape(w) for w in WORDS if " " not in w), key=len, reverse=True))
NOUNS = (r"(?:(?!\d|(?:" + _COUNT_WORDS + r")\b)[\w-]+\s+){0,3}?(?:people|persons?|civilians?|soldiers?|troops|militants?|fighters?|policem[ae]n|"
         r"police(?:\s+officers?)?|officers?|men|women|children|kids|villagers?|residents?|students?|worshippers?|"
         r"members?|passengers?|protesters?|demonstrators?|insurgents?|rebels?|jihadists?|terrorists?|gunmen|"
         r"attackers?|bystanders?|pupils?|farmers?|herders?|traders?|suspects?|bodies|individuals|others|"
         r"guards?|personnel|recruits?|Muslims|Christians|pilgrims|workers?|family members|relatives|"
         r"man|woman|boy|girl|child|teenager|person|victims?|casualties|of them|labou?rers|miners)")
KILL = r"(?:killed|killing|kill|kills|dead|died|die|dies|slain|murdered|massacred|beheaded|executed|lynched|shot dead|lost their lives|perished|were killed|was killed|have been killed|had been killed|hacked to death|burned to death|burnt to death|stabbed to death|beaten to death)"

PATTERNS = [
    re.compile(r"\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|behead(?:ed|ing)|execut(?:ed|ing)|shot dead|shooting dead|"
               r"left|leaving|claim(?:ed|ing)? the lives of|lynch(?:ed|ing))\s+" + QUAL + "(" + NUM + r")\b\s*" + NOUNS + r"?", re.I),
    re.compile(r"\b" + QUAL + "(" + NUM + r")\s+" + NOUNS + r"\s+(?:\w+\s+){0,3}?" + KILL + r"\b", re.I),
    re.compile(r"\b" + QUAL + "(" + NUM + r")\s+(?:were|was|have been|had been)?\s*" + KILL + r"\b", re.I),
    re.compile(r"\b(?:death toll|number of (?:people |those |civilians )?(?:killed|dead))\s+(?:[\w'’.-]+\s+){0,20}?"
               r"(?:to|of|at|is|was|stands at|stood at|reached|reaches|passed|passes|topped|exceeded)\s+"
               + QUAL + "(" + NUM + r")\b", re.I),
    re.compile(r"\b(?:killed|killing|murdered|shot dead|beheaded|lynched|hacked to death)\s+(?:a|an|one)\s+"
               r"(?:[\w-]+\s+){0,2}?(?:man|woman|boy|girl|child|person|soldier|policeman|officer|civilian|"
               r"farmer|student|trader|teacher|resident|herder|chief|pastor|imam|driver|teenager|suspect|member)\b", re.I),
    re.compile(r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|boy|girl|child|person|soldier|policeman|"
               r"officer|civilian|farmer|student|trader|teacher|resident|herder|suspect)\s+(?:was|were)\s+"
               r"(?:killed|shot dead|murdered|beheaded|lynched|hacked to death|stabbed to death)\b", re.I),
]
CASUALTIES_AFTER = re.compile(r"^\s*(?:or|and/or)\s+(?:wounded|injured|hurt)\b", re.I)
WOUNDED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:wounded|injured|hurt)\b", re.I)


def to_int(s: str) -> int | None:
    s = s.lower().strip().replace(",", "")
    if s.isdigit():
        return int(s)
    if s in WORDS:
        return WORDS[s]
    m = re.fullmatch(r"(\w+)[- ](\w+)", s)
    if m and m[1] in WORDS and m[2] in WORDS:
        return WORDS[m[1]] + WORDS[m[2]]
    return None


def fatalities(sentence: str) -> int | None:
    """Lowest credible death figure stated in a sentence, or None when it states none."""
    figures = []
    for i, pat in enumerate(PATTERNS):
        for m in pat.finditer(sentence):
            if i >= 4:
                figures.append(1)
                continue
            tail = sentence[m.end():]
            if CASUALTIES_AFTER.match(tail):
                continue   # "26 soldiers were killed or injured": casualties, deaths unknown
            if i == 0 and WOUNDED_AFTER.match(tail) and not re.search(KILL, m.group(0), re.I):
                continue
            if re.search(r"\b(wounded|injured|hurt|arrested|abducted|kidnapped|displaced)\b", m.group(0), re.I) and i == 1:
                continue
            if sentence[m.end(1):m.end(1) + 1] in ("^", "*", "×", "e"):
                continue   # "10^12", "10e6": not a count
            n = to_int(m.group(1))
            if n is not None and 0 < n <= MAX_CREDIBLE:
                figures.append(n)
    return min(figures) if figures else None


KILL_VERBS = {"kill", "murder", "slay", "massacre", "behead", "execute", "lynch", "assassinate", "slaughter"}
DIE_VERBS = {"die", "perish"}
TO_DEATH = {"shoot", "stab", "beat", "hack", "burn", "gun", "shot"}
NOT_VICTIMS = {"attack", "blast", "explosion", "bomb", "bombing", "raid", "strike", "fire", "clash", "clashes",
               "violence", "fighting", "incident", "it", "that", "which", "who", "this"}


def _count(noun) -> int | None:
    """How many people a victim phrase names: "five members", "More than 10 people", "a judge", "Nahed Hattar"."""
    for c in noun.children:
        if c.dep_ == "nummod":
            words = [t.text for t in c.subtree if t.dep_ not in ("advmod", "quantmod") or t is c]
            n = to_int(" ".join(words)) or to_int(c.text)
            if n is not None and 0 < n <= MAX_CREDIBLE:
                return n
    if any(c.lower_ in ("no", "nobody") for c in noun.children) or noun.lower_ in ("nobody", "none"):
        return None
    if noun.lower_ in ("him", "her"):
        return 1
    if noun.lemma_.lower() in NOT_VICTIMS or noun.pos_ == "PRON":
        return None
    if noun.like_num:
        n = to_int(noun.text)
        return n if n is not None and 0 < n <= MAX_CREDIBLE else None
    if noun.tag_ in ("NN", "NNP") and (noun.pos_ == "PROPN" or noun.ent_type_ == "PERSON" or any(
            c.dep_ in ("det", "poss") for c in noun.children)):
        return 1
    return None


def _victims(tok) -> list:
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    killing = lemma in KILL_VERBS or (lemma in TO_DEATH and any(
        c.lower_ in ("dead", "death") or (c.dep_ == "prep" and any(g.lower_ == "death" for g in c.children))
        for c in tok.children))
    if any(c.dep_ == "cc" and c.lower_ == "or" for c in tok.children) and \
            any(c.dep_ == "conj" and c.lemma_.lower() in ("injure", "wound", "hurt") for c in tok.children):
        return []   # "were killed or injured": casualties, deaths unknown
    if killing:
        return [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if lemma in DIE_VERBS:
        return [c for c in tok.children if c.dep_ == "nsubj"]
    return []


def from_parse(sent) -> int | None:
    """Deaths told by a killing verb and its victims in a parsed sentence, where the phrasing is
    beyond the patterns above: "Five members of a family were killed", "killed the journalist"."""
    total = None
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        n = 0
        for v in _victims(tok):
            counts = [_count(x) for x in (v, *v.conjuncts)]
            n += sum(c for c in counts if c)
        if n:
            total = max(total or 0, n)
    return total
