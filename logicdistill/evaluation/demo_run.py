"""The main job on the embedded defaults: get the LD and KD adapters, play a seeded subset, report.

1. The LD and KD adapters: a finished adapter in the demo folder is reused; otherwise
   one is trained with the ``demo`` preset (an interrupted training resumes from its
   last checkpoint). The demo's own LD adapter is trained again when it learned older
   selection prompts (:data:`~logicdistill.training.prompts.SELECTION_PROMPT_VERSION`).
   LD data comes from the shipped reference bases' manuals, KD data from the
   reference bases' play (offline: no L-LLM, and the metadata says so).
2. The benchmark protocol (:mod:`.benchmark`) on the first N test starts / deals,
   for LD, KD (21 points only), the prompted student and the reference base, against the chosen
   evaders and the ``threshold`` opponent; episodes are appended as they finish, so
   an interrupted demo resumes where it stopped.
3. Tables (markdown, CSV, JSON), figures and an HTML report in the demo folder.

Left out on purpose: printing (the CLI's job) and the full-size runs
(``logicdistill train``, ``logicdistill benchmark``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from logicdistill.agents.registry import LOCAL_DEFAULTS, Models
from logicdistill.evaluation.benchmark import Plan, run_plan
from logicdistill.reports.tables import Row, markdown, write_tables
from logicdistill.tasks.base import TaskName
from logicdistill.training.adapter_metadata import METADATA_FILE, stale_selection_prompt

# KD plays 21 points only here: a weak KD student wanders for up to 100 pursuit steps of
# generation (minutes on 2 cores); `logicdistill benchmark` plays KD in both games.
DEMO_AGENTS = {
    "pursuit": ("ld", "prompted", "reference"),
    "twentyone": ("ld", "kd", "prompted", "reference"),
}
AdapterKind = str  # "ld" or "kd"


@dataclass(frozen=True)
class DemoSettings:
    out: Path = Path("runs/demo")
    pursuit_starts: int = 5
    games: int = 20
    evaders: tuple[str, ...] = ("optimal",)
    preset: str = "demo"
    student: str = "smollm2-135m"
    retrieval: str = "bm25"
    k: int = 4
    ld_adapter: Path | None = None  # None: out/ld-adapter (trained there when missing)
    kd_adapter: Path | None = None
    dtype: str = LOCAL_DEFAULTS.dtype.value  # how the local models play (training: TrainConfig's own)
    device: str = LOCAL_DEFAULTS.device
    threads: int | None = None  # torch CPU threads for training and play (None: torch's default)

    def adapter(self, kind: AdapterKind) -> Path:
        given = self.ld_adapter if kind == "ld" else self.kd_adapter
        return given if given is not None else self.out / f"{kind}-adapter"


@dataclass(frozen=True)
class AdapterUse:
    kind: AdapterKind
    path: Path
    trained_now: bool
    examples: int
    wall_seconds: float
    teacher_source: str


@dataclass(frozen=True)
class DemoResult:
    adapters: tuple[AdapterUse, ...]
    rows: tuple[Row, ...]
    tables: dict[str, Path]
    figures: tuple[Path, ...]


def is_trained(folder: Path) -> bool:
    return (folder / METADATA_FILE).is_file() and (folder / "adapter_config.json").is_file()


def ensure_adapter(
    kind: AdapterKind,
    folder: Path,
    preset_name: str,
    student: str,
    *,
    replace_stale: bool = False,
    threads: int | None = None,
    announce: Callable[[str], None] = lambda _: None,
) -> AdapterUse:
    """The finished adapter in ``folder``, training it with the preset first when there is none
    (and, with ``replace_stale``, when an LD adapter there was trained on older selection prompts);
    ``announce`` is told which of the three happens."""
    from dataclasses import replace

    from logicdistill.training.adapter_metadata import read_metadata

    trained = is_trained(folder)
    stale = stale_selection_prompt(folder) if trained else None
    train = not trained or (stale is not None and replace_stale)
    if not trained:
        announce(f"{kind.upper()} adapter: training with the {preset_name!r} preset into {folder}")
    elif train:
        announce(f"{kind.upper()} adapter: training again with the {preset_name!r} preset: {stale}")
    else:
        announce(f"{kind.upper()} adapter: reusing {folder}")
    if train:
        from logicdistill.training.presets import get_preset, kd_dataset, ld_dataset
        from logicdistill.training.sft import train_adapter

        preset = get_preset(preset_name)
        dataset = ld_dataset(preset) if kind == "ld" else kd_dataset(preset)
        train_adapter(
            dataset,
            folder,
            replace(preset.train, student=student, threads=threads),
            resume=stale is None,
            overwrite=stale is not None,
        )
    meta = read_metadata(folder)
    return AdapterUse(
        kind,
        folder,
        train,
        meta.data.used,
        round(sum(meta.training.sessions_s), 1),
        meta.data.teacher_source.value,
    )


def run_demo(
    settings: DemoSettings,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    announce: Callable[[str], None] = lambda _: None,
) -> DemoResult:
    adapters = []
    for kind in ("ld", "kd"):
        folder = settings.adapter(kind)
        own = folder == settings.out / f"{kind}-adapter"  # the demo's own: replaced when stale
        adapters.append(
            ensure_adapter(
                kind,
                folder,
                settings.preset,
                settings.student,
                replace_stale=own,
                threads=settings.threads,
                announce=announce,
            )
        )
    models = Models(
        student=settings.student,
        ld_adapters=dict.fromkeys(TaskName, adapters[0].path),
        kd_adapters=dict.fromkeys(TaskName, adapters[1].path),
        retrieval=settings.retrieval,
        k=settings.k,
        dtype=settings.dtype,
        device=settings.device,
        threads=settings.threads,
    )
    rows = []
    for table, agents in DEMO_AGENTS.items():
        plan = Plan(
            agents=agents,
            tables=(table,),
            evaders=settings.evaders,
            pursuit_limit=settings.pursuit_starts,
            twentyone_limit=settings.games,
        )
        rows += run_plan(plan, models, settings.out, progress)
    meta = {
        "command": "logicdistill demo",
        "subset": True,
        "pursuit_starts": settings.pursuit_starts,
        "twentyone_games": settings.games,
        "models": {
            "student": settings.student,
            "retrieval": settings.retrieval,
            "k": settings.k,
            "dtype": settings.dtype,
            "device": settings.device,
            "threads": settings.threads,
        },
        "adapters": [
            {"kind": a.kind, "path": str(a.path), "examples": a.examples, "teacher": a.teacher_source}
            for a in adapters
        ],
    }
    tables = write_tables(rows, settings.out, meta)
    (settings.out / "demo.json").write_text(json.dumps(meta, indent=2) + "\n")
    from logicdistill.reports.figures import figures_for

    figures = figures_for(settings.out, markdown(rows), evader=settings.evaders[0])
    return DemoResult(tuple(adapters), tuple(rows), tables, tuple(figures))
