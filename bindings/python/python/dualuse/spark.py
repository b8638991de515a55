"""Screen a Spark DataFrame column on the executors.

Optional glue: importing this module needs ``pyspark`` and ``pyarrow``;
``import dualuse`` never does. ``screen_dataframe`` appends the columns
of ``Screener.screen_arrow`` (``risk``, ``lane``, ``hits``,
``hs_indicators``, ``error``) to a DataFrame. It runs on ``mapInArrow``:
Spark hands each Python worker Arrow record batches, the worker screens
them with ``screen_arrow`` (no Python object per row, the GIL released),
and the Arrow results go back to the JVM as they are.

Each worker process builds its ``Screener`` once and keeps it in
``_SCREENERS`` for every later batch and task (Spark reuses Python
workers by default): the embedded lists need no file on the executors,
and a custom screener travels inside the task as its pickle (the JSON of
its lists and options), so its list files need not exist there either.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame
from pyspark.sql.types import StringType, StructType

from dualuse import Screener

__all__ = ["RESULT_DDL", "screen_dataframe"]

# The result columns as Spark types; the Arrow schema of screen_arrow.
RESULT_DDL = (
    "risk string, lane string, "
    "hits array<struct<entry_id: string, regimes: array<string>, "
    "title: string, rule: string, score: double, status: string, "
    "start: bigint, end: bigint, matched: string, term: string>>, "
    "hs_indicators array<struct<entry_id: string, heading: string>>, "
    "error string"
)

# Per Python worker process: the screener for each pickled state (None =
# the embedded lists with default options). Building one takes a moment
# (the automaton), screening a batch takes less: build once, not per
# batch.
_SCREENERS: dict[bytes | None, Screener] = {}


def _screener(state: bytes | None) -> Screener:
    s = _SCREENERS.get(state)
    if s is None:
        s = Screener() if state is None else pickle.loads(state)
        _SCREENERS[state] = s
    return s


def _screen_batches(
    batches: Iterator[pa.RecordBatch],
    text_col: str,
    hs_col: str | None,
    state: bytes | None,
    schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    screener = _screener(state)
    for batch in batches:
        texts = batch.column(text_col)
        hs = None
        if hs_col is not None:
            hs = batch.column(hs_col)
            if not pa.types.is_string(hs.type):
                hs = hs.cast(pa.string())
        result = screener.screen_arrow(texts, hs)
        columns = list(batch.columns) + list(result.columns)
        # Spark names list items "element" where pyarrow says "item":
        # the same data, but Spark wants its own field names.
        columns = [
            c if c.type == f.type else c.cast(f.type)
            for c, f in zip(columns, schema)
        ]
        yield pa.RecordBatch.from_arrays(columns, schema=schema)


def _result_fields() -> list[str]:
    return ["risk", "lane", "hits", "hs_indicators", "error"]


def screen_dataframe(
    df: DataFrame,
    text_col: str,
    hs_col: str | None = None,
    screener: Screener | None = None,
    lists: Sequence[Any] | None = None,
) -> DataFrame:
    """``df`` with the screening of ``text_col`` (a string column; null
    gives a row of null results) appended as the columns ``risk``,
    ``lane``, ``hits``, ``hs_indicators`` and ``error``, as
    ``Screener.screen_arrow`` documents them. ``hs_col`` names a column
    of declared HS codes (cast to string if it is not one).

    The screener is ``screener``, else one over the list files or
    directories ``lists`` (read here, on the driver: a bad list raises
    ``ListError`` at once and the executors need no copy), else the
    embedded lists.

    Raises ``ValueError`` for a missing column, a column name the result
    would repeat, or both ``screener`` and ``lists``; ``TypeError`` if
    ``text_col`` is not a string column.
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    if screener is not None and lists is not None:
        raise ValueError("give screener or lists, not both")
    if lists is not None:
        screener = Screener.from_dir(*lists)
    state = None if screener is None else pickle.dumps(screener)
    names = df.columns
    for col in (text_col, hs_col):
        if col is not None and col not in names:
            raise ValueError(f"no column {col!r} in {names}")
    if not isinstance(df.schema[text_col].dataType, StringType):
        raise TypeError(
            f"column {text_col!r} must be a string column, not "
            f"{df.schema[text_col].dataType.simpleString()}"
        )
    clash = sorted(set(names) & set(_result_fields()))
    if clash:
        raise ValueError(
            f"the result columns {clash} are already in the DataFrame; "
            "rename them first"
        )
    result = StructType.fromDDL(RESULT_DDL)
    out = StructType(df.schema.fields + result.fields)
    arrow_schema = to_arrow_schema(out)

    def screen(batches: Iterator[pa.RecordBatch]) -> Iterator[Any]:
        return _screen_batches(
            batches, text_col, hs_col, state, arrow_schema
        )

    return df.mapInArrow(screen, out)
