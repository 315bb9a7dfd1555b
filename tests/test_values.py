"""`uitbuiting_cli.values`: the value types behave as the dataclasses they replace (which were
slower to make at start-up)."""

from __future__ import annotations

import dataclasses

import pytest

from uitbuiting_cli.values import FrozenError, field, fields, record, replace


@record
class Point:
    """A small value."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@record(frozen=False)
class Bag:
    items: list[int] = field(default_factory=list)


@record(slots=False)
class Loose:
    x: int
    made: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.made.append("post")


@dataclasses.dataclass(frozen=True, slots=True)
class DataPoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    note: str = dataclasses.field(default="", compare=False, repr=False)


def test_fields_in_order_with_defaults() -> None:
    p = Point(1)
    assert (p.x, p.y, p.tags, p.note) == (1, 0, (), "")
    assert Point(1, 2, ("a",), "n") == Point(x=1, y=2, tags=("a",), note="other")
    assert [f.name for f in fields(Point)] == ["x", "y", "tags", "note"]
    assert Point.__match_args__ == ("x", "y", "tags", "note")
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_same_behaviour_as_the_dataclass() -> None:
    for args in ((1,), (1, 2), (1, 2, ("a", "b")), (1, 2, (), "note")):
        ours, theirs = Point(*args), DataPoint(*args)
        assert repr(ours) == repr(theirs).replace("DataPoint", "Point")
        assert hash(ours) == hash(theirs)
        assert (ours == Point(*args)) == (theirs == DataPoint(*args))
    assert Point(1) != Point(2) and Point(1, 1) != Point(1, 2)
    assert {Point(1), Point(1), Point(1, note="x")} == {Point(1)}  # note is not compared


def test_only_the_same_class_is_equal() -> None:
    assert Point(1) != DataPoint(1)
    assert Point(1) != (1, 0, (), "")
    assert Point(1).__eq__((1, 0, (), "")) is NotImplemented


def test_frozen_and_slots() -> None:
    p = Point(1)
    with pytest.raises(FrozenError, match=r"'x'.*Point"):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y
    assert not hasattr(p, "__dict__")
    assert Point.__qualname__ == "Point" and Point.__doc__ == "A small value."
    assert Point.__init__.__qualname__ == "Point.__init__"


def test_a_mutable_value_has_no_hash_and_a_fresh_default() -> None:
    a, b = Bag(), Bag()
    a.items.append(1)
    assert b.items == [] and a != b and Bag([1]) == a
    a.items = [2]
    assert a == Bag([2])
    with pytest.raises(TypeError):
        hash(a)


def test_without_slots_post_init_and_class_attributes() -> None:
    loose = Loose(1)
    assert loose.made == ["post"] and Loose(2).made == ["post"]
    assert "made" not in Loose.__dict__  # a factory is not left on the class
    with pytest.raises(FrozenError):
        loose.x = 3  # type: ignore[misc]


def test_replace() -> None:
    p = Point(1, 2, ("a",), "n")
    assert replace(p, y=5) == Point(1, 5, ("a",))
    assert replace(p, y=5).note == "n"
    assert replace(p) == p and replace(p) is not p
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(p, z=1)
    with pytest.raises(TypeError, match="not a value type"):
        replace(object())


def test_mistakes_in_a_value_type_are_found_when_it_is_made() -> None:
    with pytest.raises(TypeError, match="'y' without a default"):

        @record
        class Wrong:
            x: int = 0
            y: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="__repr__"):

        @record
        class Own:
            x: int

            def __repr__(self) -> str:
                return "own"

    with pytest.raises(ValueError, match="together"):
        field(default=1, default_factory=int)


def test_pattern_matching() -> None:
    match Point(1, 2):
        case Point(x, y):
            assert (x, y) == (1, 2)
        case _:
            pytest.fail("no match")


def test_a_value_pickles_as_its_fields() -> None:
    import pickle

    for value in (Point(1, 2, ("a",), "n"), Bag([1, 2]), Loose(3, ["x"])):
        again = pickle.loads(pickle.dumps(value))
        assert again == value and again is not value and type(again) is type(value)
    assert pickle.loads(pickle.dumps(Point(1, note="kept"))).note == "kept"


def test_the_constructor_is_compiled_when_first_used() -> None:
    @record
    class Late:
        a: int
        b: str = "b"

    placeholder = Late.__init__
    with pytest.raises(TypeError):
        Late()  # type: ignore[call-arg]  # the first call compiles, and checks like any other
    assert Late.__init__ is not placeholder
    compiled = Late.__init__
    assert Late(1) == Late(1, "b") and Late.__init__ is compiled
    assert Late.__init__.__qualname__.endswith("<locals>.Late.__init__")
