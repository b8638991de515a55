"""Spark local[2] against screen_arrow alone, on the same Parquet file.

Not a test: a measurement. Generates N synthetic goods descriptions
(mixed languages, one controlled item in 50, a null in 100, HS codes on
most rows) into a Parquet file, then screens them

1. with ``Screener.screen_arrow`` over the file's record batches, in this
   process (the ceiling: no Spark, no copies but Arrow's own), and
2. with ``dualuse.spark.screen_dataframe`` on a ``local[2]`` SparkSession
   reading the same file, forcing every result with a ``count()`` over
   the red lane (so Spark cannot skip the screening), as a first job in
   the new session (cold: Python workers start, build their screeners,
   and the JVM compiles its hot paths) and then as further jobs in the
   same session (warm: the state of a long-running platform, where the
   workers and their screeners are reused),

and prints rows/s for each and the Spark/direct ratios. Every run checks
that it found the same number of red rows.

    python benches/python/spark_bench.py            # 10 million rows
    python benches/python/spark_bench.py --rows 1000000

Needs ``pip install './bindings/python[test]'`` (pyarrow, pyspark) and
Java 17. The figures belong in benches/README.md with the command line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

import dualuse
from synthetic_goods import ensure  # beside this script

def direct(path: Path, screener: dualuse.Screener) -> tuple[float, int]:
    red = 0
    t = time.perf_counter()
    f = pq.ParquetFile(path)
    for b in f.iter_batches(batch_size=65_536, columns=["text", "hs"]):
        r = screener.screen_arrow(b.column("text"), b.column("hs"))
        red += r.column("lane").to_pylist().count("red")
    return time.perf_counter() - t, red


def spark_run(
    path: Path, batch: int, jobs: int
) -> tuple[list[float], list[int], float]:
    from pyspark.sql import SparkSession

    from dualuse.spark import screen_dataframe

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("dualuse-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "2g")
        # A small file is one split: cut it so both cores get tasks.
        .config("spark.sql.files.maxPartitionBytes",
                str(max(1 << 20, path.stat().st_size // 8)))
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t0
    df = spark.read.parquet(str(path))
    took, red = [], []
    for _ in range(jobs):
        t = time.perf_counter()
        red.append(
            screen_dataframe(df, "text", "hs").where("lane = 'red'").count()
        )
        took.append(time.perf_counter() - t)
    spark.stop()
    return took, red, startup


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--batch", type=int, default=10_000,
                   help="spark.sql.execution.arrow.maxRecordsPerBatch")
    p.add_argument("--jobs", type=int, default=3,
                   help="Spark jobs in one session: the first is cold, "
                        "the median of the rest is the warm figure")
    p.add_argument("--parquet", type=Path,
                   help="reuse or write the input here (default: a temp "
                        "file)")
    a = p.parse_args()
    tmp = None
    path = a.parquet
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "goods.parquet"
    rows = ensure(path, a.rows)
    screener = dualuse.Screener()
    d, red_d = direct(path, screener)
    print(f"screen_arrow: {rows:,} rows in {d:.1f} s = "
          f"{rows / d:,.0f} rows/s ({red_d:,} red)")
    took, red_s, startup = spark_run(path, a.batch, max(a.jobs, 2))
    print(f"spark session start {startup:.1f} s (not counted)")
    for i, (s, r) in enumerate(zip(took, red_s)):
        kind = "cold" if i == 0 else "warm"
        print(f"spark local[2] job {i + 1} ({kind}): {rows:,} rows in "
              f"{s:.1f} s = {rows / s:,.0f} rows/s ({r:,} red)")
        if r != red_d:
            sys.exit(f"red rows differ: spark {r}, direct {red_d}")
    warm = statistics.median(took[1:])
    print(f"spark / screen_arrow throughput, {os.cpu_count()} cores: "
          f"cold {d / took[0]:.2f}, warm {d / warm:.2f}")


if __name__ == "__main__":
    main()
