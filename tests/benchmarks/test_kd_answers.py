"""benchmarks/kd_answers.py: where a KD destination lands, and a missing adapter is one line."""

from tests.benchmarks.scripts import load_script


def test_each_destination_gets_one_kind():
    where = load_script("kd_answers").where
    candidates, restricted, named = {(3, 3), (3, 4), (9, 9)}, {(9, 9), (9, 10)}, {(3, 3), (5, 5)}
    assert where(None, candidates, restricted, named) == "unreadable"
    assert where((3, 3), candidates, restricted, named) == "candidate"  # staying put is a candidate
    assert where((9, 9), candidates, restricted, named) == "restricted candidate"
    assert where((9, 10), candidates, restricted, named) == "restricted, no candidate"
    assert where((5, 5), candidates, restricted, named) == "a cell of the position line"
    assert where((0, 0), candidates, restricted, named) == "elsewhere"


def test_a_missing_adapter_is_one_line_and_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["kd_answers.py", "--adapter", str(tmp_path / "none")])
    assert load_script("kd_answers").main() == 2
    assert capsys.readouterr().err.strip() == f"no KD adapter at {tmp_path / 'none'}: `make demo` trains one"
