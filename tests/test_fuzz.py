"""Property-based tests (Hypothesis) over the ingest, clean and language stages, and the
whole pipeline: whatever the bytes, each input comes out as exactly one Report or Rejected,
and no stage raises."""
from hypothesis import HealthCheck, given, settings, strategies as st

from frontlines import clean, ingest
from frontlines.language import why_not_english
from frontlines.pipeline import Result, run
from frontlines.records import Report

FRAGMENTS = ["<p>", "</p>", "<div class='comments'>", "</div>", "<script>", "</script>", "<!--", "-->", "<title>",
             "</title>", "<html>", "<body>", "&amp;", "&#0;", "&#x110000;", "\x00", "\ufffd", "\u202e", "\n", "\n\n",
             "Gunmen killed five people in Kano on Tuesday.", "Comments", "user1 Fri, 11/03/2017 - 12:49 Permalink",
             "Leave a reply", "Read more", "Rebels killed 10^12 people.", "On 3 March 2099 troops attacked.",
             "قتل مسلحون", "убили", "🔥", "<img src=x onerror=alert(1)>", "<meta name='date' content='2099-01-01'>"]
pages = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).map("".join)
slow = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.binary(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_decode_returns_text_or_a_reason(data):
    try:
        assert isinstance(ingest.decode(data), str)
    except ValueError as e:
        assert str(e)


@given(st.one_of(st.binary(max_size=2000), pages.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       st.sampled_from([".txt", ".html", ".htm", ".jsonl"]))
@slow
def test_any_file_gives_one_report_or_rejection_per_item(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"input{suffix}"
    path.write_bytes(data)
    items = list(ingest.read_inputs([path]))
    if suffix != ".jsonl":
        assert len(items) == 1
    assert all(isinstance(i, (Report, ingest.Rejected)) for i in items)
    assert all(i.reason for i in items if isinstance(i, ingest.Rejected))


@given(pages, st.booleans())
@slow
def test_clean_never_raises_and_keeps_only_text_from_the_page(page, is_html):
    rep = clean.clean(Report("d", page, is_html=is_html))
    assert isinstance(rep.text, str) and isinstance(rep.dropped, str)
    if not is_html:
        flat = page.replace("\r\n", "\n")
        assert all(line in flat for line in rep.text.splitlines())


@given(pages)
@settings(max_examples=200, deadline=None)
def test_comment_split_is_a_cut_of_the_page(page):
    main, dropped = clean.split_comments(page)
    assert page.startswith(main) and (not dropped or page.endswith(dropped))


@given(st.text(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_language_check_never_raises(text):
    why = why_not_english(text)
    assert why is None or isinstance(why, str)


@given(st.lists(pages, min_size=1, max_size=4))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pipeline_gives_one_outcome_per_report(texts):
    reports = [Report(f"r{i}", t, is_html=bool(i % 2)) for i, t in enumerate(texts)]
    out = list(run(reports, published="2020-01-01"))
    assert sorted(o.report.doc_id if isinstance(o, Result) else o.doc_id for o in out) == [r.doc_id for r in reports]
