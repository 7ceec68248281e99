"""The action plan as a spreadsheet: XLSX (one sheet per phase, formatted, frozen header, real dates) and CSV
(safe to open in a spreadsheet: no cell is read as a formula)."""

import csv
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .selectors.plans import ActionRow, Plan

WIDTHS = [8, 12, 60, 28, 14, 14, 14, 14, 14, 10]
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")
DATE_FORMAT = "yyyy-mm-dd"


def _headers() -> list[str]:
    return [
        _("Step"),
        _("Criterion"),
        _("Action"),
        _("Owner"),
        _("Due date"),
        _("Target level"),
        _("Current level"),
        _("Status"),
        _("Achieved on"),
        _("Overdue"),
    ]


def _values(row: ActionRow) -> list:
    action = row.action
    achieved = timezone.localtime(action.achieved_at).date() if action.achieved_at else None
    return [
        row.step.number,
        action.item_code,
        row.text,
        (action.owner.get_full_name() or action.owner.email) if action.owner else "",
        action.due_date,
        action.target_level,
        row.current_level,
        action.get_status_display(),
        achieved,
        _("yes") if row.overdue else "",
    ]


def _sheet_title(code: str, title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", " ", f"{code}. {title}")[:31]


def plan_xlsx(plan: Plan) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for step, rows in plan.by_phase():
        sheet = workbook.create_sheet(_sheet_title(step.phase.code, step.phase.title))
        sheet.append(_headers())
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in rows:
            sheet.append(_values(row))
            cells = sheet[sheet.max_row]
            cells[2].alignment = Alignment(wrap_text=True, vertical="top")
            for index in (4, 8):
                cells[index].number_format = DATE_FORMAT
            if row.overdue:
                for cell in cells:
                    cell.fill = OVERDUE_FILL
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{max(sheet.max_row, 1)}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_safe(value) -> str:
    # A cell starting with = + - @ (or a tab or carriage return before them) runs as a formula in a spreadsheet.
    text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_csv(plan: Plan) -> str:
    output = io.StringIO()
    output.write("\ufeff")  # spreadsheets then read the accents right
    writer = csv.writer(output)
    writer.writerow(_headers())
    for row in plan.actions:
        writer.writerow([csv_safe(value) for value in _values(row)])
    return output.getvalue()
