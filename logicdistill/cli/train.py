"""``logicdistill train``: build LD / KD datasets and LoRA fine-tune the student on them (SPEC §1 items 3, 6).

::

    logicdistill train ld OUT_DIR [--task pursuit|twentyone|both] [--base FILE] [--preset demo|full]
        [--positions N] [--writing N] [--candidates pool|stage|base] [--dataset FILE] [--save-dataset FILE]
        [--epochs E] [--learning-rate LR] [--batch-size B] [--max-steps N] [--max-examples N]
        [--max-length N] [--lora-r R] [--lora-targets NAMES] [--threads N] [--seed S] [--student SPEC]
        [--overwrite | --resume] [--no-progress] [--json]
    logicdistill train kd OUT_DIR [--task ...] [--base FILE | --teacher-model SPEC [--teacher-url URL]
        [--api-key-env NAME]] [--games N] [--evader NAME] [--opponent NAME] [...the training flags above]
    logicdistill train data ld|kd OUT.jsonl [...the data flags of ld / kd] [--seed S] [--overwrite] [--json]

``--task both`` (the default) builds each game's dataset from the preset and merges
them in a shuffled order seeded by ``--seed``; ``--base`` (one game's function base
instead of the shipped reference) needs a single game and sets it when ``--task`` is
left out. The KD teacher is the base's play (offline, no teacher call) unless
``--teacher-model`` / ``--teacher-url`` name an L-LLM. Flags override single fields of
the preset; their help text is the settings' own (``TrainConfig``, ``LDConfig``,
``KDConfig``). A training run ends with a short summary or, with ``--json``, one JSON
object (training's own log lines then go to stderr). Every user mistake is found before
anything is written. Building data is :mod:`logicdistill.training`'s job; this module
parses flags and prints.
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Annotated, Any

import typer

from logicdistill.cli.teach import KEY_HELP, TEACHER_HELP, URL_HELP, _api_key
from logicdistill.errors import UserError
from logicdistill.training.config import TrainConfig, help_text
from logicdistill.training.kd_data import KDConfig
from logicdistill.training.ld_data import LDConfig
from logicdistill.training.presets import PRESETS

BOTH = "both"
DEFAULT_PRESET = "demo"


def field_help(config: type, name: str) -> str:
    """The help text of a data setting (``LDConfig`` / ``KDConfig``), written once on the field."""
    for f in fields(config):
        if f.name == name:
            return f.metadata["help"]
    raise KeyError(name)


def _train_help(name: str) -> str:
    return f"{help_text(name)} (default: the preset's)"


def _data_help(config: type, name: str) -> str:
    return f"{field_help(config, name)} (default: the preset's)"


OutDir = Annotated[Path, typer.Argument(metavar="OUT_DIR", help="Folder of the adapter (a new one).")]
TaskOpt = Annotated[
    str | None,
    typer.Option(metavar="TASK", help="pursuit, twentyone or both (default both; with --base: its game)."),
]
BaseOpt = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="A function base file instead of the shipped reference (one game)."),
]
PresetOpt = Annotated[
    str, typer.Option(metavar="NAME", help=f"Training size: {', '.join(PRESETS)}; flags override its fields.")
]
PositionsOpt = Annotated[int | None, typer.Option(metavar="N", help=_data_help(LDConfig, "positions"))]
WritingOpt = Annotated[int | None, typer.Option(metavar="N", help=_data_help(LDConfig, "writing"))]
CandidatesOpt = Annotated[str | None, typer.Option(metavar="MODE", help=_data_help(LDConfig, "candidates"))]
GamesOpt = Annotated[int | None, typer.Option(metavar="N", help=_data_help(KDConfig, "games"))]
EvaderOpt = Annotated[str | None, typer.Option(metavar="NAME", help=_data_help(KDConfig, "evader"))]
OpponentOpt = Annotated[str | None, typer.Option(metavar="NAME", help=_data_help(KDConfig, "opponent"))]
TeacherModelOpt = Annotated[str | None, typer.Option(metavar="SPEC", help=TEACHER_HELP)]
TeacherUrlOpt = Annotated[str | None, typer.Option(metavar="URL", help=URL_HELP)]
KeyEnvOpt = Annotated[str | None, typer.Option(metavar="NAME", help=KEY_HELP)]
DatasetOpt = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="Train on this dataset file (.jsonl) instead of building one."),
]
SaveDatasetOpt = Annotated[
    Path | None, typer.Option(metavar="FILE", help="Also write the built dataset to FILE (.jsonl).")
]
EpochsOpt = Annotated[float | None, typer.Option(metavar="E", help=_train_help("epochs"))]
LearningRateOpt = Annotated[float | None, typer.Option(metavar="LR", help=_train_help("learning_rate"))]
BatchSizeOpt = Annotated[int | None, typer.Option(metavar="B", help=_train_help("batch_size"))]
MaxStepsOpt = Annotated[int | None, typer.Option(metavar="N", help=_train_help("max_steps"))]
MaxExamplesOpt = Annotated[int | None, typer.Option(metavar="N", help=_train_help("max_examples"))]
MaxLengthOpt = Annotated[int | None, typer.Option(metavar="N", help=_train_help("max_length"))]
LoraROpt = Annotated[int | None, typer.Option(metavar="R", help=_train_help("lora_r"))]
LoraTargetsOpt = Annotated[
    str | None,
    typer.Option(
        "--lora-targets",
        metavar="NAMES",
        help=f"{help_text('target_modules')}, comma-separated, e.g. q_proj,v_proj,gate_proj,up_proj,down_proj"
        " (default: the preset's)",
    ),
]
ThreadsOpt = Annotated[int | None, typer.Option(metavar="N", help=help_text("threads"))]
Bf16Opt = Annotated[bool | None, typer.Option("--bf16/--no-bf16", help=_train_help("bf16"))]
SeedOpt = Annotated[int | None, typer.Option(metavar="S", help=_train_help("seed"))]
StudentOpt = Annotated[str | None, typer.Option(metavar="SPEC", help=_train_help("student"))]
OverwriteOpt = Annotated[
    bool, typer.Option("--overwrite", help="Replace a finished or interrupted run (and --save-dataset FILE).")
]
ResumeOpt = Annotated[
    bool, typer.Option("--resume", help="Continue an interrupted run from its last checkpoint.")
]
ProgressOpt = Annotated[bool, typer.Option("--progress/--no-progress", help=help_text("progress"))]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]
DataOut = Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="Where to write the dataset.")]
DataOverwriteOpt = Annotated[bool, typer.Option("--overwrite", help="Replace an existing OUT.jsonl.")]
MergeSeedOpt = Annotated[
    int | None, typer.Option(metavar="S", help="seed of the merged data order of --task both (default 0)")
]


def register(app: typer.Typer) -> None:
    """Add the ``train`` group (``train ld``, ``train kd``, ``train data ld|kd``) to ``app``."""
    group = typer.Typer(
        help="Build LD / KD datasets and LoRA fine-tune the student on them.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command("ld")(train_ld)
    group.command("kd")(train_kd)
    data = typer.Typer(
        help="Build a training dataset and write it, without training.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    data.command("ld")(data_ld)
    data.command("kd")(data_kd)
    group.add_typer(data, name="data")
    app.add_typer(group, name="train")


# ---------------------------------------------------------------- commands


def train_ld(
    out_dir: OutDir,
    task: TaskOpt = None,
    base: BaseOpt = None,
    preset: PresetOpt = DEFAULT_PRESET,
    positions: PositionsOpt = None,
    writing: WritingOpt = None,
    candidates: CandidatesOpt = None,
    dataset: DatasetOpt = None,
    save_dataset: SaveDatasetOpt = None,
    epochs: EpochsOpt = None,
    learning_rate: LearningRateOpt = None,
    batch_size: BatchSizeOpt = None,
    max_steps: MaxStepsOpt = None,
    max_examples: MaxExamplesOpt = None,
    max_length: MaxLengthOpt = None,
    lora_r: LoraROpt = None,
    target_modules: LoraTargetsOpt = None,
    threads: ThreadsOpt = None,
    bf16: Bf16Opt = None,
    seed: SeedOpt = None,
    student: StudentOpt = None,
    overwrite: OverwriteOpt = False,
    resume: ResumeOpt = False,
    progress: ProgressOpt = True,
    as_json: JsonOpt = False,
) -> None:
    """LoRA fine-tune the student on Logic Distillation data: stage selection (+ emergency functions)."""
    from logicdistill.training.presets import get_preset
    from logicdistill.training.records import DatasetKind

    chosen = get_preset(preset)
    config = _train_config(chosen.train, locals())
    data_flags = {"--task": task, "--base": base, "--positions": positions, "--writing": writing}
    data_flags |= {"--candidates": candidates, "--save-dataset": save_dataset}
    with _quiet(as_json):
        built = _given_dataset(dataset, DatasetKind.LD, data_flags)
        if built is None:
            built = _ld_dataset(chosen, task, base, positions, writing, candidates, config.seed)
        result = _train(built, dataset or save_dataset, dataset is None, out_dir, config, overwrite, resume)
    _report(result, as_json)


def train_kd(
    out_dir: OutDir,
    task: TaskOpt = None,
    base: BaseOpt = None,
    teacher_model: TeacherModelOpt = None,
    teacher_url: TeacherUrlOpt = None,
    api_key_env: KeyEnvOpt = None,
    preset: PresetOpt = DEFAULT_PRESET,
    games: GamesOpt = None,
    evader: EvaderOpt = None,
    opponent: OpponentOpt = None,
    dataset: DatasetOpt = None,
    save_dataset: SaveDatasetOpt = None,
    epochs: EpochsOpt = None,
    learning_rate: LearningRateOpt = None,
    batch_size: BatchSizeOpt = None,
    max_steps: MaxStepsOpt = None,
    max_examples: MaxExamplesOpt = None,
    max_length: MaxLengthOpt = None,
    lora_r: LoraROpt = None,
    target_modules: LoraTargetsOpt = None,
    threads: ThreadsOpt = None,
    bf16: Bf16Opt = None,
    seed: SeedOpt = None,
    student: StudentOpt = None,
    overwrite: OverwriteOpt = False,
    resume: ResumeOpt = False,
    progress: ProgressOpt = True,
    as_json: JsonOpt = False,
) -> None:
    """LoRA fine-tune the student to imitate a teacher's moves (the KD baseline)."""
    from logicdistill.training.presets import get_preset
    from logicdistill.training.records import DatasetKind

    chosen = get_preset(preset)
    config = _train_config(chosen.train, locals())
    data_flags = {
        "--task": task,
        "--base": base,
        "--teacher-model": teacher_model,
        "--teacher-url": teacher_url,
    }
    data_flags |= {"--api-key-env": api_key_env, "--games": games, "--evader": evader, "--opponent": opponent}
    data_flags |= {"--save-dataset": save_dataset}
    with _quiet(as_json):
        built = _given_dataset(dataset, DatasetKind.KD, data_flags)
        if built is None:
            teacher = (teacher_model, teacher_url, api_key_env)
            built = _kd_dataset(chosen, task, base, teacher, games, evader, opponent, config.seed)
        result = _train(built, dataset or save_dataset, dataset is None, out_dir, config, overwrite, resume)
    _report(result, as_json)


