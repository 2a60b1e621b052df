"""The event store on SQLite and PostgreSQL: migrations, idempotent ingest, cross-report merge,
control timeline, filters and exports."""
import shutil

from frontlines.pipeline import Result, ingest
from frontlines.ingest import read_inputs
from frontlines.records import Event, Report
from frontlines.store import MIGRATIONS, Store

from .conftest import SAMPLES

MOG = dict(country="Somalia", admin1="Banaadir", location="Mogadishu", latitude=2.0371, longitude=45.3438)


def result(text: str, events: list, source=None, doc_id=None) -> Result:
    rep = Report(doc_id or text[:20], text, source=source, published="2017-10-16")
    rep.text = text
    return Result(rep, events, sentences=1)


def bomb(deaths, evidence, date="2017-10-14", sub="Remote explosive/landmine/IED", actor1=None, **kw):
    return Event("x", "Explosions/Remote violence", sub, date, 1, actor1, "Civilians (Somalia)",
                 **{**MOG, **kw}, fatalities=deaths, evidence=evidence)


def test_migrations_apply_once_and_upgrade_an_older_store(store_url, tmp_path):
    latest = max(int(p.name[:4]) for p in MIGRATIONS.glob("*.sql"))
    s = Store(store_url)
    assert s.version == latest and s.migrate() == []
    s.close()
    newer = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, newer)
    (newer / f"{latest + 1:04d}_tags.sql").write_text("ALTER TABLE events ADD COLUMN tags TEXT;")
    s = Store(store_url, migrations=newer)
    assert s.version == latest + 1
    assert s.q("SELECT tags FROM events") == []
    assert Store(store_url, migrations=newer).migrate() == []


def test_the_same_event_in_two_reports_is_one_event_with_both_sources(store_url):
    with Store(store_url) as s:
        a = s.add(result("report A", [bomb(20, "At least 20 people were killed when a truck bomb exploded")],
                         source="https://news.example/a"))
        b = s.add(result("report B", [bomb(231, "The toll from Saturday's truck bombing rose to 231",
                                           sub="Suicide bomb", actor1="Al Shabaab")]))
        assert (a["new_events"], b["merged"]) == (1, 1)
        (ev,) = s.events()
        assert ev["n_sources"] == 2 and ev["fatalities"] == 20        # the lowest stated toll
        assert ev["actor1"] == "Al Shabaab"                          # a named actor beats none
        assert set(ev["sources"]) == {"https://news.example/a", None} or len(ev["sources"]) == 2
        detail = s.event(ev["event_id"])
        assert {m["evidence"][:8] for m in detail["mentions"]} == {"At least", "The toll"}


def test_different_events_at_one_place_and_day_stay_apart(store_url):
    with Store(store_url) as s:
        s.add(result("A", [bomb(20, "a truck bomb killed 20"), bomb(2, "a second car bomb in Madina killed two")]))
        s.add(result("B", [bomb(2, "a car bomb in Madina district killed two people")]))   # joins the second
        s.add(result("C", [Event("x", "Protests", "Peaceful protest", "2017-10-14", 1, "Protesters (Somalia)",
                                 **MOG, evidence="residents marched")]))
        s.add(result("D", [bomb(5, "a bomb killed five in the port", actor1="Islamic State", date="2017-10-20")]))
        s.add(result("E", [bomb(5, "a bomb killed five in the port", actor1="Al Shabaab", date="2017-10-20")]))
        s.add(result("F", [bomb(5, "a bomb killed five in the port", date="2017-10-20")]))   # fits either: joins one
        evs = s.events()
        assert sorted((e["sub_event_type"], e["fatalities"], e["n_sources"]) for e in evs) == [
            ("Peaceful protest", 0, 1), ("Remote explosive/landmine/IED", 2, 2),
            ("Remote explosive/landmine/IED", 5, 1), ("Remote explosive/landmine/IED", 5, 2),
            ("Remote explosive/landmine/IED", 20, 1)]


