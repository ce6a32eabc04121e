"""The learned reader (app/core/reader.py): how it judges the fact rules, when it stays out, how
its files are checked, and that the shipped weights are what the dev corpora train."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from app.core import reader
from app.core.disclosure import disclose, facts_asked, rules_asked
from app.core.reader import ADD, VETO, FactReader, reader_for, reader_from
from app.core.scenarios.loader import DATA_DIR, from_document
from app.core.speech import read_all
from app.core.text import sentences

ROOT = Path(__file__).resolve().parent.parent


def toy(weights: dict[str, list[float]], bias: tuple[float, float] = (-4.0, -4.0)) -> FactReader:
    """A two-fact reader over word features only: a word's entry is [idf, fact, weight ...]."""
    return FactReader(("expiry", "create_rate"), "toy", bias, {}, reader.entries(weights))


def test_a_fact_the_rules_found_is_dropped_only_when_the_model_rules_it_out():
    sure_not = toy({"stay": [1.0, 0, -5.0]})
    unsure = toy({"stay": [1.0, 0, 3.0]})
    # alone, "stay" has the unit length: log-odds -4 - 5 and -4 + 3
    assert sure_not.probabilities("stay")["expiry"] < VETO
    assert sure_not.judged("stay", ["expiry"]) == {}
    assert VETO <= unsure.probabilities("stay")["expiry"] < ADD
    assert unsure.judged("stay", ["expiry"]) == {"expiry": None}


def test_a_fact_the_rules_missed_is_added_only_when_the_model_is_nearly_sure():
    sure = toy({"links": [1.0, 1, 8.0]})
    likely = toy({"links": [1.0, 1, 5.0]})
    assert sure.judged("links", [], ["links"]) == {"create_rate": 0}
    assert likely.probabilities("links")["create_rate"] < ADD
    assert likely.judged("links", [], ["links"]) == {}
    assert sure.judged("links", []) == {}  # nothing asks


def test_a_fact_sure_in_one_asking_sentence_is_added_and_placed_there():
    model = toy({"links": [1.0, 1, 8.0], "the": [1.0], "ok": [1.0]})
    text = "the the ok. links"
    assert model.probabilities(text)["create_rate"] < ADD
    assert model.judged(text, [], ["the the ok.", "links"]) == {"create_rate": 1}


def test_features_are_scaled_by_the_message_length():
    model = toy({"links": [1.0, 1, 8.0], "the": [1.0]})
    # a word with no weight still counts in the length: 8 / sqrt(2) leaves it short of sure
    assert model.judged("links", [], ["links"]) == {"create_rate": 0}
    assert model.judged("the links", [], ["the links"]) == {}


def test_character_ngrams_read_a_typo_as_its_word(library):
    # trained on "expire", the reader of the url-shortener knows "expirre" by its pieces
    model = reader_for(library.get("url-shortener"))
    assert model is not None
    typo = model.probabilities("do the short links expirre at some point")["expiry"]
    unrelated = model.probabilities("do the short links look nice at some point")["expiry"]
    assert typo > 2 * unrelated


@pytest.mark.parametrize(
    ("scenario", "message", "asked"),
    [
        # what the rules miss: the topic said without its words
        (
            "chat",
            "if my phone is dead for a whole weekend, what happens to messages my friends send me?",
            ["offline_delivery"],
        ),
        ("ride-hailing", "peak drivers online + trips per day?", ["driver_count"]),
        # what the rules give away: a word of a fact's topic in a question about something else
        ("tiktok", "do we need live streaming or only recorded clips", []),
    ],
)
def test_the_shipped_reader_corrects_the_rules(scenario, message, asked, library):
    loaded = library.get(scenario)
    readings = read_all(sentences(message), loaded.lexicon.compile("@component"))
    assert list(rules_asked(message, readings, loaded)) != asked
    assert list(disclose(message, loaded).asked) == asked


@pytest.mark.parametrize(
    ("scenario", "message", "asked"),
    [
        ("url-shortener", "is 99.9 fine here or should I aim higher?", {"availability"}),
        (
            "ride-hailing",
            "I'd like to know whether drivers can decline a ride, and whether we store card "
            "numbers ourselves.",
            {"matching", "payments"},
        ),
        ("twitter", "Is the like count shown on every tweet in the feed?", {"like_details"}),
        ("amazon", "Questions:\n- peak checkouts per minute\n- payments", {"order_rate", "orders"}),
        (
            "amazon",
            "I'd like to understand how checkout works. And can shoppers filter by price?",
            {"orders", "search"},
        ),
    ],
)
def test_the_rules_still_read_what_the_reader_overrules(scenario, message, asked, library):
    """Questions of tests/test_disclosure.py the rules read right and the reader drops a fact
    of (the price of its veto: on fresh text it removes far more reveals nobody asked for than
    these). The rules stay held to them; the note of the change that added the reader lists
    them."""
    loaded = library.get(scenario)
    readings = read_all(sentences(message), loaded.lexicon.compile("@component"))
    assert set(rules_asked(message, readings, loaded)) == asked


@pytest.mark.parametrize(
    ("scenario", "message", "added"),
    [("tiktok", "Can a user delete a comment on their own video?", "video_immutable")],
)
def test_the_rules_still_ask_nothing_where_the_reader_adds(scenario, message, added, library):
    """A crafted hard negative of tests/test_disclosure.py the rules read right and the reader
    adds a fact to (the price of adding from `ADD`: on dev batches left out of its training it
    finds 10 more facts in 1440 messages with no more forbidden reveals)."""
    loaded = library.get(scenario)
    readings = read_all(sentences(message), loaded.lexicon.compile("@component"))
    assert added not in rules_asked(message, readings, loaded)
    assert added in facts_asked(message, readings, loaded)


