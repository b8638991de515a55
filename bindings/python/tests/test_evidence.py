"""dualuse.Evidence: what matched where, for one hit."""

from __future__ import annotations

import pickle

import dualuse
import pytest

TEXT = "Thiodiglycol (2,2'-thiodiethanol), CAS 111-48-8, in drums"


@pytest.fixture
def hit(fixture_lists):
    [h] = fixture_lists.screen(TEXT).hits
    return h


def test_every_piece_of_evidence(hit):
    assert {(e.rule, e.term) for e in hit.evidence} == {
        ("term", "thiodiglycol"),
        ("term", "2,2'-thiodiethanol"),
        ("cas", "111-48-8"),
    }
    scores = [e.score for e in hit.evidence]
    assert scores == sorted(scores, reverse=True)
    # Independent evidence adds up: the hit is surer than any one piece.
    assert hit.score > max(scores)


def test_attributes(hit):
    for e in hit.evidence:
        assert isinstance(e, dualuse.Evidence)
        assert e.field == "description"
        assert TEXT[e.start : e.end] == e.matched
        assert TEXT.encode()[e.byte_start : e.byte_end].decode() == e.matched
        assert 0 < e.score <= 1
        assert e.evasion == []
        assert e.language == (None if e.rule == "cas" else "en")


def test_best_evidence_is_the_hit(hit):
    best = hit.evidence[0]
    assert (best.rule, best.matched, best.start) == (
        hit.rule,
        hit.matched,
        hit.start,
    )


def test_to_dict(hit):
    assert [e.to_dict() for e in hit.evidence] == hit.to_dict()["evidence"]


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(hit, protocol):
    for e in hit.evidence:
        assert pickle.loads(pickle.dumps(e, protocol=protocol)) == e


def test_repr(fixture_lists):
    [e] = fixture_lists.screen("thiodiglycol").hits[0].evidence
    assert repr(e) == (
        f"Evidence(rule='term', matched='thiodiglycol', score={e.score!r})"
    )
