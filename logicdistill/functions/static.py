"""Static check of untrusted function source: an AST allow-list with specific, line-numbered reasons.

Parses with :mod:`ast` (never executes anything), walks every node and
rejects syntax, names, attributes and imports outside
:mod:`.allowlist`, then finds the entry function and checks its parameter
count. Whether the code honours its contract at run time is checked by
admission (:mod:`.admission`), not here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from logicdistill.functions.allowlist import (
    ALLOWED_BUILTINS,
    ALLOWED_MODULES,
    BUILTIN_NAMES,
    FORBIDDEN_NAMES,
    attribute_problem,
)

MAX_SOURCE_CHARS = 20_000

_ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Module, ast.FunctionDef, ast.Lambda, ast.arguments, ast.arg, ast.Return, ast.Assign, ast.AugAssign,
    ast.AnnAssign, ast.For, ast.While, ast.If, ast.Break, ast.Continue, ast.Pass, ast.Expr, ast.Try,
    ast.ExceptHandler, ast.Raise, ast.Assert, ast.Delete, ast.Import, ast.ImportFrom, ast.alias,
    ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.IfExp, ast.Dict, ast.Set, ast.List, ast.Tuple, ast.ListComp,
    ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.comprehension, ast.Compare, ast.Call, ast.keyword,
    ast.FormattedValue, ast.JoinedStr, ast.Constant, ast.Attribute, ast.Subscript, ast.Slice, ast.Starred,
    ast.Name, ast.NamedExpr, ast.Load, ast.Store, ast.Del, ast.boolop, ast.operator, ast.unaryop, ast.cmpop,
)  # fmt: skip

_WHY_NOT: dict[type[ast.AST], str] = {
    ast.ClassDef: "class definitions are not allowed",
    ast.AsyncFunctionDef: "async functions are not allowed",
    ast.Await: "'await' is not allowed",
    ast.AsyncFor: "'async for' is not allowed",
    ast.AsyncWith: "'async with' is not allowed",
    ast.With: "'with' statements are not allowed",
    ast.Global: "'global' is not allowed",
    ast.Nonlocal: "'nonlocal' is not allowed",
    ast.Yield: "'yield' is not allowed (no generator functions; return a list)",
    ast.YieldFrom: "'yield from' is not allowed",
    ast.Match: "'match' statements are not allowed",
}
_TOP_LEVEL = (ast.FunctionDef, ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)


@dataclass(frozen=True)
class StaticResult:
    """The verdict of the static check: reasons (empty when accepted) and the entry function's name."""

    reasons: tuple[str, ...]
    entry: str | None

    @property
    def accepted(self) -> bool:
        return not self.reasons


def static_check(
    source: str, *, arity: int, entry: str | None = None, canonical: str | None = None
) -> StaticResult:
    """Check ``source`` and find its entry function.

    ``entry`` names the function to use (a function base record's name);
    without it the entry is ``canonical`` (the stage's function name) when
    defined, else the only top-level function. The entry must take exactly
    ``arity`` positional parameters.
    """
    if len(source) > MAX_SOURCE_CHARS:
        return StaticResult((f"source is {len(source)} characters long (at most {MAX_SOURCE_CHARS})",), None)
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        return StaticResult((f"line {err.lineno or 0}: syntax error: {err.msg}",), None)
    except (ValueError, MemoryError, RecursionError) as err:
        return StaticResult((f"cannot parse source: {err}",), None)
    found = sorted(set(_walk(tree)))
    reasons = [f"line {line}: {problem}" for line, problem in found]
    name, entry_reasons = _entry(tree, arity, entry, canonical)
    return StaticResult(tuple(reasons + entry_reasons), name if not entry_reasons else None)


