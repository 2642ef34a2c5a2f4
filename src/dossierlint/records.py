"""Record classes declared like dataclasses, for a fraction of their start-up cost.

`@dataclass` writes the source of `__init__`, `__eq__` and `__repr__` for each
class and compiles it when the module is imported, after importing `inspect`:
about 0.6 ms a class, 40 ms of the 50 classes a one-file `dossierlint check`
defines, a third of that run (BENCHMARKS.md, "Start-up"). `Record` keeps the
same declaration (annotated fields, defaults, `field(default_factory=list)`)
and the same behaviour for what this project uses (slots, value equality,
hashing, frozen instances), but compares, hashes and prints through one shared
`attrgetter`, and makes a class's `__init__` only when the class is first
instantiated. Classes that a run never instantiates cost nothing. Nothing is
compiled at all: a class's `__init__` is a copy, under its fields' names
(`CodeType.replace`), of the function for as many fields in `_record_code`,
which `tools/record_code.py` generates and Python loads from its bytecode
cache; a `compile` costs about 1M instructions, and a one-file check made 17.

A record subclasses `Record` with its options as class keywords
(`class Finding(Record, frozen=True)`), so that its class is made once.
Not supported, because nothing here needs them: inheritance between records,
ordering, keyword-only fields, `__post_init__`. A library that only knows
dataclasses (pydantic, for the JSON Schema) gets `dataclass_twins`.

`TupleRecord` does the same for `typing.NamedTuple`, which compiles every
field's annotation (a string, under `from __future__ import annotations`) and
the source of each class's `__new__`: the 16 classes of the check path cost
10M instructions of a one-file check (BENCHMARKS.md, "Speed, round five").
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

from dossierlint import _record_code

try:
    from _collections import _tuplegetter
except ImportError:  # another interpreter: what `collections.namedtuple` falls back to

    def _tuplegetter(index: int, doc: str) -> property:
        return property(itemgetter(index), doc=doc)


T = TypeVar("T")
_NO_DEFAULT = object()


class _Factory:
    """The default of a field made anew for each instance."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is `default_factory()`, called for each instance."""
    return _Factory(default_factory)  # type: ignore[return-value]


class FrozenRecordError(AttributeError):
    """An attempt to change a field of a frozen record."""


class _RecordMeta(type):
    """Builds a `Record` subclass as the final class at once from its class body:
    a decorator would get a class already made and make it again (a class costs
    about 85k instructions to make, 51 of them on the check path)."""

    def __new__(
        mcls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        *,
        eq: bool = True,
        hash: bool = False,
        frozen: bool = False,
    ) -> Any:
        return _build(name, namespace, eq=eq, hash=hash or frozen, frozen=frozen)


if TYPE_CHECKING:

    @dataclass_transform(field_specifiers=(field,))
    class Record:
        def __init_subclass__(
            cls, *, eq: bool = True, hash: bool = False, frozen: bool = False
        ) -> None: ...

else:
    Record = type.__new__(_RecordMeta, "Record", (), {})
    """Subclassed to declare a record: `class Finding(Record, frozen=True): path: str`.
    The class made is a slotted record of its annotated fields, not a subclass of
    this. `eq`: instances compare by their fields (else by identity). `hash`: they
    hash by their fields too (dataclasses' `unsafe_hash`). `frozen`: fields cannot
    be set after `__init__`, and instances hash by their fields."""


def _build(name: str, namespace: dict[str, Any], *, eq: bool, hash: bool, frozen: bool) -> type:
    names = tuple(namespace.get("__annotations__", ()))
    if "self" in names:
        raise TypeError(f"{namespace['__qualname__']}: a field cannot be named 'self'")
    defaults = {
        field_name: namespace.pop(field_name) for field_name in names if field_name in namespace
    }
    fields_of = attrgetter(*names) if names else _no_fields
    namespace["__slots__"] = names
    namespace["__match_args__"] = names
    namespace["__record_defaults__"] = defaults
    namespace["__repr__"] = _repr_method(names, fields_of)
    if eq:
        namespace["__eq__"] = _eq_method(fields_of)
        namespace["__hash__"] = _hash_method(fields_of) if hash else None
    if frozen:
        namespace["__setattr__"] = namespace["__delattr__"] = _refuse_change
    built = type(name, (), namespace)
    built.__init__ = _first_init(built, names, defaults, frozen)  # type: ignore[misc]
    return built


def _no_fields(instance: object) -> tuple[()]:
    return ()


