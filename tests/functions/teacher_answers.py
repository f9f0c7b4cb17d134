"""Canned teacher answers (good, broken, malicious) for the teacher-pipeline tests."""

from __future__ import annotations

import json

from tests.functions import bases

MANUAL = {
    "overview": "Decide one blue dot: generate its moves, keep the legal ones, pick the closest to orange.",
    "stages": [
        {"stage": "generate_moves", "functions": ["generate_moves"], "when": "Always first."},
        {"stage": "filter_moves", "functions": ["filter_legal"], "when": "After generating."},
        {"stage": "select_move", "functions": ["select_closest", "select_unknown"], "when": "Last."},
    ],
    "examples": [
        {
            "function": "select_closest",
            "situation": "dot at (3, 5), orange at (6, 5)",
            "call": "select_closest([(5, 5), (4, 4)], state)",
            "result": "(5, 5)",
            "explanation": "(5, 5) touches the orange dot.",
        }
    ],
    "rules": ["Blue moves up to 2 cells.", "Capture when all blues are adjacent to orange."],
}


def function(name: str, stage: str, source: str, doc: str = "") -> dict:
    return {"name": name, "stage": stage, "docstring": doc or f"{name} does its job.", "source": source}


GOOD_FUNCTIONS = [
    function("generate_moves", "generate_moves", bases.GENERATE),
    function("filter_legal", "filter_moves", bases.FILTER_LEGAL),
    function("select_closest", "select_move", bases.SELECT_CLOSEST),
]


def good_pursuit_answer() -> str:
    """A fenced JSON object inside prose, with raw newlines in the code strings (as models write it)."""
    body = json.dumps({"functions": GOOD_FUNCTIONS, "manual": MANUAL}, indent=2)
    body = body.replace(
        "\\n", "\n"
    )  # raw newlines inside JSON strings: invalid strict JSON, common in practice
    return f"Here is the function base you asked for.\n\n```json\n{body}\n```\n\nGood luck!"


BROKEN_SELECT = (
    "def select_closest(moves, state):\n    return [m for m in moves]\n"  # breaks the selector contract
)
BROKEN_FILTER = (
    "def filter_legal(moves, state):\n    return [m for m in moves if m != state['orange']\n"  # syntax
)


def broken_pursuit_answer() -> str:
    functions = [
        GOOD_FUNCTIONS[0],
        function("filter_legal", "filter_moves", BROKEN_FILTER),
        function("select_closest", "select_move", BROKEN_SELECT),
    ]
    return json.dumps({"functions": functions, "manual": MANUAL}) + ",\n"


def repair_answer() -> str:
    """Only the corrected functions, plus the manual; trailing commas as some models write them."""
    text = json.dumps({"functions": GOOD_FUNCTIONS[1:], "manual": MANUAL}, indent=1)
    return text.replace("\n }\n]", "\n },\n]")


MALICIOUS = {
    "read_file": ("filter_moves", "def read_file(moves, state):\n    return open('/etc/passwd').read()\n"),
    "import_os": (
        "filter_moves",
        "import os\ndef import_os(moves, state):\n    os.system('true')\n    return moves\n",
    ),
    "dunder_escape": (
        "select_move",
        "def dunder_escape(moves, state):\n    return ().__class__.__base__.__subclasses__()[0]\n",
    ),
    "format_escape": (
        "select_move",
        "def format_escape(moves, state):\n    return '{0.__class__}'.format(moves)\n",
    ),
    "frame_escape": (
        "generate_moves",
        "def frame_escape(state):\n    g = (c for c in [state])\n    return g.gi_frame.f_globals\n",
    ),
    "spin": ("generate_moves", "def spin(state):\n    while True:\n        pass\n"),
    "memory_bomb": ("select_move", "def memory_bomb(moves, state):\n    return [0] * (10**10)\n"),
}


def malicious_answer() -> str:
    functions = [function(name, stage, source) for name, (stage, source) in MALICIOUS.items()]
    return json.dumps({"functions": functions, "manual": MANUAL})


TWENTYONE_PYTHON_BLOCKS = f"""\
Sure! Three stages:

```python
# stage: evaluate_hand
{bases.EVALUATE}
```

```python
# stage: estimate_risk
{bases.RISK}

# stage: decide
{bases.DECIDE}
```

```json
{{"manual": {{"overview": "Evaluate, estimate the bust risk, decide.",
  "stages": [{{"stage": "decide", "functions": ["decide_by_risk"], "when": "Last."}}],
  "examples": [], "rules": "Over 21 loses.\\nAces count 11 or 1."}}}}
```
"""
