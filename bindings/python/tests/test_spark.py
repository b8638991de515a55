"""dualuse.spark: screen_dataframe on pyspark in local mode (local[2])
gives exactly the results of screen_many on the same rows.

Spark must start: if it cannot (no Java, a broken install), these tests
fail with the reason. Nothing here is skipped silently."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import dualuse
import pyarrow as pa
import pytest
from _rows import NOT_UTF8, expected_rows, mixed_rows

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="session")
def spark():
    """One local SparkSession for the whole test session: starting the
    JVM costs seconds, each test only a few batches."""
    try:
        from pyspark.sql import SparkSession

        # The workers must run this interpreter, where dualuse is.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("dualuse-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.driver.memory", "1g")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
    except Exception as e:  # noqa: BLE001
        pytest.fail(
            f"Spark could not start (pyspark needs Java 17+): {e!r}",
            pytrace=False,
        )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def rows():
    texts, codes = mixed_rows(3000)
    return texts, codes


def _plain(v):
    """A Spark Row (or list of them) as dicts and lists."""
    if hasattr(v, "asDict"):
        return {k: _plain(x) for k, x in v.asDict().items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


COLUMNS = ["risk", "lane", "hits", "hs_indicators", "error"]


def collect(df):
    got = sorted(df.collect(), key=lambda r: r["id"])
    return [{c: _plain(r[c]) for c in COLUMNS} for r in got]


def frame(spark, texts, codes):
    data = [(i, t, h) for i, (t, h) in enumerate(zip(texts, codes))]
    df = spark.createDataFrame(data, "id long, text string, hs string")
    # Several partitions, so more than one task (and batch) runs.
    return df.repartition(4)


def test_equals_screen_many(spark, embedded, rows):
    from dualuse.spark import screen_dataframe

    texts, codes = rows
    out = screen_dataframe(frame(spark, texts, codes), "text", "hs")
    assert out.columns == ["id", "text", "hs"] + COLUMNS
    assert collect(out) == expected_rows(embedded, texts, codes)


def test_custom_screener_travels_pickled(spark, fixture_lists, rows):
    from dualuse.spark import screen_dataframe

    texts, _ = rows
    texts = texts[:500]
    df = frame(spark, texts, [None] * len(texts))
    out = screen_dataframe(df, "text", screener=fixture_lists)
    assert collect(out) == expected_rows(fixture_lists, texts)


def test_lists_paths_are_read_on_the_driver(spark, fixture_lists):
    from conftest import LISTS
    from dualuse.spark import screen_dataframe

    texts = ["Thiodiglycol 99%", "toothpaste, sodium fluoride", None]
    df = frame(spark, texts, [None] * 3)
    out = screen_dataframe(df, "text", lists=[LISTS / "ok"])
    assert collect(out) == expected_rows(fixture_lists, texts)
    with pytest.raises(dualuse.ListError):
        screen_dataframe(df, "text", lists=[LISTS / "bad-cas"])


def test_bad_utf8_row(spark, embedded):
    from dualuse.spark import screen_dataframe

    df = spark.createDataFrame(
        [(0, b"thiodiglycol"), (1, NOT_UTF8)], "id long, raw binary"
    ).selectExpr("id", "cast(raw as string) as text")
    rows = collect(screen_dataframe(df, "text"))
    assert rows[0]["lane"] == "red"
    # Spark may repair the bytes on the cast; either way no exception,
    # and a row that was screened equals screen_many on its text.
    assert rows[1]["lane"] is not None or rows[1]["error"] is not None


def test_worker_builds_its_screener_once(spark, fixture_lists):
    """Every batch and task a Python worker runs gets the same screener
    object: unpickled once per worker process, not per batch."""
    import pickle

    state = pickle.dumps(fixture_lists)
    df = spark.range(0, 4000, numPartitions=8)

    def which_screener(batches):
        import dualuse.spark as ds

        for b in batches:
            s = ds._screener(state)
            yield pa.RecordBatch.from_pydict(
                {
                    "pid": [os.getpid()],
                    "screener": [id(s)],
                    "rows": [b.num_rows],
                }
            )

    stats = df.mapInArrow(
        which_screener, "pid long, screener long, rows long"
    ).collect()
    assert sum(r["rows"] for r in stats) == 4000
    assert len(stats) >= 8  # at least one batch per task
    by_pid: dict[int, set[int]] = {}
    for r in stats:
        by_pid.setdefault(r["pid"], set()).add(r["screener"])
    assert all(len(ids) == 1 for ids in by_pid.values()), by_pid


def test_errors(spark):
    from dualuse.spark import screen_dataframe

    df = spark.createDataFrame([(1, "x")], "id long, text string")
    with pytest.raises(ValueError, match="no column 'nope'"):
        screen_dataframe(df, "nope")
    with pytest.raises(TypeError, match="must be a string column"):
        screen_dataframe(df, "id")
    with pytest.raises(ValueError, match="not both"):
        screen_dataframe(
            df, "text", screener=dualuse.Screener(), lists=["x"]
        )
    clash = df.withColumnRenamed("id", "lane")
    with pytest.raises(ValueError, match="already in the DataFrame"):
        screen_dataframe(clash, "text")


def test_readme_example_runs(spark, capsys):
    """The Spark SQL example of the README runs as printed."""
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- spark-example -->\s*```python\n(.*?)```", text, re.S)
    assert m, "the README has a spark-example block"
    exec(compile(m.group(1), str(README), "exec"), {})
    out = capsys.readouterr().out
    assert "1C350.1" in out
