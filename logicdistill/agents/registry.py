"""Agents by name for the harness: blue sides / players under test and evaders / opponents.

Under test: ``ld`` (Algorithm 1 with the LD adapter), ``ld-untuned`` (Algorithm 1, no
adapter: an ablation), ``prompted`` (raw student),
``kd`` (student + KD adapter), ``llm-teacher`` (prompted L-LLM, only with an
endpoint), ``reference`` (the function base run by its own chain, no model). On
restricted boards (Table 2) the LD agents first write each area's filter
(:func:`make_restricted_ld`).
Other side: pursuit ``llm``, ``optimal``, ``greedy``, ``random``; 21 points
``threshold``, ``llm``, ``random``, ``optimal``. Models load lazily, once per
(spec, adapter), through :class:`Models`. Unknown names and missing adapters or
endpoints are :class:`UserError` with one line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from logicdistill.errors import UserError
from logicdistill.llm.local import DType, LocalModelConfig
from logicdistill.tasks.base import TaskName

AGENT_NAMES = ("ld", "ld-untuned", "prompted", "kd", "llm-teacher", "reference")
EVADER_NAMES = ("llm", "optimal", "greedy", "random")
OPPONENT_NAMES = ("threshold", "llm", "random", "optimal")
ENDPOINT_ENV = "LOGICDISTILL_BASE_URL"
ADAPTER_CONFIG = "adapter_config.json"  # PEFT's
LOCAL_DEFAULTS = LocalModelConfig()  # float32 on cpu: the precision of every row not marked otherwise


@dataclass
class Models:
    """Where the models come from; loads each (spec, adapter) once."""

    student: str = "smollm2-135m"
    ld_adapters: dict[TaskName, Path | None] = field(default_factory=dict)
    kd_adapters: dict[TaskName, Path | None] = field(default_factory=dict)
    teacher: str | None = None  # an openai:<model> spec; None: no L-LLM row
    retrieval: str = "bm25"
    k: int = 4
    threads: int | None = None
    dtype: str = LOCAL_DEFAULTS.dtype.value  # a DType value
    device: str = LOCAL_DEFAULTS.device  # a torch device, e.g. cuda or cuda:1
    _cache: dict = field(default_factory=dict, repr=False)

    def load(self, spec: str, adapter: Path | None = None):
        key = (spec, None if adapter is None else str(adapter))
        if key not in self._cache:
            from logicdistill.llm.factory import load_model

            local = LocalModelConfig(threads=self.threads, dtype=DType(self.dtype), device=self.device)
            self._cache[key] = load_model(spec, adapter=adapter, local=local)
        return self._cache[key]

    @property
    def precision(self) -> str:
        """How the local models run when not the defaults (float32 on cpu), e.g. "bfloat16 on cuda";
        "" on the defaults. Episodes of a trained agent record it beside their adapter's digest."""
        if (self.dtype, self.device) == (LOCAL_DEFAULTS.dtype.value, LOCAL_DEFAULTS.device):
            return ""
        return f"{self.dtype} on {self.device}"

    def teacher_model(self):
        if self.teacher is None and not os.environ.get(ENDPOINT_ENV):
            raise UserError(f"llm-teacher needs an L-LLM endpoint: set {ENDPOINT_ENV} or pass --teacher")
        from logicdistill.llm.factory import load_model

        return load_model(self.teacher or "openai:")

    def adapter(self, kind: str, task: TaskName) -> Path:
        """The ``kind`` adapter for ``task``: the folder given, or its ``<task>`` subfolder when that
        holds an adapter; one line saying what is wrong when neither is one for this game."""
        given = (self.ld_adapters if kind == "ld" else self.kd_adapters).get(task)
        needs = f"the {kind} agent for {task.value} needs a trained adapter"
        if given is None:
            raise UserError(f"{needs} (none given: pass --{kind}-adapter)")
        folder = Path(given, task.value) if Path(given, task.value, ADAPTER_CONFIG).is_file() else Path(given)
        if not (folder / ADAPTER_CONFIG).is_file():
            what = "no such folder" if not folder.exists() else f"no {ADAPTER_CONFIG} in it"
            raise UserError(f"{needs} (none at {folder}: {what}; `logicdistill train {kind}` makes one)")
        made_for = _trained_for(folder)
        if made_for is not None and made_for != task.value:
            raise UserError(f"{needs} (the one at {folder} was trained for {made_for})")
        return folder


