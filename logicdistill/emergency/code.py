"""Getting a function's source out of a model's reply: code fences, chat around it, trailing text.

The trained student answers with the source alone; an untuned model wraps it
in prose and Markdown fences, sometimes unclosed. :func:`extract_source`
keeps the first fenced block (closed or not) when there is one, then drops
what comes before the first line of code and any unindented prose after the last
function. It never runs or judges the code: the static check and admission
(:mod:`logicdistill.functions`) do that. :func:`code_numbers` counts the
integers a source computes with, so that the writer can prefer a filter whose
numbers all come from the description and that uses each as often as it is named.
:func:`swap_reversed_ranges` rewrites ``9 <= m[1] <= 1`` as ``1 <= m[1] <= 9``: a range
whose bounds come in the wrong order is empty, and an empty range is never what a
rule means (the student writes it for "from y 9 down to y 1").
"""

from __future__ import annotations

import ast
import re
from collections import Counter

_FENCE = re.compile(r"```[ \t]*([\w+-]*)[ \t]*\n(.*?)(?:\n[ \t]*```|\Z)", re.DOTALL)
_CODE_START = re.compile(r"^(def |import |from |[A-Za-z_]\w*\s*=)")


def extract_source(reply: str) -> str:
    """The code in ``reply``, ending in one newline ("" when there is none)."""
    match = _FENCE.search(reply)
    body = match.group(2) if match else reply
    lines = body.replace("\r\n", "\n").split("\n")
    if not any(line.startswith("def ") for line in lines):
        return ""
    first = next(i for i, line in enumerate(lines) if _CODE_START.match(line))
    kept: list[str] = []
    for line in lines[first:]:
        if (
            line.strip()
            and not line[0].isspace()
            and not _CODE_START.match(line)
            and not line.startswith("#")
        ):
            break  # prose after the code
        kept.append(line)
    return "\n".join(kept).strip("\n") + "\n"


def code_numbers(source: str) -> Counter[int] | None:
    """How often each integer literal occurs in what ``source`` computes (not ``m[0]``, not docstrings).

    None when the source does not parse.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    indices = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
    return Counter(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in indices
    )


def swap_reversed_ranges(source: str) -> str | None:
    """``source`` with the bounds of every reversed range swapped (``9 <= m[1] <= 1``), or None.

    A range is a chained comparison ``lo <= e <= hi`` (or with ``<``) whose bounds are
    integer literals, ``lo`` greater than ``hi``; nothing else is touched, and the text around
    the bounds stays as the student wrote it. None when the source does not parse or holds no
    reversed range.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    swaps = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and _is_range(node):
            low, high = node.left, node.comparators[1]
            if low.value > high.value:
                swaps += [(low, str(high.value)), (high, str(low.value))]
    if not swaps:
        return None
    lines = source.splitlines(keepends=True)
    for node, text in sorted(swaps, key=lambda s: (s[0].lineno, s[0].col_offset), reverse=True):
        line = lines[node.lineno - 1].encode()  # ast offsets count UTF-8 bytes
        lines[node.lineno - 1] = (
            line[: node.col_offset] + text.encode() + line[node.end_col_offset :]
        ).decode()
    return "".join(lines)


def _is_range(node: ast.Compare) -> bool:
    """``int <op> e <op> int`` with both ops ``<`` or ``<=``."""
    ends = (node.left, *node.comparators[1:])
    return (
        len(node.ops) == 2
        and all(isinstance(op, ast.Lt | ast.LtE) for op in node.ops)
        and all(isinstance(e, ast.Constant) and type(e.value) is int for e in ends)
    )
