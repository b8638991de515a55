"""Measured false positives on benign text (issue 5, "Measured quality").

Two corpora are screened with the embedded lists, evasion and typo passes
on (the defaults):

- every description of ../shared/data/hs-nomenclature.csv (the HS
  nomenclature, beside the checkout; not copied into the repository);
- the names of a few thousand chemicals from the PubChem table of the
  `chemicals` package whose CAS numbers no list carries and which are no
  salt or mixture of a listed chemical (every 20th row of the large table:
  the common name and the first two other names).

Every hit must be listed, with the reason it is right or acceptable, in
tests/quality/expected-hits-hs.tsv or expected-hits-chemicals.tsv. A hit
not listed fails, and so does a listed hit that no longer fires, so the
files stay true. The false-positive rate (hits not justified / texts
screened) and the number of reviewed hits are printed (``pytest -s``).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import dualuse

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "lists" / "tools"))

import pubchem_synonyms as pubchem  # noqa: E402

HS_CSV = ROOT.parent / "shared" / "data" / "hs-nomenclature.csv"
QUALITY = ROOT / "tests" / "quality"
STEP = 20
NAMES_PER_CHEMICAL = 3

Hit = tuple[str, str]  # (text or HS code, entry id)


def read_expected(path: Path) -> dict[Hit, str]:
    out: dict[Hit, str] = {}
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            assert len(cols) == 3 and all(cols), f"{path.name}:{number}"
            if number > 1 and cols[2] == "reason":
                continue  # the header
            out[(cols[0], cols[1])] = cols[2]
    return out


def compare(
    name: str, found: dict[Hit, str], expected: dict[Hit, str], texts: int
) -> None:
    unexpected = sorted(set(found) - set(expected))
    stale = sorted(set(expected) - set(found))
    rate = len(unexpected) / texts
    print(
        f"\n{name}: {texts} texts screened, {len(found)} hits, "
        f"{len(set(found) & set(expected))} reviewed as right or acceptable, "
        f"{len(unexpected)} not justified: false-positive rate {rate:.3%}"
    )
    problems = []
    if unexpected:
        problems.append(
            "hits not in the reviewed file (fix the list, or add the hit "
            "with its reason):\n"
            + "\n".join(f"{k}\t{e}\tmatched {found[(k, e)]!r}"
                        for k, e in unexpected)
        )
    if stale:
        problems.append(
            "reviewed hits that no longer fire (remove them from the file):\n"
            + "\n".join(f"{k}\t{e}" for k, e in stale)
        )
    assert not problems, f"{name}:\n" + "\n".join(problems)


def screen(
    screener: dualuse.Screener, keys: list[str], texts: list[str]
) -> dict[Hit, str]:
    found: dict[Hit, str] = {}
    for key, result in zip(keys, screener.screen_many(texts)):
        for h in result.hits:
            found.setdefault((key, h.entry_id), h.matched)
    return found


def test_hs_nomenclature(embedded: dualuse.Screener) -> None:
    assert HS_CSV.is_file(), f"{HS_CSV} is missing (shared/ beside the repo)"
    with HS_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 5600
    found = screen(
        embedded,
        [r["hscode"] for r in rows],
        [r["description"] for r in rows],
    )
    expected = read_expected(QUALITY / "expected-hits-hs.tsv")
    compare("HS nomenclature", found, expected, len(rows))


_CHARGED = re.compile(r"\[([NOSP])H?\d?[+-]\d?\]")


def _fragments(smiles: str) -> set[str]:
    """The parts of a SMILES with three atoms or more, simple charges
    removed (so a protonated amine matches the free base)."""
    return {
        _CHARGED.sub(r"\1", f)
        for f in smiles.split(".")
        if len(re.findall(r"[A-Z]", f)) >= 3
    }


def benign_chemical_names() -> list[str]:
    """Names of chemicals no list carries, picked deterministically."""
    listed = pubchem.listed_cas()
    directory = pubchem.identifiers_dir()
    listed_parts: set[str] = set()
    for table in pubchem.TABLES:
        with (directory / table).open(encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) > 4 and cols[1] in listed:
                    listed_parts |= _fragments(cols[4])
    with (directory / pubchem.TABLES[1]).open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    names: list[str] = []
    for cols in rows[::STEP]:
        if len(cols) < 9 or cols[1] in listed:
            continue
        parts = {_CHARGED.sub(r"\1", p) for p in cols[4].split(".")}
        if len(parts) > 1 and parts & listed_parts:
            continue  # a salt or mixture of a listed chemical
        picked: list[str] = []
        for name in cols[8:]:
            name = " ".join(name.split())
            if name and name not in picked and not pubchem.CAS_RE.match(name):
                picked.append(name)
            if len(picked) == NAMES_PER_CHEMICAL:
                break
        names += picked
    return names


def test_non_listed_chemicals(embedded: dualuse.Screener) -> None:
    names = benign_chemical_names()
    assert len(names) > 6000, f"only {len(names)} names: is the table there?"
    found = screen(embedded, names, names)
    expected = read_expected(QUALITY / "expected-hits-chemicals.tsv")
    compare("non-listed PubChem chemicals", found, expected, len(names))
