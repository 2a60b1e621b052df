"""Syntax helpers over spaCy tokens that every extraction module uses: heads, clauses, objects."""
from __future__ import annotations

from bisect import bisect_left

from ..taxonomy import Match

_ENTS = "frontlines_ents"   # Doc.user_data key: the Doc's entities and their start tokens, read once
_TEXT = "frontlines_text"   # Doc.user_data key: the Doc's text (Doc.text joins every token on each call)


def _up(tok, hops: int):
    """(node, head) pairs up the parse from a token to at most `hops` heads above it."""
    node = tok
    for _ in range(hops):
        head = node.head
        if head.i == node.i:
            return
        yield node, head
        node = head


def _phrase_head(tok):
    """The noun a chain of compounds modifies: "police" in "a police officer" -> "officer"."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _mention_root(toks):
    """The token of a mention nearest the sentence root (its phrase's head)."""
    return min(toks, key=lambda t: len(list(t.ancestors)))


def _relative_clause(tok):
    """The relative clause a word lies in ("a journalist who covered the police beat in Veracruz"): it
    tells of a participant, not of what happened; None if none."""
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return tok
        tok = tok.head
    return None


def _clause_verb(tok):
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _head_token(sent, m: Match):
    """The trigger's word that stands for it: the phrase's syntactic head ("bombing" in "suicide
    bombing", "opened" in "opened fire"), else its first verb or noun."""
    toks = [sent[i] for i in range(m.start, m.end) if sent[i].text != "*"]
    span = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in span or t.head.i == t.i]
    if len(heads) == 1 and heads[0].pos_ in ("VERB", "NOUN", "PROPN"):
        return heads[0]
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "PROPN"):
            return t
    return toks[0]


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


def _in_subtree(mention_tokens, root) -> bool:
    return any(t in set(root.subtree) for t in mention_tokens)


def _verb_above(tok):
    """The first verb above a token (not the token itself), or the sentence's root."""
    for _, head in _up(tok, 40):
        if head.pos_ in ("VERB", "AUX"):
            return head
    return tok.sent.root


SAME_PHRASE = ("compound", "amod", "nmod", "poss", "appos", "conj", "cc", "det", "nummod", "flat", "case")


def _depth(mention_tokens, root) -> int:
    """How many phrases below root a mention lies: 0 in root's own noun phrase ("Houthi fighters",
    "civilians and soldiers", "members of Boko Haram"), more behind each other preposition ("by militants
    on an army checkpoint")."""
    best = 99
    for t in mention_tokens:
        hops, node = 0, t
        while node.i != root.i and node.head.i != node.i:
            # "members of Boko Haram", "fighters from a militia": the group the phrase is made of
            of = node.lower_ in ("of", "from") if node.dep_ == "prep" else \
                node.dep_ == "pobj" and node.head.lower_ in ("of", "from")
            hops += node.dep_ not in SAME_PHRASE and not of
            node = node.head
        if node.i == root.i:
            best = min(best, hops)
    return best



def per_doc(doc, key: str, compute):
    """A value derived from the whole Doc, computed on first use and kept in its user_data."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute(doc)
    return value


def _ent_index(doc) -> tuple:
    every = doc.ents
    return every, [e.start for e in every]


def ents(span) -> list:
    """The named entities inside a span (a sentence), as spaCy's Span.ents gives them. Span.ents reads
    every entity of the Doc on each call, which made a long report quadratic; this reads them once a
    Doc and finds a sentence's by bisection."""
    every, starts = per_doc(span.doc, _ENTS, _ent_index)
    out = []
    for i in range(bisect_left(starts, span.start), len(every)):
        if every[i].end > span.end:
            break
        out.append(every[i])
    return out


_QUOTES = "frontlines_quotes"   # Doc.user_data key: the character spans inside quotation marks
SCARE_WORDS = 3   # a quote of fewer words is a term marked, not a speaker's words


def _quote_spans(doc) -> tuple:
    spans, opened = [], None
    for i, ch in enumerate(text_of(doc)):
        if ch == "\n":
            opened = None   # a quote left open ends with its paragraph
        elif ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif ch in "”\"" and opened is not None:
            if text_of(doc).count(" ", opened, i) >= SCARE_WORDS:   # 'able to "reoccupy" the camp': a word
                spans.append((opened, i))                            # marked, not anyone's words
            opened = None
    return spans, [a for a, _ in spans]


def quoted(tok) -> bool:
    """Whether a token stands inside quotation marks ("..." or “...”), a quote running on over sentences
    until it closes or the paragraph ends."""
    spans, starts = per_doc(tok.doc, _QUOTES, _quote_spans)
    k = bisect_left(starts, tok.idx + 1) - 1
    return k >= 0 and spans[k][0] < tok.idx < spans[k][1]


def text_of(doc) -> str:
    """The Doc's text, joined once: Doc.text rebuilds it on every call, which a long report cannot afford."""
    return per_doc(doc, _TEXT, lambda d: d.text)
