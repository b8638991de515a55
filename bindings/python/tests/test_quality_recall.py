"""Measured recall on real synonyms (issue 5, "Measured quality").

Every name that the PubChem identifier tables of the `chemicals` package
give a CAS number our lists carry, at least 5 characters long and not
excluded with a reason in lists/synonyms-exclusions.tsv, must be found by
the embedded lists as a hit on an entry carrying that CAS number: on its
own and inside a sentence. Recall must be at least 98 % for both; the
figures are printed (``pytest -s``) and the misses listed on failure.

The tables are read from the installed package's data files (the package
is not imported): the `test` extra pins `chemicals`, so the names are the
ones lists/synonyms-pubchem.toml was made from.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import dualuse

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "lists" / "tools"))

import pubchem_synonyms as pubchem  # noqa: E402

MIN_RECALL = 0.98
SENTENCE = "Supply of {}, 200 kg drums, for industrial use"
REASONS = {
    "cas number",
    "cleared",
    "code",
    "context",
    "different substance",
    "generic",
    "junk",
    "ordinary product",
}


def _entry_cas() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in pubchem.list_files():
        with path.open("rb") as f:
            data = pubchem.tomllib.load(f)
        for entry in data.get("entry", []):
            out[entry["id"]] = set(entry.get("cas", []))
    return out


def _cases() -> list[tuple[str, str]]:
    """(cas, name) for every name the recall is measured on."""
    listed = pubchem.listed_cas()
    excluded = pubchem.read_exclusions()
    names = pubchem.table_names(set(listed))
    return [
        (cas, name)
        for cas in sorted(names, key=pubchem.cas_sort_key)
        for name in names[cas]
        if len(name) >= pubchem.MIN_LENGTH
        and pubchem.key(name) not in excluded.get(cas, {})
    ]


def _recall(
    screener: dualuse.Screener, texts: list[str], cases: list[tuple[str, str]]
) -> tuple[float, list[str]]:
    entry_cas = _entry_cas()
    misses = []
    for (cas, name), text, result in zip(
        cases, texts, screener.screen_many(texts)
    ):
        if not any(cas in entry_cas.get(h.entry_id, ()) for h in result.hits):
            found = ", ".join(
                f"{h.entry_id} {h.matched!r}" for h in result.hits
            )
            cleared = ", ".join(c.hit.entry_id for c in result.cleared)
            misses.append(
                f"{cas}\t{text!r}\thits: [{found}]\tcleared: [{cleared}]"
            )
    return 1 - len(misses) / len(cases), misses


def _check(screener: dualuse.Screener, fmt: str, label: str) -> None:
    cases = _cases()
    assert len(cases) > 3000, f"only {len(cases)} names: is the table there?"
    recall, misses = _recall(
        screener, [fmt.format(name) for _, name in cases], cases
    )
    print(
        f"\nPubChem synonym recall ({label}): {recall:.2%} of {len(cases)} "
        f"names ({len(misses)} missed)"
    )
    assert recall >= MIN_RECALL, (
        f"recall {label} {recall:.2%} < {MIN_RECALL:.0%}; misses:\n"
        + "\n".join(misses)
    )


def test_recall_on_its_own(embedded: dualuse.Screener) -> None:
    _check(embedded, "{}", "name on its own")


def test_recall_in_a_sentence(embedded: dualuse.Screener) -> None:
    _check(embedded, SENTENCE, "name in a sentence")


def test_synonyms_file_is_what_the_tool_makes() -> None:
    text, stats = pubchem.build()
    current = pubchem.OUTPUT.read_text(encoding="utf-8")
    assert current == text, (
        "lists/synonyms-pubchem.toml is stale: run "
        "python3 lists/tools/pubchem_synonyms.py"
    )
    print(
        f"\nPubChem synonyms: {stats['imported']} imported for "
        f"{stats['cas_numbers']} CAS numbers, {stats['excluded']} excluded"
    )


def test_every_exclusion_is_in_the_table_and_has_a_reason() -> None:
    listed = pubchem.listed_cas()
    names = pubchem.table_names(set(listed))
    stale, unknown = [], []
    reasons: Counter[str] = Counter()
    for cas, excluded in pubchem.read_exclusions().items():
        in_table = {pubchem.key(n) for n in names.get(cas, [])}
        for name, reason in excluded.items():
            category = reason.split(":", 1)[0]
            reasons[category] += 1
            if category not in REASONS or ":" not in reason:
                unknown.append(f"{cas}\t{name}\t{reason}")
            if name not in in_table:
                stale.append(f"{cas}\t{name}")
    print(f"\nexclusions by reason: {dict(sorted(reasons.items()))}")
    assert not stale, "exclusions of names the table no longer has:\n" + (
        "\n".join(stale)
    )
    assert not unknown, (
        f"exclusion reasons must start with one of {sorted(REASONS)} "
        "and a colon:\n" + "\n".join(unknown)
    )
