"""Village-level places a user adds from GeoNames dumps: loading (a .txt and a .zip, a row outside its
country skipped), listing, replacing a country, removing it, and the resolver using them only within the
countries a report is about. The dump is written here for the tests (never the shared data)."""
import subprocess
import sys
import zipfile

import pytest

from frontlines import extract_text, villages

from .conftest import ROOT


def row(gid, name, lat, lon, cc, admin1, alt="", pop=0, code="PPL"):
    return "\t".join([str(gid), name, name, alt, str(lat), str(lon), "P", code, cc, "", admin1, "", "", "", str(pop),
                      "", "300", "Africa/Bamako", "2020-01-01"]) + "\n"


ML = [row(1, "Nyamina Kouro", 13.31, -6.93, "ML", "03"),
      row(2, "Sirakoro Fanga", 14.6, -4.1, "ML", "04", alt="Sirakoro-Fanga,Sirakorofanga"),
      row(3, "Garsallaa", 35.9, 14.4, "ML", "04"),   # a Maltese row filed under Mali: outside the country
      row(4, "Kano", 14.2, -4.1, "ML", "04")]         # a village namesake of a city everyone knows
KE = [row(10, "Kwa Mbuvi", -1.3, 37.1, "KE", "29"),
      row(11, "Nyamina Kouro", -1.1, 36.9, "KE", "29")]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINES_DATA", str(tmp_path / "data"))
    (tmp_path / "ML.txt").write_text("".join(ML), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "KE.zip", "w") as z:
        z.writestr("KE.txt", "".join(KE))
    yield tmp_path
    villages.lookup.cache_clear()
    villages.only_country.cache_clear()
    villages._store.cache_clear()


def test_dumps_load_list_replace_and_remove(data):
    assert villages.add([str(data / "ML.txt"), str(data / "KE.zip")]) == {"ML": 3, "KE": 2}
    assert {r["country_code"]: r["rows"] for r in villages.countries()} == {"KE": 2, "ML": 3}
    assert villages.lookup("Garsallaa", ("ML",)) is None   # outside Mali: skipped on loading
    p = villages.lookup("Sirakorofanga", ("ML",))               # an alternate name, folded
    assert p.name == "Sirakoro Fanga" and p.admin1 == "Mopti" and p.country_code == "ML"
    (data / "ML.txt").write_text(ML[0], encoding="utf-8")
    assert villages.add([str(data / "ML.txt")]) == {"ML": 1}   # re-adding a country replaces it
    assert villages.lookup("Sirakoro Fanga", ("ML",)) is None
    assert villages.lookup("Kwa Mbuvi", ("KE",)) is not None
    assert villages.remove("ke") and not villages.remove("KE")
    assert [r["country_code"] for r in villages.countries()] == ["ML"]


def test_the_resolver_takes_a_village_only_in_a_country_the_report_is_about(data):
    villages.add([str(data / "ML.txt"), str(data / "KE.zip")])
    (ev,) = extract_text("Jihadists killed 12 Malian soldiers in an attack on Sirakoro Fanga on Monday.",
                         published="2021-03-03")
    assert (ev["location"], ev["country"], ev["geo_precision"]) == ("Sirakoro Fanga", "Mali", 1)
    # Kwa Mbuvi is a village in Kenya only: a report about Mali does not go there
    evs = extract_text("Jihadists killed 12 Malian soldiers near Kwa Mbuvi on Monday.", published="2021-03-03")
    assert all(e["country"] in ("Mali", None) for e in evs)
    # a village does not beat a city everyone knows without context
    (kano,) = extract_text("Gunmen killed five people in Kano on Monday.", published="2021-03-03")
    assert kano["country"] != "Mali"


def test_the_gazetteer_command(data):
    env = {"FRONTLINES_DATA": str(data / "cli"), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "frontlines", "gazetteer", *a], capture_output=True,   # noqa
                                    text=True, cwd=ROOT, env=env, timeout=300)
    added = run("add", str(data / "ML.txt"), "-q")
    assert added.returncode == 0 and "3 places in ML" in added.stderr
    listed = run("list")
    assert listed.returncode == 0 and "ML" in listed.stdout and "3" in listed.stdout
    assert run("add", str(data / "missing.zip")).returncode == 2
    assert run("remove", "ML").returncode == 0 and "ML" not in run("list").stdout


