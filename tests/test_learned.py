"""The learned typing model (#18): features, fitting, saving, its place in the pipeline, `frontlines
train`, `--model` and `eval --cv`. The labelled sentences here are written for these tests."""
import json

import numpy as np

from frontlines import learned, nlp, train
from frontlines.cli import main
from frontlines.pipeline import process
from frontlines.records import Report

EVENTS = [
    ("Gunmen shot dead four villagers in Borno state on Monday, police said.", "Attack"),
    ("Militants killed six farmers near the village of Kuka on Tuesday.", "Attack"),
    ("Soldiers clashed with rebels near Goma on Friday, leaving ten fighters dead.", "Armed clash"),
    ("Troops and insurgents fought for hours outside Mopti on Sunday.", "Armed clash"),
    ("Thousands of people marched peacefully through Nairobi on Saturday to demand lower prices.", "Peaceful protest"),
    ("Hundreds of students protested in Dhaka on Monday against the new fees.", "Peaceful protest"),
]
NON_EVENTS = [
    ("Chelsea's striker led a swift counter-attack and scored in the second half of the match.", learned.NONE),
    ("The midfielder attacked the ball and the team beat Leeds 2-1 at the stadium.", learned.NONE),
    ("The goalkeeper fought off the attack as the team won the football match.", learned.NONE),
]


