"""Parsing teacher answers as models really write them."""

import json

from logicdistill.tasks import get_task
from logicdistill.teacher.parse import parse_answer

PURSUIT = get_task("pursuit")
SOURCE = "def keep_all(moves, state):\n    return list(moves)\n"
ITEM = {"name": "keep_all", "stage": "filter_moves", "docstring": "Keeps all.", "source": SOURCE}
MANUAL = {"overview": "o", "stages": [{"stage": "filter_moves", "functions": ["keep_all"], "when": "w"}]}


def test_bare_json_object():
    parsed = parse_answer(json.dumps({"functions": [ITEM], "manual": MANUAL}), PURSUIT)
    assert parsed.problems == ()
    (fn,) = parsed.functions
    assert (fn.name, fn.stage, fn.docstring, fn.source) == ("keep_all", "filter_moves", "Keeps all.", SOURCE)
    assert parsed.manual.stages[0].functions == ("keep_all",) and parsed.manual.examples == ()


def test_json_in_prose_with_trailing_commas_and_raw_newlines():
    body = json.dumps({"functions": [ITEM], "manual": MANUAL}).replace("\\n", "\n").replace("}]", "},]")
    parsed = parse_answer(f"Sure, here it is: {body} Hope this helps.", PURSUIT)
    assert parsed.problems == () and parsed.functions[0].source == SOURCE


def test_name_is_taken_from_the_code_when_the_json_name_disagrees():
    item = {**ITEM, "name": "Keep All Moves", "docstring": None}
    parsed = parse_answer(json.dumps({"functions": [item], "manual": MANUAL}), PURSUIT)
    assert parsed.functions[0].name == "keep_all" and parsed.functions[0].docstring == ""


def test_source_wrapped_in_a_code_fence_inside_the_json():
    item = {**ITEM, "source": f"```python\n{SOURCE}```"}
    parsed = parse_answer(json.dumps({"functions": [item], "manual": MANUAL}), PURSUIT)
    assert parsed.functions[0].source == SOURCE


def test_python_block_without_a_stage_is_a_problem():
    parsed = parse_answer("```python\ndef helper(moves, state):\n    return moves\n```", PURSUIT)
    assert parsed.functions == ()
    assert "function 'helper': say its stage with a '# stage: NAME' comment above it" in parsed.problems


def test_python_block_named_after_a_stage_needs_no_comment():
    parsed = parse_answer("```python\ndef select_move(moves, state):\n    return moves[0]\n```", PURSUIT)
    assert [(f.name, f.stage) for f in parsed.functions] == [("select_move", "select_move")]
    assert parsed.problems == ("the answer has no manual (a JSON object with a 'manual' key)",)


def test_garbage_gives_problems_not_exceptions():
    for text in ("", "no code here", "{not json", '{"functions": 3}', '{"functions": [1, {"source": 2}]}'):
        parsed = parse_answer(text, PURSUIT)
        assert parsed.functions == () and parsed.problems


def test_malformed_manual_entries_are_skipped_with_reasons():
    manual = {
        "overview": 3,
        "stages": [{"functions": []}, "x"],
        "examples": [{"call": "f()"}],
        "rules": [1, "r"],
    }
    parsed = parse_answer(json.dumps({"functions": [ITEM], "manual": manual}), PURSUIT)
    assert parsed.manual.overview == "3" and parsed.manual.stages == () and parsed.manual.rules == ("1", "r")
    assert parsed.problems == (
        "manual.stages[0]: expected an object with a 'stage' name",
        "manual.stages[1]: expected an object with a 'stage' name",
        "manual.examples[0]: expected an object with a 'function' name",
    )
