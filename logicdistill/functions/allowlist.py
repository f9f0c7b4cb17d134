"""What untrusted function code may use: builtins, modules (and which of their members), names, attributes.

The single source of these lists: the static check (:mod:`.static`) rejects
anything outside them with a reason, and the run-time namespace
(:mod:`.guard`) exposes nothing else, so a list edited here changes both.
Modules are handed to untrusted code as read-only proxies holding only the
listed members (never the real module object, whose private attributes can
reach ``sys``). What the lists cannot prevent is written in
docs/function-base.md.
"""

from __future__ import annotations

import builtins
import collections
import functools
import heapq
import itertools
import math
from types import MappingProxyType, ModuleType

ALLOWED_BUILTINS: tuple[str, ...] = (
    "abs", "all", "any", "bool", "chr", "dict", "divmod", "enumerate", "filter", "float", "frozenset",
    "int", "isinstance", "len", "list", "map", "max", "min", "next", "ord", "range", "repr", "reversed",
    "round", "set", "sorted", "str", "sum", "tuple", "zip",
    # exceptions a function may raise or catch
    "ArithmeticError", "AssertionError", "Exception", "IndexError", "KeyError", "LookupError",
    "OverflowError", "RecursionError", "RuntimeError", "StopIteration", "TypeError", "ValueError",
    "ZeroDivisionError",
)  # fmt: skip

# Members of each importable module that untrusted code may use. Left out on purpose: members that
# loop forever inside C code (itertools.count/cycle/repeat), build classes from strings
# (collections.namedtuple) or touch classes and wrappers (functools.wraps, singledispatch...).
ALLOWED_MODULES: dict[str, tuple[str, ...]] = {
    "math": tuple(
        name for name in dir(math) if not name.startswith("_") and name not in ("factorial", "perm")
    ),
    "itertools": (
        "accumulate", "chain", "combinations", "combinations_with_replacement", "compress", "dropwhile",
        "filterfalse", "groupby", "islice", "pairwise", "permutations", "product", "starmap", "takewhile",
        "zip_longest",
    ),
    "functools": ("cache", "cmp_to_key", "lru_cache", "partial", "reduce"),
    "heapq": (
        "heapify", "heappop", "heappush", "heappushpop", "heapreplace", "merge", "nlargest", "nsmallest",
    ),
    "collections": ("ChainMap", "Counter", "OrderedDict", "defaultdict", "deque"),
}  # fmt: skip

_REAL_MODULES: dict[str, ModuleType] = {
    "math": math,
    "itertools": itertools,
    "functools": functools,
    "heapq": heapq,
    "collections": collections,
}

# Always rejected, even when the code binds the name itself: these reach files, the interpreter or I/O.
FORBIDDEN_NAMES: frozenset[str] = frozenset(
    {
        "exec", "eval", "compile", "open", "getattr", "setattr", "delattr", "hasattr", "globals", "locals",
        "vars", "dir", "__import__", "input", "breakpoint", "help", "exit", "quit", "print", "memoryview",
        "super", "object", "type", "classmethod", "staticmethod", "property", "__builtins__", "id",
        "issubclass", "callable", "iter", "aiter", "anext", "bytearray", "bytes",
    }
)  # fmt: skip

# Attribute names that reach frames, code objects or attribute lookup by string.
FORBIDDEN_ATTRIBUTES: frozenset[str] = frozenset({"format", "format_map", "mro"})
FORBIDDEN_ATTRIBUTE_PREFIXES: tuple[str, ...] = ("_", "gi_", "cr_", "ag_", "f_", "tb_", "co_")

BUILTIN_NAMES: frozenset[str] = frozenset(dir(builtins))


def attribute_problem(attr: str) -> str | None:
    """Why ``obj.attr`` is not allowed, or None when it is."""
    if attr.startswith("_"):
        return f"attribute {attr!r} is not allowed (no underscore attributes)"
    if attr in ("format", "format_map"):
        return f"attribute {attr!r} is not allowed (format strings can reach attributes; use an f-string)"
    if attr in FORBIDDEN_ATTRIBUTES or attr.startswith(FORBIDDEN_ATTRIBUTE_PREFIXES):
        return f"attribute {attr!r} is not allowed (it reaches interpreter internals)"
    return None


class ModuleProxy:
    """A read-only stand-in for an allowed module exposing only its allowed members."""

    __slots__ = ("_members", "_name")

    def __init__(self, name: str) -> None:
        real = _REAL_MODULES[name]
        object.__setattr__(self, "_name", name)
        object.__setattr__(
            self, "_members", MappingProxyType({m: getattr(real, m) for m in ALLOWED_MODULES[name]})
        )

    def __getattr__(self, attr: str) -> object:
        try:
            return self._members[attr]
        except KeyError:
            raise AttributeError(f"module {self._name!r} has no allowed member {attr!r}") from None

    def __setattr__(self, attr: str, value: object) -> None:
        raise AttributeError("modules are read-only")

    def __repr__(self) -> str:
        return f"<module {self._name!r} (restricted)>"


_PROXIES: dict[str, ModuleProxy] = {name: ModuleProxy(name) for name in ALLOWED_MODULES}


def safe_import(name, globals=None, locals=None, fromlist=(), level=0):
    """The ``__import__`` untrusted code gets: allowed modules only, as proxies."""
    if level != 0 or name not in _PROXIES:
        raise ImportError(f"import of {name!r} is not allowed")
    return _PROXIES[name]


def safe_builtins() -> dict[str, object]:
    """A fresh builtins mapping for one untrusted namespace: the allowed builtins and the safe importer."""
    table = {name: getattr(builtins, name) for name in ALLOWED_BUILTINS}
    table["__import__"] = safe_import
    return table


def fresh_namespace() -> dict[str, object]:
    """Globals for one untrusted source: nothing but the safe builtins."""
    return {"__builtins__": safe_builtins(), "__name__": "untrusted"}
