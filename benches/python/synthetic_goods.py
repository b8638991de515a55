"""The synthetic goods file of ``spark_bench.py`` and
``parquet_cli_bench.py``: one recipe, so one file serves both.

Twelve ordinary goods in six languages and five controlled ones, made up
here (nothing copied); one controlled row in 50, a null description in
100, HS codes on most rows. Needs pyarrow only.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ORDINARY = [
    "ladies cotton T-shirts, knitted",
    "stainless steel kitchen sinks",
    "Polyethylene granules for injection moulding",
    "spare parts for agricultural tractors",
    "chaussures de sport en cuir",
    "Kunststoffschläuche für Gartenbewässerung",
    "juguetes de madera para niños",
    "детские игрушки из пластика",
    "纯棉毛巾 每箱 50 条",
    "LED lamps 12 V, 200 pcs",
    "office chairs with castors",
    "frozen shrimps, 10 kg cartons",
]
CONTROLLED = [
    "Thiodiglycol 99%, 4 drums",
    "Тиодигликоль, бочки 200 л",
    "CAS 111-48-8, 20 kg",
    "Tiodiglicol 99 %, tambores de 220 kg",
    "glass-lined reactor 500 l, corrosion resistant",
]
HS = ["6109.10", "7324.10", "3901.10", "8708.99", None, "2930.90"]


def generate(path: Path, rows: int, batch: int = 100_000) -> None:
    """Writes ``rows`` rows to ``path`` a batch at a time (small memory)."""
    schema = pa.schema([("id", pa.int64()), ("text", pa.string()),
                        ("hs", pa.string())])
    with pq.ParquetWriter(path, schema) as w:
        for start in range(0, rows, batch):
            n = min(batch, rows - start)
            ids = list(range(start, start + n))
            texts = []
            for i in ids:
                if i % 100 == 7:
                    texts.append(None)
                elif i % 50 == 3:
                    texts.append(f"{CONTROLLED[i % len(CONTROLLED)]} #{i}")
                else:
                    texts.append(f"{ORDINARY[i % len(ORDINARY)]} #{i}")
            hs = [HS[i % len(HS)] for i in ids]
            w.write_table(pa.table({"id": ids, "text": texts, "hs": hs},
                                   schema=schema))


def ensure(path: Path, rows: int) -> int:
    """Writes ``rows`` rows to ``path`` unless the file is there already
    (a file from an earlier run is reused as it is); returns the rows it
    holds."""
    if not path.exists():
        t = time.perf_counter()
        generate(path, rows)
        print(f"generated {rows:,} rows into {path} "
              f"({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.1f} s")
    return pq.ParquetFile(path).metadata.num_rows