def test_a_village_outside_the_area_the_report_names_is_not_taken(data):
    (data / "ML.txt").write_text("".join(ML) + row(5, "Fama", 11.52, -5.69, "ML", "07"), encoding="utf-8")
    villages.add([str(data / "ML.txt")])
    # "FAMa" (the army's acronym) is also a village of Sikasso: it may neither place the events nor pull the
    # report's area there
    text = ("At least 40 people died in fighting between Malian soldiers and terrorists in central Mali, the "
            "government said on Tuesday. A spokesman said 25 Mali Armed Forces (FAMa) soldiers were killed after "
            "jihadists on Monday attacked army camps in Boulkessi and Mondoro in the central Mopti region.")
    evs = extract_text(text, published="2019-10-02")
    assert evs and all(e["location"] != "Fama" and e["admin1"] == "Mopti" for e in evs)


def test_names_ner_missed_in_a_places_position_and_rows_filed_under_another_area(data):
    (data / "KE.txt").write_text("".join(KE) + row(12, "Dagoretti", -1.3, 36.77, "KE", "05") +
                                 row(13, "Mwembe Tayari", -4.06, 39.67, "KE", "28"), encoding="utf-8")
    villages.add([str(data / "KE.txt")])
    # NER sees no place in "In Dagoretti" (nor in "Dagoretti residents"): the village store does, for a
    # report about Kenya
    (ev,) = extract_text("In Dagoretti at Stage 56, rioters barricaded roads and lit bonfires on Monday, Kenyan "
                         "police said.", published="2021-03-03")
    assert (ev["location"], ev["geo_precision"]) == ("Dagoretti", 1)
    (ev,) = extract_text("Dagoretti residents lynched two suspected thieves on Monday, Kenyan police said.",
                         published="2021-03-03")
    assert ev["location"] == "Dagoretti"
    # a row whose admin1 code is another area's (the dumps gave rows without one their region's
    # commonest): the nearest towns' area, Mombasa, not Kwale
    assert villages.lookup("Mwembe Tayari", ("KE",)).admin1 == "Mombasa"


def test_a_village_over_the_line_of_the_area_named_but_beside_a_town_the_report_names(data):
    # Kom is a Samburu village on the Isiolo line: "near Kom village (Merti, Isiolo)" means it, Merti
    # being 70 km off; a namesake hundreds of km from every place the report names stays refused (FAMa)
    (data / "KE.txt").write_text("".join(KE) + row(14, "Kom", 1.083, 38.024, "KE", "45"), encoding="utf-8")
    villages.add([str(data / "KE.txt")])
    (ev,) = extract_text("On Monday, Samburu militia attacked herders near Kom village (Merti, Isiolo), Kenyan "
                         "police said.", published="2021-09-08")
    assert ev["location"] == "Kom"


def test_a_quarter_of_the_report_s_city_named_like_a_village_elsewhere(data):
    (data / "SO.txt").write_text(row(20, "Madina", 3.0258, 43.6517, "SO", "04"), encoding="utf-8")
    villages.add([str(data / "SO.txt")])
    text = ("At least 20 people were killed when a truck bomb blew up at a busy junction in Mogadishu on Saturday, "
            "police said. Two hours later a second car bomb exploded in the city's Madina district, killing two "
            "people, a police officer said.")
    evs = extract_text(text, published="2017-10-14")
    assert [(e["location"], e["geo_precision"]) for e in evs] == [("Mogadishu", 1), ("Mogadishu", 2)]


def test_a_report_that_names_no_country_takes_the_village_of_the_one_country_that_has_it(data):
    villages.add([str(data / "ML.txt"), str(data / "KE.zip")])
    (ev,) = extract_text("Gunmen attacked the village of Kwa Mbuvi on Monday, killing two people.",
                         published="2021-03-03")
    assert (ev["location"], ev["country"], ev["geo_precision"]) == ("Kwa Mbuvi", "Kenya", 1)
    # a name villages of two countries have, or a town's everyone knows (Kano, Mali's village beside
    # Nigeria's city), says no country by itself
    (ev,) = extract_text("Gunmen attacked the village of Nyamina Kouro on Monday, killing two people.",
                         published="2021-03-03")
    assert ev["location"] != "Nyamina Kouro"
    (kano,) = extract_text("Gunmen attacked the village of Kano on Monday, killing two people.",
                           published="2021-03-03")
    assert kano["country"] != "Mali"


