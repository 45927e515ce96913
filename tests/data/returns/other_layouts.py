#!/usr/bin/env python3
"""Returns laid out as offices lay out their own tables, made by openpyxl and
Python's csv (not by `tasks`):

- two-row-header.xlsx: a title, a line naming the division, the reporter and
  the date once for the whole form, a header of two rows (进展情况 merged over
  状态, 完成进度 and 情况说明), task ids merged down the rows of one task, and
  notes under the table (填表说明, 审核人：…).
- two-row-header-gbk.csv: the same table as Excel saves it as CSV on Chinese
  Windows (GBK, CRLF): merged cells come out as a value and empty cells.
- other-layouts.json: the entries each is meant to record, from the same
  tables.

Usage: python3 tests/data/returns/other_layouts.py (openpyxl 3.1.5).
"""

import csv
import datetime
import io
import json
import os
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2016, 10, 9, 9, 0, 0)

TITLE = "2016年政务公开工作进展情况表（第三季度）"
DIVISION = "办公室"
BY = "林芳"
WHEN = "2016年9月30日"
AT = "2016-09-30 00:00:00"

# (序号, task, status, percent as typed, note); a row of None is an empty
# spacer row inside the table.
ROWS = [
    ("1", "2.4", "已完成", "100%", "部门决算已公开"),
    ("2", "2.5", "推进中", "60%", "新闻发布会已召开三次"),
    ("3", "3.4", "进行中", "45%", "政策解读专栏改版中"),
    ("4", "3.6", "受阻", "10%", "网站改造经费待批复"),
]
NOTES = [
    "填表说明：状态填写未启动、推进中、受阻或已完成。",
    "审核人：王主任　　联系电话：0591-12345678",
]
HEADER_TOP = ["序号", "任务编号", "进展情况", "", ""]
HEADER_LOW = ["", "", "状态", "完成进度", "情况说明"]


def expected():
    status = {"已完成": "done", "推进中": "in-progress", "进行中": "in-progress", "受阻": "blocked"}
    return [{"task": t, "division": DIVISION, "status": status[s],
             "percent": int(p.rstrip("%")), "note": n, "by": BY, "at": AT}
            for (_, t, s, p, n) in ROWS]


def workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "三季度"
    sheet.append([TITLE])
    sheet.merge_cells("A1:E1")
    sheet.append([f"填报单位：{DIVISION}　　填报人：{BY}　　填报日期：{WHEN}"])
    sheet.merge_cells("A2:E2")
    sheet.append(HEADER_TOP)
    sheet.merge_cells("C3:E3")
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.append(HEADER_LOW)
    for serial, task, status, percent, note in ROWS:
        sheet.append([int(serial), task, status, float(percent.rstrip("%")) / 100, note])
        sheet.cell(sheet.max_row, 4).number_format = "0%"
    for note in NOTES:
        sheet.append([note])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1,
                          end_row=sheet.max_row, end_column=5)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True)
    book.properties.created = FIXED
    book.properties.modified = FIXED
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            item.date_time = FIXED.timetuple()[:6]
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            dst.writestr(item, data)


def gbk_csv(path):
    lines = [[TITLE, "", "", "", ""],
             [f"填报单位：{DIVISION}　　填报人：{BY}　　填报日期：{WHEN}", "", "", "", ""],
             HEADER_TOP, HEADER_LOW]
    lines += [list(r) for r in ROWS]
    lines += [[n, "", "", "", ""] for n in NOTES]
    with open(path, "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(lines)


def main():
    workbook(os.path.join(HERE, "two-row-header.xlsx"))
    gbk_csv(os.path.join(HERE, "two-row-header-gbk.csv"))
    out = {
        "about": "Written by other_layouts.py from the same tables as the files.",
        "two-row-header.xlsx": expected(),
        "two-row-header-gbk.csv": expected(),
    }
    with open(os.path.join(HERE, "other-layouts.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
