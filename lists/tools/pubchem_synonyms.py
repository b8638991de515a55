#!/usr/bin/env python3
"""Writes lists/synonyms-pubchem.toml: the PubChem synonyms of every CAS
number our control lists carry.

The names come from the PubChem identifier tables shipped inside the PyPI
package `chemicals` (Chemical Engineering Design Library):
`chemicals/Identifiers/chemical identifiers pubchem small.tsv`, `... large.tsv`
and `Inorganic db.tsv`. Their columns are pubchemid, CAS, formula, MW,
SMILES, InChI, InChIKey, IUPAC name, common name, then the synonyms, one a
column. Every name from the IUPAC name on is taken, except:

- names listed for that CAS number in lists/synonyms-exclusions.tsv
  (columns cas, name, reason: a different substance, a generic word, a
  trade name that is also an ordinary product, a code that collides with
  ordinary goods, junk); every exclusion carries its reason;
- names shorter than 5 characters (short codes belong in the hand-written
  entries, where they can be case-sensitive and need context words);
- names that are CAS numbers (the CAS rule matches those);
- names an entry carrying the CAS number already has as a term.

A source tag at the end of a name ("[german]", "(8ci)", "[MI]") is cut off,
so the name is the words a description would use.

Usage, from the repository root, with `chemicals` installed
(`pip install chemicals==1.5.2`):

    python3 lists/tools/pubchem_synonyms.py          # write the file
    python3 lists/tools/pubchem_synonyms.py --check  # exit 1 if stale

The output is sorted, so running the tool again on the same inputs gives
the same file byte for byte. Only the standard library and `chemicals`'
data files are used (the package is not imported, so numpy and scipy are
not loaded).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "lists"
OUTPUT = LISTS / "synonyms-pubchem.toml"
EXCLUSIONS = LISTS / "synonyms-exclusions.tsv"

TABLES = (
    "chemical identifiers pubchem small.tsv",
    "chemical identifiers pubchem large.tsv",
    "Inorganic db.tsv",
)

# The release date of each `chemicals` version whose tables this tool has
# been run on (the date its wheel was built): the [list] table's `date`.
# A new version needs its date added here, and its names reviewed.
RELEASES = {"1.5.2": "2026-06-07"}

MIN_LENGTH = 5

CAS_RE = re.compile(r"^\d{2,7}-\d{2}-\d$")

# Source tags that PubChem depositors append to names: languages, naming
# conventions and the databases a name was taken from.
_TAGS = (
    r"german|french|dutch|polish|italian|spanish|czech|russian|swedish|"
    r"finnish|hungarian|danish|norwegian|romanian|portuguese|japanese|"
    r"iso|iso-french|inn|inn-latin|inn-spanish|inn-french|usan|ban|jan|"
    r"dcit|inn:ban|usan:jan|bsi|bsi:iso|van|tn|nf|usp|jan/usp|mi|hsdb|"
    r"who-dd|mart\.?|vandf|ii|ep|inci|fhfi|hpus|usp-rs|"
    r"(?:[6-9]ci[,;]?\s*)+"
)
TAG_RE = re.compile(
    r"\s*(?:\[(?:" + _TAGS + r")\]|\((?:" + _TAGS + r")\))\s*$",
    re.IGNORECASE,
)


def key(name: str) -> str:
    """How names are compared: case and runs of white space ignored."""
    return " ".join(name.split()).casefold()


def clean(name: str) -> str:
    """The name with its white space tidied and source tags cut off."""
    name = " ".join(name.split())
    while True:
        cut = TAG_RE.sub("", name)
        if cut == name:
            return name
        name = cut


def cas_sort_key(cas: str) -> tuple[int, ...]:
    return tuple(int(p) for p in cas.split("-"))


def identifiers_dir() -> Path:
    spec = importlib.util.find_spec("chemicals")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "the `chemicals` package is not installed: "
            "pip install chemicals==1.5.2"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "Identifiers"


def chemicals_version() -> str:
    return importlib.metadata.version("chemicals")


def list_files() -> list[Path]:
    return sorted(p for p in LISTS.glob("*.toml") if p != OUTPUT)


def listed_cas() -> dict[str, set[str]]:
    """Every CAS number an entry carries, with the keys of the terms the
    entries carrying it already have."""
    out: dict[str, set[str]] = {}
    for path in list_files():
        with path.open("rb") as f:
            data = tomllib.load(f)
        for entry in data.get("entry", []):
            terms = set()
            for values in entry.get("terms", {}).values():
                for t in values:
                    text = t if isinstance(t, str) else t.get("text", "")
                    terms.add(key(text))
            for cas in entry.get("cas", []):
                out.setdefault(cas, set()).update(terms)
    return out


def read_exclusions(path: Path = EXCLUSIONS) -> dict[str, dict[str, str]]:
    """cas -> name key -> reason. Refuses a row without a reason."""
    out: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols == ["cas", "name", "reason"]:
                continue
            if len(cols) != 3 or not all(c.strip() for c in cols):
                sys.exit(f"{path}:{number}: want cas<TAB>name<TAB>reason")
            cas, name, reason = cols
            out.setdefault(cas, {})[key(name)] = reason
    return out


def table_names(
    cas_numbers: set[str], directory: Path | None = None
) -> dict[str, list[str]]:
    """cas -> every name the tables give it (IUPAC name, common name and
    synonyms), in table order, without repeats."""
    directory = directory or identifiers_dir()
    out: dict[str, list[str]] = {}
    for table in TABLES:
        with (directory / table).open(encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 8 or cols[1] not in cas_numbers:
                    continue
                names = out.setdefault(cols[1], [])
                for n in cols[7:]:
                    n = " ".join(n.split())
                    if n and n not in names:
                        names.append(n)
    return out


def build() -> tuple[str, dict[str, int]]:
    listed = listed_cas()
    exclusions = read_exclusions()
    unknown = sorted(set(exclusions) - set(listed), key=cas_sort_key)
    if unknown:
        sys.exit(f"exclusions name CAS numbers no list carries: {unknown}")
    names = table_names(set(listed))
    stats = {"names": 0, "excluded": 0, "short": 0, "cas": 0, "known": 0}
    blocks = []
    for cas in sorted(names, key=cas_sort_key):
        excluded = exclusions.get(cas, {})
        keep: dict[str, str] = {}
        for raw in names[cas]:
            stats["names"] += 1
            if key(raw) in excluded:
                stats["excluded"] += 1
                continue
            if CAS_RE.match(raw):
                stats["cas"] += 1
                continue
            name = clean(raw)
            if len(name) < MIN_LENGTH:
                stats["short"] += 1
                continue
            if key(name) in listed[cas]:
                stats["known"] += 1
                continue
            keep.setdefault(key(name), name)
        if keep:
            ordered = sorted(keep.values(), key=lambda n: (key(n), n))
            blocks.append((cas, ordered))
    stats["imported"] = sum(len(n) for _, n in blocks)
    stats["cas_numbers"] = len(blocks)
    version = chemicals_version()
    if version not in RELEASES:
        sys.exit(
            f"chemicals {version}: add its release date to RELEASES in "
            f"{Path(__file__).name} and review the new names"
        )
    out = [
        "# Generated by lists/tools/pubchem_synonyms.py: do not edit by hand.",
        "# To drop a name, add it with a reason to synonyms-exclusions.tsv",
        "# and run the tool again.",
        "",
        "[list]",
        'name = "PubChem synonyms of the listed chemicals"',
        f'source = "PubChem compound names and synonyms, from the identifier '
        f'tables of the chemicals package (Chemical Engineering Design '
        f'Library) {version}"',
        f'version = "chemicals {version}"',
        f'date = "{RELEASES[version]}"',
        'url = "https://pypi.org/project/chemicals/"',
    ]
    for cas, ordered in blocks:
        out += ["", "[[synonyms]]", f'cas = "{cas}"', "names = ["]
        out += [f"  {toml_string(n)}," for n in ordered]
        out.append("]")
    return "\n".join(out) + "\n", stats


def toml_string(s: str) -> str:
    escaped = (
        s.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\n", "\\n")
    )
    return f'"{escaped}"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file is not what the tool makes",
    )
    args = parser.parse_args()
    text, stats = build()
    summary = (
        f"{stats['imported']} names for {stats['cas_numbers']} CAS numbers "
        f"({stats['names']} in the tables: {stats['excluded']} excluded, "
        f"{stats['short']} under {MIN_LENGTH} characters, {stats['cas']} CAS "
        f"numbers, {stats['known']} already terms)"
    )
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is stale: run {Path(__file__).name}")
            return 1
        print(f"{OUTPUT.name} is up to date: {summary}")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