def test_reingesting_never_duplicates_and_a_changed_page_replaces_its_old_version(store_url):
    with Store(store_url) as s:
        two = [SAMPLES / "mosul-2017-07-10.txt", SAMPLES / "nairobi-2023-07-07.html"]
        first = ingest(read_inputs(two), s)
        n_events, n_reports = s.count_events(), len(s.reports())
        again = ingest(read_inputs(two), s)
        assert first["added"] == 2 and again["added"] == 0 and again["skipped"] == first["added"] + first["skipped"]
        assert (s.count_events(), len(s.reports())) == (n_events, n_reports)
        url = "https://news.example/mogadishu"
        s.add(result("v1", [bomb(20, "20 killed")], source=url))
        st = s.add(result("v2", [bomb(231, "231 killed")], source=url))
        assert st["status"] == "replaced"
        assert [e["fatalities"] for e in s.events(location="Mogadishu")] == [231]
        assert len([r for r in s.reports() if r["url"] == url]) == 1


def test_rejected_reports_are_kept_with_their_reason(store_url, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_text("Rebels captured the town of Idlib from government forces on Monday.")
    with Store(store_url) as s:
        ingest(read_inputs([tmp_path]), s, published="2015-03-30")
        ingest(read_inputs([tmp_path]), s, published="2015-03-30")
        rej = s.reports("rejected")
        assert [r["doc_id"] for r in rej] == ["empty"] and "empty" in rej[0]["reason"]
        assert len(s.reports("processed")) == 1


def test_filters_and_dataframe(store_url):
    with Store(store_url) as s:
        ingest(read_inputs([SAMPLES]), s)
        syria_battles = s.events(country="syria", type="Battles")
        assert syria_battles and all(e["country"] == "Syria" and e["event_type"] == "Battles" for e in syria_battles)
        iraq = s.events(country="Iraq", since="2017-07-01", until="2017-07-31")
        assert iraq and all("2017-07-01" <= e["event_date"] <= "2017-07-31" for e in iraq)
        assert all("iraq" in (e["actor1"] + (e["actor2"] or "")).lower() for e in s.events(actor="IRAQ"))
        assert len(s.events(limit=2)) == 2 and s.events(limit=2, offset=1)[0] == s.events(limit=2)[1]
        df = s.events_frame(type="Government regains territory")
        assert len(df) == s.count_events(type="Government regains territory") > 0
        assert set(df["sub_event_type"]) == {"Government regains territory"}


def test_control_timeline_from_the_store(store_url):
    def territory(date, sub, a1, a2, evidence, place="Mosul", lat=36.335, lon=43.1189):
        return Event("x", "Battles", sub, date, 1, a1, a2, "Iraq", "Ninawa", place, lat, lon, evidence=evidence)
    with Store(store_url) as s:
        s.add(result("r1", [territory("2014-06-10", "Non-state actor overtakes territory", "Islamic State",
                                      "Military Forces of Iraq", "Islamic State fighters seized Mosul")]))
        s.add(result("r2", [territory("2017-07-09", "Government regains territory", "Military Forces of Iraq",
                                      "Islamic State", "Iraqi forces recaptured Mosul")]))
        s.add(result("r3", [territory("2017-07-11", "Non-state actor overtakes territory", "Islamic State",
                                      "Military Forces of Iraq", "IS claimed it retook western Mosul")]))
        res = s.control("mosul", at="2016-01-01")
        assert res["place"] == "Mosul" and len(res["timeline"]) == 3
        assert res["controller"] == "Islamic State" and not res["contested"]
        assert res["timeline"][0]["evidence"] == "Islamic State fighters seized Mosul"
        later = s.control("Mosul", at="2017-07-10")
        assert later["controller"] == "Military Forces of Iraq" and later["contested"]
        assert later["rival_claims"][0]["controller"] == "Islamic State"
        assert s.control("Nowhere-on-earth")["timeline"] == []
