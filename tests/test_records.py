"""`records.Record` and `records.TupleRecord` behave as the dataclasses and the
`typing.NamedTuple`s they replace on the check path."""

from __future__ import annotations

import pickle
import subprocess
import sys
import types
from pathlib import Path
from typing import NamedTuple

import pytest

from dossierlint import _record_code
from dossierlint.records import (
    FrozenRecordError,
    Record,
    TupleRecord,
    dataclass_twins,
    field,
    field_names,
    is_record,
)

REPO = Path(__file__).resolve().parent.parent


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


class Key(Record, hash=True):
    name: str
    line: int


class Fixed(Record, frozen=True):
    value: int


class Node(Record, eq=False):
    name: str


class Inner(Record):
    """An inner record."""

    value: int


class Outer(Record):
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
    class Late(Record):
        a: int

    stub = Late.__init__
    Late(1)
    assert Late.__init__ is not stub
    assert Late.__init__.__qualname__.endswith("Late.__init__")


def test_records_of_as_many_fields_share_one_init_code_under_their_own_names() -> None:
    class Span(Record):
        start: int
        end: int = 0

    Span(1), Key("a", 1)
    assert Span.__init__.__code__.co_code == Key.__init__.__code__.co_code
    assert Span.__init__.__code__.co_varnames == ("self", "start", "end")
    assert (Span(end=4, start=2).start, Span(3).end) == (2, 0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'x'"):
        Span(1, x=2)


def test_a_field_without_a_default_after_one_with_it_is_refused() -> None:
    class Backwards(Record):
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


class FrozenWithFactory(Record, frozen=True):
    name: str
    tags: list[str] = field(default_factory=list)


def test_a_frozen_record_makes_its_factories_and_stays_frozen() -> None:
    first, second = FrozenWithFactory("a"), FrozenWithFactory("b", ["x"])
    assert (first.tags, second.tags) == ([], ["x"])
    assert FrozenWithFactory("a").tags is not first.tags
    with pytest.raises(FrozenRecordError):
        first.name = "c"  # type: ignore[misc]
    assert FrozenWithFactory.__init__.__qualname__.endswith("FrozenWithFactory.__init__")


def test_no_record_code_is_compiled_and_the_names_are_the_fields() -> None:
    class Pair(Record, frozen=True):
        left: int
        right: int = 0

    Pair(1)
    code = Pair.__init__.__code__
    assert code.co_varnames == ("self", "left", "right")
    assert code.co_code == _record_code.FROZEN_INITS[2].__code__.co_code
    assert (Pair(right=2, left=1).left, Pair(1).right) == (1, 0)


def test_a_field_named_self_or_too_many_fields_are_refused() -> None:
    with pytest.raises(TypeError, match="named 'self'"):

        class Odd(Record):
            self: int

    many = {f"field{at}": int for at in range(_record_code.MAX_FIELDS + 1)}
    with pytest.raises(TypeError, match="more than"):
        wide = types.new_class(
            "Wide", (Record,), exec_body=lambda body: body.update(__annotations__=many)
        )
        wide(*range(len(many)))


def test_the_record_code_module_is_what_its_generator_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "record_code.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


class Mention(TupleRecord):
    """A tuple record as the check path declares them."""

    name: str
    line: int
    aliases: tuple[str, ...] = ()

    @property
    def shout(self) -> str:
        return self.name.upper()


class TypingMention(NamedTuple):
    name: str
    line: int
    aliases: tuple[str, ...] = ()


def test_a_tuple_record_is_the_tuple_a_named_tuple_is() -> None:
    ours, theirs = Mention("Lenin", 3), TypingMention("Lenin", 3)
    assert ours == theirs == ("Lenin", 3, ())
    assert hash(ours) == hash(theirs) and ours < Mention("Lenin", 4)
    assert isinstance(ours, tuple) and not hasattr(ours, "__dict__")
    name, line, aliases = Mention(line=5, name="Stalin", aliases=("Koba",))
    assert (name, line, aliases) == ("Stalin", 5, ("Koba",))
    assert Mention._fields == TypingMention._fields == ("name", "line", "aliases")
    assert Mention._field_defaults == TypingMention._field_defaults == {"aliases": ()}
    assert Mention.__match_args__ == TypingMention.__match_args__
    assert repr(ours) == repr(theirs).replace("TypingMention", "Mention")
    assert ours.shout == "LENIN" and Mention.__doc__.startswith("A tuple record")
    assert Mention.__new__.__code__.co_varnames == ("_cls", "name", "line", "aliases")


def test_a_tuple_record_replaces_makes_and_pickles_as_a_named_tuple() -> None:
    ours = Mention("Lenin", 3)
    assert ours._replace(line=4) == Mention("Lenin", 4) and type(ours._replace()) is Mention
    assert ours._asdict() == TypingMention("Lenin", 3)._asdict()
    assert Mention._make(["Trotsky", 9, ()]) == Mention("Trotsky", 9)
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert type(pickle.loads(pickle.dumps(ours))) is Mention
    with pytest.raises(TypeError, match="unexpected field names"):
        ours._replace(year=1)
    with pytest.raises(TypeError, match="expected 3 values"):
        Mention._make(["Trotsky"])
    with pytest.raises(TypeError):
        Mention("Lenin")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Mention("Lenin", 3, (), 4)  # type: ignore[call-arg]


def test_a_tuple_record_refuses_what_named_tuple_refuses() -> None:
    with pytest.raises(TypeError, match="underscore"):

        class Private(TupleRecord):
            _hidden: int

    with pytest.raises(TypeError, match="without a default follows"):

        class Backwards(TupleRecord):
            first: int = 0
            second: int
