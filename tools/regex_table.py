"""Write or check `src/dossierlint/_regex_table.py`, the compiled patterns of `dossierlint.regex`.

    python tools/regex_table.py --write    # regenerate the table
    python tools/regex_table.py --check    # exit 1 if it is not what --write would write

The patterns are the ones `dossierlint.regex.compile` is asked for while this
process imports every module of the package but the optional `server` and
`htmlreport`, runs `check --select DL` (every rule, those off by default too)
on the bundled `dossiers/`, plain and with `--diff --unsafe-fixes`, and then
compiles every module-level lazy pattern (`dossierlint.lazyre`) the check left
uncompiled. Besides, the standard library's patterns that a one-file `check`
compiles (tomllib's, json's, string's: `STANDARD_LIBRARY`, which
`regex.seed_standard_library` puts in `re`'s cache), recorded in a fresh
interpreter. Each is compiled here with `re._parser` and `re._compiler`, as
`re.compile` does, and the table is written sorted, so the same source on the
same interpreter always gives the same file.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import os
import pkgutil
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dossierlint import regex  # noqa: E402  (from this checkout's src/)

REFERENCE = "soviet-union-stalin.md"
TABLE_FILE = REPO / "src" / "dossierlint" / "_regex_table.py"
COMMAND = "python tools/regex_table.py --write"
NOT_IMPORTED = ("dossierlint.server", "dossierlint.htmlreport", "dossierlint.__main__")
CHECKS: tuple[dict[str, bool], ...] = ({}, {"diff": True, "unsafe_fixes": True})
"""`check --select DL --no-cache --jobs 1 dossiers`, then with these fields set too."""


def asked_for() -> set[tuple[Any, int]]:
    """Every (pattern, flags) given to `dossierlint.regex.compile` on the check path."""
    asked: set[tuple[Any, int]] = set()
    compile_from_table = regex.compile

    def recording(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if isinstance(pattern, str | bytes):
            asked.add((pattern, int(flags)))
        return re.compile(pattern, flags)  # the table being made is not used to make it

    regex.compile = recording
    try:
        _import_the_package()
        with tempfile.TemporaryDirectory() as temp:
            for project in (REPO, _examples_project(Path(temp))):
                for fields in CHECKS:
                    _run_check(project, fields)
        _compile_the_lazy_patterns()
    finally:
        regex.compile = compile_from_table
    return asked


_RECORD_THE_STANDARD_LIBRARY = """
import re, sys
compiled = []
original = re._compile

def recording(pattern, flags):
    flags = flags.value if isinstance(flags, re.RegexFlag) else flags
    if isinstance(pattern, str) and (str, pattern, flags) not in re._cache:
        frame = sys._getframe(1)
        while frame.f_globals.get("__name__") == "re":
            frame = frame.f_back
        compiled.append((pattern, flags, frame.f_globals.get("__name__", "")))
    return original(pattern, flags)

re._compile = recording
from dossierlint import regex
regex.seed_standard_library = lambda: None  # what is recorded is what it would seed
sys.argv = ["dossierlint", "check", "--no-cache", "--quiet", sys.argv[1]]
from dossierlint.main import main
try:
    main()
except SystemExit:
    pass
