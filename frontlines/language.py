"""Is a report's main text English, readable prose?

A text is taken as English unless there is positive evidence against it: its letters are
mostly of another script, or another language's function words outnumber English ones.
Short, telegraphic English ("Anti-IEBC protest along Moi avenue.") thus passes, where a
language identifier alone often names a creole. py3langid (model shipped in the package)
only names the language in the reason.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Optional

SAMPLE_CHARS = 5000
ENGLISH = set("""the of and to in is that for on was with as by at from it he said were have has had be are this
an which his their they its after not but been who or than over two when also into more police were""".split())
# common function words of other languages in Latin script, none of them an English word
OTHER = {
    "fr": "le la les des du une est et dans pour que qui sur avec ont été sont par au aux cette il elle ne pas",
    "es": "el los las del una es y en que por con para al se su fue han según tras sus entre este",
    "pt": "os das dos uma não com para por que em ao foi são pelo pela seu sua mais também",
    "de": "der die das und ist nicht mit den dem sich auf für eine ein wurde sind von zu im am zum zur auch nach bei",
    "it": "il di che della delle gli una per sono con non è nel alla stato dalla degli anche",
    "nl": "het een van niet met zijn voor dat werd ook naar bij worden",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak pada akan oleh",
    "sw": "na ya wa kwa katika ni za watu kuwa hiyo",
    "tr": "ve bir bu için ile olarak daha çok gibi olan",
    "so": "iyo ayaa oo ku waxaa kale ayuu uu",
}
OTHER_WORDS = {lang: set(ws.split()) for lang, ws in OTHER.items()}


@lru_cache(maxsize=1)
def _identifier():
    import py3langid
    return py3langid


def _latin_share(letters: str) -> float:
    latin = sum("LATIN" in unicodedata.name(c, "") for c in letters)
    return latin / len(letters) if letters else 0.0


def why_not_english(text: str) -> Optional[str]:
    """None when the text reads as English prose, else the reason to skip it."""
    sample = text[:SAMPLE_CHARS]
    visible = re.sub(r"\s+", "", sample)
    if not visible:
        return "no text"
    letters = "".join(c for c in visible if c.isalpha())
    if len(letters) / len(visible) < 0.5:
        return f"not readable text (only {len(letters) / len(visible):.0%} letters: symbols, digits or decoded binary)"
    if _latin_share(letters) < 0.5:
        return _reason(sample)
    words = re.findall(r"[^\W\d_]+", sample.lower())
    english = sum(w in ENGLISH for w in words)
    other = Counter({lang: sum(w in ws for w in words) for lang, ws in OTHER_WORDS.items()})
    lang, n = other.most_common(1)[0]
    if n >= 3 and n > 2 * english:
        return _reason(sample, lang)
    return None


def _reason(sample: str, guess: Optional[str] = None) -> str:
    lang, _ = _identifier().classify(sample)
    if lang == "en" and guess:
        lang = guess
    return f"not English (detected language: {lang}); frontlines extracts from English reports only"