def test_a_village_and_its_county_ner_ran_together(data):
    (data / "KE2.txt").write_text(row(12, "Kisauni", -4.0, 39.7, "KE", "19"), encoding="utf-8")
    villages.add([str(data / "KE2.txt")])
    # NER's one name "Kisauni, Mombasa County": a village, then the county it lies in
    (ev,) = extract_text("One suspect was shot dead by police officers in Kisauni, Mombasa County on Monday.",
                         published="2021-03-03")
    assert (ev["location"], ev["geo_precision"]) == ("Kisauni", 1)


def test_a_town_is_not_inside_a_hamlet_that_has_its_province_s_name(data):
    # GeoNames has Bukidnon only as a hamlet of the Visayas; the text means the province Maramag lies in
    (data / "PH.txt").write_text(row(20, "Bukidnon", 10.85, 123.37, "PH", "06"), encoding="utf-8")
    villages.add([str(data / "PH.txt")])
    (ev,) = extract_text("At least 11 people were killed when a bomb ripped through a bus in Maramag town in "
                         "Bukidnon on Monday, the military said.", published="2021-03-03")
    assert (ev["location"], ev["geo_precision"]) == ("Maramag", 1)


def test_a_big_city_abroad_is_not_a_hamlet_of_the_report_s_country_that_has_its_name(data):
    (data / "AF.txt").write_text(row(30, "Peshawur", 35.1, 70.9, "AF", "38", alt="Peshawar"), encoding="utf-8")
    villages.add([str(data / "AF.txt")])
    (ev,) = extract_text("Ten people, including a son of a former deputy prime minister of Afghanistan, were killed "
                         "when a suicide bomber rammed a bus in Peshawar on Monday.", published="2021-03-03")
    assert ev["country"] == "Pakistan"
    # a hamlet named like a people ("a Philippine town mayor") or like the province a town lies in
    (data / "PH.txt").write_text(row(31, "Philippine", 10.0, 123.0, "PH", "06") +
                                 row(32, "Bukidnon", 10.85, 123.37, "PH", "06"), encoding="utf-8")
    villages.add([str(data / "PH.txt")])
    (ev,) = extract_text("Communist guerrillas shot and killed a Philippine town mayor in Bukidnon province on "
                         "Monday, military officials said.", published="2021-03-03")
    assert ev["country"] == "Philippines" and ev["location"] not in ("Philippine", "Bukidnon")


def test_a_village_the_text_names_beats_the_town_a_facility_is_named_after(data):
    sanda = row(21, "Sanda", 4.6, 13.3, "CM", "04")   # the town the mosque is named after, far away
    (data / "CM.txt").write_text(row(20, "Kolofata", 11.16, 14.01, "CM", "12") + sanda, encoding="utf-8")
    villages.add([str(data / "CM.txt")])
    (ev,) = extract_text("A suicide bomber killed five worshippers at the Sanda-Wadjiri mosque in remote Kolofata in "
                         "northern Cameroon on Wednesday.", published="2021-03-03")
    assert (ev["location"], ev["country"]) == ("Kolofata", "Cameroon")


def test_a_village_ner_took_for_a_date_is_found_where_the_text_names_a_town(data):
    (data / "ET.txt").write_text(row(30, "Āweday", 9.36, 42.04, "ET", "51", alt="Aweday"), encoding="utf-8")
    villages.add([str(data / "ET.txt")])
    (ev,) = extract_text("Gunmen killed 12 traders in the town of Aweday in Ethiopia's Oromiya region on Tuesday.",
                         published="2021-03-03")
    assert (ev["location"], ev["country"], ev["event_date"]) == ("Āweday", "Ethiopia", "2021-03-02")
