"""The critical flags and the cap are the project's own: docs/scoring.md cites, for each critical item of the
data file, the line of the guide that makes it make-or-break."""

import re
from pathlib import Path

import yaml

from checklists.services import DEFAULT_FRAMEWORK_FILE

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def test_every_critical_item_is_cited_with_its_guide_line_in_the_scoring_doc():
    data = yaml.safe_load(DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    doc = DOC.read_text(encoding="utf-8")
    assert "choices of this project" in doc
    critical = [
        item
        for phase in data["phases"]
        for step in phase["steps"]
        for item in step.get("items", [])
        if item.get("critical")
    ]
    assert critical
    for item in critical:
        row = re.search(rf"^\| {re.escape(item['code'])} .*$", doc, re.MULTILINE)
        assert row, f"{item['code']} is critical but not cited in docs/scoring.md"
        lines = [int(n) for n in re.findall(r"\b(\d{3,4})\b", row.group(0))]
        assert any(abs(n - item["source_line"]) <= 5 for n in lines), item["code"]