def _walk(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, problem) for every node outside the allow-list."""
    bound = _bound_names(tree)
    modules = _module_aliases(tree)
    found: list[tuple[int, str]] = []
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for stmt in tree.body:
        if not isinstance(stmt, _TOP_LEVEL) and not _is_docstring(stmt):
            found.append(
                (
                    stmt.lineno,
                    "only imports, constant assignments and function definitions are allowed at top level",
                )
            )
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if not isinstance(node, _ALLOWED_NODES):
            found.append((line, _WHY_NOT.get(type(node), f"{type(node).__name__} is not allowed")))
            continue
        problem = _node_problem(node, bound, modules, id(node) in calls)
        if problem:
            found.append((line, problem))
    return found


def _node_problem(node: ast.AST, bound: set[str], modules: dict[str, str], is_call: bool) -> str | None:
    if isinstance(node, ast.Name):
        return _name_problem(node.id, bound, is_call)
    if isinstance(node, ast.Attribute):
        problem = attribute_problem(node.attr)
        if problem:
            return problem
        if not isinstance(node.ctx, ast.Load):  # would let code patch shared classes such as Counter
            return f"assigning to or deleting attribute {node.attr!r} is not allowed"
        if isinstance(node.value, ast.Name) and node.value.id in modules:
            module = modules[node.value.id]
            if node.attr not in ALLOWED_MODULES[module]:
                return f"{module}.{node.attr} is not allowed"
        return None
    if isinstance(node, ast.FunctionDef):
        return _defined_name_problem(node.name)
    if isinstance(node, ast.arg):
        return _defined_name_problem(node.arg)
    if isinstance(node, ast.alias) and node.asname:
        return _defined_name_problem(node.asname)
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name not in ALLOWED_MODULES:
                return _import_problem(alias.name)
        return None
    if isinstance(node, ast.ImportFrom):
        return _import_from_problem(node)
    if isinstance(node, ast.ExceptHandler) and node.type is None:
        return "bare 'except:' is not allowed; name the exception (e.g. 'except ValueError:')"
    if isinstance(node, ast.ExceptHandler) and node.name:
        return _defined_name_problem(node.name)
    if isinstance(node, ast.Try) and node.finalbody:
        return "'finally' clauses are not allowed"
    return None


def _name_problem(name: str, bound: set[str], is_call: bool) -> str | None:
    if _is_dunder(name) or name in FORBIDDEN_NAMES:
        return f"call to {name!r} is not allowed" if is_call else f"name {name!r} is not allowed"
    if name in BUILTIN_NAMES and name not in ALLOWED_BUILTINS and name not in bound:
        return f"builtin {name!r} is not allowed"
    return None


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _defined_name_problem(name: str) -> str | None:
    if _is_dunder(name) or name in FORBIDDEN_NAMES:
        return f"the name {name!r} may not be defined"
    return None


def _import_problem(module: str) -> str:
    return f"import of {module!r} is not allowed (allowed: {', '.join(sorted(ALLOWED_MODULES))})"


def _import_from_problem(node: ast.ImportFrom) -> str | None:
    if node.level or node.module is None:
        return "relative imports are not allowed"
    if node.module not in ALLOWED_MODULES:
        return _import_problem(node.module)
    for alias in node.names:
        if alias.name == "*":
            return f"'from {node.module} import *' is not allowed"
        if alias.name not in ALLOWED_MODULES[node.module]:
            return f"{node.module}.{alias.name} is not allowed"
    return None


def _entry(
    tree: ast.Module, arity: int, entry: str | None, canonical: str | None
) -> tuple[str | None, list[str]]:
    defs = {stmt.name: stmt for stmt in tree.body if isinstance(stmt, ast.FunctionDef)}
    if entry is not None:
        if entry not in defs:
            return None, [f"no top-level function named {entry!r}"]
        name = entry
    elif canonical is not None and canonical in defs:
        name = canonical
    elif len(defs) == 1:
        name = next(iter(defs))
    else:
        found = f"found {len(defs)}: {', '.join(defs)}" if defs else "found none"
        want = f"; name the entry function {canonical!r}" if canonical and defs else ""
        return None, [f"expected one top-level function ({found}){want}"]
    args = defs[name].args
    positional = len(args.posonlyargs) + len(args.args)
    required = positional - len(args.defaults)
    if (
        args.vararg
        or args.kwarg
        or any(d is None for d in args.kw_defaults)
        or not required <= arity <= positional
    ):
        return None, [f"function {name!r} must take {arity} positional parameter{'s' * (arity != 1)}"]
    return name, []


def _bound_names(tree: ast.Module) -> set[str]:
    """Every name the source binds anywhere (assignment, parameter, import, def, loop, except-as)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.FunctionDef):
            bound.add(node.name)
        elif isinstance(node, ast.alias):
            bound.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return bound


def _module_aliases(tree: ast.Module) -> dict[str, str]:
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name in ALLOWED_MODULES
    }


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )
