"""The inbox export (CSV and XLSX): no cell runs as a formula, however the spreadsheet splits the file; labels
in the reader's language, local times and reviewers' full names; reviewers and admins only; always audited."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from partnerships.models import AuditEvent, Dossier, Membership
from partnerships.spreadsheets import FORMULA_START, cell_safe
from tests.factories import MembershipFactory

from .test_inbox import make_dossier

HOSTILE = [
    "Acme;=1+1;+cmd|' /C calc'!A0",
    'Acme,=HYPERLINK("http://evil")',
    "Acme; @SUM(A1:A9)",
    "-2+3",
    "\t=1",
    "\r=1",
    "Normal; -10 points",
]


@pytest.fixture
def rita_client(client, rita):
    client.force_login(rita)
    return client


@pytest.fixture
def hostile(snapshot, pharma_org):
    return [make_dossier(snapshot, pharma_org, name) for name in HOSTILE]


def _pieces_split_on(text: str, separator: str) -> list[str]:
    """How a spreadsheet that ignores quotes would cut each line: every piece, unquoted, is one cell."""
    return [piece.strip().strip('"').lstrip() for line in text.splitlines() for piece in line.split(separator)]


@pytest.mark.parametrize("separator", [",", ";"])
def test_no_csv_cell_starts_a_formula_whatever_the_separator(rita_client, hostile, separator):
    text = rita_client.get(reverse("pharma_inbox_csv")).content.decode("utf-8-sig")
    # Read as a spreadsheet reads it with this separator (quotes respected)...
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]
    assert not [cell for cell in cells if cell[:1] in FORMULA_START and cell]
    # ... and cut naively on the separator (quotes ignored, French Excel's "Text to columns").
    pieces = _pieces_split_on(text, separator)
    assert not [piece for piece in pieces if piece[:1] and piece[:1] in FORMULA_START]


def test_every_csv_text_cell_is_quoted_and_the_name_survives_reading(rita_client, hostile):
    text = rita_client.get(reverse("pharma_inbox_csv")).content.decode("utf-8-sig")
    line = next(line for line in text.splitlines() if "calc" in line)
    assert line.startswith("\"Acme;'=1+1;'+cmd")
    names = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert "Acme;'=1+1;'+cmd|' /C calc'!A0" in names and "'-2+3" in names and "Normal; '-10 points" in names


def test_cell_safe_leaves_numbers_and_plain_text_alone():
    assert cell_safe(42) == 42 and cell_safe(None) is None
    assert cell_safe("CardioSuivi") == "CardioSuivi"
    assert cell_safe("=1+1") == "'=1+1"
    assert cell_safe("a;=b,+c") == "a;'=b,'+c"


def test_the_xlsx_export_holds_text_never_formulas_with_a_formatted_header(rita_client, rita, hostile):
    response = rita_client.get(reverse("pharma_inbox_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"') and response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Start-up", "Score", "Préparation"]
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"  # every row filters
    assert sheet.column_dimensions["A"].width > len("Start-up")  # widths follow the longest text, not the header
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(names) == sorted(cell_safe(name).replace("\r", "\n") for name in HOSTILE)  # XML keeps \n
    event = AuditEvent.objects.get(action="inbox_exported")
    assert event.actor == rita and "XLSX" in event.description


def test_the_export_speaks_the_readers_language_local_time_and_full_names(client, rita, snapshot, pharma_org):
    rita.first_name, rita.last_name = "Rita", "Lemaire"
    rita.save()
    submitted = timezone.make_aware(datetime.datetime(2026, 7, 1, 10, 30), datetime.UTC)  # 12:30 in Paris
    dossier = make_dossier(snapshot, pharma_org, "CardioSuivi", assignee=rita, business_models=["remote_monitoring"])
    Dossier.objects.filter(pk=dossier.pk).update(submitted_at=submitted, maturity="clinical_validation")
    client.force_login(rita)

    french = list(csv.reader(io.StringIO(client.get(reverse("pharma_inbox_csv")).content.decode("utf-8-sig"))))[1]
    assert "strengthen" not in french and "clinical_validation" not in french and "remote_monitoring" not in french
    assert "À renforcer" in french and "Télésurveillance médicale, droit commun" in french
    assert "2026-07-01 12:30" in french
    assert "Rita Lemaire" in french

    english_response = client.get("/en" + reverse("pharma_inbox_xlsx"))
    english = [cell.value for cell in load_workbook(io.BytesIO(english_response.content)).active[2]]
    assert "Remote patient monitoring, standard reimbursement" in english
    assert "2026-07-01 12:30" in english and "Rita Lemaire" in english


def test_a_plain_member_exports_neither_csv_nor_xlsx(client, pharma_org):
    member = MembershipFactory(organisation=pharma_org, role=Membership.Role.MEMBER).user
    client.force_login(member)
    assert client.get(reverse("pharma_inbox_csv")).status_code == 403
    assert client.get(reverse("pharma_inbox_xlsx")).status_code == 403
    assert not AuditEvent.objects.filter(action="inbox_exported").exists()
