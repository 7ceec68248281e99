"""What the report says, for startups of very different profiles: the step-7 health-system points with why,
GDPR for personal data and HDS for health data, the wording of the PDF, and the guide's tags choosing its items."""

import pytest

from checklists.models import Item
from partnerships.models import Report
from partnerships.selectors.reports import report_document
from partnerships.services.reports import report_render
from scoring import applies

from .reports_helpers import item_text, pdf_text, startup_with_snapshot


def _render(snapshot, language: str) -> str:
    report = report_render(report_id=Report.objects.create(snapshot=snapshot, language=language).pk)
    with report.file.open("rb") as handle:
        return pdf_text(handle.read())


def _section(text: str, start: str, end: str) -> str:
    after = text.split(start)
    assert len(after) >= 3, f"{start!r} is not both in the contents and as a section"  # contents, then section
    return after[2].split(end)[0]


def test_a_remote_monitoring_startup_gets_the_step_7_health_system_points_with_why(framework, media):
    _, snapshot = startup_with_snapshot(
        "TeleCardio", business_models=["remote_monitoring"], is_medical_device=True, device_class="IIa"
    )
    text = _render(snapshot, "en")
    section = _section(text, "Health-system integration", "Regulatory checklist")
    for code in ("S7-C2", "S7-C5", "S7-C6", "S7-C7"):  # interoperability, CE marking, CE or reimbursement, route
        assert item_text(framework, code, "en") in section, code
    assert "decree 2022-1767" in section
    assert "Applies because: the solution is a medical device" in section
    assert "business model “Remote patient monitoring" in section
    assert "Applies to every digital-health solution." in section  # interoperability has no rule


def test_a_hospital_logistics_saas_gets_gdpr_but_neither_hds_nor_the_reimbursement_question(framework, media):
    _, snapshot = startup_with_snapshot(
        "LogiHop",
        business_models=["hospital_purchase"],
        is_medical_device=False,
        device_class="none",
        processes_health_data=False,
        processes_personal_data=True,
    )
    facts = snapshot.facts
    items = {item.code: item for item in framework.items.filter(code__in=["S7-C6", "S8-C2", "S8-C5"])}
    assert not applies(items["S7-C6"].applicability, facts)  # neither a device nor reimbursed
    assert applies(items["S8-C5"].applicability, facts)  # GDPR: personal data
    assert not applies(items["S8-C2"].applicability, facts)  # HDS hosting: health data only
    text = _render(snapshot, "fr")
    assert item_text(framework, "S8-C5", "fr") in text
    assert item_text(framework, "S8-C2", "fr") not in text
    assert item_text(framework, "S7-C6", "fr") not in text


def test_health_data_makes_personal_data_true(framework, media):
    _, snapshot = startup_with_snapshot("Santé Data", processes_health_data=True, processes_personal_data=False)
    assert snapshot.facts["processes_personal_data"] is True


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_wording_keeps_proper_nouns_and_no_capital_or_repetition_mid_sentence(framework, media, language):
    _, snapshot = startup_with_snapshot("CardioSense", target_level="affiliate")
    # Only startup indicators chosen: no empty "care pathway" line.
    snapshot.answers.update({"S9-K1": {"level": 3}})
    snapshot.save(update_fields=["answers"])
    text = _render(snapshot, language)
    if language == "en":
        assert "Because you meet the French affiliate" in text
        assert "french affiliate" not in text
        assert "For the care pathway" not in text
    else:
        assert "Parce que vous rencontrez la filiale France" in text
        assert "filiale france" not in text
        assert "S'applique parce que : il s'applique" not in text
        assert "Pour le parcours de soins" not in text
    assert "Applies because: The" not in text and "S'applique parce que : L" not in text
    assert "• —" not in text


def _retag(framework, code: str, *, remove: str = "", add: str = "") -> None:
    item = Item.objects.get(framework=framework, code=code)
    item.tags = [tag for tag in item.tags if tag != remove] + ([add] if add else [])
    item.save(update_fields=["tags"])


def test_the_guides_tags_not_step_numbers_or_codes_choose_the_target_advice_and_the_pitch_order(framework, media):
    _, snapshot = startup_with_snapshot("Affiliate Co", target_level="affiliate")

    def document():
        return report_document(Report.objects.create(snapshot=snapshot, language="en"))

    doc = document()
    assert [line.item.code for line in doc.target_advice] == ["S2-C2"]
    assert [line.item.code for line in doc.pitch][:5] == ["S3-C1", "S3-C2", "S3-C3", "S3-C4", "S3-C5"]

    # Moving `target_entity` to another criterion moves the advice with it; `pitch_core` leads the pitch.
    _retag(framework, "S2-C2", remove="target_entity")
    _retag(framework, "S2-C1", add="target_entity")
    _retag(framework, "S3-C1", remove="pitch_core")
    _retag(framework, "S1-C6", add="pitch_core")
    doc = document()
    assert [line.item.code for line in doc.target_advice] == ["S2-C1"]
    assert [line.item.code for line in doc.pitch][:5] == ["S1-C6", "S3-C2", "S3-C3", "S3-C4", "S3-C5"]
