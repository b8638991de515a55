"""The shared screening vectors of tests/vectors/*.toml (format in
tests/README.md), run against the embedded lists with the same semantics
as the Rust runner (crates/dualuse/tests/vectors.rs), and compared with
the CLI's JSON Lines output for the same rows, so the Rust library, the
CLI and the Python module cannot drift apart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT, VECTORS

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

CASE_KEYS = {"name", "text", "hs", "expect", "cleared", "lane"}
EXPECT_KEYS = {"entry", "rule", "matched"}


def load_cases():
    cases = []
    for path in sorted(VECTORS.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        assert set(data) <= {"case"}, f"{path.name}: unknown keys {set(data)}"
        names = set()
        for case in data.get("case", []):
            # Unknown keys fail, as in the Rust runner (deny_unknown_fields):
            # a typo must not silently skip a check.
            assert set(case) <= CASE_KEYS, f"{path.name}: {case}"
            for e in case["expect"]:
                assert set(e) <= EXPECT_KEYS, f"{path.name}: {e}"
            assert case["name"] not in names, f"duplicate case {case['name']}"
            names.add(case["name"])
            cases.append((f"{path.stem}:{case['name']}", case))
    return cases


LOADED = load_cases()
CASES = [pytest.param(case, id=name) for name, case in LOADED]
# Row n (1-based) of the CLI's input is the n-th case.
ROWS = [
    pytest.param(row, case, id=name)
    for row, (name, case) in enumerate(LOADED, start=1)
]


def test_there_are_cases():
    assert CASES, f"no vector cases under {VECTORS}"


@pytest.mark.parametrize("case", CASES)
def test_vector(embedded, case):
    r = embedded.screen(case["text"], case.get("hs"))
    problems = []
    got = {h.entry_id for h in r.hits}
    want = {e["entry"] for e in case["expect"]}
    if got != want:
        problems.append(f"hits: expected {sorted(want)}, got {sorted(got)}")
    by_entry = {h.entry_id: h for h in r.hits}
    for e in case["expect"]:
        h = by_entry.get(e["entry"])
        if h is None:
            continue
        if "rule" in e and h.rule != e["rule"]:
            problems.append(
                f"{h.entry_id}: rule: expected {e['rule']}, got {h.rule}"
            )
        if "matched" in e and h.matched != e["matched"]:
            problems.append(
                f"{h.entry_id}: matched: expected {e['matched']!r}, "
                f"got {h.matched!r}"
            )
    if "cleared" in case:
        got = {c.entry_id for c in r.cleared}
        if got != set(case["cleared"]):
            problems.append(
                f"cleared: expected {sorted(case['cleared'])}, got {sorted(got)}"
            )
    if "lane" in case and r.lane != case["lane"]:
        problems.append(f"lane: expected {case['lane']}, got {r.lane}")
    assert not problems, "; ".join(problems) + f"\n    text: {case['text']!r}"


@pytest.mark.parametrize("case", CASES)
def test_vector_spans(embedded, case):
    # Python-side promise: offsets index the str that was screened.
    text = case["text"]
    r = embedded.screen(text, case.get("hs"))
    for h in r.hits + [c.hit for c in r.cleared]:
        assert text[h.start : h.end] == h.matched
        for e in h.evidence:
            assert text[e.start : e.end] == e.matched


def test_vectors_screen_many_equals_screen(embedded):
    texts = [case["text"] for _, case in LOADED]
    codes = [case.get("hs") for _, case in LOADED]
    assert embedded.screen_many(texts, codes) == [
        embedded.screen(t, h) for t, h in zip(texts, codes)
    ]


# Parity with the CLI ----------------------------------------------------


def cli_command():
    """The CLI: $DUALUSE_CLI (a built `dualuse` binary), else `cargo run`
    in the repository, which builds it from the same sources and lists as
    the module."""
    if os.environ.get("DUALUSE_CLI"):
        return [os.environ["DUALUSE_CLI"]]
    if shutil.which("cargo") is None:
        pytest.skip("no cargo to build the CLI with (set DUALUSE_CLI)")
    return ["cargo", "run", "-q", "-p", "dualuse-cli", "--"]


@pytest.fixture(scope="session")
def cli_lines(tmp_path_factory):
    """The CLI's JSON Lines output for every case, by row (1-based)."""
    rows = tmp_path_factory.mktemp("parity") / "vectors.jsonl"
    with rows.open("w", encoding="utf-8") as f:
        for _, case in LOADED:
            row = {"description": case["text"], "hs_code": case.get("hs")}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    run = subprocess.run(
        cli_command() + ["screen", "--quiet", str(rows)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1800,
    )
    assert run.returncode == 0, f"the CLI failed:\n{run.stderr}"
    lines = {}
    for line in run.stdout.splitlines():
        row = json.loads(line)["row"]
        lines[row] = line
    return lines


@pytest.mark.parametrize("row, case", ROWS)
def test_cli_parity(embedded, cli_lines, row, case):
    line = cli_lines.get(row)
    assert line is not None, f"the CLI wrote no line for row {row}"
    got = json.loads(line)
    assert "error" not in got, f"the CLI refused the row: {got['error']}"
    # The CLI writes the core's Screening JSON with "row" put first.
    prefix = f'{{"row":{row},'
    assert line.startswith(prefix), line
    screening = embedded.screen(case["text"], case.get("hs"))
    assert got["lists_hash"] == screening.lists_hash, (
        "the module and the CLI embed different lists; reinstall the "
        "module after changing lists/ (pip install ./bindings/python)"
    )
    assert "{" + line[len(prefix) :] == screening.to_json()
