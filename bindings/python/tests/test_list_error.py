"""dualuse.ListError: refused control lists, one test per broken rule
(tests/lists/bad-*), asserting kind, path, entry and field rather than
message wording."""

from __future__ import annotations

import pickle
from pathlib import Path

import dualuse
import pytest
from conftest import LISTS

# directory: (kind, entry_id, field)
BAD = {
    "bad-toml": ("bad_toml", None, None),
    "bad-unknown-field": ("unknown_field", "1C350.1", "tems"),
    "bad-missing-field": ("missing_field", "1C350.1", "title"),
    "bad-duplicate-id": ("duplicate_id", "1C350.1", "id"),
    "bad-id": ("bad_id", "1C350 1", "id"),
    "bad-unknown-regime": ("unknown_regime", "1C350.1", "regimes"),
    "bad-unknown-language": ("unknown_language", "1C350.1", "terms.xx"),
    "bad-empty-term": ("empty_term", "1C350.1", "terms.en"),
    "bad-term-normalises-to-empty": (
        "term_normalises_to_empty",
        "1C350.1",
        "terms.en",
    ),
    "bad-cas-format": ("bad_cas_format", "1C350.1", "cas"),
    "bad-check-digit": ("bad_check_digit", "1C350.1", "cas"),
    "bad-hs": ("bad_hs_code", "1C350.1", "hs"),
    "bad-no-terms": ("no_terms", "1C350.1", "terms"),
    "bad-date": ("bad_date", None, "list.date"),
}


def test_every_fixture_is_covered():
    assert sorted(p.name for p in LISTS.glob("bad-*")) == sorted(BAD)


@pytest.mark.parametrize("name", BAD)
def test_bad_list(name):
    kind, entry_id, field = BAD[name]
    directory = LISTS / name
    with pytest.raises(dualuse.ListError) as info:
        dualuse.Screener.from_dir(directory)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.kind, e.entry_id, e.field) == (kind, entry_id, field)
    assert Path(e.path) == directory / "list.toml"
    # Each fixture breaks exactly one rule.
    [problem] = e.errors()
    assert problem == {
        "kind": kind,
        "path": e.path,
        "entry_id": entry_id,
        "field": field,
        "detail": problem["detail"],
    }
    assert problem["detail"]
    assert str(e).startswith(e.path)


def test_every_problem_of_every_file():
    with pytest.raises(dualuse.ListError) as info:
        dualuse.Screener.from_dir(
            LISTS / "bad-hs",
            LISTS / "bad-check-digit",
            LISTS / "ok",
            LISTS / "bad-duplicate-id",
        )
    e = info.value
    assert [(p["kind"], Path(p["path"]).parent.name) for p in e.errors()] == [
        ("bad_hs_code", "bad-hs"),
        ("bad_check_digit", "bad-check-digit"),
        # Both entries 1C350.1 of bad-duplicate-id clash with ok's.
        ("duplicate_id", "bad-duplicate-id"),
        ("duplicate_id", "bad-duplicate-id"),
    ]
    # The attributes describe the first problem; the message lists all.
    assert e.kind == "bad_hs_code"
    assert str(e).startswith("4 problems in control lists:")


def test_errors_returns_copies():
    with pytest.raises(dualuse.ListError) as info:
        dualuse.Screener.from_dir(LISTS / "bad-hs")
    info.value.errors()[0]["kind"] = "changed"
    info.value.errors().clear()
    assert info.value.errors()[0]["kind"] == "bad_hs_code"


def test_pickle():
    with pytest.raises(dualuse.ListError) as info:
        dualuse.Screener.from_dir(LISTS / "bad-check-digit")
    e = info.value
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is dualuse.ListError
    assert (str(back), back.errors()) == (str(e), e.errors())
    assert (back.kind, back.path, back.entry_id, back.field) == (
        e.kind,
        e.path,
        e.entry_id,
        e.field,
    )


def test_class():
    assert issubclass(dualuse.ListError, ValueError)
    assert dualuse.ListError.__module__ == "dualuse"
    assert dualuse.ListError is dualuse._dualuse.ListError


def test_raise_from_python():
    # Users can raise it too, e.g. in tests of their own loaders.
    e = dualuse.ListError("lists/x.toml: broken", [{"kind": "io"}])
    assert (e.kind, e.path, e.errors()) == ("io", None, [{"kind": "io"}])
    assert dualuse.ListError("no details").errors() == []


def test_build_error_is_a_plain_value_error():
    with pytest.raises(ValueError) as info:
        dualuse.Screener.from_dir(LISTS / "ok", min_score=-0.1)
    assert type(info.value) is ValueError
    assert "min_score" in str(info.value)
