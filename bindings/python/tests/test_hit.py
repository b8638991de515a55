"""dualuse.Hit: one entry the goods may fall under."""

from __future__ import annotations

import pickle

import dualuse
import pytest


@pytest.fixture
def hit(fixture_lists):
    return fixture_lists.screen("Thiodiglycol 99% 200L drums").hits[0]


def test_attributes(hit):
    assert hit.entry_id == "1C350.1"
    assert hit.regimes == ["AG", "CWC"]
    assert hit.title == "Thiodiglycol"
    assert hit.rule == "term"
    assert isinstance(hit.score, float) and 0 < hit.score <= 1
    assert hit.field == "description"
    assert (hit.start, hit.end) == (0, 12)
    assert (hit.byte_start, hit.byte_end) == (0, 12)
    assert hit.matched == "Thiodiglycol"
    assert hit.term == "thiodiglycol"
    assert hit.language == "en"
    assert hit.evasion == []
    assert hit.hs_match is None
    assert hit.note.startswith("Colourless liquid")
    assert [type(e) for e in hit.evidence] == [dualuse.Evidence]


def test_hs_match(fixture_lists):
    h = fixture_lists.screen("Thiodiglycol", hs_code="29307000").hits[0]
    assert h.hs_match == "2930.70"


def test_cas_rule(fixture_lists):
    text = "Chemical, CAS No. 111-48-8, 4 drums"
    h = fixture_lists.screen(text).hits[0]
    assert (h.rule, h.term, h.matched) == ("cas", "111-48-8", "111-48-8")
    assert text[h.start : h.end] == h.matched


def test_declared_cas_spans_index_the_cas_argument(fixture_lists):
    cas = "0111-48-8"
    h = fixture_lists.screen("chemical", cas=cas).hits[0]
    assert h.field == "cas"
    assert cas[h.start : h.end] == h.matched


SPANS = {
    "chinese": ("货物描述：硫二甘醇，桶装 200 升", "硫二甘醇"),
    "chinese-after-latin": ("Invoice 7 — 硫二甘醇 99%", "硫二甘醇"),
    "cyrillic": ("Поставка: тиодигликоль, 4 бочки", "тиодигликоль"),
    "cyrillic-upper": ("ТИОДИГЛИКОЛЬ 99%", "ТИОДИГЛИКОЛЬ"),
    "emoji": ("📦🚚 Thiodiglycol 200L", "Thiodiglycol"),
    "emoji-zwj": ("👩‍🔬 lab order: thiodiglycol", "thiodiglycol"),
    "accents": ("Ébène, façade — thiodiglycol", "thiodiglycol"),
    "combining": ("e\u0301e\u0301 thiodiglycol", "thiodiglycol"),
    "mixed": ("货物 📦 Поставка — Thiodiglycol", "Thiodiglycol"),
    "astral-cjk": ("𠀀𠀁 sodium fluoride", "sodium fluoride"),
    "fullwidth": ("ｔｈｉｏｄｉｇｌｙｃｏｌ", "ｔｈｉｏｄｉｇｌｙｃｏｌ"),
}


@pytest.mark.parametrize("text, matched", SPANS.values(), ids=SPANS)
def test_spans_on_non_ascii_text(fixture_lists, text, matched):
    [h] = fixture_lists.screen(text).hits
    assert h.matched == matched
    assert text[h.start : h.end] == h.matched
    assert text.encode()[h.byte_start : h.byte_end].decode() == h.matched
    for e in h.evidence:
        assert text[e.start : e.end] == e.matched


def test_spans_hold_for_every_hit_of_a_batch(fixture_lists):
    texts = [t for t, _ in SPANS.values()] + [
        "TDG in 200 l drum 🛢️, 硫二甘醇, sodium fluoride, CAS 7681-49-4",
    ]
    for text, r in zip(texts, fixture_lists.screen_many(texts)):
        assert r.hits
        for h in r.hits:
            assert text[h.start : h.end] == h.matched


def test_to_dict_matches_the_screening(fixture_lists):
    r = fixture_lists.screen("thiodiglycol, 111-48-8", hs_code="2930.70")
    [h] = r.hits
    d = h.to_dict()
    assert d == r.to_dict()["hits"][0]
    assert (
        h.to_json()
        == r.to_json()[r.to_json().index('{"entry_id"') :][: len(h.to_json())]
    )
    assert (d["entry_id"], d["rule"], d["field"]) == (
        h.entry_id,
        h.rule,
        h.field,
    )
    assert (d["char_start"], d["char_end"]) == (h.start, h.end)
    assert (d["byte_start"], d["byte_end"]) == (h.byte_start, h.byte_end)
    assert d["regimes"] == h.regimes
    assert d["score"] == h.score
    assert d["hs_match"] == h.hs_match


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(hit, protocol):
    assert pickle.loads(pickle.dumps(hit, protocol=protocol)) == hit


def test_repr(hit):
    assert repr(hit) == (
        f"Hit(entry='1C350.1', term='thiodiglycol', score={hit.score!r})"
    )


def test_immutable(hit):
    with pytest.raises(AttributeError):
        hit.score = 1.0  # type: ignore[misc]


PARAMS_LIST = """
[list]
name = "p"
source = "p"
version = "1"
date = "2024-01-01"

[[entry]]
id = "3A225"
regimes = ["NSG"]
title = "Frequency changers"
terms.en = ["frequency changer", "frequency inverter"]
params = { criteria = [
  { what = "output frequency", min = 600, max = 2000, unit = "Hz" },
] }
"""


@pytest.fixture(scope="module")
def params_screener(tmp_path_factory):
    d = tmp_path_factory.mktemp("params")
    (d / "p.toml").write_text(PARAMS_LIST, encoding="utf-8")
    return dualuse.Screener.from_dir(d)


def test_status_listed_without_params(hit):
    assert hit.status == "listed"
    assert hit.params == []


def test_status_controlled(params_screener):
    r = params_screener.screen("Frequency changer, output 600-2000 Hz, 40 kW")
    h = r.hits[0]
    assert h.status == "controlled"
    assert h.params == [
        {
            "criterion": "output frequency 600 to 2000 Hz",
            "outcome": "met",
            "found": "600-2000 Hz",
        }
    ]


def test_status_candidate(params_screener):
    h = params_screener.screen("frequency changer").hits[0]
    assert h.status == "candidate"
    assert h.params[0]["outcome"] == "unstated"
    assert h.params[0]["found"] is None


def test_params_outside_clear(params_screener):
    r = params_screener.screen(
        "Frequency inverter 0-400 Hz, 7.5 kW, for conveyor motors"
    )
    assert r.hits == []
    assert r.cleared[0].entry_id == "3A225"
    assert "0-400 Hz" in r.cleared[0].reason


def test_evasion_and_fuzzy_can_be_switched_off():
    on = dualuse.Screener()
    assert on.screen("thio-di-glycol").hits[0].rule == "evasion"
    assert on.screen("thiodiglicol").hits[0].rule == "fuzzy"
    off = dualuse.Screener(evasion=False, fuzzy=False)
    assert off.screen("thio-di-glycol").hits == []
    assert off.screen("thiodiglicol").hits == []
    # The options travel with a pickled screener.
    assert pickle.loads(pickle.dumps(off)).screen("thiodiglicol").hits == []
