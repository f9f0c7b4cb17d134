"""KD data (SPEC §1 item 6, DESIGN §3): a teacher's decisions on the KD starts / deals, as prompt -> answer.

Two teachers, never confused in the metadata:

- offline (no endpoint): a function base's logic - by default the shipped
  reference base - played through :class:`FunctionBasePursuer` /
  :class:`FunctionBasePlayer` against a scripted evader / opponent; labelled
  ``reference-function-base`` (or ``teacher-function-base`` for a base an L-LLM
  wrote). No teacher call is made.
- an L-LLM endpoint (the paper's KD): the model plays the same games itself, all
  games in lock-step so each round is one batched ``generate`` call; its readable
  answers become the examples, labelled ``l-llm``, with the calls and tokens it cost.

Pursuit: the 221 ``kd_starts()`` on the open board (as in the paper); 21 points:
``KD_DEAL_SEEDS`` from both seats against the opponent. Prompts and answer formats
are :mod:`.kd_prompt`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from logicdistill.agents.composed import FunctionBasePlayer, FunctionBasePursuer
from logicdistill.errors import UserError
from logicdistill.functions.guard import LABELLING_BUDGET_S
from logicdistill.games import pursuit as pg
from logicdistill.games import twentyone as tg
from logicdistill.games.pursuit_policies import make_evader
from logicdistill.games.runner import run_pursuit, run_twentyone
from logicdistill.games.twentyone_policies import make_opponent
from logicdistill.llm.base import GenerationConfig, LanguageModel
from logicdistill.llm.usage import UsageMeter
from logicdistill.tasks.base import TaskName
from logicdistill.training import kd_prompt
from logicdistill.training.dataset_file import Dataset, seal
from logicdistill.training.ld_data import LoadedBase, base_source, label_picker, now, teacher_source
from logicdistill.training.records import (
    DATASET_FORMAT_VERSION,
    Cost,
    Counts,
    DatasetKind,
    DatasetMetadata,
    KDExample,
    TeacherSource,
)
from logicdistill.training.seeds import KD_DEAL_SEEDS

TEACHER_DECODING = GenerationConfig(max_new_tokens=kd_prompt.KD_MAX_NEW_TOKENS, temperature=0.0)


@dataclass(frozen=True)
class KDConfig:
    """Which games the teacher plays and against whom."""

    evader: str = field(default="greedy", metadata={"help": "pursuit: random, greedy or optimal"})
    opponent: str = field(default="threshold", metadata={"help": "21 points: threshold, random or optimal"})
    games: int | None = field(
        default=None, metadata={"help": "play only the first N starts / deals (None: all 221)"}
    )

    def seeds(self, task: TaskName) -> tuple[int, ...]:
        seeds = pg.KD_START_SEEDS if task is TaskName.PURSUIT else KD_DEAL_SEEDS
        if self.games is not None:
            if self.games < 1:
                raise UserError(f"games must be at least 1, not {self.games}")
            seeds = seeds[: self.games]
        return seeds


@dataclass
class _Tally:
    examples: list[KDExample] = field(default_factory=list)
    unreadable: int = 0  # teacher answers (or dots) that could not be read: no example
    illegal: int = 0  # readable teacher decisions the rules rejected (kept as examples: that IS its output)


def build_kd_dataset(
    task: TaskName,
    config: KDConfig = KDConfig(),
    *,
    base: LoadedBase | None = None,
    teacher: LanguageModel | None = None,
    meter: UsageMeter | None = None,
) -> Dataset:
    """KD data from ``teacher`` (an L-LLM, metered by ``meter``) or, without one, from ``base``'s play."""
    if (teacher is None) == (base is None):
        raise ValueError("give exactly one of base (offline teacher logic) and teacher (an L-LLM)")
    seeds = config.seeds(task)
    opponent = config.evader if task is TaskName.PURSUIT else config.opponent
    before = meter.report().total if meter is not None else None
    if teacher is not None:
        tally = (
            _llm_pursuit(teacher, seeds, config)
            if task is TaskName.PURSUIT
            else _llm_21(teacher, seeds, config)
        )
    else:
        if base.base.task is not task:
            raise UserError(f"the base is for {base.base.task.value}, not {task.value}")
        tally = (
            _base_pursuit(base, seeds, config) if task is TaskName.PURSUIT else _base_21(base, seeds, config)
        )
    if not tally.examples:
        raise UserError("the teacher gave no usable decision: the KD dataset would be empty")
    cost = Cost()
    if meter is not None and before is not None:
        spent = meter.report().total
        cost = Cost(
            spent.calls - before.calls,
            spent.prompt_tokens - before.prompt_tokens,
            spent.completion_tokens - before.completion_tokens,
        )
    notes = [f"{tally.unreadable} unreadable teacher decisions (no example)"]
    notes.append(f"{tally.illegal} readable but illegal teacher decisions (kept: imitation keeps its output)")
    metadata = DatasetMetadata(
        format_version=DATASET_FORMAT_VERSION,
        dataset=DatasetKind.KD,
        task=task,
        created=now(),
        teacher_source=TeacherSource.L_LLM if teacher is not None else teacher_source(base.base),
        teacher_model=teacher.name if teacher is not None else base.base.provenance.model,
        base=None if base is None else base_source(base),
        generator_seed=None,
        writing_seed=None,
        game_seeds=seeds,
        opponent=opponent,
        counts=Counts(),
        generation_cost=cost,
        examples_sha256="",
        notes=tuple(notes),
    )
    return seal(metadata, tally.examples)


