"""Screen a pandas Series into a DataFrame.

Optional glue: importing this module needs ``pandas`` and ``pyarrow``;
``import dualuse`` never does. The columns are those of
``Screener.screen_arrow`` (``risk``, ``lane``, ``hits``,
``hs_indicators``, ``error``), converted by pyarrow's ``to_pandas``:
``hits`` and ``hs_indicators`` hold arrays of dicts, and a missing value
is what the installed pandas uses for one (None, or NaN in the ``str``
columns of pandas 3); test it with ``isna()``.

>>> import pandas as pd, dualuse
>>> from dualuse.pandas import screen_series
>>> texts = pd.Series(["Thiodiglycol, 4 drums", None, "cotton T-shirts"])
>>> df = screen_series(dualuse.Screener(), texts)
>>> df["lane"][0], df["lane"].isna().tolist()
('red', [False, True, False])
>>> df["hits"][0][0]["entry_id"]
'1C350.1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

if TYPE_CHECKING:
    from dualuse import Screener

__all__ = ["screen_series"]


def _strings(values: Any, what: str) -> pa.Array | pa.ChunkedArray:
    # from_pandas: NaN and pandas.NA are nulls, as in a pandas column. A
    # series whose strings pass 2 GiB comes back chunked, which
    # screen_arrow takes as well.
    try:
        return pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
        raise TypeError(f"{what} must hold str (or missing values): {e}")


def screen_series(
    screener: Screener, series: Any, hs: Any | None = None
) -> pd.DataFrame:
    """Screens each text of ``series`` (None, NaN or ``pandas.NA`` give a
    row of nulls), with the HS codes of ``hs`` (same length; missing
    values allowed) when given. Returns a DataFrame with the columns of
    ``Screener.screen_arrow``, one row per text, on the series' index.

    Raises ``TypeError`` for values that are not str, ``ValueError`` when
    ``hs`` has another length.
    """
    texts = _strings(series, "series")
    codes = None if hs is None else _strings(hs, "hs")
    result = screener.screen_arrow(texts, codes)
    df = result.to_pandas()
    if isinstance(series, pd.Series):
        df.index = series.index
    return df
