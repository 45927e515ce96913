#!/usr/bin/env python3
"""Return forms as they come back: blank forms written by `tasks form`, then
filled in by other programs, the way a division fills them in.

- filled-form.xlsx: the 法规处 workbook form, filled in and saved by openpyxl
  (a status from the drop-down, whole-number percents, a date cell, a date
  typed as text, a row left untouched).
- filled-form-gbk.csv: the 新闻中心 CSV form, filled in and saved again as
  Excel on Chinese Windows saves "CSV (逗号分隔)": GBK, CRLF, no BOM.
- filled-forms.json: the entries each file is meant to record, written from
  the same tables as the files.

Usage: python3 tests/data/returns/fill_forms.py [TASKS_BINARY]
(default target/debug/tasks; run `cargo build` first). Needs openpyxl
(made with openpyxl 3.1.5 on Python 3.11.7).
"""

import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PLAN = os.path.join(ROOT, "data", "fjdrc-2016-zwgk.toml")
FIXED = datetime.datetime(2016, 10, 8, 9, 0, 0)

# Task → (status as typed, percent as typed, note, by, when as typed,
#         what is recorded: status id, percent, at).
FAGUI = {
    "1.7": ("已完成", 100, "公共资源交易公告已在门户网站集中公开", "张敏",
            datetime.datetime(2016, 9, 28),
            ("done", 100, "2016-09-28 00:00:00")),
    "2.1": ("推进中", 60, "权力清单已公开，责任清单待审定", "张敏", "2016/9/29",
            ("in-progress", 60, "2016-09-29 00:00:00")),
    # 2.2 left untouched.
    "3.5": ("受阻", 30, "会签意见尚未返回", "李华",
            datetime.datetime(2016, 9, 30, 16, 20),
            ("blocked", 30, "2016-09-30 16:20:00")),
}

XINWEN = {
    "2.5": ("推进中", "50%", "新闻发布会已召开两次", "王丽", "2016年9月27日",
            ("in-progress", 50, "2016-09-27 00:00:00")),
    # 3.3 left untouched.
    "3.4": ("已完成", "", "政策解读专栏已上线", "王丽", "2016-9-30 10:05",
            ("done", 100, "2016-09-30 10:05:00")),
}


def tasks(binary, db, *args):
    subprocess.run([binary, "--db", db, "--lang", "zh", *args], check=True,
                   stdout=subprocess.DEVNULL)


def fill_workbook(blank, out, division, rows):
    book = openpyxl.load_workbook(blank)
    sheet = book.active
    header = [c.value for c in sheet[4]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(5, sheet.max_row + 1):
        task = sheet.cell(r, col["任务编号"]).value
        if task not in rows:
            continue
        status, percent, note, by, when, _ = rows[task]
        sheet.cell(r, col["状态"]).value = status
        sheet.cell(r, col["进度(%)"]).value = percent
        sheet.cell(r, col["情况说明"]).value = note
        sheet.cell(r, col["填报人"]).value = by
        cell = sheet.cell(r, col["填报日期"])
        cell.value = when
        if isinstance(when, datetime.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm" if when.hour else "yyyy-mm-dd"
    book.properties.created = FIXED
    book.properties.modified = FIXED
    buf = io.BytesIO()
    book.save(buf)
    # Fixed times inside the zip, so that the file is the same each run.
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            item.date_time = FIXED.timetuple()[:6]
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                # openpyxl writes the time of saving as the modified time.
                stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            dst.writestr(item, data)


def fill_csv(blank, out, rows):
    with open(blank, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    header_at = next(i for i, l in enumerate(lines) if l and l[0] == "任务编号")
    header = lines[header_at]
    col = {name: i for i, name in enumerate(header)}
    for line in lines[header_at + 1:]:
        task = line[col["任务编号"]]
        if task not in rows:
            continue
        status, percent, note, by, when, _ = rows[task]
        line[col["状态"]] = status
        line[col["进度(%)"]] = percent
        line[col["情况说明"]] = note
        line[col["填报人"]] = by
        line[col["填报日期"]] = when
    with open(out, "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(lines)


def expected(division, rows, row_of):
    entries = []
    for task, (_, _, note, by, _, (status, percent, at)) in rows.items():
        entries.append({"row": row_of[task], "task": task, "division": division,
                        "status": status, "percent": percent, "note": note,
                        "by": by, "at": at})
    return sorted(entries, key=lambda e: e["row"])


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "tasks")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "tasks.db")
        tasks(binary, db, "load", PLAN)
        blank_xlsx = os.path.join(tmp, "法规处.xlsx")
        blank_csv = os.path.join(tmp, "新闻中心.csv")
        tasks(binary, db, "--as-of", "2016-09-30", "form", "--division", "法规处",
              "--output", blank_xlsx)
        tasks(binary, db, "--as-of", "2016-09-30", "form", "--division", "新闻中心",
              "--output", blank_csv)
        fill_workbook(blank_xlsx, os.path.join(HERE, "filled-form.xlsx"), "法规处", FAGUI)
        fill_csv(blank_csv, os.path.join(HERE, "filled-form-gbk.csv"), XINWEN)
        book = openpyxl.load_workbook(blank_xlsx)
        xlsx_rows = {book.active.cell(r, 1).value: r for r in range(5, book.active.max_row + 1)}
        with open(blank_csv, encoding="utf-8-sig", newline="") as f:
            lines = list(csv.reader(f))
        header_at = next(i for i, l in enumerate(lines) if l and l[0] == "任务编号")
        csv_rows = {l[0]: i + 1 for i, l in enumerate(lines) if i > header_at and l}
    out = {
        "about": "Written by fill_forms.py from the same tables as the files. "
                 "row: the sheet row, or the CSV line. left_blank: the form's "
                 "tasks nobody filled in.",
        "filled-form.xlsx": {
            "division": "法规处",
            "entries": expected("法规处", FAGUI, xlsx_rows),
            "left_blank": sorted(t for t in xlsx_rows if t not in FAGUI),
        },
        "filled-form-gbk.csv": {
            "division": "新闻中心",
            "entries": expected("新闻中心", XINWEN, csv_rows),
            "left_blank": sorted(t for t in csv_rows if t not in XINWEN),
        },
    }
    with open(os.path.join(HERE, "filled-forms.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
