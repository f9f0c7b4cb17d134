"""Checks on an emergency description before any model sees it: refusals with a reason.

A description is refused when it is empty or overlong, when it asks for
something harmful (file, process or network access, code execution, a loop
that never ends), when it names no cells at all, or when a number in it lies
off the board (a negative coordinate, or one of ``size`` or more). These are
cheap text checks, on purpose conservative; whether the area makes sense on
the board (forbids nothing, forbids everything, covers a piece) is checked on
the written function's behaviour instead (:mod:`.probe`). :func:`plain_signs`
spells typographic signs (``≤``, ``≥``, ``−``, a dash between digits or points,
``×`` between digits or intervals) the ASCII way the student was trained on
(``<=``, ``>=``, ``-``, ``x``). Left out: any parsing of the area itself - writing
the rule as code is the student's job.
"""

from __future__ import annotations

import re

MAX_DESCRIPTION_CHARS = 600

# (pattern, what it asks for): a request for any of these is refused, whatever the rest says.
HARMFUL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), why)
    for pattern, why in (
        (r"\b(delete|erase|wipe|overwrite|remove)\b[^.]*\b(files?|folders?|director(y|ies)|disk|home)\b",
         "file access"),
        (r"\brm\s+-rf?\b|\bformat (the )?(disk|drive)\b", "destroying files"),
        (r"\b(read|open|write|upload|download|send|steal|exfiltrate|leak)\b[^.]*"
         r"\b(files?|passwords?|keys?|credentials?|secrets?|tokens?|internet|network|server|url)\b",
         "file or network access"),
        (r"\b(import\s+\w+|__import__|os\.system|subprocess|eval\s*\(|exec\s*\(|open\s*\()", "running code"),
        (r"\b(shell|terminal|bash)\s+command", "running shell commands"),
        (r"\b(infinite|endless|never[- ]ending)\s+loop\b|\bloop\s+forever\b|\bhang\b|\bfreeze\b", "a hang"),
        (r"\b(crash|shut\s*down|reboot|kill)\b[^.]*\b(computer|machine|system|process|program|python)\b",
         "stopping the machine"),
        (r"\b(fork\s*bomb|mine\s+(bitcoin|crypto)|malware|virus|ransomware|exploit)\b", "malicious code"),
        (r"\b(hack|bypass|disable)\b[^.]*\b(sandbox|guard|check|limits?)\b", "escaping the checks"),
    )
)  # fmt: skip

_SIGNS = str.maketrans({"≤": "<=", "⩽": "<=", "≦": "<=", "≥": ">=", "⩾": ">=", "≧": ">=", "−": "-"})
_RANGE_DASH = re.compile(r"(?<=[\d)])(\s*)[‐‑‒–—](\s*)(?=[\d(])")  # 3–7, (1, 2)–(3, 4)
_TIMES_SIGN = re.compile(r"(?<=[\d\]])(\s*)×(\s*)(?=[\d\[])")  # 3×4, [1, 2] × [3, 4]
_BOARD_SIZE = re.compile(r"\b(\d+)\s*(?:x|×|by)\s*(\d+)\s+(?:board|grid)\b", re.IGNORECASE)
_POINT = re.compile(r"\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)")
_NUMBER = re.compile(r"(?:(?<=^)|(?<=[\s(\[{,=:;]))-\s?\d+|\d+")


def plain_signs(description: str) -> str:
    """``description`` with comparison, minus, range-dash and times signs in ASCII (nothing else changes)."""
    text = description.translate(_SIGNS)
    text = _RANGE_DASH.sub(r"\1-\2", text)
    return _TIMES_SIGN.sub(r"\1x\2", text)


def points_in(description: str) -> list[tuple[int, int]]:
    """The cells a description names as ``(x, y)`` pairs (corners, first cells, single cells)."""
    return [(int(x), int(y)) for x, y in _POINT.findall(description)]


def numbers_in(description: str) -> list[int]:
    """The integers a description mentions; ``-`` is a sign only where no digit comes just before it."""
    text = _BOARD_SIZE.sub(" ", description)
    return [int(match.replace(" ", "")) for match in _NUMBER.findall(text)]


def description_problems(description: str, board_size: int) -> tuple[str, ...]:
    """Why ``description`` is refused before writing (empty when it may go to the student)."""
    text = description.strip()
    if not text:
        return ("the description is empty: say which cells are restricted",)
    if len(text) > MAX_DESCRIPTION_CHARS:
        return (f"the description is {len(text)} characters long (at most {MAX_DESCRIPTION_CHARS})",)
    harmful = sorted({why for pattern, why in HARMFUL if pattern.search(text)})
    if harmful:
        return (f"the description asks for something harmful ({', '.join(harmful)}); refused",)
    numbers = numbers_in(text)
    if not numbers:
        return (
            "the description names no cells: give the area by coordinates, "
            "e.g. 'the rectangle with corners (8, 8) and (12, 12) is restricted'",
        )
    outside = sorted({n for n in numbers if not 0 <= n < board_size})
    if outside:
        shown = ", ".join(str(n) for n in outside[:5])
        return (
            f"the description contradicts the board: {shown} is outside the cells 0..{board_size - 1} "
            f"of the {board_size}x{board_size} board",
        )
    return ()
