"""Whole reports: one incident told several times is one event (headline, lead, retellings, a later
toll), distinct incidents stay distinct, a location listing several towns is one event at each, and
tolls across reports follow the latest report. Sentences written for these tests."""
from frontlines import extract_text
from frontlines.merge import combine
from frontlines.store import Store


def events(text, published="2021-03-03"):
    return extract_text(text, published=published)


def test_a_headline_and_its_story_are_one_event_dated_by_the_story():
    evs = events("Militants kill 9 soldiers in attack on army post\n\nGunmen attacked an army checkpoint in Gwoza on "
                 "Monday, killing nine soldiers, the army said. The attackers fled into the forest.", "2021-03-02")
    assert len(evs) == 1
    assert (evs[0]["event_date"], evs[0]["location"], evs[0]["fatalities"]) == ("2021-03-01", "Gwoza", 9)


def test_a_later_death_toll_updates_the_incident_it_belongs_to():
    evs = events("Gunmen stormed a hotel in Nairobi on Tuesday, killing 14 people, police said. The death toll rose "
                 "to 21 on Wednesday, officials said.", "2019-01-17")
    assert len(evs) == 1 and evs[0]["fatalities"] == 21


def test_two_towns_and_two_days_are_two_incidents():
    evs = events("Gunmen killed five villagers in Kano on Monday. In a separate attack, bandits killed three farmers "
                 "in Katsina on Tuesday.")
    assert [(e["location"], e["event_date"]) for e in evs] == [("Kano", "2021-03-01"), ("Katsina", "2021-03-02")]


def test_a_location_that_lists_towns_is_one_event_at_each_with_the_toll_split():
    evs = events("Jihadists attacked army bases in Kano and Kaduna on Monday, killing 25 soldiers.")
    assert sorted(e["location"] for e in evs) == ["Kaduna", "Kano"]
    assert sorted(e["fatalities"] for e in evs) == [12, 13]


def test_a_retelling_that_names_neither_place_nor_side_joins_its_incident():
    evs = events("Troops clashed with militants in Kulgam district on Friday, killing three militants. Hiding "
                 "militants opened fire upon them, triggering a gun battle.", "2020-07-17")
    assert len(evs) == 1 and evs[0]["sub_event_type"] == "Armed clash"
    assert evs[0]["actor2"] == "Unidentified Armed Group (India)"


def test_every_sentence_that_tells_the_event_is_kept_with_it(tmp_path):
    text = ("Gunmen stormed a hotel in Nairobi on Tuesday, killing 14 people, police said. The death toll rose "
            "to 21 on Wednesday, officials said.")
    from frontlines.pipeline import process
    from frontlines.records import Report
    res = process(Report(doc_id="r", raw=text, source="r.txt"), "2019-01-17")
    with Store(str(tmp_path / "s.db")) as s:
        eid = s.add(res)["event_ids"][0]
        mention = s.event(eid)["mentions"][0]
    assert [a["evidence"] for a in mention["also"]] == ["The death toll rose to 21 on Wednesday, officials said."]
    assert text[mention["also"][0]["evidence_start"]:mention["also"][0]["evidence_end"]].startswith("The death toll")


def test_tolls_across_reports_follow_the_latest_report_and_the_lowest_of_one_day():
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "event_date": "2017-10-14",
            "location": "Mogadishu"}
    first = [dict(base, report_id="a", published="2017-10-14", fatalities=20),
             dict(base, report_id="b", published="2017-10-14", fatalities=30)]
    assert combine(first)["fatalities"] == 20   # same day, disagreeing: the lowest
    later = first + [dict(base, report_id="c", published="2017-10-16", fatalities=276)]
    assert combine(later)["fatalities"] == 276   # "death toll reaches 276"


def test_a_second_bomb_told_after_the_first_is_its_own_incident():
    evs = events("A truck bomb exploded at a busy junction in Mogadishu on Saturday, killing 20 people. Two hours "
                 "later a second car bomb exploded in the city, killing two people.", "2017-10-14")
    assert sorted(e["fatalities"] for e in evs) == [2, 20]