def data_ld(
    out: DataOut,
    task: TaskOpt = None,
    base: BaseOpt = None,
    preset: PresetOpt = DEFAULT_PRESET,
    positions: PositionsOpt = None,
    writing: WritingOpt = None,
    candidates: CandidatesOpt = None,
    seed: MergeSeedOpt = None,
    overwrite: DataOverwriteOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Build an LD dataset (selection + emergency writing examples) and write it, without training."""
    from logicdistill.training.presets import get_preset

    chosen = get_preset(preset)
    _check_new_file(out, overwrite)
    merge_seed = chosen.train.seed if seed is None else seed
    built = _ld_dataset(chosen, task, base, positions, writing, candidates, merge_seed)
    _write_data(built, out, as_json)


def data_kd(
    out: DataOut,
    task: TaskOpt = None,
    base: BaseOpt = None,
    teacher_model: TeacherModelOpt = None,
    teacher_url: TeacherUrlOpt = None,
    api_key_env: KeyEnvOpt = None,
    preset: PresetOpt = DEFAULT_PRESET,
    games: GamesOpt = None,
    evader: EvaderOpt = None,
    opponent: OpponentOpt = None,
    seed: MergeSeedOpt = None,
    overwrite: DataOverwriteOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Build a KD dataset (a teacher's moves) and write it, without training."""
    from logicdistill.training.presets import get_preset

    chosen = get_preset(preset)
    _check_new_file(out, overwrite)
    merge_seed = chosen.train.seed if seed is None else seed
    teacher = (teacher_model, teacher_url, api_key_env)
    built = _kd_dataset(chosen, task, base, teacher, games, evader, opponent, merge_seed)
    _write_data(built, out, as_json)


# ---------------------------------------------------------------- building datasets


# The command parameters that are TrainConfig fields (``train ld`` and ``train kd`` share them).
TRAIN_FLAGS = (
    "epochs", "learning_rate", "batch_size", "max_steps", "max_examples", "max_length",
    "lora_r", "target_modules", "threads", "bf16", "seed", "student", "progress",
)  # fmt: skip


def _train_config(preset: TrainConfig, flags: dict[str, Any]) -> TrainConfig:
    """The preset's settings with every training flag that was given (``flags``: the command's locals)."""
    given = {key: flags[key] for key in TRAIN_FLAGS if flags[key] is not None}
    if "target_modules" in given:  # --lora-targets q_proj,v_proj
        given["target_modules"] = tuple(n.strip() for n in given["target_modules"].split(",") if n.strip())
    return replace(preset, **given)


def _sources(task: str | None, base: Path | None) -> dict:
    """The function base of each game to build from: ``--base`` for one game, else the references."""
    from logicdistill.tasks import get_task
    from logicdistill.training.ld_data import resolve_base

    if base is not None:
        if task == BOTH:
            raise UserError("--base is one game's function base: give --task pursuit or twentyone, not both")
        loaded = resolve_base(str(base))
        if task is not None and get_task(task).name is not loaded.base.task:
            raise UserError(f"--base {base} is a {loaded.base.task.value} base, not a {task} one")
        return {loaded.base.task: loaded}
    return {name: resolve_base(name.value) for name in _tasks(task)}


def _tasks(task: str | None) -> tuple:
    """The games ``--task`` names: both when it is left out or ``both``."""
    from logicdistill.tasks import get_task
    from logicdistill.tasks.base import TaskName

    return tuple(TaskName) if task in (None, BOTH) else (get_task(task).name,)


def _ld_dataset(preset, task, base, positions, writing, candidates, seed: int):
    from logicdistill.tasks.base import TaskName
    from logicdistill.training.candidates import CandidateMode
    from logicdistill.training.dataset_file import merge_datasets
    from logicdistill.training.ld_data import build_ld_dataset

    given: dict[str, Any] = {"positions": positions, "writing": writing}
    if candidates is not None:
        try:
            given["candidates"] = CandidateMode(candidates)
        except ValueError:
            known = ", ".join(mode.value for mode in CandidateMode)
            raise UserError(f"unknown --candidates {candidates!r} (known: {known})") from None
    overrides = {key: value for key, value in given.items() if value is not None}
    configs = {TaskName.PURSUIT: preset.ld_pursuit, TaskName.TWENTYONE: preset.ld_twentyone}
    sources = _sources(task, base)
    parts = [
        build_ld_dataset(loaded, replace(configs[name], **overrides)) for name, loaded in sources.items()
    ]
    return merge_datasets(parts, seed)


def _kd_dataset(preset, task, base, teacher: tuple, games, evader, opponent, seed: int):
    from logicdistill.training.dataset_file import merge_datasets
    from logicdistill.training.kd_data import build_kd_dataset

    model_spec, url, key_env = teacher
    given = {"games": games, "evader": evader, "opponent": opponent}
    config = replace(preset.kd, **{key: value for key, value in given.items() if value is not None})
    if model_spec is None and url is None:
        if key_env is not None:
            raise UserError("--api-key-env is for an L-LLM teacher: give --teacher-model or --teacher-url")
        sources = _sources(task, base)
        parts = [build_kd_dataset(name, config, base=loaded) for name, loaded in sources.items()]
        return merge_datasets(parts, seed)
    if base is not None:
        raise UserError("the KD teacher is either a function base (--base) or an L-LLM (--teacher-model)")
    from logicdistill.llm.base import Role
    from logicdistill.llm.factory import load_model
    from logicdistill.llm.usage import UsageMeter

    names = _tasks(task)  # checked before the teacher is reached
    meter = UsageMeter()
    spec = model_spec or "openai:"  # only a URL: the model name comes from the environment
    model = load_model(spec, role=Role.TEACHER, meter=meter, base_url=url, api_key=_api_key(key_env))
    parts = [build_kd_dataset(name, config, teacher=model, meter=meter) for name in names]
    return merge_datasets(parts, seed)


def _given_dataset(path: Path | None, kind, data_flags: dict):
    """The dataset of ``--dataset`` (None when not given); data-building flags cannot go with it."""
    if path is None:
        return None
    from logicdistill.training.dataset_file import load_dataset

    clashing = [flag for flag, value in data_flags.items() if value is not None]
    if clashing:
        raise UserError(f"--dataset trains on that file as it is: drop {', '.join(clashing)}")
    dataset = load_dataset(path)
    if dataset.metadata.dataset is not kind:
        found = dataset.metadata.dataset.value
        raise UserError(f"{path} holds {found.upper()} data: train it with `train {found}`")
    return dataset


# ---------------------------------------------------------------- writing and training


def _check_new_file(path: Path, overwrite: bool) -> None:
    if path.exists() and (path.is_dir() or not overwrite):
        what = "is a folder" if path.is_dir() else "already exists: pass --overwrite to replace it"
        raise UserError(f"{path} {what}")


def _write_data(dataset, out: Path, as_json: bool) -> None:
    from logicdistill.training.dataset_file import save_dataset

    path = save_dataset(dataset, out)
    described = describe_dataset(dataset.metadata)
    if as_json:
        typer.echo(json.dumps({"written": str(path), **described}))
        return
    typer.echo(f"wrote {path}: {_counts_text(described)}")
    for line in _provenance_lines(described):
        typer.echo(line)


def _save_target(path: Path, dataset, overwrite: bool) -> bool:
    """Whether ``--save-dataset`` is to be written (an existing file is kept if it holds these examples)."""
    from logicdistill.training.dataset_file import load_dataset

    if not path.exists() or overwrite:
        if path.is_dir():
            raise UserError(f"--save-dataset {path} is a folder")
        return True
    try:
        same = load_dataset(path).metadata.examples_sha256 == dataset.metadata.examples_sha256
    except UserError:
        same = False
    if not same:
        raise UserError(f"--save-dataset {path} already holds other data: pass --overwrite to replace it")
    return False


def _train(dataset, path: Path | None, built: bool, out_dir: Path, config, overwrite: bool, resume: bool):
    """Refuse a bad adapter folder before writing anything, then save the data (if asked) and train."""
    from logicdistill.training.dataset_file import save_dataset
    from logicdistill.training.run_dir import Fingerprint, plan_run
    from logicdistill.training.sft import train_adapter

    if overwrite and resume:
        raise UserError("--overwrite and --resume contradict each other: choose one")
    if not overwrite:  # without --overwrite planning writes nothing: refusals come before any output
        plan_run(
            out_dir, Fingerprint.of(config, dataset.metadata.examples_sha256), overwrite=False, resume=resume
        )
    if built and path is not None and _save_target(path, dataset, overwrite):
        save_dataset(dataset, path)
    return train_adapter(dataset, out_dir, config, dataset_path=path, overwrite=overwrite, resume=resume)


def _report(result, as_json: bool) -> None:
    summary = _summary(result)
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        _print_summary(summary)


@contextlib.contextmanager
def _quiet(as_json: bool):
    """With ``--json``, anything printed while building and training (trainer logs) goes to stderr."""
    if not as_json:
        yield
        return
    with contextlib.redirect_stdout(sys.stderr):
        yield


# ---------------------------------------------------------------- what is printed


def describe_dataset(metadata) -> dict:
    """A dataset's counts and provenance as plain JSON data (what the commands print)."""
    counts = metadata.counts
    return {
        "kind": metadata.dataset.value,
        "tasks": [task.value for task in metadata.tasks],
        "counts": {**asdict(counts), "total": counts.total},
        "teacher_source": metadata.teacher_source.value,
        "teacher_model": metadata.teacher_model,
        "teacher_cost": asdict(metadata.generation_cost),
        "examples_sha256": metadata.examples_sha256,
        "parts": [_part(part) for part in (metadata.parts or (metadata,))],
    }


def _part(metadata) -> dict:
    base = metadata.base
    return {
        "task": None if metadata.task is None else metadata.task.value,
        "examples": metadata.counts.total,
        "base": None
        if base is None
        else {"origin": base.origin, "model": base.model, "path": base.path, "sha256": base.sha256},
        "generator_seed": metadata.generator_seed,
        "writing_seed": metadata.writing_seed,
        "games": len(metadata.game_seeds),
        "opponent": metadata.opponent,
        "notes": list(metadata.notes),
    }


def _counts_text(described: dict) -> str:
    counts = described["counts"]
    kinds = ", ".join(f"{kind} {counts[kind]}" for kind in ("selection", "writing", "kd") if counts[kind])
    tasks = ", ".join(described["tasks"])
    return f"{counts['total']} {described['kind'].upper()} examples ({kinds}) for {tasks}"


def _cost_text(cost: dict) -> str:
    if not cost["calls"]:
        return "no teacher call"
    tokens = (
        "tokens unknown"
        if cost["prompt_tokens"] is None or cost["completion_tokens"] is None
        else f"{cost['prompt_tokens']} prompt + {cost['completion_tokens']} completion tokens"
    )
    return f"{cost['calls']} teacher calls, {tokens}"


def _provenance_lines(described: dict) -> list[str]:
    model = f" ({described['teacher_model']})" if described["teacher_model"] else ""
    lines = [f"teacher: {described['teacher_source']}{model}, {_cost_text(described['teacher_cost'])}"]
    for part in described["parts"]:
        base = part["base"]
        where = "" if base is None else f" from {base['path'] or 'the shipped reference base'}"
        where += "" if base is None else f" (sha256 {base['sha256'][:12]})"
        seeds = []
        if part["generator_seed"] is not None:
            seeds.append(f"positions seed {part['generator_seed']}")
        if part["writing_seed"] is not None:
            seeds.append(f"writing seed {part['writing_seed']}")
        if part["games"]:
            seeds.append(f"{part['games']} games against {part['opponent']}")
        lines.append(f"  {part['task']}: {part['examples']} examples{where}; {', '.join(seeds)}")
        lines += [f"    {note}" for note in part["notes"]]
    return lines


def _summary(result) -> dict:
    from logicdistill.training.adapter_metadata import METADATA_FILE

    meta = result.metadata
    data, training = meta.data, meta.training
    return {
        "adapter": str(result.out),
        "metadata_file": str(result.out / METADATA_FILE),
        "mode": result.plan.mode.value,
        "note": result.plan.note,
        "student": {"spec": meta.student.spec, "name": meta.student.name},
        "dataset": data.path,
        "kind": data.kind.value,
        "task": data.task,
        "examples": data.counts.total,
        "used": data.used,
        "steps": training.steps,
        "epochs": round(training.epochs, 4),
        "wall_time_s": round(training.wall_time_s, 3),
        "tokens_seen": training.tokens_seen,
        "final_loss": training.final_loss,
        "resumed_from": training.resumed_from,
        "teacher_source": data.teacher_source.value,
        "teacher_model": data.teacher_model,
        "teacher_cost": asdict(data.teacher_cost),
    }


def _print_summary(summary: dict) -> None:
    loss = "n/a" if summary["final_loss"] is None else f"{summary['final_loss']:.4f}"
    model = f" ({summary['teacher_model']})" if summary["teacher_model"] else ""
    typer.echo(f"adapter: {summary['adapter']} ({summary['note'] or summary['mode']})")
    typer.echo(f"student: {summary['student']['spec']}")
    typer.echo(
        f"data: {summary['kind'].upper()} {summary['task'] or 'pursuit + twentyone'}, "
        f"{summary['used']} of {summary['examples']} examples used, from {summary['dataset']}"
    )
    typer.echo(f"teacher: {summary['teacher_source']}{model}, {_cost_text(summary['teacher_cost'])}")
    typer.echo(
        f"training: {summary['steps']} steps ({summary['epochs']:g} epochs), {summary['tokens_seen']} tokens "
        f"seen, final loss {loss}, wall time {summary['wall_time_s']:.1f} s"
    )
