#!/usr/bin/env python3
"""What a school would otherwise run: openpyxl reading a list and writing the same rows
back to a new workbook. Prints the seconds of each phase as JSON (the interpreter's
start and the import of openpyxl are not counted).

    python openpyxl_peer.py IN.xlsx OUT.xlsx [--normal]

By default openpyxl's fast modes (read_only, write_only); --normal loads and writes the
whole workbook in memory, as a script that edits cells would.
"""
import json
import sys
import time

from openpyxl import Workbook, load_workbook


def main():
    src, out = sys.argv[1], sys.argv[2]
    normal = "--normal" in sys.argv
    t0 = time.perf_counter()
    book = load_workbook(src, read_only=not normal)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    title = sheet.title
    if not normal:
        book.close()
    t1 = time.perf_counter()
    wb = Workbook(write_only=not normal)
    if normal:
        ws = wb.active
        ws.title = title
    else:
        ws = wb.create_sheet(title)
    for r in rows:
        ws.append(r)
    wb.save(out)
    t2 = time.perf_counter()
    cells = sum(1 for r in rows for v in r if v is not None)
    print(json.dumps({"read_s": t1 - t0, "write_s": t2 - t1, "rows": len(rows), "cells": cells}))


if __name__ == "__main__":
    main()
