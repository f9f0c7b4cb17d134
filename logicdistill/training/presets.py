"""Named training sizes: ``smoke`` (a pipeline check), ``demo`` (fits the 20-minute demo on 2 CPU cores)
and ``full`` (the size meant for the benchmark: 7-9 hours of KD training on 2 CPU cores, about 5 with
``--bf16``, so the rows measured so far, docs/RESULTS.md, use demo adapters, ``benchmark``'s default).

A preset is the data and fine-tuning settings of one LD or KD run over both games;
the CLI's flags override single fields. The sizes here were chosen by measurement
(docs/training.md has the runs); this module only names them. Nothing here trains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logicdistill.errors import UserError
from logicdistill.tasks.base import TaskName
from logicdistill.training.config import TrainConfig
from logicdistill.training.dataset_file import Dataset, merge_datasets
from logicdistill.training.kd_data import KDConfig, build_kd_dataset
from logicdistill.training.ld_data import LDConfig, build_ld_dataset, resolve_base


@dataclass(frozen=True)
class Preset:
    """LD data per game, KD data (games per task) and the fine-tuning settings of one size."""

    name: str
    ld_pursuit: LDConfig
    ld_twentyone: LDConfig
    kd: KDConfig
    train: TrainConfig


PRESETS: dict[str, Preset] = {
    # Checks the whole pipeline in about a minute; the adapter it makes learns next to nothing.
    "smoke": Preset(
        name="smoke",
        ld_pursuit=LDConfig(positions=2, writing=2),
        ld_twentyone=LDConfig(positions=2),
        kd=KDConfig(games=1),
        train=TrainConfig(epochs=1.0, learning_rate=1e-3, batch_size=4, max_length=4096),
    ),
    "demo": Preset(
        name="demo",
        ld_pursuit=LDConfig(positions=16, writing=16),
        ld_twentyone=LDConfig(positions=16),
        kd=KDConfig(games=1),
        # No LoRA dropout: a fifth faster per step (docs/training.md); the demo's outcomes stayed the same.
        train=TrainConfig(epochs=2.0, learning_rate=1e-3, batch_size=4, max_length=2048, lora_dropout=0.0),
    ),
    "full": Preset(
        name="full",
        ld_pursuit=LDConfig(positions=96, writing=200),
        ld_twentyone=LDConfig(positions=64),
        kd=KDConfig(),
        train=TrainConfig(epochs=2.0, learning_rate=5e-4, batch_size=4, max_length=2048),
    ),
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise UserError(f"unknown preset {name!r} (known: {', '.join(PRESETS)})") from None


def ld_dataset(preset: Preset, tasks: Sequence[TaskName] = tuple(TaskName)) -> Dataset:
    """The preset's LD data over the shipped reference bases of ``tasks``, merged into one dataset."""
    configs = {TaskName.PURSUIT: preset.ld_pursuit, TaskName.TWENTYONE: preset.ld_twentyone}
    parts = [build_ld_dataset(resolve_base(task.value), configs[task]) for task in tasks]
    return merge_datasets(parts, preset.train.seed)


def kd_dataset(preset: Preset, tasks: Sequence[TaskName] = tuple(TaskName)) -> Dataset:
    """The preset's offline KD data (the reference bases' play, labelled so), merged over ``tasks``."""
    parts = [build_kd_dataset(task, preset.kd, base=resolve_base(task.value)) for task in tasks]
    return merge_datasets(parts, preset.train.seed)
