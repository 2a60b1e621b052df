"""Each stage on its own: ingest, clean, dates, fatalities, gazetteer, actors, taxonomy."""
from datetime import date

import pytest

from frontlines import clean, dates, ingest
from frontlines.actors import registry
from frontlines.fatalities import fatalities
from frontlines.geo import gazetteer, haversine_km
from frontlines.records import Report
from frontlines.taxonomy import taxonomy

from .conftest import SAMPLES, SHARED

PUB = date(2017, 11, 3)


@pytest.mark.parametrize("expr,expected", [
    ("yesterday", (date(2017, 11, 2), 1)),
    ("late last month", (date(2017, 10, 1), 3)),
    ("early September", (date(2017, 9, 1), 3)),
    ("Tuesday", (date(2017, 10, 31), 1)),
    ("on 17 November 2016", (date(2016, 11, 17), 1)),
    ("Oct. 30", (date(2017, 10, 30), 1)),
    ("over a year ago", (date(2016, 9, 1), 3)),
    ("last week", (date(2017, 10, 23), 2)),
    ("Wednesday, 1 November", (date(2017, 11, 1), 1)),   # a weekday beside its calendar day: the calendar day
    ("Monday, 6 November", (date(2017, 11, 6), 1)),      # of the year it falls on that weekday, a plan's too
    ("Friday 3 November 2016", (date(2016, 11, 3), 1)),  # a year given stands
    ("over the weekend", (date(2017, 10, 28), 2)),       # the last Saturday and Sunday before a Friday
    ("a weekend attack", (date(2017, 10, 28), 2)),
])
def test_relative_dates(expr, expected):
    assert dates.resolve(expr, PUB) == expected


def test_a_weekend_is_the_last_one_told_on_its_own_days_too():
    assert dates.resolve("the weekend", date(2017, 11, 5)) == (date(2017, 11, 4), 2)   # told on Sunday
    assert dates.resolve("last weekend", date(2017, 11, 5)) == (date(2017, 10, 28), 2)


def test_a_bracket_an_editor_inserted_does_not_end_its_sentence():
    from frontlines import nlp
    doc = nlp.parse("Twelve people were killed in Shiroro [northwestern Nigeria] by gunmen on Tuesday [22 September]. "
                    "The Taliban shot dead 12 workers near Camp Bastion [Shorab Military Base] in Helmand. "
                    "Police said so (on Monday). Nobody was arrested.")
    assert [s.text.split()[0] for s in doc.sents] == ["Twelve", "The", "Police", "Nobody"]


def test_future_dates_are_not_event_dates():
    assert dates.resolve("next week", PUB) is None
    assert dates.resolve("tomorrow", PUB) is None


def test_published_from_file_name_and_page():
    assert dates.published_from_text("no date here", "x/deir-ezzor-2017-11-03.txt") == "2017-11-03"
    assert dates.published_from_text("Title\nPosted March 5, 2020 by staff\nBody", None) == "2020-03-05"