def _trained_for(folder: Path) -> str | None:
    """The game an adapter of ours was trained on (None: both games, or not recorded)."""
    from logicdistill.training.adapter_metadata import METADATA_FILE

    try:
        return json.loads((folder / METADATA_FILE).read_text())["data"]["task"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def teacher_available(models: Models) -> bool:
    return models.teacher is not None or bool(os.environ.get(ENDPOINT_ENV))


def _ld_selector(models: Models, task: TaskName, tuned: bool = True):
    from logicdistill.agents.ld import LDSelector
    from logicdistill.reference import load_reference
    from logicdistill.retrieval.factory import make_retriever
    from logicdistill.training.adapter_metadata import stale_selection_prompt

    base = load_reference(task)
    adapter = models.adapter("ld", task) if tuned else None
    if adapter is not None and (why := stale_selection_prompt(adapter)):
        raise UserError(f"{why}: train it again (logicdistill train ld DIR; the demo retrains its own)")
    model = models.load(models.student, adapter)
    return LDSelector(base, model, make_retriever(base, models.retrieval), k=models.k)


def make_pursuer(name: str, models: Models):
    from logicdistill.agents import prompted
    from logicdistill.agents.batched import ScriptedPursuer

    task = TaskName.PURSUIT
    if name == "ld":
        from logicdistill.agents.ld import LDPursuer

        return LDPursuer(_ld_selector(models, task))
    if name == "ld-untuned":
        from logicdistill.agents.ld import LDPursuer

        return LDPursuer(_ld_selector(models, task, tuned=False), "ld-untuned")
    if name == "prompted":
        return prompted.PromptedPursuer(models.load(models.student), "prompted")
    if name == "kd":
        return prompted.PromptedPursuer(models.load(models.student, models.adapter("kd", task)), "kd")
    if name == "llm-teacher":
        return prompted.PromptedPursuer(models.teacher_model(), "llm-teacher")
    if name == "reference":
        from logicdistill.reference import reference_pursuer

        return ScriptedPursuer(reference_pursuer(), "reference")
    raise UserError(f"unknown agent {name!r} (known: {', '.join(AGENT_NAMES)})")


def make_restricted_ld(name: str, models: Models, boards):
    """``ld`` / ``ld-untuned`` on restricted ``boards``, (config, start) pairs (Table 2).

    The student writes each board's filter from the rule in words (Eq. 6, batched), then
    selects the chains (:mod:`logicdistill.emergency.ld_play`), with the default WritingConfig.
    """
    from logicdistill.emergency import write_filters
    from logicdistill.emergency.ld_play import written_filter_pursuer
    from logicdistill.emergency.table2 import area_description

    selector = _ld_selector(models, TaskName.PURSUIT, tuned=name == "ld")
    rules = [area_description(board.restricted) for board, _start in boards]
    pieces = [[*start.blues, start.orange] for _board, start in boards]
    written = write_filters(selector.model, rules, pieces=pieces)
    return written_filter_pursuer(selector, [board for board, _start in boards], written, name)


def make_evader(name: str, config, models: Models):
    from logicdistill.agents.batched import ScriptedEvader

    if name == "llm":
        from logicdistill.agents.prompted import LLMEvader

        return LLMEvader(models.load(models.student))
    if name in ("optimal", "greedy", "random"):
        from logicdistill.games.pursuit_policies import make_evader as scripted

        return ScriptedEvader(scripted(name, config))
    raise UserError(f"unknown evader {name!r} (known: {', '.join(EVADER_NAMES)})")


def make_player(name: str, models: Models):
    from logicdistill.agents import prompted
    from logicdistill.agents.batched import ScriptedPlayer

    task = TaskName.TWENTYONE
    if name == "ld":
        from logicdistill.agents.ld import LDPlayer

        return LDPlayer(_ld_selector(models, task))
    if name == "ld-untuned":
        from logicdistill.agents.ld import LDPlayer

        return LDPlayer(_ld_selector(models, task, tuned=False), "ld-untuned")
    if name == "prompted":
        return prompted.PromptedPlayer(models.load(models.student), "prompted")
    if name == "kd":
        return prompted.PromptedPlayer(models.load(models.student, models.adapter("kd", task)), "kd")
    if name == "llm-teacher":
        return prompted.PromptedPlayer(models.teacher_model(), "llm-teacher")
    if name == "reference":
        from logicdistill.reference import reference_player

        return ScriptedPlayer(reference_player(), "reference")
    raise UserError(f"unknown agent {name!r} (known: {', '.join(AGENT_NAMES)})")


def make_opponent(name: str, models: Models):
    from logicdistill.agents.batched import ScriptedPlayer

    if name == "llm":
        from logicdistill.agents.prompted import LLMOpponent

        return LLMOpponent(models.load(models.student))
    if name in ("threshold", "random", "optimal"):
        from logicdistill.games.twentyone_policies import make_opponent as scripted

        return ScriptedPlayer(scripted(name), name)
    raise UserError(f"unknown opponent {name!r} (known: {', '.join(OPPONENT_NAMES)})")
