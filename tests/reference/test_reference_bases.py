"""The shipped reference bases: data equals a fresh build, every function is admitted, manuals cover all."""

import pytest

from logicdistill.functions.store import dumps, load
from logicdistill.functions.validate import check_function
from logicdistill.reference import load_reference, reference_chain
from logicdistill.reference.build import build_base, main, strip_module_docstring
from logicdistill.reference.catalog import ENTRIES, data_path
from logicdistill.tasks import get_task
from logicdistill.tasks.base import TaskName

TASKS = list(TaskName)
FUNCTIONS = [(task, entry) for task in TASKS for entry in ENTRIES[task]]


@pytest.mark.parametrize("task", TASKS)
def test_shipped_file_equals_a_fresh_build(task):
    assert data_path(task).read_text(encoding="utf-8") == dumps(build_base(task)), (
        "run: python -m logicdistill.reference.build"
    )


@pytest.mark.parametrize(("task", "entry"), FUNCTIONS, ids=[e.name for _, e in FUNCTIONS])
def test_each_function_passes_static_check_admission_and_contract(task, entry):
    spec = load_reference(task).function(entry.name)
    contract = get_task(task).stage(spec.stage).contract
    verdict = check_function(spec.source, contract, entry=spec.name)
    assert verdict.accepted, verdict.reasons
    assert spec.source == strip_module_docstring(entry.path(task).read_text(encoding="utf-8"))


@pytest.mark.parametrize("task", TASKS)
def test_provenance_is_reference_with_all_verdicts_accepted(task):
    base = load(data_path(task))
    assert base.provenance.origin.value == "reference"
    assert base.provenance.model is None and base.provenance.teacher_calls == 0
    assert [v.function for v in base.provenance.report.verdicts] == [f.name for f in base.functions]
    assert all(v.accepted and not v.reasons for v in base.provenance.report.verdicts)


@pytest.mark.parametrize("task", TASKS)
def test_manual_has_examples_for_every_function_and_describes_every_stage(task):
    base = load_reference(task)
    assert {e.function for e in base.manual.examples} == {f.name for f in base.functions}
    assert [g.stage for g in base.manual.stages] == list(get_task(task).stage_names())
    assert all(name in base.manual.overview for name in reference_chain(task, emergency=True))
    assert base.manual.rules


def test_pursuit_manual_has_the_emergency_filter_example():
    base = load_reference(TaskName.PURSUIT)
    (example,) = [e for e in base.manual.examples if e.function == "filter_restricted_area"]
    assert "Emergency" in example.explanation and "Restricted cells" in example.situation
    assert "(2, 1)" in example.call and "(2, 1)" not in example.result


def test_build_check_mode_reports_up_to_date(capsys):
    assert main(["--check"]) == 0
    assert capsys.readouterr().out.count("up to date") == len(TASKS)
    assert main(["--bogus"]) == 2


def test_strip_module_docstring_keeps_the_code():
    text = '"""Module text."""\n\nX = 1\n\n\ndef f(state):\n    """Doc."""\n    return X\n'
    assert strip_module_docstring(text) == 'X = 1\n\n\ndef f(state):\n    """Doc."""\n    return X\n'
    assert strip_module_docstring("def f(state):\n    return 1\n") == "def f(state):\n    return 1\n"
