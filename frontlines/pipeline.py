"""The stages composed: ingest -> clean -> date -> nlp -> extract (context, mentions, checks, frame) -> consolidate."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Union

from . import clean as clean_stage
from . import dates, extract as extract_stage, nlp
from .geo import home_country
from .ingest import Rejected, read_inputs
from .language import why_not_english
from .records import Event, Report

MIN_CHARS = 20
MAX_CHARS = 500_000     # main text; a news report is a few thousand characters


@dataclass
class Result:
    report: Report
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    places: list[dict] = field(default_factory=list)


def prepare(report: Report, published: Optional[str] = None) -> Report:
    """Clean a report and settle its publication date (given > metadata > page > today)."""
    clean_stage.clean(report)
    report.published = published or report.published or dates.published_from_text(report.raw, report.source)
    found = dates.parse_iso(report.published)
    if found is None or found > dates.date.today() + dates.timedelta(days=1):
        report.published = None   # unreadable or in the future: not a publication date
    if report.crawled and (report.published is None or report.published > report.crawled):
        report.published = report.crawled   # a crawled page was published by its crawl date at the latest
    return report


def check(report: Report) -> Optional[str]:
    """Why a cleaned report cannot be processed, or None."""
    if len(report.text.strip()) < MIN_CHARS:
        return "no main text after cleaning (empty, or only comments/boilerplate)"
    if len(report.text) > MAX_CHARS:
        return f"main text too long ({len(report.text):,} characters > {MAX_CHARS:,}): not a single report"
    return why_not_english(report.text)


def analyse(report: Report, doc) -> Result:
    """Events and toponyms of a cleaned report whose text has been parsed."""
    published = dates.parse_iso(report.published) or dates.date.today()
    ctx = extract_stage.DocContext(doc, published, home=home_country(report.source))
    return Result(report, extract_stage.extract(report, doc, ctx), sum(1 for _ in doc.sents),
                  extract_stage.places(doc, ctx))


def process(report: Report, published: Optional[str] = None) -> Result:
    prepare(report, published)
    return analyse(report, nlp.parse(report.text))


def run(items: Iterable[Union[Report, Rejected]], published: Optional[str] = None,
        batch_size: int = 32) -> Iterator[Union[Result, Rejected]]:
    """Process reports in order, parsing in batches; bad reports come out as Rejected, never raise."""
    batch: list[Report] = []

    def one(rep, doc):
        try:
            return analyse(rep, doc)
        except Exception as e:  # one bad report never stops a batch
            return Rejected(rep.doc_id, rep.source or "", f"extraction failed: {type(e).__name__}: {e}")

    def flush():
        try:
            docs = list(nlp.parse_many([r.text for r in batch], batch_size=batch_size))
        except Exception:   # the parser failed on the batch: parse one by one to find the culprit
            docs = []
            for rep in batch:
                try:
                    docs.append(nlp.parse(rep.text))
                except Exception as e:
                    docs.append(Rejected(rep.doc_id, rep.source or "", f"parsing failed: {type(e).__name__}: {e}"))
        for rep, doc in zip(batch, docs):
            yield doc if isinstance(doc, Rejected) else one(rep, doc)
        batch.clear()

    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            prepare(item, published)
            why = check(item)
        except Exception as e:
            why = f"cleaning failed: {type(e).__name__}: {e}"
        if why:
            yield Rejected(item.doc_id, item.source or "", why)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def run_paths(paths, published: Optional[str] = None) -> Iterator[Union[Result, Rejected]]:
    return run(read_inputs(paths), published)


def ingest(items: Iterable[Union[Report, Rejected]], store, published: Optional[str] = None,
           on_item=None) -> Counter:
    """Run the pipeline into a store. Reports the store already holds are skipped before any
    parsing, so a run that was killed resumes where it stopped. Returns counts by outcome."""
    counts: Counter = Counter()

    def fresh():
        for item in items:
            if isinstance(item, Report) and store.known(item):
                counts["skipped"] += 1
                if on_item:
                    on_item(item)
                continue
            yield item

    return store.add_all(run(fresh(), published), counts, on_item)