def _gold(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for i, (text, label) in enumerate(rows):
            ev = [] if label == learned.NONE else [{"event_type": _type(label), "sub_event_type": label}]
            f.write(json.dumps({"doc_id": f"t{i}", "task": "typing", "text": text, "events": ev}) + "\n")
    return path


def _type(sub):
    return {"Attack": "Violence against civilians", "Armed clash": "Battles"}.get(sub, "Protests")


def test_features_mask_names_and_read_the_rules():
    sent = next(nlp.parse("The rebels attacked the town of Kandahar in Afghanistan on Monday.").sents)
    f = learned.features(sent, {"rule": "Armed clash", "triggers": ["Armed clash"], "reasons": ["expected"]})
    assert "w:attack" in f and "w:rebel" in f
    assert "E:GPE" in {x[2:] for x in f if x.startswith("w:")} and "w:kandahar" not in f   # a place is its kind
    assert {"rule:Armed clash", "trig:Armed clash", "why:expected"} <= f
    assert "v:attack" in f and any(x.startswith("a:attack>subj>") for x in f)
    assert "rule:NONE" in learned.features(sent, None)


def test_fit_save_load_gives_the_same_answers(tmp_path):
    exs = [(learned.features(next(nlp.parse(t).sents), {"rule": None}), lab) for t, lab in EVENTS + NON_EVENTS]
    model = learned.fit(exs, c=5.0, trained_on=[{"file": "tests", "examples": len(exs)}])
    assert set(model.sub.labels) == {"Attack", "Armed clash", "Peaceful protest"}
    assert model.event.labels == ["EVENT", learned.NONE]
    # the event-or-not part learns from the words alone: the rules' verdict is not among its features
    assert not any(f.startswith(learned.RULE_FEATURES) for f in model.event.vocab)
    model.save(tmp_path / "m")
    again = learned.Model.load(tmp_path / "m")
    for feats, _ in exs:
        a, b = model.sub.proba(feats), again.sub.proba(feats)
        assert max(abs(a[k] - b[k]) for k in a) < 1e-2
    sport = learned.features(next(nlp.parse("The striker scored after a counter-attack in the match.").sents),
                             {"rule": "Attack"})
    assert again.event.proba(sport)[learned.NONE] > 0.5


def test_sentence_vectors_are_read_offline_and_kept_with_the_model(tmp_path):
    a, b = learned.vector("Gunmen attacked a village."), learned.vector("A flood swept away the bridge.")
    assert a.shape == (256,) and np.isfinite(a).all() and not np.allclose(a, b)
    texts = [t for t, _ in EVENTS + NON_EVENTS]
    exs = [(learned.features(next(nlp.parse(t).sents), {"rule": None}), lab) for t, lab in EVENTS + NON_EVENTS]
    model = learned.fit(exs, c=5.0, texts=texts)
    assert model.meta["vectors"] == learned.VECTORS and model.sub.dims == model.event.dims == 256
    model.save(tmp_path / "m")
    again = learned.Model.load(tmp_path / "m")
    for (feats, _), text in zip(exs, texts):
        vec = learned.vector(text)
        a, b = model.sub.proba(feats, vec), again.sub.proba(feats, vec)
        assert max(abs(a[k] - b[k]) for k in a) < 1e-2
    # the vector counts: with the words alone the answer differs
    feats, text = exs[0][0], texts[0]
    assert model.event.proba(feats, learned.vector(text)) != model.event.proba(feats)


def test_the_model_retypes_a_guess_freely_but_a_named_kind_only_to_another_the_words_name():
    sent = next(nlp.parse("Gunmen killed four villagers in Borno on Monday.").sents)
    event = learned.Linear(["EVENT", learned.NONE], ["w:gunman"], np.array([[5.0], [-5.0]]), [0.0, 0.0])
    to = lambda sub: learned.Model(event, learned.Linear([sub, "Attack"], ["w:gunman"], np.array([[5.0], [-5.0]]),
                                                           [0.0, 0.0]), {"reject": 0.5, "retype": 0.5})
    assert to("Armed clash").decide(sent, {"rule": "Attack", "unsure": True}) == "Armed clash"   # told by harm only
    assert to("Armed clash").decide(sent, {"rule": "Attack", "readings": []}) is None
    assert to("Armed clash").decide(sent, {"rule": "Attack", "readings": ["Armed clash"]}) == "Armed clash"
    assert to("Non-state actor overtakes territory").decide(sent, {"rule": "Attack", "unsure": True}) is None
    # a weapon's sub-type needs the weapon in the sentence's words, even for a guess ("the army killed scores")
    assert to("Air/drone strike").decide(sent, {"rule": "Attack", "unsure": True}) is None
    assert to("Air/drone strike").decide(sent, {"rule": "Attack", "unsure": True,
                                                "triggers": ["Attack", "Air/drone strike"]}) == "Air/drone strike"


def _hand_model(reject_word: str) -> learned.Model:
    """A model whose event part says NONE for sentences with one word, and whose sub part says Attack."""
    event = learned.Linear(["EVENT", learned.NONE], ["w:" + reject_word], np.array([[-5.0], [5.0]]), [1.0, -1.0])
    sub = learned.Linear(["Attack", "Armed clash"], ["w:kill"], np.array([[3.0], [-3.0]]), [0.0, 0.0])
    return learned.Model(event, sub, {"reject": 0.5, "retype": 0.5})


def test_the_pipeline_follows_the_model():
    text = "Gunmen attacked a football stadium in Mogadishu on Monday, killing five people, police said."
    with learned.use(None):
        rules = process(Report(doc_id="a", raw=text, published="2024-03-05")).events
    assert rules, "the rules alone find the attack"
    with learned.use(_hand_model("football")):
        assert process(Report(doc_id="a", raw=text, published="2024-03-05")).events == []
    with learned.use(_hand_model("cricket")):   # not rejected; the sub part's sure of Attack
        kept = process(Report(doc_id="a", raw=text, published="2024-03-05")).events
    assert [e.sub_event_type for e in kept] == ["Attack"] and kept[0].event_type == "Violence against civilians"


def test_folds_are_stratified_and_stable():
    lines = [{"doc_id": f"d{i}", "events": [{"sub_event_type": "A" if i % 2 else "B"}] if i % 5 else []}
             for i in range(50)]
    f = train.folds(lines, 5)
    assert f == train.folds(list(lines), 5)
    for k in range(5):
        mine = [line for line, x in zip(lines, f) if x == k]
        assert len(mine) == 10
        assert sum(1 for line in mine if not line["events"]) == 2   # each fold gets its share of non-events


def test_examples_from_events_lines_and_non_events():
    lines = [{"doc_id": "a", "task": "events", "text": "...",
              "events": [{"sub_event_type": "Attack", "evidence": "Gunmen killed two."},
                         {"sub_event_type": "Armed clash", "evidence": "Old war.", "optional": True}],
              "non_events": ["The minister visited Kabul."]},
             {"doc_id": "b", "task": "typing", "text": "A flood hit.", "events": []}]
    assert train.examples(lines) == [("a", "Gunmen killed two.", "Attack"),
                                     ("a", "The minister visited Kabul.", learned.NONE),
                                     ("b", "A flood hit.", learned.NONE)]


def test_train_cli_model_flag_and_cv(tmp_path, capsys, monkeypatch):
    # `--model` sets $FRONTLINES_MODEL for the process (its workers read it); set here so that it is restored
    # after this test, every model this test uses is named explicitly
    monkeypatch.setenv("FRONTLINES_MODEL", "none")
    gold = _gold(tmp_path / "labelled.jsonl", EVENTS + NON_EVENTS)
    out = tmp_path / "model"
    assert main(["train", str(gold), "--out", str(out), "-q"]) == 0
    assert (out / "model.json").is_file() and (out / "model.npz").is_file()
    assert "3 sub-types" in capsys.readouterr().err
    report = tmp_path / "r.txt"
    report.write_text("Gunmen shot dead four villagers in Borno state on Monday, police said.\n")
    assert main(["extract", str(report), "--model", str(out), "-o", str(tmp_path / "p.jsonl"), "-q",
                 "--published", "2024-03-05"]) == 0
    assert json.loads((tmp_path / "p.jsonl").read_text())["events"][0]["sub_event_type"] == "Attack"
    assert main(["--model", str(tmp_path / "nowhere"), "extract", str(report), "-q"]) == 2
    assert "not a typing model folder" in capsys.readouterr().err
    assert main(["eval", str(gold), "--cv", "3", "--out-dir", str(tmp_path / "cv"), "-q"]) == 0
    assert "3-fold cross-validated" in capsys.readouterr().out
    scores = json.loads((tmp_path / "cv" / "labelled.scores.json").read_text())
    assert scores["typing"]["docs"] == len(EVENTS + NON_EVENTS)
    assert main(["eval", str(gold), "--cv", "1", "-q"]) == 2


def test_training_on_events_only_never_rejects(tmp_path):
    gold = _gold(tmp_path / "events.jsonl", EVENTS)
    model = train.fit_files([str(gold)])
    assert model.event is None
    model.save(tmp_path / "m")
    assert learned.Model.load(tmp_path / "m").event is None


def test_the_shipped_model_is_small_and_in_use_by_default(monkeypatch):
    monkeypatch.delenv("FRONTLINES_MODEL", raising=False)
    size = sum(p.stat().st_size for p in learned.SHIPPED.iterdir())
    assert size < 20 * 2 ** 20
    model = learned.current()
    assert model is not None and len(model.sub.labels) == 25
    assert {s["file"] for s in model.meta["trained_on"]} == {"typing-wild.jsonl", "case2021-typing.jsonl",
                                                              "typing-written.jsonl"}
    assert model.meta["vectors"] == learned.VECTORS and model.sub.dims == 256
    monkeypatch.setenv("FRONTLINES_MODEL", "none")
    assert learned.current() is None


def _readings(text: str) -> list:
    from datetime import date

    from frontlines.extract import DocContext, extract
    from frontlines.pipeline import prepare
    rep = prepare(Report(doc_id="r", raw=text))
    doc = nlp.parse(rep.text)
    ctx = DocContext(doc, date(2021, 3, 3))
    with learned.use(None):
        extract(rep, doc, ctx)
    return ctx.rules_said[0]["readings"]


def test_a_word_of_the_events_own_act_is_no_other_reading_of_it():
    # the weapon a verb was done with, and the words of one noun phrase, tell one act: not readings
    # the model may choose instead ("attacked" is no armed clash beside the mortars it was done with)
    assert _readings("Militants attacked government forces outside Aleppo using anti-aircraft guns and mortars "
                     "on Monday.") == []
    assert _readings("Militants detonated a suicide vehicle-borne improvised explosive device (SVBIED) at a hotel "
                     "in Mogadishu, killing 25 people.") == []
    # two acts: intercepting a drone is not its strike
    assert "Disrupted weapons use" in _readings("Forces at the Ain al-Asad air base intercepted and shot down a "
                                                "drone on Monday.")
