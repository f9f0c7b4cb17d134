"""Read and write function base files: strict, versioned JSON that round-trips exactly.

:func:`dumps` writes keys in field order with a fixed layout, so
``dumps(loads(dumps(base))) == dumps(base)`` byte for byte. :func:`loads`
refuses anything that is not exactly the schema of :mod:`.schema` (unknown
or missing keys, wrong types, another ``format_version``) with a
:class:`~logicdistill.errors.UserError` that names the path of the bad
field. Whether the code in a file is safe is :mod:`.validate`'s job.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.functions.schema import FORMAT_VERSION, FunctionBase


class FormatError(UserError):
    """A function base file does not match the format."""


def dumps(base: FunctionBase) -> str:
    return json.dumps(_encode(base), indent=2, ensure_ascii=False) + "\n"


def loads(text: str, *, origin: str = "function base") -> FunctionBase:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise FormatError(f"{origin}: not valid JSON (line {err.lineno}: {err.msg})") from None
    if not isinstance(data, dict):
        raise FormatError(f"{origin}: expected a JSON object at the top level")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise FormatError(
            f"{origin}: format_version is {version!r}, this version of logicdistill reads {FORMAT_VERSION}"
        )
    return _decode(FunctionBase, data, origin)


def save(base: FunctionBase, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(base), encoding="utf-8")
    return path


def load(path: str | Path) -> FunctionBase:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no such function base file: {path}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read function base {path}: {err}") from None
    return loads(text, origin=str(path))


def to_data(value: object) -> object:
    """Plain JSON data for any schema value (dataclass, enum, tuple...)."""
    return _encode(value)


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(kind: object, data: object, path: str) -> object:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, data, path)
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [o for o in options if o is not type(None)]
        return _decode(inner, data, path)
    if origin is tuple:
        if not isinstance(data, list):
            raise FormatError(f"{path}: expected a list, got {_kind(data)}")
        (item, _ellipsis) = typing.get_args(kind)
        return tuple(_decode(item, v, f"{path}[{i}]") for i, v in enumerate(data))
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(data)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in kind)
            raise FormatError(f"{path}: {data!r} is not one of {allowed}") from None
    if kind is int:
        if type(data) is not int:
            raise FormatError(f"{path}: expected an integer, got {_kind(data)}")
        return data
    if kind is bool or kind is str:
        if type(data) is not kind:
            raise FormatError(
                f"{path}: expected a {'boolean' if kind is bool else 'string'}, got {_kind(data)}"
            )
        return data
    raise TypeError(f"unsupported schema type {kind!r}")  # a bug in the schema, not in the file


def _decode_dataclass(kind: type, data: object, path: str) -> object:
    if not isinstance(data, dict):
        raise FormatError(f"{path}: expected an object, got {_kind(data)}")
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind)]
    unknown = [k for k in data if k not in names]
    if unknown:
        raise FormatError(f"{path}: unknown field {unknown[0]!r} (expected: {', '.join(names)})")
    missing = [n for n in names if n not in data]
    if missing:
        raise FormatError(f"{path}: missing field {missing[0]!r}")
    return kind(**{n: _decode(hints[n], data[n], f"{path}.{n}") for n in names})


def _kind(data: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(data), type(data).__name__
    )
