"""Runs the `>>>` examples of the module's docstrings and of
bindings/python/README.md, so the documentation cannot go stale."""

from __future__ import annotations

import doctest
from pathlib import Path

import dualuse
import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def docstring_tests():
    finder = doctest.DocTestFinder(exclude_empty=True)
    # The classes live in dualuse._dualuse but say __module__ = "dualuse",
    # so the finder collects them (and their methods) from the package.
    tests = [t for t in finder.find(dualuse) if t.examples]
    return [pytest.param(t, id=t.name) for t in tests]


DOCTESTS = docstring_tests()


def test_docstrings_have_examples():
    names = {p.id for p in DOCTESTS}
    for name in [
        "dualuse",
        "dualuse.Screener",
        "dualuse.Screener.screen",
        "dualuse.Screener.screen_many",
        "dualuse.Screener.from_terms",
        "dualuse.Screening",
        "dualuse.Hit",
        "dualuse.ListError",
    ]:
        assert name in names


@pytest.mark.parametrize("test", DOCTESTS)
def test_docstring(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} failing example(s)"


def test_readme():
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_top_level_readme_python_example_runs_as_printed():
    """The Python example of the repository's README.md runs as printed
    (its asserts are the check)."""
    text = (Path(__file__).resolve().parents[3] / "README.md").read_text(
        encoding="utf-8"
    )
    blocks = text.split("```python\n")[1:]
    assert blocks, "README.md has no python example"
    for block in blocks:
        code = block.split("```", 1)[0]
        exec(compile(code, "README.md", "exec"), {})
