"""The learned typing model: a linear model over a sentence's words (named entities masked by kind),
its clause's verb and arguments, and what the rules said of it (their sub-type, the triggers they
found and why they dropped any). The rules keep finding events and their frames; the model decides,
for a sentence the rules made an event of, whether it states an event at all and of which sub-type.

Beside the named features, a model may read the sentence's meaning as a vector: the mean of its
tokens' static embeddings from WordLlama (256 numbers a token, shipped inside the `wordllama` PyPI
package), so that words it never saw in training count by what they are like ("derailed" beside
"collided", "ferry" beside "bus").

A model is a folder: `model.npz` (weights) and `model.json` (labels, features, thresholds, where its
training data came from). Reading one needs numpy (and wordllama's files for a model with vectors);
fitting (`fit`) uses scikit-learn.
The model in use: $FRONTLINES_MODEL (a folder, or "none" for the rules alone), else the shipped one."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from .control import TERRITORY as PLACE_TAKEN   # the sub-types of a change of hands
from .taxonomy import taxonomy

NONE = "NONE"   # the label of a sentence that states no event
SHIPPED = Path(__file__).parent / "models" / "typing"
MASKED = {"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
          "MONEY", "PERCENT", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
C, REJECT, RETYPE = 10.0, 0.75, 0.5   # chosen by 5-fold cross-validation on typing-wild and case2021 (README)
VECTORS = "wordllama l2_supercat_256"   # the sentence vectors a model with "vectors" in its meta reads
ARGS = {"nsubj": "subj", "nsubjpass": "subjpass", "dobj": "obj", "agent": "by", "pobj": "pobj"}


def _word(tok) -> Optional[str]:
    if tok.ent_type_ in MASKED:
        return "E:" + tok.ent_type_ if tok.ent_iob_ == "B" else None
    if tok.like_num:
        return "E:CARDINAL"
    return tok.lemma_.lower() if tok.is_alpha else None


def features(sent, rules: Optional[dict] = None) -> set[str]:
    """What the model reads of one sentence (a spaCy Span); `rules`: what the rules said of it
    ({"rule": sub-type or None, "triggers": [sub-types], "reasons": [why a trigger was dropped]})."""
    words = [w for w in (_word(t) for t in sent) if w]
    out = {"w:" + w for w in words}
    out |= {"b:" + a + "_" + b for a, b in zip(words, words[1:])}
    for t in sent:   # each clause's verb and who or what it has as its arguments
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "advcl", "ccomp", "xcomp", "relcl", "acl"):
            v = t.lemma_.lower()
            out.add("v:" + v)
            for c in t.children:
                role = ARGS.get(c.dep_)
                if c.dep_ == "prep":
                    c, role = next((g for g in c.children if g.dep_ == "pobj"), None), "p_" + c.lower_
                if c is not None and role:
                    w = _word(c) or c.lower_
                    out.add(f"a:{v}>{role}>{w}")
                    out.add(f"a:{role}>{w}")
            if any(c.dep_ == "neg" for c in t.children):
                out.add("neg:" + v)
    rules = rules or {}
    out.add("rule:" + (rules.get("rule") or NONE))
    out |= {"trig:" + s for s in rules.get("triggers", ())}
    out |= {"why:" + r for r in rules.get("reasons", ())}
    return out


RULE_FEATURES = ("rule:", "why:", "trig:")   # what the rules said: the event-or-not part does without them


@lru_cache(maxsize=1)
def _embeddings():
    """WordLlama's tokenizer and token embeddings, read from the files its package ships (its own
    loader would look for the tokenizer on the network)."""
    from importlib.util import find_spec

    from safetensors import safe_open
    from tokenizers import Tokenizer
    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("this typing model reads sentence vectors from the 'wordllama' package: "
                           "pip install wordllama (frontlines never downloads models at run time)")
    root = Path(spec.submodule_search_locations[0])
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight").astype(np.float32)
    return tokenizer, table


def vector(text: str) -> np.ndarray:
    """The sentence as one vector: the mean of its tokens' embeddings."""
    tokenizer, table = _embeddings()
    ids = tokenizer.encode(text, add_special_tokens=False).ids
    return table[ids].mean(axis=0) if ids else np.zeros(table.shape[1], dtype=np.float32)


