"""The precompiled patterns of `dossierlint.regex`: each entry is what this interpreter's
compiler makes of its pattern, answers as `re.compile`'s pattern does, the check path
compiles nothing outside the table, and a pattern outside it goes to `re.compile`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from re import _compiler, _parser

import pytest

from dossierlint import _regex_table, regex
from dossierlint.grammar.dates import _master

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "tools" / "regex_table.py"
REFERENCE_TEXT = (REPO / "dossiers" / "soviet-union-stalin.md").read_text(encoding="utf-8")
TABLE = _regex_table.TABLE
KEYS = sorted(TABLE, key=repr)
THIS_INTERPRETER = regex.made_for_this_interpreter(
    _regex_table.MAGIC, _regex_table.VERSION, _regex_table.BYTEORDER
)
needs_the_tables_interpreter = pytest.mark.skipif(
    not THIS_INTERPRETER, reason="the table was made for another interpreter"
)


@needs_the_tables_interpreter
def test_every_entry_is_what_the_compiler_makes_of_its_pattern_here() -> None:
    """What `re._compiler.compile` would hand `_sre.compile`, worked out afresh."""
    wrong = []
    for pattern, flags in KEYS:
        parsed = _parser.parse(pattern, flags)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in parsed.state.groupdict.items():
            indexgroup[number] = name
        expected = (
            flags | parsed.state.flags,
            _compiler._code(parsed, flags),
            parsed.state.groups,
            parsed.state.groupdict,
            tuple(indexgroup),
        )
        final_flags, code, groups, groupindex, made_indexgroup = TABLE[pattern, flags]
        code_list = memoryview(code).cast("I").tolist()
        if (final_flags, code_list, groups, dict(groupindex), made_indexgroup) != expected:
            wrong.append((pattern, flags))
    assert len(TABLE) > 100
    assert not wrong, f"stale entries (run python tools/regex_table.py --write): {wrong[:3]}"


@needs_the_tables_interpreter
@pytest.mark.parametrize("key", KEYS, ids=lambda key: repr(key)[:40])
def test_a_pattern_from_the_table_answers_as_re_compiles(key: tuple) -> None:
    pattern, flags = key
    made, expected = regex.compile(pattern, re.RegexFlag(flags)), re.compile(pattern, flags)
    assert made is not expected  # built from the table, not taken from re's cache
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        expected.pattern,
        expected.flags,
        expected.groups,
        expected.groupindex,
    )
    text = REFERENCE_TEXT if isinstance(pattern, str) else REFERENCE_TEXT.encode("utf-8")
    assert [m.span() for m in made.finditer(text)] == [m.span() for m in expected.finditer(text)]


@needs_the_tables_interpreter
def test_the_date_master_pattern_from_the_table_finds_the_reference_dates() -> None:
    master = _master()
    assert (master.pattern, 0) in TABLE  # compiled with no flags: dates.py asks for none
    assert master.flags == re.compile(master.pattern).flags
    compiled = re.compile(master.pattern)
    assert master.groupindex == compiled.groupindex and master.groups == compiled.groups > 20
    found = 0
    for line in REFERENCE_TEXT.splitlines():
        made = [(m.span(), m.groupdict()) for m in master.finditer(line)]
        assert made == [(m.span(), m.groupdict()) for m in compiled.finditer(line)], line
        found += len(made)
    assert found > 100
    match = master.search("- **Born**: April 3, 1922 – March 5, 1953")
    assert match is not None and match.lastgroup == "mdy"
    assert match.group("mon", "mdy_d", "mdy_y") == ("April", "3", "1922")  # the month read once
    match = master.search("purges of the mid-1930s")
    assert match is not None and match.group("q_q", "q_d") == ("mid", "1930")


def test_a_pattern_outside_the_table_is_re_compiles() -> None:
    pattern = r"(?P<word>not in the table) [0-9]+"
    assert (pattern, re.IGNORECASE) not in regex.loaded_table()
    made = regex.compile(pattern, re.IGNORECASE)
    assert made is re.compile(pattern, re.IGNORECASE)  # re's own cache: re.compile made it
    assert made.search("x NOT IN THE TABLE 42").group("word") == "NOT IN THE TABLE"


def test_a_table_for_another_interpreter_is_not_used() -> None:
    magic, version, byteorder = _regex_table.MAGIC, _regex_table.VERSION, _regex_table.BYTEORDER
    assert not regex.made_for_this_interpreter(magic + 1, version, byteorder)
    assert not regex.made_for_this_interpreter(magic, (version[0], version[1] + 1), byteorder)
    other_order = "big" if byteorder == "little" else "little"
    assert not regex.made_for_this_interpreter(magic, version, other_order)


WATCH = """
import atexit, sys
from dossierlint import regex
from dossierlint.main import main

known, compile_from_table, asked = regex.loaded_table(), regex.compile, []

def watching(pattern, flags=0):
    asked.append((pattern, flags))
    if (pattern, flags) not in known:
        print(f"not in the table: {(pattern, int(flags))!r}", file=sys.stderr)
    return compile_from_table(pattern, flags)

regex.compile = watching
atexit.register(lambda: print(f"asked for {len(asked)} patterns", file=sys.stderr))
sys.argv = ["dossierlint", *sys.argv[1:]]
main()
"""


@needs_the_tables_interpreter
def test_checking_the_bundled_dossiers_compiles_only_patterns_of_the_table(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "dossiers", tmp_path / "dossiers")
    (tmp_path / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    done = subprocess.run(
        [sys.executable, "-c", WATCH, "check", "--select", "DL", "--no-cache", "dossiers"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    missed = [line for line in done.stderr.splitlines() if line.startswith("not in the table")]
    assert not missed, f"run python tools/regex_table.py --write: {missed}"
    asked = re.search(r"asked for ([0-9]+) patterns", done.stderr)
    assert asked and int(asked.group(1)) > 50


@needs_the_tables_interpreter
def test_the_generator_finds_the_table_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


COUNT_COMPILED = """
import re, sys
from dossierlint import _regex_table, regex

seeded = set(_regex_table.STANDARD_LIBRARY)
compiled, compile_ = [], re._compiler.compile

def counting(pattern, flags=0):
    if (pattern, int(flags)) in seeded:
        compiled.append(pattern)
    return compile_(pattern, flags)

re._compiler.compile = counting
if sys.argv[1] == "unseeded":
    regex.seed_standard_library = lambda: None
from dossierlint.main import main
sys.argv = ["dossierlint", "check", "--no-cache", "--quiet", "dossiers/soviet-union-stalin.md"]
try:
    main()
finally:
    print(f"compiled {len(compiled)}", file=sys.stderr)
"""


@needs_the_tables_interpreter
@pytest.mark.parametrize(("seeding", "compiled"), [("seeded", 0), ("unseeded", 5)])
def test_the_standard_librarys_patterns_come_from_the_table(
    tmp_path: Path, seeding: str, compiled: int
) -> None:
    """tomllib's, json's and string's patterns (compiled when they are imported) are put
    in `re`'s cache from the table before: a one-file check compiles none of them."""
    shutil.copytree(REPO / "dossiers", tmp_path / "dossiers")
    (tmp_path / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    done = subprocess.run(
        [sys.executable, "-c", COUNT_COMPILED, seeding],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    found = re.search(r"compiled ([0-9]+)", done.stderr)
    assert found, done.stderr
    assert (int(found.group(1)) == 0) == (compiled == 0), done.stderr
    assert compiled == 0 or int(found.group(1)) >= compiled
