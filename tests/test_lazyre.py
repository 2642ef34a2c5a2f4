"""Patterns compiled on first use: the same answers as re.compile, and the module's name
then holds the compiled pattern itself."""

from __future__ import annotations

import re
import subprocess
import sys
import types

from dossierlint.lazyre import LazyPattern


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType("lazy_example")
    exec(compile(source, "lazy_example", "exec"), module.__dict__)
    return module


def test_a_lazy_pattern_answers_as_the_compiled_one_and_replaces_itself() -> None:
    module = _module(
        "import re\nfrom dossierlint.lazyre import lazy\n"
        "AGED = lazy(r'aged ([0-9]+)', re.IGNORECASE)\nHELD = (AGED,)\n"
    )
    assert isinstance(module.AGED, LazyPattern)
    assert module.AGED.pattern == "aged ([0-9]+)"
    assert module.AGED.search("He died AGED 79").group(1) == "79"
    assert isinstance(module.AGED, re.Pattern)  # the global now names the pattern itself
    assert module.AGED.flags & re.IGNORECASE
    held = module.HELD[0]  # a tuple keeps the stand-in, which answers all the same
    assert [m.group(1) for m in held.finditer("aged 1, aged 2")] == ["1", "2"]
    assert held.sub("x", "aged 3") == "x" and held.split("a aged 4 b") == ["a ", "4", " b"]
    assert held.fullmatch("aged 5") and held.match("aged 6 more") and held.findall("aged 7")


def test_the_fact_modules_compile_no_pattern_at_import() -> None:
    """A fresh interpreter that imports the fact modules has compiled none of their
    patterns: a one-file check pays only for those its text needs."""
    code = (
        "import re, dossierlint.facts as f, dossierlint.collection_facts as c\n"
        "from dossierlint.lazyre import LazyPattern\n"
        "values = [*vars(f).values(), *vars(c).values()]\n"
        "print(sum(isinstance(v, LazyPattern) for v in values),"
        " sum(isinstance(v, re.Pattern) for v in values))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lazy, compiled = map(int, done.stdout.split())
    assert lazy > 30 and compiled == 0