@pytest.mark.parametrize("sentence,expected", [
    ("Gunmen shot dead five people in Kano on Tuesday.", 5),
    ("opened fire at a market, killing 18 people, a local official said", 18),
    ("The end result was about 100 Syrian soldiers dead and over a hundred more wounded", 100),
    ("Eighteen people were killed in the attack.", 18),
    ("The attack killed at least 12 people, while other sources said 20 were killed.", 12),
    ("Police killed a man in Kibera.", 1),
    ("The raid left four people wounded.", None),
    ("Rebels killed 10^12 people.", None),
    ("The death toll from Saturday's truck bombing at the K5 junction in Mogadishu rose to 231 on Sunday.", 231),
    ("The number of people killed in Thursday's suicide bombing has risen to at least 170.", 170),
    ("Mogadishu bombing: rescuers search rubble as death toll reaches 276", 276),
    ("Toll road fees rose to 500 shillings.", None),
    ("The death toll from Tuesday's attack by al Shabaab militants on the hotel and office complex in the capital "
     "rose to 21 on Thursday.", 21),   # a long phrase between the toll and its figure
])
def test_fatalities(sentence, expected):
    assert fatalities(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("Five members of a North Darfur family were killed in an air raid in Benghazi.", 5),
    ("More than 10 people, most of them combatants, were killed and 37 others were wounded.", 10),
    ("A member of Yemen's parliament was shot dead by armed gunmen in Sanaa Friday.", 1),
    ("A gunman on Sunday killed prominent Jordanian writer Nahed Hattar outside a court in Amman.", 1),
    ("A staff member of the department and a judge were killed in a guerrilla attack.", 2),
    ("No one was killed in the attack.", None),
    ("The blast wounded five people.", None),
    ("Three campaigners died after the attack.", 3),
])
def test_fatalities_from_the_parse(sentence, expected):
    from frontlines.fatalities import from_parse
    from frontlines.nlp import parse
    assert from_parse(next(parse(sentence).sents)) == expected


def test_comment_section_is_cut_from_flattened_page():
    raw = (SAMPLES / "mosul-2017-07-10.txt").read_text()
    main, dropped = clean.split_comments(raw)
    assert "Tal Afar" in main
    assert "march on Raqqa" not in main and "march on Raqqa" in dropped


def test_shared_sample_comments_dropped():
    path = SHARED / "samples" / "deir-ezzor-2017-11-03.txt"
    if not path.exists():
        pytest.skip("shared sample not present")
    rep = clean.clean(Report("d", path.read_text()))
    assert rep.text.rstrip().endswith("refugees that remain.")
    assert "Permalink" not in rep.text and "W T F" not in rep.text


def test_html_main_text_without_comments_and_date_from_metadata():
    rep = ingest.read_report(SAMPLES / "nairobi-2023-07-07.html")
    assert rep.is_html
    clean.clean(rep)
    assert "tear gas" in rep.text
    assert "burn their cars" not in rep.text and "Copyright" not in rep.text
    assert rep.published == "2023-07-07"


def test_bad_input_is_rejected_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Soldiers clashed near Kabul, caf\xe9 owners said.".encode("latin-1"))
    out = {getattr(r, "doc_id"): r for r in ingest.read_inputs([tmp_path])}
    assert isinstance(out["empty"], ingest.Rejected) and "empty" in out["empty"].reason
    assert isinstance(out["binary"], ingest.Rejected) and "binary" in out["binary"].reason
    assert isinstance(out["latin1"], Report) and "café" in out["latin1"].raw


def test_gazetteer_resolves_transliterations_with_country_context():
    g = gazetteer()
    p = g.resolve("Deir Ezzor", {"SY": 1.0})
    assert p.country_code == "SY" and haversine_km(p.latitude, p.longitude, 35.3359, 40.1408) < 5
    q = g.resolve("al-Qaem", {"SY": 0.6, "IQ": 0.4})
    assert q.country_code == "IQ" and haversine_km(q.latitude, q.longitude, 34.3686, 41.0944) < 25
    assert g.resolve("Kano").country_code == "NG"
    assert g.resolve("Old City", {"IQ": 1.0}) is None or g.resolve("Old City", {"IQ": 1.0}).population >= 100_000


def test_actor_registry_normalises_aliases_and_state_forces():
    r = registry()
    found = {m.text: m.canonical("SY", 2017) for m in
             r.mentions("the SAA's elite Tiger Forces and ISIS fighters clashed as Iraqi troops and the SDF watched")}
    assert found["SAA"] == "Military Forces of Syria"
    assert found["Tiger Forces"] == "Military Forces of Syria"
    assert found["Iraqi troops"] == "Military Forces of Iraq"
    assert found["SDF"] == "Syrian Democratic Forces"
    assert "Islamic State" in found.values()
    (police,) = r.mentions("police")
    assert police.canonical("KE", 2015) == "Police Forces of Kenya (2013-2022)"
    assert police.canonical("KE", 2023) == "Police Forces of Kenya (2022-)"