# ---------------------------------------------------------------- offline: a function base plays


def _base_pursuit(base: LoadedBase, seeds: tuple[int, ...], config: KDConfig) -> _Tally:
    tally = _Tally()
    board = pg.PursuitConfig()
    pursuer = FunctionBasePursuer(
        base.base, label_picker(base.base), budget_s=LABELLING_BUDGET_S, name="kd-teacher"
    )
    evader = make_evader(config.evader, board)
    for seed in seeds:
        episode = run_pursuit(
            board, pg.start_from_seed(seed, board), pursuer, evader, np.random.default_rng(seed)
        )
        for step, (choices, flags) in enumerate(
            zip(episode.blue_choices, episode.illegal_flags, strict=True)
        ):
            if any(c is None for c in choices):
                tally.unreadable += 1
                continue
            tally.illegal += sum(flags)
            chat = kd_prompt.pursuit_chat(board, episode.states[step])
            tally.examples.append(
                KDExample(TaskName.PURSUIT, seed, step + 1, None, chat, kd_prompt.pursuit_answer(choices))
            )
    return tally


def _base_21(base: LoadedBase, seeds: tuple[int, ...], config: KDConfig) -> _Tally:
    tally = _Tally()
    player = FunctionBasePlayer(
        base.base, label_picker(base.base), budget_s=LABELLING_BUDGET_S, name="kd-teacher"
    )
    opponent = make_opponent(config.opponent)
    for seed in seeds:
        for seat in (0, 1):
            players = (player, opponent) if seat == 0 else (opponent, player)
            episode = run_twentyone(tg.deal_from_seed(seed), players, np.random.default_rng(seed))
            for turn, move in enumerate(episode.moves):
                if move.seat != seat:
                    continue
                if move.illegal:
                    tally.unreadable += 1
                    continue
                chat = kd_prompt.twentyone_chat(episode.states[turn], seat)
                tally.examples.append(KDExample(TaskName.TWENTYONE, seed, turn, seat, chat, move.said))
    return tally


# ---------------------------------------------------------------- an L-LLM plays, games in lock-step


def _llm_pursuit(teacher: LanguageModel, seeds: tuple[int, ...], config: KDConfig) -> _Tally:
    tally = _Tally()
    board = pg.PursuitConfig()
    evader = make_evader(config.evader, board)
    states = {seed: pg.start_from_seed(seed, board) for seed in seeds}
    rngs = {seed: np.random.default_rng(seed) for seed in seeds}
    active = list(seeds)
    while active:
        chats = [kd_prompt.pursuit_chat(board, states[seed]) for seed in active]
        replies = teacher.generate(chats, TEACHER_DECODING)
        for seed, chat, reply in zip(active, chats, replies, strict=True):
            state = states[seed]
            choices = kd_prompt.parse_pursuit_answer(reply)
            after, flags = pg.apply_blue(board, state, choices)
            if any(c is None for c in choices):
                tally.unreadable += 1
            else:
                tally.illegal += sum(flags)
                tally.examples.append(
                    KDExample(
                        TaskName.PURSUIT, seed, state.step + 1, None, chat, kd_prompt.pursuit_answer(choices)
                    )
                )
            if not after.done:
                after, _erred = pg.apply_orange(board, after, evader.choose(board, after, rngs[seed]))
            states[seed] = after
        active = [seed for seed in active if not states[seed].done]
    return tally


def _llm_21(teacher: LanguageModel, seeds: tuple[int, ...], config: KDConfig) -> _Tally:
    tally = _Tally()
    opponent = make_opponent(config.opponent)
    games = [(seed, seat) for seed in seeds for seat in (0, 1)]
    states = {game: tg.deal_from_seed(game[0]) for game in games}
    turns = dict.fromkeys(games, 0)
    rngs = {game: np.random.default_rng(game[0]) for game in games}
    while True:
        for game in games:  # the opponent moves until it is the teacher's turn or the game is over
            while not states[game].done and states[game].to_move != game[1]:
                state = states[game]
                states[game], _ = tg.apply_action(state, opponent.choose(state, state.to_move, rngs[game]))
                turns[game] += 1
        waiting = [game for game in games if not states[game].done]
        if not waiting:
            return tally
        chats = [kd_prompt.twentyone_chat(states[game], game[1]) for game in waiting]
        replies = teacher.generate(chats, TEACHER_DECODING)
        for game, chat, reply in zip(waiting, chats, replies, strict=True):
            action = kd_prompt.parse_twentyone_answer(reply)
            if action is None:
                tally.unreadable += 1
            else:
                tally.examples.append(
                    KDExample(TaskName.TWENTYONE, game[0], turns[game], game[1], chat, action.value)
                )
            states[game], _ = tg.apply_action(states[game], action)
            turns[game] += 1
