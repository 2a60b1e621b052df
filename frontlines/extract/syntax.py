"""Syntax helpers over spaCy tokens that every extraction module uses: heads, clauses, objects."""
from __future__ import annotations

from ..taxonomy import Match


def _up(tok, hops: int):
    """(node, head) pairs up the parse from a token to at most `hops` heads above it."""
    node = tok
    for _ in range(hops):
        head = node.head
        if head.i == node.i:
            return
        yield node, head
        node = head


def _clause_verb(tok):
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _head_token(sent, m: Match):
    toks = [sent[i] for i in range(m.start, m.end) if sent[i].text != "*"]
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

