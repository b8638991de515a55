"""dualuse.pandas: screen_series returns screen_arrow's columns as a
DataFrame."""

from __future__ import annotations

import doctest

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import dualuse.pandas  # noqa: E402
from _rows import expected_rows, mixed_rows  # noqa: E402
from dualuse.pandas import screen_series  # noqa: E402

COLUMNS = ["risk", "lane", "hits", "hs_indicators", "error"]


def plain(df):
    """The DataFrame as lists and dicts, as pyarrow's to_pylist gives."""

    def cell(v):
        if v is None or (isinstance(v, float) and v != v):
            return None
        if hasattr(v, "tolist"):
            v = v.tolist()
        if isinstance(v, list):
            return [cell(x) for x in v]
        if isinstance(v, dict):
            return {k: cell(x) for k, x in v.items()}
        return v

    return [{c: cell(r[c]) for c in COLUMNS} for _, r in df.iterrows()]


def test_equals_screen_many(embedded):
    texts, codes = mixed_rows(400)
    index = pd.RangeIndex(1000, 1400)
    df = screen_series(
        embedded, pd.Series(texts, index=index), pd.Series(codes, index=index)
    )
    assert list(df.columns) == COLUMNS
    assert df.index.equals(index)
    assert plain(df) == expected_rows(embedded, texts, codes)


def test_nan_and_na_are_missing(embedded):
    texts = pd.Series(["thiodiglycol", float("nan"), pd.NA], dtype=object)
    hs = pd.Series([float("nan"), "2930.90", None], dtype=object)
    df = screen_series(embedded, texts, hs)
    assert df["lane"].isna().tolist() == [False, True, True]
    assert df["lane"][0] == "red"
    string_dtype = pd.Series(["thiodiglycol", None], dtype="string")
    lanes = screen_series(embedded, string_dtype)["lane"]
    assert lanes.isna().tolist() == [False, True]


def test_any_sequence(embedded):
    df = screen_series(embedded, ["thiodiglycol", "cotton T-shirts"])
    assert df["lane"].tolist() == ["red", "green"]


def test_type_error(embedded):
    with pytest.raises(TypeError, match="series must hold str"):
        screen_series(embedded, pd.Series([1, 2]))


def test_docstring():
    result = doctest.testmod(dualuse.pandas, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
