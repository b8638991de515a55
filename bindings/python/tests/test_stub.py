"""The hand-written stub `_dualuse.pyi` describes the built module: the
same names, classes, members and parameters (a dependency-free cousin of
`mypy.stubtest`)."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import dualuse
import pytest
from dualuse import _dualuse

STUB = Path(dualuse.__file__).with_name("_dualuse.pyi")
TREE = ast.parse(STUB.read_text(encoding="utf-8"))
CLASSES = {n.name: n for n in TREE.body if isinstance(n, ast.ClassDef)}
# Made by Python or pyo3 for every class, or private to the stub.
IGNORED = {
    "__doc__",
    "__module__",
    "__new__",
    "__dict__",
    "__weakref__",
    "__hash__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__repr__",
    "__qualname__",
    "__firstlineno__",
    "__static_attributes__",
}


def stub_module_names():
    names = set(CLASSES)
    for n in TREE.body:
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            names.add(n.target.id)
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def test_module_names():
    runtime = set(_dualuse.__all__)
    assert stub_module_names() == runtime
    stub_all = next(
        n.value
        for n in TREE.body
        if isinstance(n, ast.Assign) and n.targets[0].id == "__all__"
    )
    assert sorted(ast.literal_eval(stub_all)) == sorted(_dualuse.__all__)
    assert set(dualuse.__all__) == runtime


def members(cls_node):
    out = {}
    for n in cls_node.body:
        if isinstance(n, ast.FunctionDef):
            out[n.name] = n
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out[n.target.id] = n
    return out


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_class_members(name):
    cls = getattr(_dualuse, name)
    stub = set(members(CLASSES[name])) - IGNORED - {"__init__", "__new__"}
    runtime = set(vars(cls)) - IGNORED - {"__init__"}
    if issubclass(cls, BaseException):
        # A Python class: its attributes are set in __init__, and pickling
        # it is no part of the typed interface.
        runtime = runtime - {"__reduce__"} | {
            "kind",
            "path",
            "entry_id",
            "field",
        }
    assert stub == runtime


def params(sig, drop_first):
    ps = list(sig.parameters.values())
    if drop_first:
        ps = ps[1:]
    return [(p.name, p.kind, p.default is not p.empty) for p in ps]


def stub_params(fn):
    a = fn.args
    out = []
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + a.defaults
    for i, (arg, d) in enumerate(zip(positional, defaults)):
        kind = (
            inspect.Parameter.POSITIONAL_ONLY
            if i < len(a.posonlyargs)
            else inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        out.append((arg.arg, kind, d is not None))
    if a.vararg:
        out.append((a.vararg.arg, inspect.Parameter.VAR_POSITIONAL, False))
    for arg, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append((arg.arg, inspect.Parameter.KEYWORD_ONLY, d is not None))
    return out


def functions():
    out = []
    for cname, node in CLASSES.items():
        if issubclass(getattr(_dualuse, cname), BaseException):
            continue  # a Python class: its signatures are its source
        for mname, m in members(node).items():
            if not isinstance(m, ast.FunctionDef):
                continue
            decorators = {getattr(d, "id", None) for d in m.decorator_list}
            if "property" in decorators or mname == "__eq__":
                continue
            out.append(pytest.param(cname, mname, m, id=f"{cname}.{mname}"))
    return out


@pytest.mark.parametrize("cname, mname, node", functions())
def test_signatures(cname, mname, node):
    cls = getattr(_dualuse, cname)
    if mname in ("__init__", "__new__"):
        runtime = params(inspect.signature(cls), drop_first=False)
    else:
        attr = inspect.getattr_static(cls, mname)
        bound = type(attr).__name__ == "classmethod_descriptor"
        # A class method read from the class is bound: no `cls`.
        runtime = params(
            inspect.signature(getattr(cls, mname)), drop_first=not bound
        )
    assert stub_params(node)[1:] == runtime


def test_mypy_stubtest(tmp_path):
    """mypy's own check of the stub against the module, as pydantic-core
    does; no allowlist is needed."""
    pytest.importorskip("mypy.stubtest")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "dualuse._dualuse"],
        check=False,
        cwd=tmp_path,  # its cache goes there, not into the tree
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
