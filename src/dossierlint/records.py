"""Record classes declared like dataclasses, for a fraction of their start-up cost.

`@dataclass` writes the source of `__init__`, `__eq__` and `__repr__` for each
class and compiles it when the module is imported, after importing `inspect`:
about 0.6 ms a class, 40 ms of the 50 classes a one-file `dossierlint check`
defines, a third of that run (BENCHMARKS.md, "Start-up"). `record` keeps the
same declaration (annotated fields, defaults, `field(default_factory=list)`)
and the same behaviour for what this project uses (slots, value equality,
hashing, frozen instances), but compares, hashes and prints through one shared
`attrgetter`, and makes a class's `__init__` only when the class is first
instantiated. Classes that a run never instantiates cost nothing. The
`__init__` of a record that is not frozen is not compiled either: it is a copy
of one compiled per number of fields, renamed (`CodeType.replace`), since
compiling one per class cost 4 ms of a one-file check.

Not supported, because nothing here needs them: inheritance between records,
ordering, keyword-only fields, `__post_init__`. A library that only knows
dataclasses (pydantic, for the JSON Schema) gets `dataclass_twins`.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

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


@dataclass_transform(field_specifiers=(field,))
def record(
    cls: type[T] | None = None, /, *, eq: bool = True, hash: bool = False, frozen: bool = False
) -> Any:
    """Make `cls` a slotted record of its annotated fields.

    `eq`: instances compare by their fields (else by identity). `hash`: they
    hash by their fields too (dataclasses' `unsafe_hash`). `frozen`: fields
    cannot be set after `__init__`, and instances hash by their fields.
    """

    def build(cls: type[T]) -> type[T]:
        return _build(cls, eq=eq, hash=hash or frozen, frozen=frozen)

    return build if cls is None else build(cls)


def _build(cls: type[T], *, eq: bool, hash: bool, frozen: bool) -> type[T]:
    # The class's own annotations; inspect.get_annotations would import inspect.
    names = tuple(cls.__dict__.get("__annotations__", ()))  # noqa: RUF063
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
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
    built = type(cls)(cls.__name__, cls.__bases__, namespace)
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
    """An `__init__` that compiles the real one, puts it on `cls`, and runs it."""

    def __init__(self: Any, *args: object, **kwargs: object) -> None:
        make = _compile_init if frozen or "self" in names else _init_from_template
        cls.__init__ = make(cls, names, defaults, frozen)
        cls.__init__(self, *args, **kwargs)

    return __init__


@functools.cache
def _template(count: int) -> types.CodeType:
    """The code of `__init__(self, f0, ..., f<count - 1>)` setting each field."""
    names = [f"f{at}" for at in range(count)]
    body = "\n".join(f"    self.{name} = {name}" for name in names) or "    pass"
    scope: dict[str, Any] = {}
    exec(compile(f"def __init__(self, {', '.join(names)}):\n{body}", "<record>", "exec"), scope)
    return scope["__init__"].__code__


def _init_from_template(
    cls: type, names: tuple[str, ...], defaults: dict[str, object], frozen: bool
) -> Callable[..., None]:
    """The `__init__` of a record that is not frozen: `_template`'s code with the
    fields' names, each factory's value made when the field is not given."""
    code = _template(len(names)).replace(
        co_varnames=("self", *names),
        co_names=names,
        co_name="__init__",
        co_qualname=f"{cls.__qualname__}.__init__",
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
    init = types.FunctionType(code, {}, "__init__", argdefs)
    if not factories:
        return init

    def __init__(self: Any, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        for name, make in factories:
            if getattr(self, name) is _NO_DEFAULT:
                setattr(self, name, make())

    __init__.__qualname__ = code.co_qualname
    return __init__


def _compile_init(
    cls: type, names: tuple[str, ...], defaults: dict[str, object], frozen: bool
) -> Callable[..., None]:
    scope: dict[str, object] = {"_NO_DEFAULT": _NO_DEFAULT, "_set": object.__setattr__}
    parameters, body = [], []
    for name in names:
        value = defaults.get(name, _NO_DEFAULT)
        if isinstance(value, _Factory):
            scope[f"_make_{name}"] = value.make
            parameters.append(f"{name}=_NO_DEFAULT")
            value_text = f"_make_{name}() if {name} is _NO_DEFAULT else {name}"
        else:
            if value is not _NO_DEFAULT:
                scope[f"_default_{name}"] = value
                parameters.append(f"{name}=_default_{name}")
            else:
                parameters.append(name)
            value_text = name
        body.append(
            f"    _set(self, {name!r}, {value_text})"
            if frozen
            else f"    self.{name} = {value_text}"
        )
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body or ["    pass"])
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), scope)  # the fields' names only
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    return init  # type: ignore[return-value]


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
