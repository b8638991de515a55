"""dualuse.HsIndicator: an entry whose HS headings are near the declared
code."""

from __future__ import annotations

import pickle

import dualuse
import pytest


@pytest.mark.parametrize(
    "declared", ["2930.70", "293070", "2930 70 00", "29307000", "2930"]
)
def test_declared_code_in_any_usual_form(fixture_lists, declared):
    r = fixture_lists.screen("organic sulphur compound", hs_code=declared)
    assert r.hits == []
    [i] = r.hs_indicators
    assert isinstance(i, dualuse.HsIndicator)
    assert (i.entry_id, i.title, i.heading) == (
        "1C350.1",
        "Thiodiglycol",
        "2930.70",
    )
    assert i.declared == "".join(c for c in declared if c.isdigit())
    assert (r.risk, r.lane) == ("low", "green")


def test_unrelated_code(fixture_lists):
    assert (
        fixture_lists.screen("cotton", hs_code="6109.10").hs_indicators == []
    )


def test_indicator_and_hit_together(fixture_lists):
    r = fixture_lists.screen("thiodiglycol", hs_code="2930.70")
    assert [i.entry_id for i in r.hs_indicators] == ["1C350.1"]
    assert r.hits[0].hs_match == "2930.70"


def test_to_dict_pickle_repr(fixture_lists):
    r = fixture_lists.screen("x", hs_code="8419.89.98")
    [i] = r.hs_indicators
    assert i.to_dict() == r.to_dict()["hs_indicators"][0]
    assert pickle.loads(pickle.dumps(i)) == i
    assert repr(i) == (
        "HsIndicator(entry='2B350.a', heading='8419.89', declared='84198998')"
    )