class Linear:
    """A linear classifier over feature names (and a sentence vector, in the last columns of `coef`
    when it has more columns than names): labels, vocabulary, weights."""
    def __init__(self, labels: list[str], vocab: list[str], coef, intercept):
        self.labels, self.vocab = list(labels), list(vocab)
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.coef, self.intercept = np.asarray(coef, dtype=np.float32), np.asarray(intercept, dtype=np.float32)
        self.dims = self.coef.shape[1] - len(self.vocab)

    def proba(self, feats: set[str], vec: Optional[np.ndarray] = None) -> dict[str, float]:
        idx = [self.index[f] for f in feats if f in self.index]
        z = self.coef[:, idx].sum(axis=1) + self.intercept
        if self.dims and vec is not None:
            z = z + self.coef[:, len(self.vocab):] @ vec
        z = np.exp(z - z.max())
        return dict(zip(self.labels, (z / z.sum()).tolist()))


class Model:
    """Two linear parts: `event` (an event or NONE, from the words and clauses alone: the rules'
    own verdict would teach it only to agree) and `sub` (the sub-type, rules' answer included)."""
    def __init__(self, event: Optional[Linear], sub: Linear, meta: dict):
        self.event, self.sub, self.meta = event, sub, meta
        self.reject = float(meta.get("reject", REJECT))   # drop the rules' event when P(no event) reaches this
        self.retype = float(meta.get("retype", RETYPE))   # change its sub-type when another reaches this

    def decide(self, sent, rules: dict) -> Optional[str]:
        """The sentence's sub-type as the model has it: NONE to reject the rules' event, a sub-type
        to change it to, or None to keep the rules' answer."""
        if rules.get("rule") in PLACE_TAKEN:
            return None   # the rules found a place as what was taken: their own check of the arguments
        feats = features(sent, rules)
        vec = vector(sent.text) if self.meta.get("vectors") else None
        if self.event is not None and self.event.proba(feats, vec).get(NONE, 0.0) >= self.reject:
            return NONE
        p = self.sub.proba(feats, vec)   # it reads the rules' sub-type among its features
        best = max(self.sub.labels, key=p.get)
        if best == rules.get("rule") or p[best] < self.retype or best in PLACE_TAKEN:
            return None   # (a change of hands needs the rules' check that a place was taken)
        # where the rules know the event only by its harm ("killed") they guessed its sub-type: any other
        # may replace it, but a weapon's (an air strike, a shelling) only when the sentence names the weapon;
        # else the model chooses among the kinds the sentence's own words name ("signed a peace pact to end
        # fighting", "intercepted and shot down a drone"), never one they do not
        if best in rules.get("readings", ()):
            return best
        weapon = taxonomy().sub_event_types.get(best) == "Explosions/Remote violence"
        return best if rules.get("unsure") and (not weapon or best in rules.get("triggers", ())) else None

    def save(self, folder) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {f"{k}_{a}": getattr(part, a).astype(np.float16 if a == "coef" else np.float32)
                  for k, part in self._parts() for a in ("coef", "intercept")}
        np.savez_compressed(folder / "model.npz", **arrays)
        meta = {**self.meta, "reject": self.reject, "retype": self.retype,
                **{k: {"labels": part.labels, "vocab": part.vocab} for k, part in self._parts()}}
        (folder / "model.json").write_text(json.dumps(meta, indent=0, ensure_ascii=False), encoding="utf-8")
        return folder

    def _parts(self):
        return [(k, part) for k, part in (("event", self.event), ("sub", self.sub)) if part is not None]

    @classmethod
    def load(cls, folder) -> "Model":
        folder = Path(folder)
        if not (folder / "model.json").is_file() or not (folder / "model.npz").is_file():
            raise FileNotFoundError(f"{folder}: not a typing model folder (model.json and model.npz expected; "
                                    f"make one with 'frontlines train')")
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        w = np.load(folder / "model.npz")
        parts = {k: Linear(meta[k]["labels"], meta.pop(k)["vocab"], w[f"{k}_coef"], w[f"{k}_intercept"])
                 for k in ("event", "sub") if k in meta}
        return cls(parts.get("event"), parts["sub"], meta)


