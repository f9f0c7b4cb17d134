"""The student writes an emergency filter (SPEC §1 Eq. 6): sample candidates, check each, keep one.

For each description, with typographic signs spelled in ASCII
(:func:`.description.plain_signs`): refuse it at once when the text is unusable
(:mod:`.description`); otherwise ask the model for ``samples`` replies to the
function-writing prompt it was trained on (``training.prompts.emergency_chat``;
the first greedy, the rest sampled with a seed), pull the code out of each
(:mod:`.code`), and run every candidate through the same gate as any function of
a base: the static check, then admission in a resource-limited child against the
``move_filter`` contract (:mod:`logicdistill.functions`). An admitted candidate
is then run on the whole board (:mod:`.probe`) to find the cells it forbids and
to check that they make sense. Among the candidates that pass everything, those
that forbid every cell the description names as ``(x, y)`` are preferred (a corner
left open is a misread rule: ``y 14..14`` for corners (0, 10) and (4, 14)), then
those whose numbers all come from the description (a number the rule never names
is most often a slip: ``y 10..18`` for "rows 10 to 11"), then those that use every
number the rule names, as often as it names it (or forbid blocks of that width or
height: "5x5 ... corners (8, 8) and (12, 12)"; a number dropped is a misread rule:
``x 13..13`` for "4 <= x <= 13", ``y 5..5`` for "bottom edge row 5, top edge row 6"
when the 6 also bounds x); then the forbidden set most of them agree on wins (ties: the
earlier candidate, so the greedy one first). When no passing candidate meets all
three (covers the named cells, names only numbers of the rule, uses every one),
``config.retries`` more are sampled, hotter, for that description, and join the
choice. A candidate with a reversed range (``9 <= m[1] <= 1``, an empty range: the
student's slip for "from y 9 down to y 1") also brings its repair, the same code
with those bounds swapped (:func:`.code.swap_reversed_ranges`), as one more candidate
that goes through every check and the same choice (``repair_of`` names its origin).
When none passes the result says so, with every reason.

All descriptions of one call share batched generation and one admission batch.
Left out on purpose: loading the model (:mod:`.model`), putting the filter into
a base (:mod:`.extend`) and playing games with it (:mod:`.games`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from logicdistill.emergency.code import code_numbers, extract_source, swap_reversed_ranges
from logicdistill.emergency.config import WritingConfig
from logicdistill.emergency.description import description_problems, numbers_in, plain_signs, points_in
from logicdistill.emergency.probe import Probe, probe_filter
from logicdistill.functions.admission import AdmissionJob, AdmissionLimits, admit_many
from logicdistill.functions.contracts import arity
from logicdistill.functions.static import static_check
from logicdistill.games.pursuit import Cell
from logicdistill.llm.base import Chat, GenerationConfig, LanguageModel
from logicdistill.tasks.base import Contract

CONTRACT = Contract.MOVE_FILTER
ENTRY = "filter_moves"  # the stage's canonical name, which the prompt asks for
STOP = ("\n```\n", "\n\n\n")  # the end of a fenced block or a long gap: the function is over


@dataclass(frozen=True)
class Candidate:
    """One sampled reply: the code found in it, and its verdict (reasons empty = passed every check)."""

    index: int
    reply: str
    code: str
    entry: str | None
    reasons: tuple[str, ...]
    forbidden: tuple[Cell, ...]
    named: bool = True  # every number the code computes with is one the description names
    covers: bool = True  # every (x, y) cell the description names is among the forbidden ones
    complete: bool = True  # the code uses each number of the description as often, or it is a block's side
    repair_of: int | None = None  # the candidate whose reversed ranges this one swaps (None: sampled)

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def trusted(self) -> bool:
        """Passed and fits every named cell and number (covers, named, complete): no need to sample more."""
        return self.passed and self.covers and self.named and self.complete


@dataclass(frozen=True)
class WrittenFilter:
    """The outcome of writing one emergency filter.

    ``accepted``: a candidate passed every check; ``code`` is it ("" otherwise)
    and ``forbidden_cells`` the board cells it removes. ``refusal`` says why
    nothing was accepted (the description, or every candidate's failure).
    """

    description: str
    board_size: int
    accepted: bool
    code: str
    entry: str | None
    forbidden_cells: tuple[Cell, ...]
    refusal: str | None
    candidates: tuple[Candidate, ...]
    chosen: int | None
    model: str

    @property
    def rejected(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if not c.passed)

    @property
    def named_cells_left_open(self) -> tuple[Cell, ...]:
        """The cells the description names as ``(x, y)`` that the accepted filter does not forbid:
        the student misread the rule (chosen only when no passing candidate forbade them all)."""
        forbidden = set(self.forbidden_cells)
        named = dict.fromkeys(points_in(plain_signs(self.description))) if self.accepted else {}
        return tuple(cell for cell in named if cell not in forbidden)

    def reasons(self) -> dict[int, tuple[str, ...]]:
        """Reasons per rejected candidate, by its index."""
        return {c.index: c.reasons for c in self.rejected}

    def to_json(self) -> dict:
        """The stable CLI answer (``accepted``, ``code``, ``forbidden_cells``) plus harmless detail."""
        return {
            "accepted": self.accepted,
            "code": self.code,
            "forbidden_cells": [[x, y] for x, y in self.forbidden_cells],
            "refusal": self.refusal,
            "board_size": self.board_size,
            "model": self.model,
            "chosen": self.chosen,
            "named_cells_left_open": [[x, y] for x, y in self.named_cells_left_open],
            "candidates": [
                {
                    "index": c.index,
                    "passed": c.passed,
                    "named": c.named,
                    "covers": c.covers,
                    "complete": c.complete,
                    "repair_of": c.repair_of,
                    "reasons": list(c.reasons),
                    "code": c.code,
                }
                for c in self.candidates
            ],
        }


def writing_chat(description: str) -> Chat:
    """The function-writing prompt, exactly as the student was trained on it."""
    from logicdistill.training.prompts import emergency_chat

    return emergency_chat(description)


def write_filter(
    model: LanguageModel,
    description: str,
    config: WritingConfig | None = None,
    *,
    pieces: Iterable[Cell] = (),
    limits: AdmissionLimits | None = None,
) -> WrittenFilter:
    """Write, check and choose a filter for one description (see the module doc)."""
    return write_filters(model, [description], config, pieces=[tuple(pieces)], limits=limits)[0]


def write_filters(
    model: LanguageModel,
    descriptions: Sequence[str],
    config: WritingConfig | None = None,
    *,
    pieces: Sequence[Iterable[Cell]] | None = None,
    limits: AdmissionLimits | None = None,
) -> list[WrittenFilter]:
    """:func:`write_filter` for many descriptions, generation batched; ``pieces[i]``: known piece cells."""
    config = config or WritingConfig()
    pieces = [tuple(p) for p in pieces] if pieces is not None else [()] * len(descriptions)
    if len(pieces) != len(descriptions):
        raise ValueError(f"got {len(descriptions)} descriptions but {len(pieces)} piece lists")
    texts = [plain_signs(d) for d in descriptions]  # what the checks and the student read
    refusals = [description_problems(t, config.board_size) for t in texts]
    live = [i for i, problems in enumerate(refusals) if not problems]
    replies = dict(zip(live, _sample(model, [texts[i] for i in live], config), strict=True))
    candidates = _judge(texts, replies, config, pieces, limits)
    _add_repairs(texts, candidates, config, pieces, limits)
    doubtful = [i for i in live if config.retries and not any(c.trusted for c in candidates[i])]
    if doubtful:
        hotter = [texts[i] for i in doubtful]
        extra = dict(zip(doubtful, _sample_hot(model, hotter, config), strict=True))
        more = _judge(texts, extra, config, pieces, limits, first={i: len(candidates[i]) for i in doubtful})
        for i in doubtful:
            candidates[i] += more[i]
        _add_repairs(texts, {i: candidates[i] for i in doubtful}, config, pieces, limits)
    out = []
    for i, description in enumerate(descriptions):
        if refusals[i]:
            out.append(refused_filter(description, config, "; ".join(refusals[i]), model.name))
        else:
            out.append(_choose(description, config, tuple(candidates[i]), model.name))
    return out


def _judge(
    descriptions: Sequence[str],
    replies: dict[int, list[str]],
    config: WritingConfig,
    pieces: Sequence[tuple[Cell, ...]],
    limits: AdmissionLimits | None,
    first: dict[int, int] | None = None,
    origins: dict[int, list[int]] | None = None,
) -> dict[int, list[Candidate]]:
    """Every reply of ``replies[i]`` as a checked and probed candidate for ``descriptions[i]``.

    Their indices start at ``first[i]`` (default 0); ``origins[i]``: the candidate each one repairs.
    """
    codes = {i: [extract_source(r) for r in rs] for i, rs in replies.items()}
    verdicts = _check_sources({code for cs in codes.values() for code in cs}, limits)
    out: dict[int, list[Candidate]] = {}
    for i, rs in replies.items():
        description, out[i] = descriptions[i], []
        named_cells = set(points_in(description))
        probes: dict[str, Probe] = {}
        repairs = origins[i] if origins else [None] * len(rs)
        for k, (reply, code, repair_of) in enumerate(
            zip(rs, codes[i], repairs, strict=True), start=(first or {}).get(i, 0)
        ):
            reasons, entry = verdicts[code]
            forbidden: tuple[Cell, ...] = ()
            if not reasons:
                if code not in probes:
                    probes[code] = probe_filter(
                        code, config.board_size, pieces=pieces[i], budget_s=config.probe_budget_s, entry=entry
                    )
                reasons, forbidden = probes[code].reasons, probes[code].forbidden
            covers = named_cells <= set(forbidden)
            numbers = code_numbers(code)
            named, complete = (
                names_only(numbers, description),
                uses_every_number(numbers, forbidden, description),
            )
            out[i].append(
                Candidate(k, reply, code, entry, reasons, forbidden, named, covers, complete, repair_of)
            )
    return out


def _add_repairs(
    descriptions: Sequence[str],
    candidates: dict[int, list[Candidate]],
    config: WritingConfig,
    pieces: Sequence[tuple[Cell, ...]],
    limits: AdmissionLimits | None,
) -> None:
    """Append to ``candidates[i]`` the judged repair of each reversed-range candidate (each code once)."""
    sources: dict[int, list[str]] = {}
    origins: dict[int, list[int]] = {}
    for i, found in candidates.items():
        seen = {c.code for c in found}
        for c in found:
            repaired = swap_reversed_ranges(c.code) if c.repair_of is None else None
            if repaired is not None and repaired not in seen:
                seen.add(repaired)
                sources.setdefault(i, []).append(repaired)
                origins.setdefault(i, []).append(c.index)
    if sources:
        first = {i: len(candidates[i]) for i in sources}
        judged = _judge(descriptions, sources, config, pieces, limits, first=first, origins=origins)
        for i, more in judged.items():
            candidates[i] += more


def names_only(numbers: Counter[int] | None, description: str) -> bool:
    """Whether every number of a code (``numbers``; None: unreadable code) is named in ``description``."""
    return numbers is not None and set(numbers) <= set(numbers_in(description))


def uses_every_number(numbers: Counter[int] | None, forbidden: Sequence[Cell], description: str) -> bool:
    """Whether the code uses each number of ``description`` as often as it names it (``4 <= x <= 11``
    and ``4 <= y <= 11`` for "x and y from 4 to 11"), or the number is a side of a forbidden block
    (the 5 of "5x5")."""
    if numbers is None:
        return False
    sides = block_sides(forbidden)
    return all(numbers[n] >= times or n in sides for n, times in Counter(numbers_in(description)).items())


def block_sides(cells: Sequence[Cell]) -> set[int]:
    """The widths and heights of the bounding boxes of the 4-connected blocks of ``cells``."""
    left, sides = set(cells), set()
    while left:
        block, todo = [], [left.pop()]
        while todo:
            x, y = todo.pop()
            block.append((x, y))
            for step in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if step in left:
                    left.remove(step)
                    todo.append(step)
        xs, ys = [c[0] for c in block], [c[1] for c in block]
        sides |= {max(xs) - min(xs) + 1, max(ys) - min(ys) + 1}
    return sides


def _sample(model: LanguageModel, descriptions: Sequence[str], config: WritingConfig) -> list[list[str]]:
    """``config.samples`` replies per description: one greedy, the rest sampled with ``config.seed``."""
    if not descriptions:
        return []
    chats = [writing_chat(d) for d in descriptions]
    greedy = GenerationConfig(max_new_tokens=config.max_new_tokens, stop=STOP)
    firsts = model.generate(chats, greedy)  # before the sampled batch: the order the student is asked in
    sampled = _sampled(model, chats, config.samples - 1, config.temperature, config.seed, config)
    return [[first, *more] for first, more in zip(firsts, sampled, strict=True)]


def _sample_hot(model: LanguageModel, descriptions: Sequence[str], config: WritingConfig) -> list[list[str]]:
    """``config.retries`` more replies per description, sampled at ``config.retry_temperature``."""
    chats = [writing_chat(d) for d in descriptions]
    return _sampled(model, chats, config.retries, config.retry_temperature, config.seed + 1, config)


def _sampled(
    model: LanguageModel,
    chats: Sequence[Chat],
    count: int,
    temperature: float,
    seed: int,
    config: WritingConfig,
) -> list[list[str]]:
    """``count`` sampled replies per chat, all in one batch (no call when ``count`` is 0)."""
    if not count:
        return [[] for _ in chats]
    sampling = GenerationConfig(
        max_new_tokens=config.max_new_tokens, temperature=temperature, seed=seed, stop=STOP
    )
    answers = model.generate([c for c in chats for _ in range(count)], sampling)
    return [answers[j : j + count] for j in range(0, len(answers), count)]


def _check_sources(
    sources: set[str], limits: AdmissionLimits | None
) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """Static check, then admission of what passed it (one batch): (reasons, entry) per distinct source.

    The entry is ``filter_moves`` when the code defines it, else its only top-level function.
    """
    verdicts: dict[str, tuple[tuple[str, ...], str | None]] = {}
    waiting: list[tuple[str, str]] = []
    for source in sorted(sources):
        if not source.strip():
            verdicts[source] = (("the reply holds no Python function",), None)
            continue
        checked = static_check(source, arity=arity(CONTRACT), canonical=ENTRY)
        if checked.accepted and checked.entry is not None:
            waiting.append((source, checked.entry))
        else:
            verdicts[source] = (checked.reasons, None)
    jobs = [AdmissionJob(source, CONTRACT, entry) for source, entry in waiting]
    for (source, entry), reasons in zip(waiting, admit_many(jobs, limits=limits), strict=True):
        verdicts[source] = (reasons, entry)
    return verdicts


def _choose(
    description: str, config: WritingConfig, candidates: tuple[Candidate, ...], model: str
) -> WrittenFilter:
    passed = [c for c in candidates if c.passed]
    if not passed:
        summary = "; ".join(f"candidate {c.index + 1}: {c.reasons[0]}" for c in candidates)
        refusal = f"no candidate passed the checks ({summary})"
        return WrittenFilter(
            description, config.board_size, False, "", None, (), refusal, candidates, None, model
        )
    votes = Counter(c.forbidden for c in passed)
    best = max(passed, key=lambda c: (c.covers, c.named, c.complete, votes[c.forbidden], -c.index))
    return WrittenFilter(
        description,
        config.board_size,
        True,
        best.code,
        best.entry,
        best.forbidden,
        None,
        candidates,
        best.index,
        model,
    )


def refused_filter(description: str, config: WritingConfig, reason: str, model: str) -> WrittenFilter:
    """The answer for a description refused before any model call."""
    return WrittenFilter(description, config.board_size, False, "", None, (), reason, (), None, model)
