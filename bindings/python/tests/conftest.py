"""Shared fixtures: the repository's test data and a few screeners.

The tests read the repository's shared test data (tests/vectors,
tests/lists), so they run from a clone: `python3 -m pytest
bindings/python/tests` after `pip install ./bindings/python`.
"""

from __future__ import annotations

from pathlib import Path

import dualuse
import pytest

ROOT = Path(__file__).resolve().parents[3]
LISTS = ROOT / "tests" / "lists"
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def embedded() -> dualuse.Screener:
    """The embedded lists, as users get them."""
    return dualuse.Screener()


@pytest.fixture(scope="session")
def fixture_lists() -> dualuse.Screener:
    """tests/lists/ok: a small list that tests can rely on whatever the
    embedded lists hold (1C350.1 thiodiglycol, 1C350.7 sodium fluoride
    cleared by toothpaste, 2B350.a reactors)."""
    return dualuse.Screener.from_dir(LISTS / "ok")


@pytest.fixture(scope="session")
def watch() -> dualuse.Screener:
    return dualuse.Screener.from_terms(
        {"WATCH-1": ["acme rotor", "x-9 valve"], "WATCH-2": ["zeta pump"]}
    )
