"""The static check: allowed code passes, each class of attack is named with its line."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicdistill.functions.static import MAX_SOURCE_CHARS, static_check

OK = '''\
import math
from collections import Counter
from itertools import product

LIMIT = 21


def filter_moves(moves, state):
    """Keep moves on the board."""
    size = state["size"]
    kept = []
    for x, y in moves:
        if 0 <= x < size and 0 <= y < size and (x, y) != state["orange"]:
            kept.append((x, y))
    seen = Counter(kept)
    _ = [p for p in product(range(2), repeat=2)]
    try:
        ratio = len(kept) / len(moves)
    except ZeroDivisionError:
        ratio = math.inf
    label = f"{ratio:.2f} of {len(moves)}"
    return [m for m in kept if seen[m] and label]
'''


def test_ordinary_code_passes():
    result = static_check(OK, arity=2, canonical="filter_moves")
    assert result.accepted, result.reasons
    assert result.entry == "filter_moves"


# (attack, body of filter_moves(moves, state), a phrase the reason must contain)
STATIC_ATTACKS = [
    ("read a file", "return open('/etc/passwd').read()", "call to 'open' is not allowed"),
    ("write a file", "open('/tmp/x', 'w').write('x')\n    return moves", "call to 'open' is not allowed"),
    ("import os", "import os\n    return moves", "import of 'os' is not allowed"),
    ("socket", "import socket\n    return moves", "import of 'socket' is not allowed"),
    ("from-import", "from subprocess import run\n    return moves", "import of 'subprocess'"),
    ("dotted import", "import os.path\n    return moves", "import of 'os.path'"),
    ("relative import", "from . import x\n    return moves", "relative imports"),
    ("__import__", "return __import__('os').listdir('.')", "call to '__import__' is not allowed"),
    ("getattr", "return getattr(moves, 'copy')()", "call to 'getattr' is not allowed"),
    ("dunder walk", "return ().__class__.__base__.__subclasses__()", "attribute '__class__'"),
    ("format attr", "return '{0.__class__}'.format(moves)", "attribute 'format' is not allowed"),
    ("format_map", "return '{x}'.format_map(state)", "attribute 'format_map'"),
    ("gi_frame", "g = (m for m in moves)\n    return g.gi_frame.f_globals", "attribute 'gi_frame'"),
    (
        "f_globals",
        "g = (m for m in moves)\n    f = g.gi_frame\n    return f.f_globals",
        "attribute 'f_globals'",
    ),
    (
        "traceback",
        "try:\n        1 / 0\n    except ZeroDivisionError as e:\n        return e.__traceback__",
        "'__traceback__'",
    ),
    (
        "tb_frame",
        "try:\n        1 / 0\n    except ZeroDivisionError as e:\n"
        "        t = e.with_traceback(None)\n        return t.tb_frame",
        "'tb_frame'",
    ),
    ("f-string dunder", "return f'{moves.__class__}'", "attribute '__class__'"),
    ("private module attr", "import collections\n    return collections._sys", "attribute '_sys'"),
    (
        "module member",
        "import collections\n    return collections.namedtuple('P', 'x')",
        "collections.namedtuple",
    ),
    ("from-import member", "from functools import wraps\n    return moves", "functools.wraps"),
    ("infinite C iterator", "import itertools\n    return sum(itertools.count())", "itertools.count"),
    ("iter sentinel", "return list(iter(int, 1))", "call to 'iter' is not allowed"),
    ("exec", "exec('import os')\n    return moves", "call to 'exec' is not allowed"),
    ("eval", "return eval('moves')", "call to 'eval' is not allowed"),
    ("compile", "return compile('1', 'x', 'eval')", "call to 'compile' is not allowed"),
    ("globals", "return globals()", "call to 'globals' is not allowed"),
    ("locals", "return locals()", "call to 'locals' is not allowed"),
    ("vars", "return vars(state)", "call to 'vars' is not allowed"),
    ("builtins name", "return __builtins__", "name '__builtins__' is not allowed"),
    ("type", "return type(moves)", "call to 'type' is not allowed"),
    ("object", "return object.__subclasses__()", "name 'object' is not allowed"),
    ("input", "return input()", "call to 'input' is not allowed"),
    ("breakpoint", "breakpoint()\n    return moves", "call to 'breakpoint' is not allowed"),
    ("print", "print(moves)\n    return moves", "call to 'print' is not allowed"),
    ("other builtin", "return memoryview(b'x')", "'memoryview' is not allowed"),
    ("SystemExit", "raise SystemExit", "builtin 'SystemExit' is not allowed"),
    ("global", "global X\n    return moves", "'global' is not allowed"),
    ("class", "class A:\n        pass\n    return moves", "class definitions are not allowed"),
    ("generator function", "yield moves", "'yield' is not allowed"),
    ("with", "with moves:\n        pass\n    return moves", "'with' statements are not allowed"),
    ("bare except", "try:\n        pass\n    except:\n        pass\n    return moves", "bare 'except:'"),
    (
        "finally",
        "try:\n        pass\n    finally:\n        return moves",
        "'finally' clauses are not allowed",
    ),
    (
        "patch a shared class",
        "import collections\n    collections.Counter.most_common = len\n    return moves",
        "assigning to or deleting attribute 'most_common' is not allowed",
    ),
    (
        "delete an attribute",
        "import collections\n    del collections.Counter.update\n    return moves",
        "deleting attribute 'update'",
    ),
    ("fullwidth open", "return \uff4f\uff50\uff45\uff4e('x')", "call to 'open' is not allowed"),
    ("dunder alias", "import math as __builtins__\n    return moves", "may not be defined"),
    ("dunder parameter", "f = lambda __x__: 1\n    return moves", "may not be defined"),
]


@pytest.mark.parametrize(("attack", "body", "phrase"), STATIC_ATTACKS, ids=[a[0] for a in STATIC_ATTACKS])
def test_attack_is_rejected_with_a_specific_reason(attack, body, phrase):
    source = f"def filter_moves(moves, state):\n    {body}\n"
    result = static_check(source, arity=2, canonical="filter_moves")
    assert not result.accepted
    assert any(phrase in reason for reason in result.reasons), result.reasons
    assert all(reason.startswith("line ") for reason in result.reasons if phrase in reason)


def test_reason_names_the_line():
    source = "def filter_moves(moves, state):\n    x = 1\n    return open('f')\n"
    assert static_check(source, arity=2).reasons == ("line 3: call to 'open' is not allowed",)


def test_async_function_is_rejected():
    source = "async def filter_moves(moves, state):\n    return moves\n"
    result = static_check(source, arity=2)
    assert "line 1: async functions are not allowed" in result.reasons


def test_top_level_code_other_than_definitions_is_rejected():
    source = "for i in range(3):\n    pass\ndef filter_moves(moves, state):\n    return moves\n"
    assert any("top level" in r for r in static_check(source, arity=2).reasons)


def test_syntax_error_is_a_reason_not_an_exception():
    result = static_check("def filter_moves(moves, state:\n    return moves\n", arity=2)
    assert not result.accepted and result.reasons[0].startswith("line 1: syntax error")


def test_wrong_arity_and_missing_entry():
    assert static_check("def f(moves):\n    return moves\n", arity=2).reasons == (
        "function 'f' must take 2 positional parameters",
    )
    two = "def a(m, s):\n    return m\ndef b(m, s):\n    return m\n"
    assert "expected one top-level function" in static_check(two, arity=2).reasons[0]
    assert static_check(two, arity=2, canonical="b").entry == "b"
    assert static_check(two, arity=2, entry="c").reasons == ("no top-level function named 'c'",)


def test_builtin_name_may_be_shadowed_by_a_local_binding():
    source = "def filter_moves(moves, state):\n    hash = 3\n    return moves[:hash]\n"
    assert static_check(source, arity=2).accepted


def test_oversized_source_is_rejected():
    source = "def filter_moves(moves, state):\n    return moves\n" + "#" * MAX_SOURCE_CHARS
    assert "characters long" in static_check(source, arity=2).reasons[0]


@given(st.text(max_size=300))
def test_any_text_gives_a_verdict_never_an_exception(text):
    result = static_check(text, arity=2)
    assert isinstance(result.reasons, tuple)