sys.__stdout__.write("\\n" + repr(compiled))
"""


def standard_library_patterns() -> set[tuple[str, int]]:
    """The (pattern, flags) the standard library compiles in a one-file `check` of the
    reference, recorded in a fresh interpreter (this one has imported them already)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    environment.pop("PYTHONSTARTUP", None)
    done = subprocess.run(
        [sys.executable, "-c", _RECORD_THE_STANDARD_LIBRARY, f"dossiers/{REFERENCE}"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    compiled = ast.literal_eval(done.stdout.rsplit("\n", 1)[-1])
    return {
        (pattern, flags)
        for pattern, flags, module in compiled
        if not module.startswith(("dossierlint", "__main__"))
    }


def _import_the_package() -> None:
    import dossierlint

    for info in pkgutil.walk_packages(dossierlint.__path__, "dossierlint."):
        if not info.name.startswith(NOT_IMPORTED):
            importlib.import_module(info.name)


def _examples_project(root: Path) -> Path:
    """A project holding the reference dossier and every rule's failing example beside it,
    with the examples' other dossiers and source snapshots: the rules' reporting paths."""
    from dossierlint.rules import REGISTRY
    from dossierlint.snapshots.store import save_snapshot

    (root / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    dossiers = root / "dossiers"
    dossiers.mkdir()
    reference = (REPO / "dossiers" / REFERENCE).read_text(encoding="utf-8")
    _write(dossiers / REFERENCE, reference)
    for code, rule in sorted(REGISTRY.items()):
        example = rule.example
        for name, text in example.others:
            _write(dossiers / name, text)
        for url, text in example.snapshots:
            save_snapshot(
                root / "sources",
                url,
                text,
                text.encode("utf-8"),
                content_type="text/plain",
                extractor="plain",
            )
        if example.file_name:
            _write(dossiers / example.bad, reference)
        else:
            bad = (
                example.bad
                if example.whole_file
                else reference.replace(example.good, example.bad, 1)
            )
            _write(dossiers / f"example-{code.lower()}.md", bad)
    return root


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))  # examples of undecodable bytes


def _run_check(project: Path, fields: dict[str, bool]) -> None:
    from dossierlint.commands import run_guarded
    from dossierlint.commands.check_run import CheckRequest, run_check

    request = CheckRequest(
        paths=(Path("dossiers"),), select=("DL",), no_cache=True, jobs=1, **fields
    )
    here, stdout, stderr = Path.cwd(), sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    try:
        os.chdir(project)
        code = run_guarded(lambda: run_check(request))
    finally:
        os.chdir(here)
        sys.stdout, sys.stderr = stdout, stderr
    if code not in (0, 1):
        raise SystemExit(f"regex_table: check {fields} of {project} exited {code}")


def _compile_the_lazy_patterns() -> None:
    from dossierlint.lazyre import LazyPattern

    for name, module in list(sys.modules.items()):
        if name.startswith("dossierlint."):
            for value in list(vars(module).values()):
                if isinstance(value, LazyPattern):
                    value.compiled()


def entry(pattern: Any, flags: int) -> tuple[int, bytes, int, tuple, tuple]:
    """What `re._compiler.compile` hands `_sre.compile` for this pattern (see `regex.Entry`)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (
        flags | parsed.state.flags,
        _words(code),
        parsed.state.groups,
        tuple(groupindex.items()),
        tuple(indexgroup),
    )


def _words(code: list[int]) -> bytes:
    from array import array

    words = array("I", code)
    if words.itemsize != 4:
        raise SystemExit("regex_table: this platform's unsigned int is not 4 bytes")
    return words.tobytes()


def render(asked: set[tuple[Any, int]], standard: set[tuple[str, int]]) -> str:
    """The table module's text."""
    import _sre

    keys = sorted(asked | standard, key=lambda key: (isinstance(key[0], bytes), *key))
    lines = [
        f'"""Compiled regular expressions for `dossierlint.regex`: generated by `{COMMAND}`;',
        'do not edit."""',
        "",
        "# fmt: off",
        f"MAGIC = {_sre.MAGIC}",
        f"VERSION = {sys.version_info[:2]!r}",
        f"BYTEORDER = {sys.byteorder!r}",
        "TABLE = {",
        *(f"    {(pattern, flags)!r}: {entry(pattern, flags)!r}," for pattern, flags in keys),
        "}",
        "STANDARD_LIBRARY = (",
        *(f"    {key!r}," for key in sorted(standard)),
        ")",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="regenerate the table")
    action.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args()
    text = render(asked_for(), standard_library_patterns())
    current = TABLE_FILE.read_text(encoding="utf-8") if TABLE_FILE.exists() else ""
    if args.check:
        if text != current:
            print(f"{TABLE_FILE.relative_to(REPO)} is out of date: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if text != current:
        from dossierlint.writing import write_atomically

        write_atomically(TABLE_FILE, text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
