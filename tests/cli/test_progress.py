"""Plain progress lines for logs: a first line, about one per tenth of the way, and the last."""

import io

from logicdistill.cli.progress import PLAIN_NOTE_SECONDS, plain_progress, progress_bars


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


def test_a_note_is_written_once_a_while_has_passed_without_a_line():
    now = [0.0]
    stream = io.StringIO()
    advance = plain_progress(stream, clock=lambda: now[0])("pursuit kd vs optimal", 200)
    advance(0, note="200 in play at step 1")  # right after the first line: nothing new
    now[0] += PLAIN_NOTE_SECONDS - 1
    advance(0, note="200 in play at step 2")  # not yet
    now[0] += 1
    advance(0, note="200 in play at step 3")
    now[0] += 1
    advance(20)  # a tenth: the line carries the latest note
    advance(180)  # the end: no note
    assert stream.getvalue().splitlines() == [
        "pursuit kd vs optimal: 0/200 (0 s)",
        f"pursuit kd vs optimal: 0/200 ({PLAIN_NOTE_SECONDS:.0f} s, 200 in play at step 3)",
        f"pursuit kd vs optimal: 20/200 ({PLAIN_NOTE_SECONDS + 1:.0f} s, 200 in play at step 3)",
        f"pursuit kd vs optimal: 200/200 ({PLAIN_NOTE_SECONDS + 1:.0f} s)",
    ]


def test_progress_bars_fall_back_to_plain_lines_off_a_terminal(capsys):
    with progress_bars() as (progress, _console):
        progress("demo", 2)(2)
    assert "demo: 2/2" in capsys.readouterr().err
