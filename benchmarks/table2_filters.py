"""How the filters the student wrote for Table 2 differ from their games' restricted areas.

Run: ``.venv/bin/python benchmarks/table2_filters.py EPISODES.jsonl [--list]``, e.g. on
``runs/t2b/episodes/pursuit-restricted-ld-vs-optimal.jsonl`` (the episodes the
benchmark writes for ``--agents ld --tables pursuit-restricted``). Each episode keeps its
written filter's code and the area's cells; the code runs again on the whole board
through the run-time guard (:func:`logicdistill.emergency.probe.probe_filter`, as when it
was written), and the cells it forbids are compared with the area: exact, more (the area
and other cells), less (only part of the area: a dot could step into the rest), or both.
Prints the counts with each class's game outcomes and, with ``--list``, every filter
that is not exact. Episodes without a written filter are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from logicdistill.emergency.probe import probe_filter

CLASSES = ("exact", "more", "less", "more and less", "refused or unreadable")


def classify(record: dict) -> tuple[str, int, int]:
    """(class, cells forbidden outside the area, area cells left open) of one episode's filter."""
    written = record["written_filter"]
    if not written["accepted"]:
        return CLASSES[4], 0, 0
    probe = probe_filter(written["code"], record["size"])
    if not probe.forbidden:
        return CLASSES[4], 0, 0
    forbidden, area = set(probe.forbidden), {tuple(c) for c in record["restricted"]}
    return filter_class(forbidden, area), len(forbidden - area), len(area - forbidden)


def filter_class(forbidden: set, area: set) -> str:
    """exact, more, less or "more and less": how the cells a filter forbids compare with the area."""
    extra, missed = bool(forbidden - area), bool(area - forbidden)
    return {(False, False): "exact", (True, False): "more", (False, True): "less"}.get(
        (extra, missed), "more and less"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episodes", type=Path)
    parser.add_argument("--list", action="store_true", help="print every filter that is not exact")
    args = parser.parse_args()
    if not args.episodes.is_file():
        print(f"no episodes file at {args.episodes}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.episodes.read_text().splitlines() if line.strip()]
    written = [r for r in records if "written_filter" in r]
    counts: Counter[str] = Counter()
    outcomes: dict[str, Counter[str]] = {kind: Counter() for kind in CLASSES}
    listed = []
    for record in written:
        kind, extra, missed = classify(record)
        counts[kind] += 1
        outcomes[kind][record["outcome"]] += 1
        if kind != "exact":
            code = record["written_filter"]["code"].strip().splitlines()[-1].strip()
            listed.append(f"- game {record['index']} ({kind}: +{extra} / -{missed} cells, "
                          f"{record['outcome']} in {record['steps']} steps): {code}")  # fmt: skip
    print(f"{len(written)} episodes with a written filter, {len(records) - len(written)} without")
    print("| filter | games | outcomes |")
    print("| --- | ---: | --- |")
    for kind in CLASSES:
        shown = ", ".join(f"{name} {n}" for name, n in sorted(outcomes[kind].items())) or "–"
        print(f"| {kind} | {counts[kind]} | {shown} |")
    if args.list:
        print("\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
