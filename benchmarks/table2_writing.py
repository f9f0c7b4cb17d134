"""The filters the student writes for Table 2's restricted areas, chosen with and without the corner check.

Run: ``.venv/bin/python benchmarks/table2_writing.py [--games 100 | --boards 81 84 ...]
[--adapter runs/ld-w200b]``.
The student writes the filter of each of the first ``--games`` restricted test boards (or of
the boards ``--boards`` lists, by game index)
from the rule Table 2 gives it (:func:`logicdistill.emergency.table2.area_description`),
with the default :class:`~logicdistill.emergency.WritingConfig` and the known pieces, as
``logicdistill benchmark --tables pursuit-restricted`` does. From the same candidates it
then compares two choices: the writer's (a candidate that forbids every ``(x, y)`` cell the
rule names comes first, then numbers named and used, and retries for a rule whose candidates
all look misread) and the one before these (among the first ``samples`` candidates only:
numbers named, then votes, then the earlier candidate). Prints, for each choice, how many
filters forbid exactly the area, more, less, or both, then the boards where the two choices
differ. Writing only: no game is played.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from table2_filters import filter_class  # the sibling script: python puts benchmarks/ on sys.path


def before(written, samples: int):
    """The candidate the writer chose before the corner preference and the retries (None: nothing passed)."""
    passed = [c for c in written.candidates if c.passed and c.index < samples]
    if not passed:
        return None
    votes = Counter(c.forbidden for c in passed)
    return max(passed, key=lambda c: (c.named, votes[c.forbidden], -c.index))


def main() -> int:
    from logicdistill.emergency import WritingConfig, write_filters
    from logicdistill.emergency.table2 import area_description
    from logicdistill.evaluation.harness import pursuit_games
    from logicdistill.llm.factory import load_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--boards", type=int, nargs="+", metavar="INDEX", help="only these game indices")
    parser.add_argument("--adapter", type=Path, default=Path("runs/ld-w200b"))
    args = parser.parse_args()
    if not (args.adapter / "adapter_config.json").is_file():
        print(f"no LD adapter at {args.adapter}: pass --adapter", file=sys.stderr)
        return 2
    boards = pursuit_games(max(args.boards) + 1 if args.boards else args.games, restricted=True)
    if args.boards:
        wanted = set(args.boards)
        boards = [g for g in boards if g.index in wanted]
    model = load_model("smollm2-135m", adapter=args.adapter)
    rules = [area_description(g.config.restricted) for g in boards]
    pieces = [[*g.start.blues, g.start.orange] for g in boards]
    started = time.perf_counter()
    written = write_filters(model, rules, pieces=pieces)
    seconds = time.perf_counter() - started
    now, then = Counter(), Counter()
    differ = []
    for game, rule, w in zip(boards, rules, written, strict=True):
        area = set(game.config.restricted)
        old = before(w, WritingConfig().samples)
        new_kind = filter_class(set(w.forbidden_cells), area) if w.accepted else "refused"
        old_kind = filter_class(set(old.forbidden), area) if old is not None else "refused"
        now[new_kind] += 1
        then[old_kind] += 1
        if old is not None and old.index != w.chosen:
            differ.append(f"- game {game.index}: {rule} {old_kind} -> {new_kind}")
    print(f"{len(boards)} boards, {seconds:.0f} s writing, adapter {args.adapter}")
    print("| choice | exact | more | less | more and less | refused |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, counts in (("before the corner check and retries", then), ("the writer now", now)):
        cells = " | ".join(str(counts[k]) for k in ("exact", "more", "less", "more and less", "refused"))
        print(f"| {name} | {cells} |")
    print("\n".join(differ) or "the two choices agree on every board")
    return 0


if __name__ == "__main__":
    sys.exit(main())
