"""`records.record` behaves as the dataclasses it replaces on the check path."""

from __future__ import annotations

import pytest

from dossierlint.records import (
    FrozenRecordError,
    dataclass_twins,
    field,
    field_names,
    is_record,
    record,
)


@record
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


@record(hash=True)
class Key:
    name: str
    line: int


@record(frozen=True)
class Fixed:
    value: int


@record(eq=False)
class Node:
    name: str


@record
class Inner:
    """An inner record."""

    value: int


@record
class Outer:
    inner: Inner | None
    items: list[Inner] = field(default_factory=list)
    name: str = "x"


def test_fields_are_positional_or_keyword_with_defaults() -> None:
    point = Point(1, tags=["a"])
    assert (point.x, point.y, point.tags) == (1, 0, ["a"])
    assert Point(x=2, y=3).y == 3


def test_a_factory_default_is_made_for_each_instance() -> None:
    first, second = Point(1), Point(2)
    first.tags.append("kept")
    assert second.tags == []


def test_a_missing_field_is_a_type_error_as_with_dataclasses() -> None:
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, [], 4)  # type: ignore[call-arg]


def test_equality_by_fields_and_only_between_the_same_class() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Key("a", 1) != ("a", 1)
    assert Node("a") != Node("a")


def test_unhashable_unless_asked_then_hashed_by_fields() -> None:
    with pytest.raises(TypeError):
        hash(Point(1))
    assert len({Key("a", 1), Key("a", 1), Key("a", 2)}) == 2
    assert hash(Fixed(3)) == hash(Fixed(3))


def test_a_frozen_record_refuses_changes() -> None:
    fixed = Fixed(1)
    with pytest.raises(FrozenRecordError):
        fixed.value = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del fixed.value


def test_slots_and_repr() -> None:
    point = Point(1)
    assert not hasattr(point, "__dict__")
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]
    assert repr(point) == "Point(x=1, y=0, tags=[])"
    assert repr(Fixed(5)) == "Fixed(value=5)"


def test_init_is_compiled_on_first_use_only() -> None:
    @record
    class Late:
        a: int

    stub = Late.__init__
    Late(1)
    assert Late.__init__ is not stub
    assert Late.__init__.__qualname__.endswith("Late.__init__")


def test_records_of_as_many_fields_share_one_compiled_init_under_their_own_names() -> None:
    @record
    class Span:
        start: int
        end: int = 0

    Span(1), Key("a", 1)
    assert Span.__init__.__code__.co_code == Key.__init__.__code__.co_code
    assert Span.__init__.__code__.co_varnames == ("self", "start", "end")
    assert (Span(end=4, start=2).start, Span(3).end) == (2, 0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'x'"):
        Span(1, x=2)


def test_a_field_without_a_default_after_one_with_it_is_refused() -> None:
    @record
    class Backwards:
        first: int = 0
        second: int

    with pytest.raises(TypeError, match="without a default follows"):
        Backwards(1, 2)


def test_dataclass_twins_keep_fields_defaults_and_nesting() -> None:
    import dataclasses

    twins = dataclass_twins([Inner, Outer])
    fields = {f.name: f for f in dataclasses.fields(twins[Outer])}
    assert list(fields) == ["inner", "items", "name"]
    assert fields["inner"].type == twins[Inner] | None
    assert fields["items"].type == list[twins[Inner]] and fields["items"].default_factory is list
    assert fields["name"].default == "x"
    assert twins[Inner].__doc__ == "An inner record." and twins[Inner].__name__ == "Inner"


def test_records_are_told_apart_and_list_their_fields() -> None:
    assert is_record(Point) and is_record(Point(1)) and not is_record(object())
    assert field_names(Point) == field_names(Point(1)) == ("x", "y", "tags")
