"""Plain, immutable description of a framework, as the engine needs it.

`checklists.selectors.framework_spec()` builds it from the database; tests
build it by hand.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ItemSpec:
    code: str
    step: int
    weight: int = 1
    critical: bool = False
    rule: Mapping[str, Any] | None = None
    text: Mapping[str, str] = field(default_factory=dict)
    guidance: Mapping[str, str] = field(default_factory=dict)
    not_applicable_reason: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StepSpec:
    number: int
    phase: str
    items: tuple[ItemSpec, ...]
    title: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FrameworkSpec:
    slug: str
    version: str
    steps: tuple[StepSpec, ...]

    @property
    def phases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(step.phase for step in self.steps))
