"""Module-level regular expressions compiled on first use instead of at import.

Compiling a pattern runs Python code (`re._parser`, `re._compiler`): a few
hundred microseconds for a long one, and a one-file `check` imports every
rule. `lazy(pattern, flags)` stands in for `re.compile(pattern, flags)` at
module level; the first call of a method compiles it and puts the compiled
pattern in the module's global of the same name, so later lookups of that
name get the `re.Pattern` itself and pay nothing more. A pattern the run
never needs is never compiled, and one it needs is built by
`dossierlint.regex.compile` (from the precompiled table when it is there).

    _AGE = lazy(r"aged [0-9]+", re.IGNORECASE)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any, AnyStr, Generic

from dossierlint import regex


class LazyPattern(Generic[AnyStr]):
    """A pattern compiled on first use (see the module's docstring)."""

    __slots__ = ("_compiled", "_flags", "_namespace", "_source")

    def __init__(self, source: AnyStr, flags: int, namespace: dict[str, Any]) -> None:
        self._source = source
        self._flags = flags
        self._namespace = namespace
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def pattern(self) -> AnyStr:
        return self._source

    @property
    def flags(self) -> int:
        return self.compiled().flags

    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern; the module's global that names this object now names it."""
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
            for name, value in list(self._namespace.items()):
                if value is self:
                    self._namespace[name] = self._compiled
        return self._compiled

    def search(self, *args: Any) -> re.Match[AnyStr] | None:
        return self.compiled().search(*args)

    def match(self, *args: Any) -> re.Match[AnyStr] | None:
        return self.compiled().match(*args)

    def fullmatch(self, *args: Any) -> re.Match[AnyStr] | None:
        return self.compiled().fullmatch(*args)

    def finditer(self, *args: Any) -> Iterator[re.Match[AnyStr]]:
        return self.compiled().finditer(*args)

    def findall(self, *args: Any) -> list[Any]:
        return self.compiled().findall(*args)

    def split(self, *args: Any) -> list[AnyStr]:
        return self.compiled().split(*args)

    def sub(self, *args: Any) -> AnyStr:
        return self.compiled().sub(*args)


def lazy(source: AnyStr, flags: int = 0) -> LazyPattern[AnyStr]:
    """`re.compile(source, flags)`, done on first use; call it at a module's top level."""
    return LazyPattern(source, flags, sys._getframe(1).f_globals)
