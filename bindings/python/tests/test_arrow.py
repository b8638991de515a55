"""Screener.screen_arrow: Arrow strings in, a RecordBatch (or Table) of
results out, equal row for row to screen_many."""

from __future__ import annotations

import threading

import dualuse
import pytest

pa = pytest.importorskip("pyarrow")

from _rows import NOT_UTF8, expected_rows, mixed_rows  # noqa: E402

SCHEMA = pa.schema(
    [
        ("risk", pa.string()),
        ("lane", pa.string()),
        (
            "hits",
            pa.list_(
                pa.struct(
                    [
                        ("entry_id", pa.string()),
                        ("regimes", pa.list_(pa.string())),
                        ("title", pa.string()),
                        ("rule", pa.string()),
                        ("score", pa.float64()),
                        ("status", pa.string()),
                        ("start", pa.int64()),
                        ("end", pa.int64()),
                        ("matched", pa.string()),
                        ("term", pa.string()),
                    ]
                )
            ),
        ),
        (
            "hs_indicators",
            pa.list_(
                pa.struct(
                    [("entry_id", pa.string()), ("heading", pa.string())]
                )
            ),
        ),
        ("error", pa.string()),
    ]
)


@pytest.fixture(scope="module")
def rows():
    return mixed_rows(1500)


def test_schema_is_stable(embedded):
    b = embedded.screen_arrow(pa.array(["thiodiglycol"]))
    assert isinstance(b, pa.RecordBatch)
    assert b.schema.equals(SCHEMA, check_metadata=False)
    meta = {k.decode(): v.decode() for k, v in b.schema.metadata.items()}
    assert meta == {
        "dualuse.schema_version": str(dualuse.SCHEMA_VERSION),
        "dualuse.lists_version": embedded.lists_version,
        "dualuse.lists_hash": embedded.lists_hash,
    }


def test_equals_screen_many(embedded, rows):
    texts, codes = rows
    b = embedded.screen_arrow(pa.array(texts), pa.array(codes))
    assert b.num_rows == len(texts)
    assert b.to_pylist() == expected_rows(embedded, texts, codes)


def test_without_hs_codes(embedded, rows):
    texts, _ = rows
    b = embedded.screen_arrow(pa.array(texts))
    assert b.to_pylist() == expected_rows(embedded, texts)


def test_some_rows_hit(embedded, rows):
    # The comparison above means something only if rows hit and differ.
    lanes = embedded.screen_arrow(pa.array(rows[0])).column("lane")
    assert {"red", "yellow", "green", None} <= set(lanes.to_pylist())


@pytest.mark.parametrize(
    "kind", [pa.large_string(), pa.string_view()], ids=str
)
def test_other_string_types(embedded, rows, kind):
    texts, codes = rows
    b = embedded.screen_arrow(
        pa.array(texts, type=kind), pa.array(codes, type=kind)
    )
    assert b.to_pylist() == expected_rows(embedded, texts, codes)


def test_chunked_gives_a_table(embedded, rows):
    texts, codes = rows
    chunked = pa.chunked_array(
        [texts[:100], texts[100:101], [], texts[101:]], type=pa.string()
    )
    # Chunked the other way: the HS codes need not line up with the texts.
    hs = pa.chunked_array([codes[:700], codes[700:]], type=pa.large_string())
    t = embedded.screen_arrow(chunked, hs)
    assert isinstance(t, pa.Table)
    assert t.schema.equals(SCHEMA, check_metadata=False)
    # One batch per chunk, the empty one too.
    sizes = [b.num_rows for b in t.to_batches()]
    assert sizes == [100, 1, 0, len(texts) - 101]
    assert t.to_pylist() == expected_rows(embedded, texts, codes)


def test_plain_array_and_chunked_hs(embedded, rows):
    texts, codes = rows
    hs = pa.chunked_array([codes[:3], codes[3:]], pa.string())
    b = embedded.screen_arrow(pa.array(texts), hs)
    assert b.to_pylist() == expected_rows(embedded, texts, codes)


def test_slices_and_empty(embedded, rows):
    texts, _ = rows
    sliced = pa.array(texts).slice(10, 50)
    b = embedded.screen_arrow(sliced)
    assert b.to_pylist() == expected_rows(embedded, texts[10:60])
    assert embedded.screen_arrow(pa.array([], pa.string())).num_rows == 0
    empty = embedded.screen_arrow(pa.chunked_array([], pa.string()))
    assert empty.num_rows == 0 and empty.schema.equals(
        SCHEMA, check_metadata=False
    )


def test_nulls_give_null_rows(embedded):
    b = embedded.screen_arrow(pa.array([None, None], pa.string()))
    assert b.to_pylist() == expected_rows(embedded, [None, None])
    b = embedded.screen_arrow(pa.array([None, None]))  # type null
    assert b.column("lane").to_pylist() == [None, None]


def test_bad_utf8_is_an_error_row(embedded):
    raw = pa.array([b"thiodiglycol", NOT_UTF8, None], pa.binary())
    texts = raw.cast(pa.string(), safe=False)
    rows = embedded.screen_arrow(texts).to_pylist()
    assert rows[0]["lane"] == "red" and rows[0]["error"] is None
    assert rows[1] == {
        "risk": None,
        "lane": None,
        "hits": None,
        "hs_indicators": None,
        "error": "texts[1]: not valid UTF-8",
    }
    assert rows[2]["error"] is None and rows[2]["lane"] is None
    hs = pa.array([None, None, b"\xff"], pa.binary()).cast(
        pa.string(), safe=False
    )
    rows = embedded.screen_arrow(pa.array(["a", "b", "c"]), hs).to_pylist()
    assert [r["error"] for r in rows] == [
        None,
        None,
        "hs_codes[2]: not valid UTF-8",
    ]


def test_type_errors(embedded):
    with pytest.raises(TypeError, match="texts must be an Arrow array of"):
        embedded.screen_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="hs_codes must be an Arrow array"):
        embedded.screen_arrow(pa.array(["a"]), pa.array([1]))
    with pytest.raises(TypeError, match="not list"):
        embedded.screen_arrow(["a", "b"])  # a list is no Arrow array


def test_length_mismatch(embedded):
    with pytest.raises(ValueError, match="hs_codes has 1 items but texts"):
        embedded.screen_arrow(pa.array(["a", "b"]), pa.array(["2930"]))


def test_custom_lists(fixture_lists):
    texts = ["Thiodiglycol 99%", "toothpaste with sodium fluoride", None]
    b = fixture_lists.screen_arrow(pa.array(texts))
    assert b.to_pylist() == expected_rows(fixture_lists, texts)


def test_threads_share_one_screener(embedded, rows):
    """The GIL is released while screening: threads run screen_arrow at
    once on one screener, and each gets its own rows' results."""
    texts, codes = rows
    want = expected_rows(embedded, texts, codes)
    arrays = (pa.array(texts), pa.array(codes))
    got: dict[int, list] = {}
    errors = []

    def work(i):
        try:
            got[i] = embedded.screen_arrow(*arrays).to_pylist()
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(got[i] == want for i in range(4))


def test_gil_is_released(embedded):
    """A Python thread keeps running while screen_arrow screens."""
    texts = pa.array(["thiodiglycol, 200 l drums " * 40] * 4000)
    ticks = 0
    done = threading.Event()

    def tick():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=tick)
    t.start()
    try:
        before = ticks
        embedded.screen_arrow(texts)
        during = ticks - before
    finally:
        done.set()
        t.join()
    assert during > 0
