"""Plain progress lines for logs: a first line, about one per tenth of the way, and the last."""

import io

from logicdistill.cli.progress import plain_progress, progress_bars


def test_plain_progress_writes_a_line_per_tenth_and_the_end():
    stream = io.StringIO()
    advance = plain_progress(stream)("21 points ld vs threshold", 25)
    for _ in range(25):
        advance(1)
    lines = stream.getvalue().splitlines()
    counts = [int(line.split(": ")[1].split("/")[0]) for line in lines]
    assert lines[0].startswith("21 points ld vs threshold: 0/25 (")
    assert counts == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25]


def test_a_jump_past_several_tenths_prints_once():
    stream = io.StringIO()
    advance = plain_progress(stream)("pursuit", 200)
    advance(180)  # a resumed run counts the games found done at once
    advance(20)
    assert [line.split(" (")[0] for line in stream.getvalue().splitlines()] == [
        "pursuit: 0/200",
        "pursuit: 180/200",
        "pursuit: 200/200",
    ]


def test_progress_bars_fall_back_to_plain_lines_off_a_terminal(capsys):
    with progress_bars() as (progress, _console):
        progress("demo", 2)(2)
    assert "demo: 2/2" in capsys.readouterr().err
