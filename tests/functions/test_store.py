"""Function base files: exact round trips, and clear errors for malformed or wrong-version files."""

import json

import pytest

from logicdistill.errors import UserError
from logicdistill.functions.schema import FORMAT_VERSION, Rejection, ValidationReport, Verdict
from logicdistill.functions.store import FormatError, dumps, load, loads, save
from tests.functions.bases import pursuit_base, twentyone_base


@pytest.mark.parametrize("make", [pursuit_base, twentyone_base])
def test_save_load_save_is_byte_identical(tmp_path, make):
    base = make()
    path = save(base, tmp_path / "base.json")
    first = path.read_bytes()
    again = load(path)
    assert again == base
    save(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == first


def test_round_trip_keeps_nested_report_and_optional_fields():
    from dataclasses import replace

    base = pursuit_base()
    report = ValidationReport(
        verdicts=(Verdict("filter_legal", True, ()),),
        rejected=(Rejection(1, "select_best", ("line 2: call to 'open' is not allowed",)),),
        rounds=2,
    )
    base = replace(base, provenance=replace(base.provenance, report=report, model="m", prompt_tokens=12))
    assert loads(dumps(base)) == base
    assert dumps(loads(dumps(base))) == dumps(base)


def _data():
    return json.loads(dumps(pursuit_base()))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format_version=99), "format_version is 99, this version of logicdistill reads 1"),
        (lambda d: d.pop("format_version"), "format_version is None"),
        (lambda d: d.update(task="chess"), "task: 'chess' is not one of 'pursuit', 'twentyone'"),
        (lambda d: d["functions"][1].pop("source"), "functions[1]: missing field 'source'"),
        (lambda d: d["functions"][0].update(extra=1), "functions[0]: unknown field 'extra'"),
        (lambda d: d["functions"][2].update(source=3), "functions[2].source: expected a string, got int"),
        (lambda d: d["manual"].update(stages={}), "manual.stages: expected a list, got an object"),
        (lambda d: d["provenance"].update(origin="oracle"), "provenance.origin: 'oracle' is not one of"),
        (lambda d: d["provenance"].update(teacher_calls=True), "teacher_calls: expected an integer"),
        (
            lambda d: d["provenance"]["report"].update(rounds="2"),
            "report.rounds: expected an integer, got a string",
        ),
    ],
)
def test_malformed_files_give_a_clear_error(mutate, message):
    data = _data()
    mutate(data)
    with pytest.raises(FormatError) as err:
        loads(json.dumps(data), origin="b.json")
    assert message in str(err.value)
    assert str(err.value).startswith("b.json")


def test_not_json_and_not_an_object():
    with pytest.raises(FormatError, match="not valid JSON"):
        loads("{functions: []}")
    with pytest.raises(FormatError, match="JSON object at the top level"):
        loads("[1, 2]")


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such function base file"):
        load(tmp_path / "nope.json")


def test_format_version_is_written_first():
    assert json.loads(dumps(pursuit_base()))["format_version"] == FORMAT_VERSION
    assert dumps(pursuit_base()).startswith('{\n  "format_version": 1,')
