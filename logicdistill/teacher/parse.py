"""Parse what a teacher model really returns into proposed functions and a manual, leniently.

Accepted shapes, tried in order: one JSON object (bare, inside a fenced
block, or embedded in prose; raw newlines inside strings and trailing
commas tolerated), then fenced ``python`` blocks (one or more ``def``s,
stage from a ``# stage: NAME`` comment or from a name equal to a stage
name) with the manual from any JSON object found. Everything that cannot
be used becomes a problem string fed back to the model. Whether the code
is safe and correct is decided by :mod:`logicdistill.functions.validate`.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from logicdistill.functions.schema import Manual, StageGuide, UsageExample
from logicdistill.tasks.base import TaskSpec

_FENCE = re.compile(r"```([A-Za-z0-9_+-]*)[ \t]*\n(.*?)(?:```|\Z)", re.DOTALL)  # a last fence may be unclosed
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_STAGE_COMMENT = re.compile(r"#\s*stage\s*:\s*([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class ProposedFunction:
    name: str
    stage: str
    docstring: str
    source: str


@dataclass(frozen=True)
class ParsedAnswer:
    functions: tuple[ProposedFunction, ...]
    manual: Manual | None
    problems: tuple[str, ...]


def parse_answer(text: str, task: TaskSpec) -> ParsedAnswer:
    objects = _json_objects(text)
    main = next((o for o in objects if "functions" in o), None)
    problems: list[str] = []
    if main is not None:
        functions = _functions_from_json(main.get("functions"), problems)
    else:
        functions = _functions_from_code(text, task, problems)
    manual_data = next((o.get("manual", o) for o in objects if "manual" in o or "overview" in o), None)
    manual = _manual(manual_data, problems) if manual_data is not None else None
    if manual is None and not any("manual" in p for p in problems):
        problems.append("the answer has no manual (a JSON object with a 'manual' key)")
    if not functions and not problems:
        problems.append("the answer has no functions")
    elif not functions:
        problems.append("no function could be read from the answer: answer with ONE JSON object as asked")
    return ParsedAnswer(tuple(functions), manual, tuple(problems))


def _json_objects(text: str) -> list[dict]:
    """Every JSON object found: the whole text, fenced blocks, then objects embedded in prose."""
    found: list[dict] = []
    candidates = [text] + [body for _lang, body in _FENCE.findall(text)]
    for candidate in candidates:
        value = _loads(candidate.strip())
        if isinstance(value, dict):
            found.append(value)
    if found:
        return found
    decoder = json.JSONDecoder(strict=False)
    start = text.find("{")
    while start != -1:
        for attempt in (text[start:], _TRAILING_COMMA.sub(r"\1", text[start:])):
            try:
                value, _end = decoder.raw_decode(attempt)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                found.append(value)
                break
        if found:
            return found
        start = text.find("{", start + 1)
    return found


def _loads(text: str) -> object:
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except json.JSONDecodeError:
            continue
    return None


def _functions_from_json(items: object, problems: list[str]) -> list[ProposedFunction]:
    if not isinstance(items, list):
        problems.append("'functions' must be a list of objects with name, stage, docstring and source")
        return []
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("source"), str):
            problems.append(f"functions[{i}]: expected an object with a 'source' string")
            continue
        source = _strip_fence(item["source"])
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        defined = _top_level_defs(source)
        if name not in defined and len(defined) == 1:
            name = defined[0]
        stage = item.get("stage") if isinstance(item.get("stage"), str) else ""
        if not name or not stage:
            problems.append(f"functions[{i}]: needs a 'name' and a 'stage'")
            continue
        doc = item.get("docstring") if isinstance(item.get("docstring"), str) else _docstring(source, name)
        out.append(ProposedFunction(name.strip(), stage.strip(), doc.strip(), source))
    return out


def _functions_from_code(text: str, task: TaskSpec, problems: list[str]) -> list[ProposedFunction]:
    """Top-level defs from fenced python blocks; stage from a '# stage:' comment or the def's name."""
    out = []
    blocks = [body for lang, body in _FENCE.findall(text) if lang.lower() in ("python", "py", "")]
    for block in blocks:
        try:
            tree = ast.parse(block)
        except SyntaxError as err:
            problems.append(f"a python block has a syntax error at line {err.lineno}: {err.msg}")
            continue
        lines = block.splitlines()
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            source = "\n".join(lines[node.lineno - 1 - len(node.decorator_list) : node.end_lineno]) + "\n"
            stage = _stage_hint(lines, node, task)
            if stage is None:
                problems.append(
                    f"function {node.name!r}: say its stage with a '# stage: NAME' comment above it"
                )
                continue
            out.append(ProposedFunction(node.name, stage, ast.get_docstring(node) or "", source))
    return out


def _stage_hint(lines: list[str], node: ast.FunctionDef, task: TaskSpec) -> str | None:
    above = lines[max(0, node.lineno - 3 - len(node.decorator_list)) : node.lineno - 1]
    for line in reversed(above):
        match = _STAGE_COMMENT.search(line)
        if match:
            return match.group(1)
    return node.name if node.name in task.stage_names() else None


def _manual(data: object, problems: list[str]) -> Manual | None:
    if not isinstance(data, dict):
        problems.append("'manual' must be an object with overview, stages, examples and rules")
        return None
    stages, examples = [], []
    for i, item in enumerate(_as_list(data.get("stages"))):
        if not isinstance(item, dict) or not isinstance(item.get("stage"), str):
            problems.append(f"manual.stages[{i}]: expected an object with a 'stage' name")
            continue
        names = tuple(str(n) for n in _as_list(item.get("functions")) if isinstance(n, str))
        stages.append(StageGuide(item["stage"].strip(), names, _text(item.get("when"))))
    for i, item in enumerate(_as_list(data.get("examples"))):
        if not isinstance(item, dict) or not isinstance(item.get("function"), str):
            problems.append(f"manual.examples[{i}]: expected an object with a 'function' name")
            continue
        fields = ("situation", "call", "result", "explanation")
        examples.append(UsageExample(item["function"].strip(), *(_text(item.get(f)) for f in fields)))
    rules = data.get("rules")
    rule_list = rules.splitlines() if isinstance(rules, str) else [_text(r) for r in _as_list(rules)]
    return Manual(
        overview=_text(data.get("overview")),
        stages=tuple(stages),
        examples=tuple(examples),
        rules=tuple(r.strip() for r in rule_list if r.strip()),
    )


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def _strip_fence(source: str) -> str:
    match = _FENCE.search(source)
    body = match.group(2) if match else source
    return body if body.endswith("\n") else body + "\n"


def _top_level_defs(source: str) -> list[str]:
    try:
        return [n.name for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    except (SyntaxError, ValueError):
        return []


def _docstring(source: str, name: str) -> str:
    try:
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return ast.get_docstring(node) or ""
    except (SyntaxError, ValueError):
        pass
    return ""
