"""Model backends behind one interface: generation and selection for teacher, student and opponent.

Import the light names from here; backends that need torch or openai are
loaded by :func:`logicdistill.llm.factory.load_model` only when asked for.
"""

from logicdistill.llm.base import (
    Chat,
    GenerationConfig,
    LanguageModel,
    Message,
    ModelAnswerError,
    Role,
    Selection,
    chat,
)
from logicdistill.llm.factory import DEFAULT_STUDENT, load_model
from logicdistill.llm.fake import FakeLanguageModel
from logicdistill.llm.usage import Usage, UsageMeter, UsageReport, default_meter

__all__ = [
    "DEFAULT_STUDENT",
    "Chat",
    "FakeLanguageModel",
    "GenerationConfig",
    "LanguageModel",
    "Message",
    "ModelAnswerError",
    "Role",
    "Selection",
    "Usage",
    "UsageMeter",
    "UsageReport",
    "chat",
    "default_meter",
    "load_model",
]
