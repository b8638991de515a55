"""`dualuse screen` on a large Parquet file: rows/s and peak memory.

Not a test: a measurement (issue 9). Writes N synthetic goods
descriptions to Parquet (the recipe and schema of ``spark_bench.py``, so
one file serves both: ``id`` int64, ``text`` string with a null in 100,
``hs`` string), then runs the release binary under ``/usr/bin/time -v``

1. Parquet in, Parquet out (``-o out.parquet``: the input's columns
   passed through, the results appended), and
2. Parquet in, JSON Lines out to ``/dev/null``,

and prints rows/s, peak resident memory and the output size. Run it at
two sizes to see that memory does not grow with the file:

    cargo build --release -p dualuse-cli
    python benches/python/parquet_cli_bench.py --rows 1000000
    python benches/python/parquet_cli_bench.py             # 10 million

Needs pyarrow (the ``test`` extra has it) and GNU time. Installs
nothing. The figures belong in benches/README.md with the command line.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from synthetic_goods import ensure  # beside this script


def default_binary() -> Path:
    target = os.environ.get("CARGO_TARGET_DIR") or (
        Path(__file__).resolve().parents[2] / "target")
    return Path(target) / "release" / "dualuse"


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Runs cmd under GNU time: wall seconds, peak RSS in KiB, stderr."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    took = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited with {p.returncode}:\n{p.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                    p.stderr)
    if rss is None:
        sys.exit(f"no peak RSS in the output of /usr/bin/time:\n{p.stderr}")
    return took, int(rss.group(1)), p.stderr


def summary(stderr: str) -> str:
    m = re.search(r"^dualuse: (screened .*)$", stderr, re.M)
    return m.group(1) if m else "(no summary)"


def count_lanes(path: Path) -> dict[str, int]:
    """Lanes of an output file, read a batch at a time."""
    lanes: dict[str, int] = {}
    for b in pq.ParquetFile(path).iter_batches(columns=["lane"]):
        for v in b.column("lane").value_counts().to_pylist():
            key = v["values"] or "null"
            lanes[key] = lanes.get(key, 0) + v["counts"]
    return lanes


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--parquet", type=Path,
                   help="reuse or write the input here (default: a temp "
                        "file)")
    p.add_argument("--bin", type=Path, default=default_binary(),
                   help="the dualuse binary (default: target/release, or "
                        "$CARGO_TARGET_DIR/release)")
    p.add_argument("--keep", action="store_true",
                   help="keep the Parquet output (in the temp directory "
                        "or beside --parquet)")
    a = p.parse_args()
    if not a.bin.exists():
        sys.exit(f"no binary at {a.bin}: cargo build --release -p "
                 "dualuse-cli")
    tmp = tempfile.TemporaryDirectory()
    path = a.parquet or Path(tmp.name) / "goods.parquet"
    rows = ensure(path, a.rows)
    out = (path.with_name(path.stem + "-screened.parquet") if a.keep
           and a.parquet else Path(tmp.name) / "screened.parquet")
    base = [str(a.bin), "screen", str(path)]

    took, rss, err = timed([*base, "-o", str(out)])
    size = out.stat().st_size
    lanes = count_lanes(out)
    got = sum(lanes.values())
    print(f"parquet -> parquet: {rows:,} rows in {took:.1f} s = "
          f"{rows / took:,.0f} rows/s, peak RSS {rss / 1024:.0f} MiB, "
          f"output {size / 1e6:.0f} MB\n  {summary(err)}")
    if got != rows:
        sys.exit(f"the output has {got:,} rows, the input {rows:,}")
    if not a.keep:
        out.unlink()

    took, rss, err = timed([*base, "--output-format", "jsonl", "-o",
                            "/dev/null"])
    print(f"parquet -> jsonl:   {rows:,} rows in {took:.1f} s = "
          f"{rows / took:,.0f} rows/s, peak RSS {rss / 1024:.0f} MiB\n"
          f"  {summary(err)}")
    print(f"({os.cpu_count()} cores; {a.bin})")


if __name__ == "__main__":
    main()
