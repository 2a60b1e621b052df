"""Whole reports: one incident told several times is one event (headline, lead, retellings, a later
toll), distinct incidents stay distinct, a location listing several towns is one event at each, and
tolls across reports follow the latest report. Sentences written for these tests."""
import pytest

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


def test_an_event_recalled_from_long_before_is_background_unless_it_is_the_news(monkeypatch):
    text = ("Gunmen kill four villagers in Katsina\n\nGunmen killed four villagers in Katsina on Monday, police "
            "said. In 2015, bandits killed 20 farmers in Zamfara. The army recaptured the town of Bama from jihadists in "
            "March 2019. Jihadists seized Monguno in 2018.")
    evs = events(text)
    # a change of hands in a month the text gives is the control timeline's record; one told by its year is not
    assert [(e["location"], e["event_date"]) for e in evs] == [("Katsina", "2021-03-01"), ("Bama", "2019-03-01")]
    monkeypatch.setenv("FRONTLINES_BACKGROUND", "keep")   # --background
    assert len(events(text)) == 4
    monkeypatch.delenv("FRONTLINES_BACKGROUND")
    # told in the lead, an old event is the report's news (a grave found, a toll confirmed)
    lead = events("Bandits killed 20 farmers in Zamfara in November 2020, police confirmed on Tuesday.")
    assert [e["event_date"][:7] for e in lead] == ["2020-11"]
    assert events("In 2015, bandits killed 20 farmers in Zamfara.", published=None) != []   # no date: no background


def test_a_repeated_title_and_a_headline_passive_are_the_body_s_incident():
    evs = events("Dozens killed in airstrike on Saada\n\nDozens killed in airstrike on Saada\n\nA coalition airstrike "
                 "killed 11 civilians in Saada on Wednesday. Eight others were injured in the raid, a tribal leader "
                 "said.", "2017-12-20")
    assert len(evs) == 1 and evs[0]["fatalities"] == 11   # the body's toll, not the repeated headline's "dozens"
    (ev,) = events("Five soldiers killed in ambush near Gao\n\nMilitants ambushed an army convoy near Gao on "
                   "Monday, killing five soldiers.", "2021-03-02")
    assert ev["actor1"] != "Military Forces of Mali" and ev["actor2"] == "Military Forces of Mali"


def test_a_toll_told_with_casualties_is_no_death_count():
    (ev,) = events("Militants attacked an army checkpoint in Gwoza on Monday. A total of 26 soldiers were killed "
                   "or injured in the attack, the army said.", "2021-03-02")
    assert ev["fatalities"] == 0


def test_a_retelling_dated_by_when_it_was_said_joins_the_dated_telling_in_its_area():
    evs = events("Rioters burnt down a police station in Plateau state, police said on Tuesday. Police fired to "
                 "disperse the rioters on Monday in Miango, killing one of them.", "2021-03-02")
    assert len(evs) == 1 and evs[0]["event_date"] == "2021-03-01"


def test_an_undated_retelling_that_names_no_place_joins_the_incident():
    evs = events("Officials in Tehran warned of unrest on Friday. Security forces fired tear gas to disperse protesters "
                 "in Behbahan on Thursday. Videos posted on social media showed protesters chanting slogans.",
                 "2020-07-17")   # the last sentence, placed at the report's focus (Tehran), tells Behbahan's
    assert len(evs) == 1 and evs[0]["location"] == "Behbahān"


def test_an_incident_told_as_a_day_before_another_is_its_own():
    evs = events("Rebels hacked to death 22 civilians in an overnight raid in Beni on Sunday. The latest incident "
                 "came a day after six civilians were killed in an attack in Beni.", "2019-12-16")
    assert sorted(e["fatalities"] for e in evs) == [6, 22]


def test_the_town_a_later_sentence_names_replaces_the_region_however_near_its_centre():
    evs = events("Ethiopia's military has clashed with Fano fighters in the Amhara region, residents said on "
                 "Wednesday. Fano fighters and army troops clashed near Debre Tabor on Tuesday.", "2023-08-03")
    assert [e["location"] for e in evs] == ["Debre Tabor"]   # Debre Tabor lies 17 km from Amhara's centre


