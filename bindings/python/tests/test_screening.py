"""dualuse.Screening: the result of one screening."""

from __future__ import annotations

import json
import pickle

import dualuse
import pytest


@pytest.fixture
def red(fixture_lists):
    return fixture_lists.screen("Thiodiglycol 99% 200L drums", reference="D-1")


def test_attributes(red, fixture_lists):
    assert [type(h) for h in red.hits] == [dualuse.Hit]
    assert (red.risk, red.lane) == ("high", "red")
    assert (red.cleared, red.hs_indicators) == ([], [])
    assert red.reference == "D-1"
    assert red.lists_version == "2021-05-20"
    assert red.lists_hash == fixture_lists.lists_hash
    assert red.schema_version == dualuse.SCHEMA_VERSION == 1


@pytest.mark.parametrize(
    "text, hs, risk, lane",
    [
        ("ladies cotton T-shirts", None, "none", "green"),
        ("organic sulphur compound", "2930.70", "low", "green"),
        ("TDG in 200 l drum", None, "medium", "yellow"),
        ("thiodiglycol", None, "high", "red"),
    ],
    ids=["none", "hs-indicator-only", "context-term", "term"],
)
def test_risk_and_lane(fixture_lists, text, hs, risk, lane):
    r = fixture_lists.screen(text, hs)
    assert (r.risk, r.lane) == (risk, lane)


def test_hits_best_first(fixture_lists):
    r = fixture_lists.screen("sodium fluoride and thiodiglycol, CAS 111-48-8")
    scores = [h.score for h in r.hits]
    assert scores == sorted(scores, reverse=True)
    assert r.hits[0].entry_id == "1C350.1"  # a name and its CAS number


def test_to_json_is_the_wire_format(red):
    text = red.to_json()
    d = json.loads(text)
    assert list(d)[:4] == ["schema_version", "reference", "risk", "lane"]
    assert d == red.to_dict()
    assert d["hits"][0]["entry_id"] == "1C350.1"
    # Compact, as the CLI writes it: one line per screening.
    assert "\n" not in text and ", " not in text.replace('", "', "")


def test_to_json_leaves_out_absent_reference(fixture_lists):
    assert "reference" not in fixture_lists.screen("x").to_dict()


def test_to_dict_is_a_fresh_dict(red):
    d = red.to_dict()
    d["hits"].clear()
    assert red.to_dict()["hits"]


def test_from_json_round_trip(red):
    assert dualuse.Screening.from_json(red.to_json()) == red


def test_from_json_ignores_the_cli_row_field(red):
    line = '{"row":7,' + red.to_json()[1:]
    assert dualuse.Screening.from_json(line) == red


@pytest.mark.parametrize("bad", ["", "{}", "[]", '{"hits": 3}', "not json"])
def test_from_json_refuses_other_json(bad):
    with pytest.raises(ValueError, match="cannot read a screening"):
        dualuse.Screening.from_json(bad)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(red, protocol):
    back = pickle.loads(pickle.dumps(red, protocol=protocol))
    assert back == red
    assert back.to_json() == red.to_json()


def test_equality(fixture_lists, red):
    assert red == fixture_lists.screen(
        "Thiodiglycol 99% 200L drums", reference="D-1"
    )
    assert red != fixture_lists.screen("Thiodiglycol 99% 200L drums")
    assert red != "not a screening"


def test_repr(red, fixture_lists):
    assert repr(red) == "Screening(lane='red', hits=1)"
    assert repr(fixture_lists.screen("")) == "Screening(lane='green', hits=0)"


def test_immutable(red):
    with pytest.raises(AttributeError):
        red.lane = "green"  # type: ignore[misc]


def test_cannot_be_made_directly():
    with pytest.raises(TypeError):
        dualuse.Screening()  # type: ignore[call-arg]
