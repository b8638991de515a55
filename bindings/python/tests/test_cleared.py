"""dualuse.Cleared: a hit set aside by a clearing term."""

from __future__ import annotations

import pickle

import dualuse
import pytest

TEXT = "toothpaste with sodium fluoride 0.2%, 144 tubes"


@pytest.fixture
def screening(fixture_lists):
    return fixture_lists.screen(TEXT)


def test_clearing_term_moves_the_hit(screening):
    assert screening.hits == []
    assert screening.lane == "green"
    [c] = screening.cleared
    assert isinstance(c, dualuse.Cleared)
    assert c.entry_id == c.hit.entry_id == "1C350.7"
    assert isinstance(c.hit, dualuse.Hit)
    assert TEXT[c.hit.start : c.hit.end] == c.hit.matched == "sodium fluoride"
    assert "toothpaste" in c.reason


def test_without_the_clearing_term(fixture_lists):
    r = fixture_lists.screen("sodium fluoride 99%, 25 kg bags")
    assert [h.entry_id for h in r.hits] == ["1C350.7"]
    assert r.cleared == []


def test_to_dict(screening):
    [c] = screening.cleared
    d = c.to_dict()
    assert d == screening.to_dict()["cleared"][0]
    # The hit's fields, flattened, plus the reason.
    assert d == {**c.hit.to_dict(), "reason": c.reason}


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(screening, protocol):
    [c] = screening.cleared
    assert pickle.loads(pickle.dumps(c, protocol=protocol)) == c


def test_repr(screening):
    [c] = screening.cleared
    assert repr(c) == f"Cleared(entry='1C350.7', reason={c.reason!r})"
