"""A large synthetic function base for retrieval to matter: the reference functions among many distractors.

:func:`build_distractor_base` is the entry point (see :mod:`.assemble` for
what the pool holds); the distractors themselves are data in
:mod:`.other_grid`, :mod:`.other_cards` and :mod:`.mutations`.
"""

from logicdistill.retrieval.distractors.assemble import (
    DEFAULT_DUPLICATES,
    DEFAULT_SEED,
    EntryKind,
    build_distractor_base,
)

__all__ = ["DEFAULT_DUPLICATES", "DEFAULT_SEED", "EntryKind", "build_distractor_base"]
