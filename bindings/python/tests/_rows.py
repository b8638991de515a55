"""Shared by the Arrow, pandas and Spark tests: mixed-language rows, and
the row screen_arrow should give for a Screening from screen_many."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"

# Bytes that are no UTF-8, for the `error` column. pyarrow checks the
# UTF-8 of str it is given, so tests cast from binary with safe=False.
NOT_UTF8 = b"Thiodiglycol \xff\xfe drums"


def vector_cases() -> list[tuple[str, str | None]]:
    """(text, hs) of every shared vector: many languages and tricks."""
    out = []
    for f in sorted(VECTORS.glob("*.toml")):
        for case in tomllib.loads(f.read_text(encoding="utf-8"))["case"]:
            out.append((case["text"], case.get("hs")))
    return out


def mixed_rows(n: int) -> tuple[list[str | None], list[str | None]]:
    """n (text, hs) rows cycling through the vectors, with a null text
    every 7th row and a null HS code every 5th."""
    cases = vector_cases()
    texts: list[str | None] = []
    codes: list[str | None] = []
    for i in range(n):
        text, hs = cases[i % len(cases)]
        texts.append(None if i % 7 == 3 else f"{text} (lot {i})")
        codes.append(None if i % 5 == 2 else hs)
    return texts, codes


def expected_row(s) -> dict:
    """What screen_arrow writes for a Screening (None: a null text)."""
    if s is None:
        return {
            "risk": None,
            "lane": None,
            "hits": None,
            "hs_indicators": None,
            "error": None,
        }
    return {
        "risk": s.risk,
        "lane": s.lane,
        "hits": [
            {
                "entry_id": h.entry_id,
                "regimes": h.regimes,
                "title": h.title,
                "rule": h.rule,
                "score": h.score,
                "status": h.status,
                "start": h.start,
                "end": h.end,
                "matched": h.matched,
                "term": h.term,
            }
            for h in s.hits
        ],
        "hs_indicators": [
            {"entry_id": i.entry_id, "heading": i.heading}
            for i in s.hs_indicators
        ],
        "error": None,
    }


def expected_rows(screener, texts, codes=None) -> list[dict]:
    """screen_many on the non-null texts, nulls where the text is."""
    idx = [i for i, t in enumerate(texts) if t is not None]
    hs = None if codes is None else [codes[i] for i in idx]
    got = screener.screen_many([texts[i] for i in idx], hs)
    out = [expected_row(None)] * len(texts)
    for i, s in zip(idx, got):
        out[i] = expected_row(s)
    return out
