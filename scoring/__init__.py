"""Pure, deterministic scoring of a startup's readiness against the guide.

Nothing here touches the database or a request: callers pass plain data
(`FrameworkSpec`, profile facts, answers) and get plain data back.
"""

from .engine import NOT_APPLICABLE, Band, Gap, Result, StepScore, result_as_data, result_from_data, score
from .rules import FACTS, RuleError, applies, validate_rule
from .spec import FrameworkSpec, ItemSpec, StepSpec

__all__ = [
    "FACTS",
    "NOT_APPLICABLE",
    "Band",
    "FrameworkSpec",
    "Gap",
    "ItemSpec",
    "Result",
    "RuleError",
    "StepScore",
    "StepSpec",
    "applies",
    "result_as_data",
    "result_from_data",
    "score",
    "validate_rule",
]