def _repr_method(names: tuple[str, ...], fields_of: Callable[[Any], Any]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        values = fields_of(self) if len(names) > 1 else (fields_of(self),) if names else ()
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values, strict=True))
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq_method(fields_of: Callable[[Any], Any]) -> Callable[[Any, object], bool]:
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return fields_of(self) == fields_of(other)

    return __eq__


def _hash_method(fields_of: Callable[[Any], Any]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(fields_of(self))

    return __hash__


def _refuse_change(self: object, name: str, *value: object) -> None:
    raise FrozenRecordError(f"cannot change field {name!r} of a frozen {type(self).__name__}")


def _first_init(
    cls: type, names: tuple[str, ...], defaults: dict[str, object], frozen: bool
) -> Callable[..., None]:
    """An `__init__` that makes the real one, puts it on `cls`, and runs it."""

    def __init__(self: Any, *args: object, **kwargs: object) -> None:
        cls.__init__ = _init_from_template(cls, names, defaults, frozen)
        cls.__init__(self, *args, **kwargs)

    return __init__


def _template(templates: tuple[types.FunctionType, ...], owner: str, count: int) -> types.CodeType:
    """The code of the template for `count` fields (`_record_code`)."""
    if count > _record_code.MAX_FIELDS:
        raise TypeError(
            f"{owner}: more than {_record_code.MAX_FIELDS} fields "
            "(raise MAX_FIELDS in tools/record_code.py and run it with --write)"
        )
    return templates[count].__code__


def _init_from_template(
    cls: type, names: tuple[str, ...], defaults: dict[str, object], frozen: bool
) -> Callable[..., None]:
    """The `__init__` of a record: `_record_code`'s for as many fields, under the
    fields' names, each factory's value made when the field is not given."""
    qualname = f"{cls.__qualname__}.__init__"
    if frozen:  # `_set(self, 'f0', f0)`: the names are constants
        template = _template(_record_code.FROZEN_INITS, cls.__qualname__, len(names))
        renamed = dict(zip(_placeholders(len(names)), names, strict=True))
        code = template.replace(
            co_varnames=("self", *names),
            co_consts=tuple(renamed.get(value, value) for value in template.co_consts),
            co_name="__init__",
            co_qualname=qualname,
        )
    else:  # `self.f0 = f0`: the names are attribute names
        code = _template(_record_code.INITS, cls.__qualname__, len(names)).replace(
            co_varnames=("self", *names), co_names=names, co_name="__init__", co_qualname=qualname
        )
    trailing = names[len(names) - len(defaults) :]
    if set(trailing) != set(defaults):
        raise TypeError(f"{cls.__qualname__}: a field without a default follows one with it")
    values = [defaults[name] for name in trailing]
    factories = [
        (name, value.make)
        for name, value in zip(trailing, values, strict=True)
        if isinstance(value, _Factory)
    ]
    argdefs = tuple(_NO_DEFAULT if isinstance(value, _Factory) else value for value in values)
    init = types.FunctionType(code, {"_set": object.__setattr__}, "__init__", argdefs)
    if not factories:
        return init

    def __init__(self: Any, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        for name, make in factories:
            if getattr(self, name) is _NO_DEFAULT:
                object.__setattr__(self, name, make())

    __init__.__qualname__ = qualname
    return __init__


def _placeholders(count: int) -> tuple[str, ...]:
    """The names `_record_code` gives the fields: `f0`, `f1`, ..."""
    return tuple(f"f{at}" for at in range(count))


def _tuple_class(name: str, namespace: dict[str, Any]) -> type:
    """A tuple subclass with a field per annotation of `namespace`, as
    `typing.NamedTuple` makes it (`_fields`, `_replace`, `_asdict`, `_make`,
    defaults, the methods of the class body), without compiling anything."""
    names = tuple(namespace.get("__annotations__", ()))
    if any(field_name.startswith("_") for field_name in names):
        raise TypeError(f"{name}: a field name cannot start with an underscore")
    defaults = {
        field_name: namespace.pop(field_name) for field_name in names if field_name in namespace
    }
    trailing = names[len(names) - len(defaults) :]
    if set(trailing) != set(defaults):
        raise TypeError(f"{name}: a field without a default follows one with it")
    code = _template(_record_code.NEWS, name, len(names)).replace(
        co_varnames=("_cls", *names), co_qualname=f"{namespace['__qualname__']}.__new__"
    )
    argdefs = tuple(defaults[field_name] for field_name in trailing) or None
    namespace.update(
        __slots__=(),
        __new__=types.FunctionType(code, {"_tuple_new": tuple.__new__}, "__new__", argdefs),
        __match_args__=names,
        __getnewargs__=_getnewargs,
        __repr__=_tuple_repr,
        _fields=names,
        _field_defaults=defaults,
        _replace=_replace,
        _asdict=_asdict,
        _make=classmethod(_make),
    )
    for index, field_name in enumerate(names):
        namespace[field_name] = _tuplegetter(index, f"Alias for field number {index}")
    return type(name, (tuple,), namespace)


def _getnewargs(self: tuple) -> tuple:
    return tuple(self)


def _tuple_repr(self: Any) -> str:
    shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
    return f"{type(self).__name__}({shown})"


def _replace(self: Any, /, **changes: object) -> Any:
    values = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
    if changes:
        raise TypeError(f"unexpected field names: {sorted(changes)!r}")
    return tuple.__new__(type(self), values)


def _asdict(self: Any) -> dict[str, Any]:
    return dict(zip(self._fields, self, strict=True))


def _make(cls: type, iterable: Any) -> Any:
    made = tuple.__new__(cls, iterable)
    if len(made) != len(cls._fields):  # type: ignore[attr-defined]
        raise TypeError(f"expected {len(cls._fields)} values, got {len(made)}")  # type: ignore[attr-defined]
    return made


class _TupleRecordMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        return _tuple_class(name, namespace)


if TYPE_CHECKING:
    from typing import NamedTuple as TupleRecord
else:
    TupleRecord = type.__new__(_TupleRecordMeta, "TupleRecord", (), {})
    """Subclassed like `typing.NamedTuple` (`class Person(TupleRecord): name: str`);
    the class made is a plain tuple subclass, not a subclass of this."""


def is_record(value: object) -> bool:
    """Whether `value` is a record class or an instance of one."""
    return hasattr(value, "__record_defaults__")


def field_names(value: object) -> tuple[str, ...]:
    """The fields of a record class or instance, in declaration order."""
    cls = value if isinstance(value, type) else type(value)
    return cls.__slots__  # type: ignore[attr-defined]


def dataclass_twins(classes: list[type]) -> dict[type, type]:
    """A standard dataclass for each record class of `classes`, same name, module,
    docstring, fields, types and defaults; a field typed with one of `classes` is
    typed with its twin. For libraries that read dataclasses (pydantic builds the
    JSON Schema from the model's twins); the twins are not meant to be instantiated.
    """
    import dataclasses

    twins: dict[type, type] = {}

    def twin_of(cls: type) -> type:
        if cls not in twins:
            hints = typing.get_type_hints(cls, include_extras=True)
            defaults = cls.__record_defaults__  # type: ignore[attr-defined]
            fields = [
                (name, _swap(hints[name], classes, twin_of), _dataclass_default(defaults, name))
                for name in field_names(cls)
            ]
            keep = ("__doc__", "__module__", "__qualname__", "__pydantic_config__")
            namespace = {key: cls.__dict__[key] for key in keep if key in cls.__dict__}
            twins[cls] = dataclasses.make_dataclass(cls.__name__, fields, namespace=namespace)
        return twins[cls]

    for cls in classes:
        twin_of(cls)
    return twins


def _dataclass_default(defaults: dict[str, object], name: str) -> object:
    import dataclasses

    value = defaults.get(name, _NO_DEFAULT)
    if value is _NO_DEFAULT:
        return dataclasses.field()
    if isinstance(value, _Factory):
        return dataclasses.field(default_factory=value.make)
    return dataclasses.field(default=value)


def _swap(hint: Any, classes: list[type], twin_of: Callable[[type], type]) -> Any:
    """`hint` with each of `classes` in it replaced by its twin."""
    import functools
    import operator
    import types

    if isinstance(hint, type) and hint in classes:
        return twin_of(hint)
    if typing.get_origin(hint) is typing.Annotated:
        return typing.Annotated[(_swap(hint.__origin__, classes, twin_of), *hint.__metadata__)]
    arguments = typing.get_args(hint)
    if not arguments:
        return hint
    swapped = tuple(_swap(argument, classes, twin_of) for argument in arguments)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return functools.reduce(operator.or_, swapped)
    return typing.get_origin(hint)[swapped if len(swapped) > 1 else swapped[0]]