def test_taxonomy_has_all_25_acled_sub_event_types():
    subs = taxonomy().sub_event_types
    assert len(subs) == 25
    assert subs["Air/drone strike"] == "Explosions/Remote violence"
    assert subs["Looting/property destruction"] == "Strategic developments"


def test_the_same_page_cleaned_many_times_keeps_its_text():
    """Syndicated stories appear on many sites: cleaning one must not depend on the ones before."""
    html = (SAMPLES / "nairobi-2023-07-07.html").read_text()
    texts = [clean.html_to_text(html)[0] for _ in range(5)]
    assert len(set(texts)) == 1 and "tear gas" in texts[-1]


def test_a_country_and_a_force_word_across_function_words_name_no_state_force():
    from frontlines.actors import registry
    found = registry().mentions("Insurgents killed 12 people in Gwoza, northeast Nigeria as the Army was trying "
                                "to evacuate civilians.")
    assert not any(m.kind == "state" and m.country == "NG" for m in found)
    found = registry().mentions("Nigerian security forces killed two gunmen; Syria's elite army units advanced.")
    assert {(m.country, m.force) for m in found if m.kind == "state"} == {("NG", "military"), ("SY", "military")}


def test_the_package_configuration_ships_every_module_and_data_folder():
    """pip builds a wheel from pyproject.toml: every folder of the package that holds code or data is
    listed (a wheel once lacked frontlines.extract), and the licence is an SPDX string (setuptools
    warns on a table)."""
    import tomllib
    from .conftest import ROOT
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(conf["tool"]["setuptools"]["packages"])
    pkg = ROOT / "frontlines"
    folders = {".".join(d.relative_to(ROOT).parts) for d in [pkg, *pkg.rglob("*")] if d.is_dir()
               and "node_modules" not in d.parts and "__pycache__" not in d.parts and any(f.is_file() for f in d.iterdir())}
    assert folders <= listed, folders - listed
    assert isinstance(conf["project"]["license"], str)


def test_a_long_text_is_parsed_in_parts_that_join_into_the_same_doc():
    from frontlines.nlp import CHUNK, load, parse
    from frontlines.synthetic import long_report
    text = long_report(900, seed=5).raw
    assert len(text) > CHUNK
    joined, whole = parse(text), load()(text)
    assert joined.text == text
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]
    assert [(e.start_char, e.label_) for e in joined.ents] == [(e.start_char, e.label_) for e in whole.ents]


def test_the_project_s_places_lie_in_first_level_areas_the_gazetteer_names():
    import csv
    from frontlines.geo import DATA
    areas = {(r["country_code"], r["admin1"]) for r in csv.DictReader(open(DATA / "admin1.csv", encoding="utf-8"))}
    rows = list(csv.DictReader(open(DATA / "places.csv", encoding="utf-8")))
    assert rows and [r["name"] for r in rows if r["admin1"] and (r["country_code"], r["admin1"]) not in areas] == []


@pytest.mark.parametrize("source,cc", [
    ("Daily Nation (Kenya)", "KE"), ("Kenya Standard", "KE"), ("https://informante.web.na/x", "NA"),
    ("https://nation.co.ke/a", "KE"), ("https://www.bbc.co.uk/x", "GB"), ("http://www.reuters.com/x", None),
    ("https://arynews.tv/x", None), ("Shabelle Media Network", None), ("x/deir-ezzor-2017-11-03.txt", None), (None, None),
    ("/data/niger/report.txt", None), ("chad-2021.txt", None),   # a file's path names folders, not an outlet
])
def test_a_report_s_home_country_from_its_source(source, cc):
    from frontlines.geo import home_country
    assert home_country(source) == cc
