"""Query and document texts: what goes in, in which order; queries for unknown stages refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from logicdistill.errors import UserError
from logicdistill.retrieval.text import (
    MAX_DOC_EXAMPLES,
    document_text,
    documents,
    make_query,
    query_text,
    require_functions,
)


def test_query_puts_stage_and_applied_before_state_and_instruction():
    query = make_query("pursuit", "Step 3. Orange dot O at (1, 2).", "filter_moves", ("candidate_moves",))
    text = query_text(query)
    assert text.index("Stage: filter_moves") < text.index("Already run: candidate_moves")
    assert text.index("candidate_moves") < text.index("Orange dot") < text.index(query.instruction)


def test_query_without_applied_has_no_applied_line():
    assert "Already run" not in query_text(make_query("twentyone", "Your hand: A 7.", "decide"))


def test_unknown_stage_and_task_are_user_errors():
    with pytest.raises(UserError, match="no stage 'decide'"):
        make_query("pursuit", "s", "decide")
    with pytest.raises(UserError, match="unknown task"):
        make_query("chess", "s", "decide")


def test_document_holds_signature_docstring_manual_entries(pursuit_base):
    spec = pursuit_base.function("filter_valid_moves")
    text = document_text(spec, pursuit_base.manual)
    assert text.startswith(spec.signature)
    assert spec.docstring.splitlines()[0] in text
    guide = next(g for g in pursuit_base.manual.stages if spec.name in g.functions)
    assert f"When: {guide.when}" in text
    examples = [ex for ex in pursuit_base.manual.examples if ex.function == spec.name]
    assert examples and text.count("Example: ") == min(len(examples), MAX_DOC_EXAMPLES)
    assert f"Example: {examples[0].situation} {examples[0].call}" in text


def test_documents_hold_at_most_one_example_each(pursuit_base):
    spec = pursuit_base.function("select_best_move")
    assert sum(ex.function == spec.name for ex in pursuit_base.manual.examples) > MAX_DOC_EXAMPLES
    assert document_text(spec, pursuit_base.manual).count("Example: ") == MAX_DOC_EXAMPLES


def test_documents_follow_base_order(pursuit_base):
    docs = documents(pursuit_base)
    assert len(docs) == len(pursuit_base.functions)
    for spec, doc in zip(pursuit_base.functions, docs, strict=True):
        assert doc.startswith(spec.signature)


def test_empty_base_and_repeated_names_are_user_errors(pursuit_base):
    with pytest.raises(UserError, match="no functions"):
        require_functions(replace(pursuit_base, functions=()))
    twice = replace(pursuit_base, functions=(*pursuit_base.functions, pursuit_base.functions[0]))
    with pytest.raises(UserError, match="more than once"):
        require_functions(twice)
