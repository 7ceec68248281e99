"""Shared by the report tests: a startup ready for its meeting, and reading a PDF back as text."""

import io
import os
import re
import time
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.storage import FileSystemStorage
from pypdf import PdfReader

from checklists.models import Item
from tests.factories import (
    AssessmentFactory,
    MembershipFactory,
    StartupFactory,
    TargetCompanyFactory,
    answered_snapshot,
)

# CardioSense: a medical device processing health data, without AI, not a patient-education programme.
PROFILE = {"is_medical_device": True, "device_class": "IIa", "processes_health_data": True, "has_ai": False}
APPLICABLE_REGULATORY = ["S8-C1", "S8-C2", "S8-C3", "S8-C5", "S8-C6", "S8-C8"]
INAPPLICABLE_REGULATORY = ["S8-C4", "S8-C7"]  # AI Act, therapeutic patient education
# Varied answers, so that steps get different scores; no critical item at 0-1, so no step is capped.
LEVELS = {
    "S1-C1": 3,
    "S1-C3": 1,
    "S2-C1": 3,
    "S2-C7": 0,
    "S3-C4": 1,
    "S4-C1": 3,
    "S6-C1": 3,
    "S9-C3": "na",
    "S10-C5": 1,
}


def startup_with_snapshot(name: str = "CardioSense", *, target_level: str = "affiliate", **profile):
    """A startup admin and the snapshot of their submitted assessment for a meeting with a pharma company."""
    organisation = StartupFactory(name=name)
    member = MembershipFactory(organisation=organisation)
    target = TargetCompanyFactory(organisation=organisation, name="Laboratoires Exemple", level=target_level)
    assessment = AssessmentFactory(organisation=organisation, target=target)
    snapshot = answered_snapshot(assessment=assessment, levels=LEVELS, user=member.user, **{**PROFILE, **profile})
    return member.user, snapshot


def pdf_text(data: bytes) -> str:
    """The PDF's text with runs of whitespace made single spaces (lines wrap anywhere, also after the hyphen of
    a compound word: "data-\nprotection" reads "data-protection")."""
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    text = text.replace("\u2010 ", "")  # a word the layout hyphenated (hyphens: auto) joined again
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def shown_score(value: float) -> str:
    """A score as the report prints it (rounded half up, like the floatformat filter)."""
    return str(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def item_text(framework, code: str, language: str) -> str:
    item = Item.objects.get(framework=framework, code=code)
    return " ".join(getattr(item, f"text_{language}").split())


def step_row_pattern(number: int, title: str, score: str) -> re.Pattern:
    """A row of the scores table: the step number, its title, then its score."""
    return re.compile(rf"{number} {re.escape(' '.join(title.split()))} {score}\b")


class FlakyObjectStorage(FileSystemStorage):
    """Object storage that is unreachable for its first `failures` writes (the one thing here outside the machine).

    The count is a class attribute; a worker process started by a test reads it from FLAKY_STORAGE_FAILURES."""

    failures = int(os.environ.get("FLAKY_STORAGE_FAILURES", "0"))

    def _save(self, name, content):
        if FlakyObjectStorage.failures > 0:
            FlakyObjectStorage.failures -= 1
            raise ConnectionError("object storage unreachable")
        return super()._save(name, content)


class SlowObjectStorage(FileSystemStorage):
    """Object storage that takes SLOW_STORAGE_SECONDS to accept a file (a slow upload): the render is still in
    progress long enough for a test to watch its heartbeat and kill its worker."""

    def _save(self, name, content):
        # The sleep is the point: it stands for a slow upload inside the worker process, keeping the render (and
        # its heartbeat thread) going while the test watches from outside and kills the worker; nothing in the
        # worker could be polled or moved in time to make the upload itself take long.
        time.sleep(float(os.environ.get("SLOW_STORAGE_SECONDS", "0")))
        return super()._save(name, content)