def test_an_event_told_n_days_before_another_day_is_dated_back_and_told_once():
    evs = events("The Syrian Democratic Forces formally declared Raqqa liberated on Friday, three days after the "
                 "U.S.-backed fighters took full control of the city from Islamic State.", "2017-10-20")
    assert [(e["sub_event_type"], e["event_date"]) for e in evs] == \
        [("Non-state actor overtakes territory", "2017-10-17")]   # the change of hands, once, when it happened
    (ev,) = events("The latest incident came a day after six civilians were killed in an attack in Beni.",
                   "2019-12-16")
    assert ev["event_date"] == "2019-12-15"


def test_a_later_sentence_that_refers_back_to_the_incident_gives_the_town_its_province_stood_for():
    text = ("Gunmen killed nine police officers in an ambush in the state of Michoacan on Monday, officials said. "
            "The governor vowed to catch those behind the ambush in the municipality of Apatzingan.")
    (ev,) = events(text, "2019-10-15")
    assert ev["location"].startswith("Apatzing") and ev["geo_precision"] == 1
    other = ("Gunmen killed nine police officers in an ambush in the state of Michoacan on Monday, officials said. "
             "Last year another ambush in Apatzingan killed five soldiers.")
    assert events(other, "2019-10-15")[0]["location"] == "Michoacan"   # another incident: not its town


def test_a_definite_retelling_joins_the_incident_whatever_date_its_sentence_gives():
    evs = events("M23 rebels seized the town of Minova in South Kivu on Wednesday, sources said. The capture of "
                 "Minova, some 40 km west of Goma, brings the rebels closer to the city they failed to take late "
                 "last week.", "2025-02-06")
    assert [(e["event_date"], e["location"] != "Goma") for e in evs] == [("2025-02-05", True)]


@pytest.mark.parametrize("second,day", [
    ("The attack took place on Saturday in the town of Maiduguri.", "2021-02-27"),
    ("The incident occurred on 25 February near Maiduguri.", "2021-02-25"),
    ("This happened in the Maiduguri area on Friday, residents said.", "2021-02-26"),
])
def test_an_incident_dated_only_by_its_telling_takes_the_day_a_later_sentence_says_it_took_place(second, day):
    (ev,) = events("Gunmen have killed eight farmers in Borno State, officials said on Sunday. " + second, "2021-02-28")
    assert ev["event_date"] == day
    # a day told with the incident itself stands
    (ev,) = events("Gunmen killed eight farmers in Borno State on Wednesday, officials said. " + second, "2021-02-28")
    assert ev["event_date"] == "2021-02-24"


def test_a_headline_joins_the_incident_the_body_dates_days_before_publication():
    evs = events("Suicide bombers kill 14 at market in Borno\n\nBoko Haram suicide bombers killed at least 14 "
                 "people at a fish market in Gwoza on Saturday evening, militia leaders said on Monday. "
                 "Separately, gunmen killed three farmers near Bama on Sunday, residents said.", "2024-06-10")
    assert sorted((e["event_date"], e["location"], e["fatalities"]) for e in evs) == [
        ("2024-06-08", "Gwoza", 14), ("2024-06-09", "Bama", 3)]
    assert all(not e["evidence"].startswith("Haram") for e in evs)   # "Boko Haram ..." is one sentence


def test_a_headline_joins_the_body_s_incident_with_the_body_s_type_and_sides():
    evs = events("Police, residents kill 12 gang members\n\nPolice and self-defence groups killed 12 gang members in "
                 "Port-au-Prince in an overnight operation, officials said on Tuesday. Officers opened fire in both "
                 "encounters, killing five.", "2024-11-20")
    assert [(e["sub_event_type"], e["actor1"], e["fatalities"]) for e in evs] == [
        ("Armed clash", "Police Forces of Haiti", 12)]


def test_a_clash_told_on_two_days_is_an_event_on_each():
    evs = events("Militants and soldiers clashed near Gao on Tuesday and Wednesday, killing six.", "2021-03-05")
    assert [(e["event_date"], e["fatalities"]) for e in evs] == [("2021-03-02", 3), ("2021-03-03", 3)]


def test_an_attack_later_that_day_is_a_new_incident():
    evs = events("Gunmen killed two traders in Kano on Friday. Later on Friday, gunmen attacked a market in Kano, "
                 "where they killed three people.", "2021-03-07")
    assert [e["fatalities"] for e in evs] == [2, 3]
