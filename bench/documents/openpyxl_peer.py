#!/usr/bin/env python3
"""What a school would otherwise run: openpyxl writing (and reading back) the same
base of mentors — the same title row, header, column widths, frozen header and print
setup. Prints the seconds of each phase as JSON; the JSON file is parsed before the
clock starts, so only the spreadsheet work is timed.

    python openpyxl_peer.py DATA.json OUT.xlsx [--write-only]
"""
import json
import sys
import time

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties

HEADERS = [
    "№ п/п", "ФИО наставника", "Контактные данные для связи", "Год рождения",
    "Место работы/учебы (должность / класс)", "Категория наставника", "Ключевые компетенции, достижения",
    "Согласие на обработку персональных данных (дата)", "Договор о сотрудничестве (внешний наставник)",
    "Обучение («Школа наставников»)", "Форма наставничества", "ФИО наставляемого (наставляемых), место учебы/работы",
    "Место и сроки реализации программы", "Результаты программы", "Ссылка на кейс / отзыв", "Статус (текущая / архив)",
]
FIELDS = ["full_name", "contacts", "birth_year", "workplace", "category", "competences", "pd_consent", "agreement",
          "trained", "form", "mentees", "program_dates", "results", "case_link", "status"]


def main():
    data_path, out = sys.argv[1], sys.argv[2]
    write_only = "--write-only" in sys.argv
    with open(data_path, encoding="utf-8") as f:
        data = json.load(f)
    rows = data["rows"]
    t0 = time.perf_counter()
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Наставники") if write_only else wb.active
    if not write_only:
        ws.title = "Наставники"
    for i, w in enumerate([6, 30, 24, 10, 26, 24, 30, 16, 16, 14, 18, 32, 22, 26, 20, 14]):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    title = f"База наставников {data['organization']['short_name']} на {data['year']} учебный год"
    ws.append([title])
    ws.append(HEADERS)
    for n, r in enumerate(rows, 1):
        values = [n] + [r.get(k, "") for k in FIELDS]
        # Neutralise what Excel would run as a formula, as Nastavnik does.
        ws.append([("'" + v) if isinstance(v, str) and v[:1] in "=+-@" else v for v in values])
    if not write_only:
        thin = Side(style="thin")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=16)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
        for c in ws[2]:
            c.font = Font(bold=True)
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.auto_filter.ref = f"A2:P{len(rows) + 2}"
    wb.save(out)
    t1 = time.perf_counter()
    rb = load_workbook(out, read_only=True)
    count = sum(1 for _ in rb.active.iter_rows(values_only=True))
    t2 = time.perf_counter()
    print(json.dumps({"write_s": t1 - t0, "read_s": t2 - t1, "rows_read": count}))


if __name__ == "__main__":
    main()
