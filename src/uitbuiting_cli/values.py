"""Immutable value types, made quickly: `@record` is `@dataclass(frozen=True, slots=True)` for what
this package uses of it.

Why not `dataclasses`: making a class with it costs about 0.9 ms on a desk machine (it writes and
compiles five methods one by one, then makes the class a second time for `__slots__`), and the
tool makes some fifty of them before it can answer: a fifth of its start-up, and a lookup must
answer at a desk without a wait (benchmarks/startup.py). Here one method is compiled per class
(`__init__`, so that making a value stays as fast as a dataclass's), and only when the class is
first used; comparing, hashing and printing are shared functions over the fields.

What it does, as dataclasses does it: fields from the class's own annotations, in order; defaults
and `field(default=…, default_factory=…, compare=…, repr=…)`; a required field after one with a
default is an error; `__post_init__` is called; `==` only between values of the same class;
`hash` over the compared fields (no hash for a mutable value, as `eq` without `frozen`);
assigning to a frozen value raises `FrozenError` (an `AttributeError`); `replace(value, **changes)`.
Not supported, because nothing here uses it: inheritance between value types, `ClassVar`,
`InitVar`, `kw_only` and ordering. A value pickles as its class and its fields (the shipped
data's snapshot, `content.snapshot`). mypy reads the decorator as a dataclass
(`dataclass_transform`), so constructors are type-checked like a dataclass's.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["FrozenError", "field", "fields", "is_record", "rebuild", "record", "replace"]

T = TypeVar("T")
_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
FIELDS = "__value_fields__"


class FrozenError(AttributeError):
    """A value is immutable: make a changed copy with `replace`."""


class Field:
    __slots__ = ("compare", "default", "factory", "name", "repr")

    def __init__(self, default: Any, factory: Any, compare: bool, repr: bool) -> None:
        self.name = ""
        self.default = default
        self.factory = factory
        self.compare = compare
        self.repr = repr


def field(
    *,
    default: Any = _MISSING,
    default_factory: Any = _MISSING,
    compare: bool = True,
    repr: bool = True,
) -> Any:
    """A field with a default made anew for each value, or left out of `==` and `repr`."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("field: default and default_factory together")
    return Field(default, default_factory, compare, repr)


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = True, slots: bool = True) -> Any: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = True, slots: bool = True) -> Any:
    """Make `cls` an immutable value type (see the module's text)."""
    if cls is None:
        return lambda cls: _make(cls, frozen=frozen, slots=slots)
    return _make(cls, frozen=frozen, slots=slots)


def _make(cls: Any, *, frozen: bool, slots: bool) -> Any:
    own = cls.__dict__
    fields = []
    for name in own.get("__annotations__", {}):
        given = own.get(name, _MISSING)
        f = given if isinstance(given, Field) else Field(given, _MISSING, True, True)
        f.name = name
        fields.append(f)
    compared = tuple(f.name for f in fields if f.compare)
    key = attrgetter(*compared) if compared else (lambda _self: ())
    made: dict[str, Any] = {
        FIELDS: tuple(fields),
        "__match_args__": tuple(f.name for f in fields),
        "__eq__": _equal(key),
        "__hash__": _hash(key) if frozen else None,
        "__repr__": _repr(tuple(f.name for f in fields if f.repr)),
        "__reduce__": _reduce(tuple(f.name for f in fields)),
    }
    if frozen:
        made["__setattr__"] = _frozen_setattr
        made["__delattr__"] = _frozen_delattr
    for name in ("__eq__", "__repr__", "__reduce__", "__setattr__", "__delattr__"):
        if name in own:
            raise TypeError(f"{cls.__name__}: a value type makes its own {name}")
    if slots:  # a class's slots are fixed when it is made: make it again, as dataclasses does
        namespace = {k: v for k, v in own.items() if k not in ("__dict__", "__weakref__")}
        for f in fields:
            namespace.pop(f.name, None)  # a default is the __init__'s, not a class attribute
        namespace.update(made, __slots__=tuple(f.name for f in fields))
        namespace["__qualname__"] = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
    else:
        for name, member in made.items():
            setattr(cls, name, member)
        for f in fields:
            if isinstance(own.get(f.name), Field):  # as dataclasses: a plain default stays
                delattr(cls, f.name)
    cls.__init__ = _first_init(cls, fields, frozen=frozen)
    return cls


def _first_init(cls: Any, fields: list[Field], *, frozen: bool) -> Any:
    """An `__init__` that compiles the real one when the class is first used, and puts it in
    its place: a command uses few of the classes it imports (the shipped data is unpickled
    without `__init__`), and compiling is most of what making a class costs."""
    _check_order(cls, fields)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        real = _init(cls, fields, frozen=frozen)
        type.__setattr__(cls, "__init__", real)
        real(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _check_order(cls: Any, fields: list[Field]) -> None:
    """A required field after one with a default is an error when the class is made."""
    seen_default = False
    for f in fields:
        if f.default is not _MISSING or f.factory is not _MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"{cls.__name__}: field {f.name!r} without a default after one with it")


def _init(cls: Any, fields: list[Field], *, frozen: bool) -> Any:
    """The one compiled method: arguments in field order, each stored without `__setattr__`."""
    env: dict[str, Any] = {"MISSING": _MISSING, "setter": object.__setattr__}
    params, body = ["self"], []
    for f in fields:
        if f.default is not _MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        elif f.factory is not _MISSING:
            env[f"_f_{f.name}"] = f.factory
            params.append(f"{f.name}=MISSING")
            body.append(f"    if {f.name} is MISSING: {f.name} = _f_{f.name}()")
        else:
            params.append(f.name)
        if frozen:
            body.append(f"    setter(self, {f.name!r}, {f.name})")
        else:
            body.append(f"    self.{f.name} = {f.name}")
    if "__post_init__" in cls.__dict__:
        body.append("    self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _equal(key: Any) -> Any:
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or bool(key(self) == key(other))

    return __eq__


def _hash(key: Any) -> Any:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Any:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _reduce(names: tuple[str, ...]) -> Any:
    """Pickled as the class and the fields' values (as dataclasses: no `__post_init__` again)."""

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return rebuild, (self.__class__, tuple(getattr(self, name) for name in names))

    return __reduce__


def rebuild(cls: Any, values: tuple[Any, ...]) -> Any:
    """A value from its fields' values, without `__init__` (what unpickling calls)."""
    made = object.__new__(cls)
    for f, given in zip(getattr(cls, FIELDS), values, strict=True):
        object.__setattr__(made, f.name, given)
    return made


def _frozen_setattr(self: Any, name: str, _value: object) -> None:
    raise FrozenError(f"cannot assign to field {name!r}: {self.__class__.__name__} is immutable")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenError(f"cannot delete field {name!r}: {self.__class__.__name__} is immutable")


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the value `obj` with some fields changed (`dataclasses.replace`)."""
    fields = getattr(obj.__class__, FIELDS, None)
    if fields is None:
        raise TypeError(f"replace: {obj.__class__.__name__} is not a value type")
    for name in changes:
        if not any(f.name == name for f in fields):
            raise TypeError(f"replace: {obj.__class__.__name__} has no field {name!r}")
    given = {f.name: changes[f.name] if f.name in changes else getattr(obj, f.name) for f in fields}
    return obj.__class__(**given)


def is_record(obj: object) -> bool:
    """Is `obj` a value of a `@record` class?"""
    return hasattr(type(obj), FIELDS)


def fields(cls: Any) -> tuple[Field, ...]:
    """The fields of a value type, in order (`dataclasses.fields`)."""
    return getattr(cls, FIELDS)  # type: ignore[no-any-return]