def _linear(examples: list[tuple[set[str], str]], c: float, balanced: bool = True,
            vecs: Optional[np.ndarray] = None) -> Linear:
    """Multinomial logistic regression over binary features (and sentence vectors, one row an example)
    with scikit-learn; `balanced` weighs each class alike (the sub-types; the event-or-not part keeps
    the data's odds, so that it rejects only when sure)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    vocab = sorted({f for feats, _ in examples for f in feats})
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        for f in feats:
            rows.append(r)
            cols.append(index[f])
    x = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(examples), len(vocab)))
    if vecs is not None:
        x = hstack([x, csr_matrix(vecs)]).tocsr()
    clf = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=3000)
    clf.fit(x, [lab for _, lab in examples])
    labels, coef, intercept = [str(lab) for lab in clf.classes_], clf.coef_, clf.intercept_
    if len(labels) == 2:   # scikit-learn keeps one row for two classes
        coef, intercept = np.vstack([-coef[0], coef[0]]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    return Linear(labels, vocab, coef, intercept)


def fit(examples: list[tuple[set[str], str]], c: float = C, texts: Optional[list[str]] = None,
        **meta) -> Model:
    """A model from (features, label) pairs, labels being sub-types or NONE; with `texts` (each
    example's sentence), the sentences' vectors are read too."""
    vecs = np.vstack([vector(t) for t in texts]) if texts else None
    either = [({f for f in x if not f.startswith(RULE_FEATURES)}, NONE if lab == NONE else "EVENT")
              for x, lab in examples]
    # without examples of non-events (an events file has only events) the model never rejects
    event = _linear(either, c, False, vecs) if len({lab for _, lab in either}) == 2 else None
    keep = [i for i, (_, lab) in enumerate(examples) if lab != NONE]
    events = [examples[i] for i in keep]
    if len({lab for _, lab in events}) < 2:
        raise ValueError("fewer than two sub-types among the examples: nothing to learn")
    sub = _linear(events, c, True, vecs[keep] if vecs is not None else None)
    vectors = {"vectors": VECTORS} if texts else {}
    return Model(event, sub, {"c": c, **vectors, **meta})


_OVERRIDE: list = []   # models set by `use`, innermost last


class use:
    """`with learned.use(model):` the model (None: the rules alone) in use in this process, whatever
    $FRONTLINES_MODEL says; what cross-validation and training need."""
    def __init__(self, model: Optional[Model]):
        self.model = model

    def __enter__(self):
        _OVERRIDE.append(self.model)
        return self.model

    def __exit__(self, *exc):
        _OVERRIDE.pop()


@lru_cache(maxsize=4)
def _load(choice: str) -> Optional[Model]:
    """The model $FRONTLINES_MODEL names ("" for the shipped one, None if absent), read once: `current`
    is asked for every sentence the rules make an event of, so the folder is not looked up again."""
    if choice:
        return Model.load(Path(choice).expanduser().resolve())
    return Model.load(SHIPPED) if (SHIPPED / "model.json").is_file() else None


def current() -> Optional[Model]:
    """The model in use: $FRONTLINES_MODEL ("none": rules only), else the shipped model if present."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    choice = os.environ.get("FRONTLINES_MODEL", "").strip()
    return None if choice.lower() == "none" else _load(choice)
