"""Fitting the learned typing model from labelled files, and scoring it by cross-validation.

A labelled file is a gold file (shared/gold/FORMAT.md): a `typing` line is one example (its text,
its event's sub-type or NONE); an `events` line gives one example a gold event (its `evidence`, its
sub-type) and one a `non_events` fragment (NONE). Each example is read as the rules read it (the
rules alone run on it) and the model learns from that what the label is."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from . import learned, nlp
from .evaluate import read_jsonl
from .extract import DocContext, extract
from .pipeline import prepare
from .records import Report

FOLDS = 5


def examples(lines: Iterable[dict]) -> list[tuple[str, str, str]]:
    """(doc_id, text, label) of every example in gold lines."""
    out = []
    for line in lines:
        doc = str(line.get("doc_id"))
        if line.get("task") == "typing":
            ev = (line.get("events") or [None])[0]
            if line.get("text"):
                out.append((doc, line["text"], ev["sub_event_type"] if ev else learned.NONE))
            continue
        for ev in line.get("events") or []:
            if ev.get("evidence") and ev.get("sub_event_type") and not ev.get("optional"):
                out.append((doc, ev["evidence"], ev["sub_event_type"]))
        for frag in line.get("non_events") or []:
            text = frag.get("evidence") if isinstance(frag, dict) else frag
            if text:
                out.append((doc, text, learned.NONE))
    return out


def featurize(texts: list[str], progress: Optional[Callable] = None) -> list[tuple[set[str], str]]:
    """What the model reads of each text, as the rules alone leave it, and the words it reads them
    from: the sentence of the rules' first event, or every sentence when they found none."""
    reports = [prepare(Report(doc_id=str(i), raw=t)) for i, t in enumerate(texts)]
    out = []
    with learned.use(None):
        for rep, doc in zip(reports, nlp.parse_many([r.text for r in reports])):
            ctx = DocContext(doc, date.today())
            events = extract(rep, doc, ctx)
            sents = list(doc.sents)
            si = events[0].extra.get("sentence") if events else None
            if si is not None:
                out.append((learned.features(sents[si], ctx.rules_said.get(si)), sents[si].text))
            else:
                out.append((set().union(*(learned.features(s, ctx.rules_said.get(i)) for i, s in enumerate(sents))),
                            doc.text))
            if progress:
                progress()
    return out


def fit_files(paths: list[str], c: float = learned.C, progress: Optional[Callable] = None, **meta) -> learned.Model:
    """A model fitted on every example of the labelled files."""
    per_file = [examples(read_jsonl(p)) for p in paths]
    exs = [e for found in per_file for e in found]
    if not exs:
        raise ValueError("no labelled examples in " + ", ".join(map(str, paths)) +
                         " (typing lines, or events lines with evidence)")
    feats = featurize([t for _, t, _ in exs], progress)
    counts: dict[str, int] = {}
    for _, _, lab in exs:
        counts[lab] = counts.get(lab, 0) + 1
    sources = [{"file": Path(p).name, "examples": len(found)} for p, found in zip(paths, per_file)]
    return learned.fit([(x, lab) for (x, _), (_, _, lab) in zip(feats, exs)], c=c, texts=[t for _, t in feats],
                       trained_on=sources, labels_seen=counts, **meta)


def folds(lines: list[dict], k: int = FOLDS) -> list[int]:
    """The fold of each gold line: lines sorted by their first label, then dealt out in turn, so
    each fold has its share of every label; the same lines always get the same folds."""
    def label(line):
        ev = (line.get("events") or [None])[0]
        return ev.get("sub_event_type") or "" if ev else learned.NONE
    order = sorted(range(len(lines)), key=lambda i: (label(lines[i]), str(lines[i].get("doc_id"))))
    fold = [0] * len(lines)
    for n, i in enumerate(order):
        fold[i] = n % k
    return fold


def fold_models(lines: list[dict], also: list[str] = (), k: int = FOLDS, c: float = learned.C,
                progress: Optional[Callable] = None) -> Iterator[tuple[list[dict], learned.Model]]:
    """Cross-validation: for each of k folds, the fold's lines and a model fitted on the other folds
    (and on the `also` files, less any line of this set), which never saw them."""
    mine = {str(line.get("doc_id")) for line in lines}
    extra = [e for p in also for e in examples(read_jsonl(p)) if e[0] not in mine]
    extra_feats = featurize([t for _, t, _ in extra], progress) if extra else []
    exs = examples(lines)
    feats = featurize([t for _, t, _ in exs], progress)
    fold_of_doc = {str(line.get("doc_id")): f for line, f in zip(lines, folds(lines, k))}
    for f in range(k):
        train = [(x, lab, t) for (doc, _, lab), (x, t) in zip(exs, feats) if fold_of_doc[doc] != f]
        train += [(x, lab, t) for (_, _, lab), (x, t) in zip(extra, extra_feats)]
        model = learned.fit([(x, lab) for x, lab, _ in train], c=c, texts=[t for _, _, t in train])
        yield [line for line in lines if fold_of_doc[str(line.get("doc_id"))] == f], model


def describe(model: learned.Model) -> str:
    """One line on a model: its sub-types, features and what it was fitted on."""
    files = ", ".join(f"{s['file']} ({s['examples']})" for s in model.meta.get("trained_on") or [])
    rejects = "never rejects (no non-events to learn from)" if model.event is None else \
        f"rejects at P(no event) >= {model.reject}"
    return (f"{len(model.sub.labels)} sub-types, {len(model.sub.vocab):,} features; {rejects}; "
            f"fitted on {files or 'examples given in code'}")