def test_one_short_question_keeps_what_the_rules_find(library):
    # eight words or fewer, one question: the model has too little to overrule the rules
    loaded = library.get("online-judge")
    assert disclose("what if a submission runs forever?", loaded).asked == ("run_time_limit",)
    model = reader_for(loaded)
    assert model is not None
    assert model.probabilities("what if a submission runs forever?")["run_time_limit"] < VETO


class _VetoesAll:
    """A reader sure that nothing is asked: it keeps only what it is told to keep."""

    def judged(self, text, found, parts=(), kept=(), answered=None):
        return {f: None for f in found if f in set(kept)}


def test_an_assumption_put_up_keeps_what_it_assumes(library, monkeypatch):
    # (whatever the trained model says of it: retrained on messages/dev36 it gives this one
    # 0.166, above the veto, where it gave less before; a reader that vetoes everything shows
    # the rule itself)
    twitter = library.get("twitter")
    monkeypatch.setattr("app.core.disclosure.reader_for", lambda scenario: _VetoesAll())
    put_up = "I'll assume around 1k tweets a minute. Is that right?"
    assert "write_rate" in disclose(put_up, twitter).asked
    # a question of many words has no such say: the reader's veto stands
    asked = "So how many new tweets do people post in a typical minute across the whole site?"
    assert disclose(asked, twitter).asked == ()


def test_an_added_fact_is_quoted_by_the_sentence_that_asks_it(library):
    loaded = library.get("chat")
    message = (
        "I have the gateway and the queue. "
        "If my phone is dead for a whole weekend, what happens to messages my friends send me?"
    )
    readings = read_all(sentences(message), loaded.lexicon.compile("@component"))
    quotes = facts_asked(message, readings, loaded)
    assert quotes == {
        "offline_delivery": "If my phone is dead for a whole weekend, what happens to messages "
        "my friends send me?"
    }


def test_a_statement_gets_no_fact_added(library):
    # the reader is sure of the topic, but nothing is asked
    loaded = library.get("chat")
    message = "My phone was dead for a whole weekend and my friends' messages came in after."
    assert disclose(message, loaded).asked == ()


def _scenario_document(scenario_id: str) -> dict:
    return yaml.safe_load((DATA_DIR / f"{scenario_id}.yaml").read_text(encoding="utf-8"))


def test_a_scenario_with_other_facts_under_a_built_in_id_is_read_by_the_rules_alone(library):
    built_in = library.get("chat")
    assert reader_for(built_in) is not None
    doc = _scenario_document("chat")
    edited = copy.deepcopy(doc)
    edited["facts"][0]["topic"] += " (edited)"
    tenant = from_document(edited, "tenant chat")
    assert tenant.id == "chat"
    assert reader_for(tenant) is None
    message = (
        "if my phone is dead for a whole weekend, what happens to messages my friends send me?"
    )
    assert disclose(message, tenant).asked == ()
    # the same document unedited gets the built-in's reader
    assert reader_for(from_document(doc, "tenant chat")) is not None


def test_a_scenario_id_is_never_read_as_a_path(library):
    outside = SimpleNamespace(id="../readers/chat", scenario=library.get("chat").scenario)
    assert reader_for(outside) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda raw: raw["words"].update({"links": [1.0, 99, 0.5]}), "words['links']"),
        (lambda raw: raw["chars"].update({" li": [1.0, 0]}), "chars[' li']"),
        (lambda raw: raw["bias"].pop(), "biases"),
    ],
)
def test_a_broken_reader_file_names_what_is_wrong(change, named):
    raw = json.loads((reader.READERS_DIR / "url-shortener.json").read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(ValueError, match=named.replace("[", r"\[").replace("]", r"\]")):
        reader_from(raw)


def test_every_built_in_scenario_has_a_reader_for_its_facts(library):
    for scenario_id in library.ids():
        model = reader_for(library.get(scenario_id))
        assert model is not None, scenario_id
        assert model.facts == tuple(f.id for f in library.get(scenario_id).scenario.facts)


def test_the_check_names_what_differs_beyond_rounding():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_reader

    shipped = json.loads((reader.READERS_DIR / "url-shortener.json").read_text(encoding="utf-8"))
    assert train_reader.differs(shipped, copy.deepcopy(shipped)) is None
    rounded = copy.deepcopy(shipped)
    rounded["bias"][0] += 0.001
    assert train_reader.differs(shipped, rounded) is None
    moved = copy.deepcopy(shipped)
    moved["bias"][0] += 0.1
    assert train_reader.differs(shipped, moved) == "bias"
    relabelled = copy.deepcopy(shipped)
    gram, entry = next((g, e) for g, e in relabelled["words"].items() if len(e) > 1)
    entry[2] += 0.5
    assert (
        train_reader.differs(shipped, relabelled) == f"words[{gram!r}]: weight of fact {entry[1]}"
    )
    grown = copy.deepcopy(shipped)
    grown["words"]["a new word"] = [3.0]
    assert train_reader.differs(shipped, grown) == "words: other features"


def test_training_reads_the_dev_parts_only():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_reader

    ids = {item["id"] for item in train_reader.dev_items()}
    assert ids and all(i.startswith("msg-dev") for i in ids)


def test_the_shipped_readers_are_what_the_dev_corpora_train():
    """Retraining on the corpora as they stand gives the shipped files (the same features, idf
    and facts; weights to the solver's rounding): a new dev batch (or an edited label, or an
    edited fact) is not in until `scripts/train_reader.py` is run again."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_reader.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
