"""logicdistill: distil a large model's decision logic into code a small model selects from.

Follows "Logic Distillation" (Chen et al., arXiv 2407.19405). The package is
laid out as the pipeline: ``games`` (pure rules and exact optima), then the
function base, retrieval, models, training, agents and evaluation. Heavy
dependencies (torch, transformers) are imported only where they are used.
"""

__version__ = "0.1.0"
