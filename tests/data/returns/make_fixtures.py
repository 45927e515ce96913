#!/usr/bin/env python3
"""Writes the division returns in this folder, and expected.json beside them.

Run from anywhere:  python3 tests/data/returns/make_fixtures.py

Made with:
  Python 3.11.7
  openpyxl 3.1.5 (pip install openpyxl==3.1.5; brings et-xmlfile 2.0.0)
  LibreOffice 7.4.7.2 (Debian 12 package libreoffice-calc-nogui
      4:7.4.7-1+deb12u14: apt-get update && apt-get install -y libreoffice-calc-nogui)

Every return is written from the tables below. Each cell there is a `C`: what
is written into the file (`put`, plus a number format for a spreadsheet cell)
and what the importer should make of it (`means`). expected.json is built from
the same tables, so the files and what they are expected to give cannot drift
apart.

The .xls (BIFF8, "MS Excel 97") and .ods files are LibreOffice's conversions of
the .xlsx files, made with `soffice --headless --convert-to` (see
`convert_with_libreoffice`); they are expected to give the same entries as the
workbook they were converted from. Pass --no-libreoffice to skip them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
PLAN = "fjdrc-2016-zwgk"
FIELDS = ("task", "division", "status", "percent", "note", "by", "at")

# Fixed stamps so that the .xlsx files come out byte for byte the same on
# every run (openpyxl would write the time of the run into them).
STAMP = dt.datetime(2016, 8, 15, 9, 0, 0)
ZIP_STAMP = (2016, 8, 15, 9, 0, 0)
# What `soffice --version` printed when the committed .xls/.ods were made.
LO_VERSION = "LibreOffice 7.4.7.2 40(Build:2)"


# --------------------------------------------------------------------------
# Cells: what is written, and what it means.
# --------------------------------------------------------------------------


@dataclass
class C:
    """One value of a return: `put` is written to the file, `means` is what
    the importer should record for it. `fmt` is an Excel number format."""

    put: Any
    means: Any = None
    fmt: str | None = None


def t(text: str, means: Any = ...) -> C:
    """A text value; it means itself, trimmed, unless told otherwise."""
    if means is ...:
        means = text.strip(" \u3000")
    return C(text, means)


def status(text: str, status_id: str) -> C:
    return C(text, status_id)


def pct_text(text: str, value: int) -> C:
    return C(text, value)


def pct_fraction(value: float) -> C:
    """A percent cell as Excel keeps it: 0.5 shown as 50%."""
    return C(value, round(value * 100), "0%")


def date_cell(day: dt.date) -> C:
    """A real Excel date cell, shown the Chinese way."""
    return C(day, f"{day:%Y-%m-%d} 00:00:00", 'yyyy"年"m"月"d"日"')


def datetime_cell(at: dt.datetime) -> C:
    return C(at, f"{at:%Y-%m-%d %H:%M:%S}", "yyyy-mm-dd hh:mm")


def date_text(text: str, means: str) -> C:
    """A date typed as text; `means` is YYYY-MM-DD HH:MM:SS."""
    return C(text, means)


def excel_serial(serial: float) -> C:
    """An Excel serial day number stored as a plain number (General format),
    as happens when a date column is pasted as values."""
    at = dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)
    return C(serial, f"{at:%Y-%m-%d %H:%M:%S}")


BLANK = C(None, None)


def blank_text() -> C:
    return C("", None)


# --------------------------------------------------------------------------
# The returns.
# --------------------------------------------------------------------------


@dataclass
class Return:
    """A return: its columns (header text → field, None for a column the
    importer reads and ignores), its data rows, and where the data start."""

    name: str
    header: list[tuple[str, str | None]]
    rows: list[dict[str, C]]
    division_from_form: str | None = None  # 填报单位 line above the header
    first_row: int = 2  # row (or line) of the first data row
    sheet: str | None = None


def row(**cells: C | str) -> dict[str, C]:
    return {k: (v if isinstance(v, C) else t(v)) for k, v in cells.items()}


# a. 办公室's own form, as the office sends it out: title, 填报单位, the
#    plan's id, then the header on row 4. No division column.
CHINESE_FORM = Return(
    name="chinese-form",
    sheet="反馈表",
    division_from_form="办公室",
    first_row=5,
    header=[
        ("编号", "task"),
        ("任务名称", None),
        ("承担方式", None),
        ("进展状态", "status"),
        ("完成进度", "percent"),
        ("进展情况", "note"),
        ("联系人", "by"),
        ("填报时间", "at"),
    ],
    rows=[
        row(
            task="2.4",
            title=t("推进本部门预决算公开", None),
            role=t("牵头", None),
            status=status("已完成", "done"),
            percent=pct_fraction(1.0),
            note="2016年部门预算已在委门户网站公开，决算待批复后公开",
            by="林芳",
            at=date_cell(dt.date(2016, 7, 15)),
        ),
        row(
            task="2.5",
            title=t("积极回应社会关切", None),
            role=t("牵头", None),
            status=status("\u3000推进中\u3000", "in-progress"),
            percent=pct_fraction(0.5),
            note="新闻发布工作机制已起草，待委务会审定",
            by="林芳",
            at=datetime_cell(dt.datetime(2016, 8, 2, 15, 30)),
        ),
        row(
            task="3.4",
            title=t("更好发挥媒体作用", None),
            role=t("牵头", None),
            status=status("进行中", "in-progress"),
            percent=pct_fraction(0.3),
            note="已与省内主要媒体建立通气会制度",
            by="陈晓燕",
            at=date_text("2016年8月1日", "2016-08-01 00:00:00"),
        ),
        row(
            task="3.5",
            title=t("提高政务公开工作制度化标准化水平", None),
            role=t("牵头", None),
            status=status("存在困难", "blocked"),
            percent=pct_fraction(0.2),
            note="主动公开基本目录需法规处会签，尚未返回",
            by="陈晓燕",
            at=datetime_cell(dt.datetime(2016, 8, 3, 9, 0)),
        ),
        row(
            task="3.6",
            title=t("提高政务公开工作信息化集中化水平", None),
            role=t("牵头", None),
            status=status("未启动", "not-started"),
            percent=pct_fraction(0.0),
            note="网站数据库改造列入下半年计划",
            by="林芳",
            at=date_cell(dt.date(2016, 8, 3)),
        ),
        # Untouched: the office filled in the id and the task, the division
        # nothing else. Left blank, not an error.
        row(
            task="3.7",
            title=t("提高政务公开队伍专业化理论化水平", None),
            role=t("牵头", None),
            status=BLANK,
            percent=BLANK,
            note=BLANK,
            by=BLANK,
            at=BLANK,
        ),
    ],
)

# b. A plain table gathered from several divisions, typed by hand.
MIXED_DIVISIONS = Return(
    name="mixed-divisions",
    sheet="Sheet1",
    first_row=2,
    header=[
        ("任务编号", "task"),
        ("处室", "division"),
        ("状态", "status"),
        ("进度(%)", "percent"),
        ("备注", "note"),
        ("填报人", "by"),
        ("日期", "at"),
    ],
    rows=[
        row(
            task="1.1",
            division="信用办",
            status=status("正在推进", "in-progress"),
            percent=pct_text("50%", 50),
            note="“信用福建”与“信用中国”数据接口联调中",
            by="周杰",
            at=date_text("2016/7/5", "2016-07-05 00:00:00"),
        ),
        row(
            task="1.1",
            division="数字福建技术应用处",
            status=status("未开始", "not-started"),
            percent=pct_text("0", 0),
            note="待信用办提出接口需求",
            by="陈磊",
            at=date_text("2016.7.5", "2016-07-05 00:00:00"),
        ),
        row(
            task="1.7",
            division=t("政策法规处", "法规处"),
            status=status("完成", "done"),
            percent=C(100, 100),
            note="省级公共资源交易公告已按要求公开",
            by="张敏",
            at=date_text("2016-7-5 14:30", "2016-07-05 14:30:00"),
        ),
        row(
            task="2.3",
            division=t(" 区域处 ", "区域处"),
            status=status("存在困难", "blocked"),
            percent=C(10, 10),
            note="等待省级扶贫数据平台上线",
            by="李强",
            at=excel_serial(42585.625),  # 2016-08-03 15:00
        ),
        row(
            task="1.4",
            division="体改处",
            status=status("正在推进", "in-progress"),
            percent=pct_text("８０", 80),
            note="负面清单试点内容已公开，调整事项按季度更新",
            by="吴敏",
            at=excel_serial(42586),  # 2016-08-04
        ),
        row(
            task="1.6",
            division="投资处",
            status=status("未开始", "not-started"),
            percent=BLANK,
            note="PPP项目库信息待财政厅统一发布口径",
            by="郑华",
            at=BLANK,
        ),
        row(
            task="2.1",
            division=t("政策法规处", "法规处"),
            status=status("完成", "done"),
            percent=C(None, 100),  # done without a percent records 100
            note="权力清单和责任清单已在门户网站集中展示",
            by="张敏",
            at=date_text("2016/8/5 10:00", "2016-08-05 10:00:00"),
        ),
    ],
)

# d, e. The same rows as GBK CSV and as UTF-16 "Unicode text".
CN_TEXT_HEADER = [
    ("任务编号", "task"),
    ("责任处室", "division"),
    ("状态", "status"),
    ("进度", "percent"),
    ("情况说明", "note"),
    ("填报人", "by"),
    ("填报日期", "at"),
]
CN_TEXT_ROWS = [
    row(
        task="2.2",
        division="法规处",
        status=status("进行中", "in-progress"),
        percent=pct_text("60", 60),
        note="招投标监管执法依据已梳理, 结果公开待平台上线",  # ASCII comma: quoted
        by="张敏",
        at=date_text("2016/8/5", "2016-08-05 00:00:00"),
    ),
    row(
        task="3.5",
        division="法规处",
        status=status("推进中", "in-progress"),
        percent=pct_text("40%", 40),
        note="规章和规范性文件清理结果已报办公室",
        by="张敏",
        at=date_text("2016-08-06 09:30", "2016-08-06 09:30:00"),
    ),
    row(
        task="1.2",
        division="数字福建技术应用处",
        status=status("暂未启动", "not-started"),
        percent=pct_text("0", 0),
        note="网上办事大厅二期待立项\n预计9月启动",  # a line break in the cell: quoted
        by="陈磊",
        at=date_text("2016年8月8日", "2016-08-08 00:00:00"),
    ),
    row(
        task="2.5",
        division="新闻中心",
        status=status("已完成", "done"),
        percent=C("", 100),  # done without a percent records 100
        note="新闻发布会工作机制已建立",
        by="王丽",
        at=date_text("2016.8.9", "2016-08-09 00:00:00"),
    ),
    row(
        task="3.4",
        division="新闻中心",
        status=status("\u3000推进中", "in-progress"),
        percent=pct_text("５０", 50),
        note="已在主流媒体发布政策解读3篇",
        by="王丽",
        at=date_text("2016年8月10日 15:00", "2016-08-10 15:00:00"),
    ),
    row(
        task="2.3",
        division="区域处",
        status=status("受阻", "blocked"),
        percent=pct_text("20", 20),
        note="等待省级扶贫数据平台上线",
        by="李强",
        at=date_text("2016/8/11 10:20", "2016-08-11 10:20:00"),
    ),
]
GBK_CRLF = Return(name="gbk-crlf", header=CN_TEXT_HEADER, rows=CN_TEXT_ROWS)
UTF16_TAB = Return(name="utf16-tab", header=CN_TEXT_HEADER, rows=CN_TEXT_ROWS)

# f. English header, UTF-8 with BOM, LF.
UTF8_BOM = Return(
    name="utf8-bom",
    header=[(f, f) for f in FIELDS],
    rows=[
        row(
            task="1.1",
            division="信用办",
            status=status("done", "done"),
            percent=pct_text("100", 100),
            note="“信用福建”网站已与“信用中国”网站完成连接",
            by="周杰",
            at=date_text("2016-09-01T09:30", "2016-09-01 09:30:00"),
        ),
        row(
            task="1.4",
            division="体改处",
            status=status("in-progress", "in-progress"),
            percent=pct_text("70", 70),
            note="负面清单调整事项已公开",
            by="吴敏",
            at=date_text("2016-09-02", "2016-09-02 00:00:00"),
        ),
        row(
            task="1.6",
            division="投资处",
            status=status(" blocked ", "blocked"),
            percent=pct_text("30", 30),
            note="PPP项目合同公开需财政厅统一口径",
            by="郑华",
            at=date_text("2016-09-05 16:45", "2016-09-05 16:45:00"),
        ),
        row(
            task="1.1",
            division="数字福建技术应用处",
            status=status("not-started", "not-started"),
            percent=blank_text(),
            note=blank_text(),
            by=blank_text(),
            at=blank_text(),
        ),
        # Left blank: an id and a division, no status and no note.
        row(
            task="2.1",
            division="法规处",
            status=blank_text(),
            percent=blank_text(),
            note=blank_text(),
            by=blank_text(),
            at=blank_text(),
        ),
        row(
            task="2.4",
            division="办公室",
            status=status("done", "done"),
            percent=C("", 100),  # done without a percent records 100
            note="2016年部门决算已公开",
            by="林芳",
            at=date_text("2016/9/8 8:05", "2016-09-08 08:05:00"),
        ),
    ],
)

# --------------------------------------------------------------------------
# Mistake files: each row wrong in exactly one way (named by `wrong`).
# --------------------------------------------------------------------------

MISTAKE_HEADER = CN_TEXT_HEADER


@dataclass
class Mistake:
    """A row of a mistake file and the one thing wrong with it."""

    cells: dict[str, C]
    wrong: str | None = None  # the field that is wrong; None for a good row
    problem: str = ""


def mrow(wrong: str | None = None, problem: str = "", **cells: Any) -> Mistake:
    return Mistake(row(**cells), wrong, problem)


MISTAKES_XLSX = [
    mrow(
        "status", "unknown status 进行了一半",
        task="1.7", division="法规处", status=C("进行了一半", None), percent=pct_text("40", 40),
        note="公共资源交易公告目录梳理过半", by="张敏", at=date_cell(dt.date(2016, 8, 1)),
    ),
    mrow(
        "division", "no division: the row has none and the form names none",
        task="2.2", division=BLANK, status=status("推进中", "in-progress"), percent=pct_text("50", 50),
        note="监管执法信息公开目录初稿已完成", by="张敏", at=date_cell(dt.date(2016, 8, 1)),
    ),
    mrow(
        "status", "unknown status 瞎写",
        task="2.3", division="区域处", status=C("瞎写", None), percent=pct_text("10", 10),
        note="扶贫信息公开方案起草中", by="李强", at=date_cell(dt.date(2016, 8, 2)),
    ),
    mrow(
        "percent", "percent 150 is over 100",
        task="3.6", division="办公室", status=status("推进中", "in-progress"), percent=C(150, 150),
        note="网站搜索功能改造中", by="林芳", at=date_cell(dt.date(2016, 8, 2)),
    ),
    mrow(
        "at", "2016-02-30 is not a date: February 2016 has 29 days",
        task="2.4", division="办公室", status=status("推进中", "in-progress"), percent=pct_text("60", 60),
        note="部门预算已公开", by="林芳", at=date_text("2016-02-30", None),
    ),
    mrow(
        "at", "2030-01-01 is in the future",
        task="3.7", division="办公室", status=status("推进中", "in-progress"), percent=pct_text("30", 30),
        note="政务公开培训方案已拟定", by="林芳", at=date_cell(dt.date(2030, 1, 1)),
    ),
    mrow(
        "division", "法规处 is not assigned to task 1.1 (信用办 lead, 数字福建技术应用处 support)",
        task="1.1", division="法规处", status=status("推进中", "in-progress"), percent=pct_text("20", 20),
        note="配合提供信用信息目录", by="张敏", at=date_cell(dt.date(2016, 8, 4)),
    ),
    mrow(
        "task", "unknown task 9.9",
        task="9.9", division="办公室", status=status("推进中", "in-progress"), percent=pct_text("10", 10),
        note="本委其他政务公开工作", by="林芳", at=date_cell(dt.date(2016, 8, 4)),
    ),
]
MISTAKES_XLSX_FIRST_ROW = 4  # title on row 1, 方案 on row 2, header on row 3

MISTAKES_CSV = [  # line 1 is the header
    mrow(  # line 2: good
        task="2.3", division="区域处", status=status("推进中", "in-progress"), percent=pct_text("30", 30),
        note="扶贫信息公开方案起草中", by="李强", at=date_text("2016-08-01", "2016-08-01 00:00:00"),
    ),
    mrow(  # line 3
        "status", "unknown status 进行了一半",
        task="2.4", division="办公室", status=C("进行了一半", None), percent=pct_text("50", 50),
        note="部门预算已公开", by="林芳", at=date_text("2016-08-02", "2016-08-02 00:00:00"),
    ),
    mrow(  # line 4
        "division", "no division",
        task="3.6", division=blank_text(), status=status("推进中", "in-progress"), percent=pct_text("40", 40),
        note="网站搜索功能改造中", by="林芳", at=date_text("2016-08-03", "2016-08-03 00:00:00"),
    ),
    mrow(  # line 5: good
        task="1.4", division="体改处", status=status("已完成", "done"), percent=pct_text("100", 100),
        note="负面清单试点内容已公开", by="吴敏", at=date_text("2016-08-04", "2016-08-04 00:00:00"),
    ),
]


# --------------------------------------------------------------------------
# Writers.
# --------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def header_keys(ret: Return) -> list[str]:
    """The row dict key for each column (ignored columns have their own)."""
    keys = []
    ignored = iter(["title", "role"])
    for _, fld in ret.header:
        keys.append(fld if fld else next(ignored))
    return keys


def put_row(ws, row_no: int, keys: list[str], cells: dict[str, C]) -> None:
    for col, key in enumerate(keys, start=1):
        c = cells.get(key, BLANK)
        cell = ws.cell(row=row_no, column=col)
        if c.put is not None and c.put != "":
            cell.value = c.put
        if c.fmt:
            cell.number_format = c.fmt
        cell.border = BOX


def normalise_zip(path: Path) -> None:
    """Rewrite a zip-based workbook (.xlsx, .ods) with fixed entry times, so
    that a rerun gives the same bytes. Entry order and each entry's
    compression are kept (an .ods must start with its stored `mimetype`)."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w") as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                # openpyxl writes the time of the run here.
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, ZIP_STAMP)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr or (0o644 << 16)
            zout.writestr(fixed, data)


def new_workbook(sheet: str) -> tuple[openpyxl.Workbook, Any]:
    wb = openpyxl.Workbook()
    wb.properties.creator = "办公室"
    wb.properties.created = STAMP
    ws = wb.active
    ws.title = sheet
    return wb, ws


def write_chinese_form(ret: Return) -> None:
    wb, ws = new_workbook(ret.sheet)
    ncols = len(ret.header)
    ws.cell(row=1, column=1, value="2016年政务公开工作分解落实方案任务进展情况反馈表")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws["A2"] = f"填报单位：{ret.division_from_form}"
    ws["A3"] = f"方案：{PLAN}"
    header_row = ret.first_row - 1
    for col, (text, _) in enumerate(ret.header, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    keys = header_keys(ret)
    for i, cells in enumerate(ret.rows):
        put_row(ws, ret.first_row + i, keys, cells)
    for col, width in zip(range(1, ncols + 1), [8, 34, 10, 12, 12, 44, 10, 18]):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=ret.first_row, column=1)
    path = HERE / f"{ret.name}.xlsx"
    wb.save(path)
    normalise_zip(path)


def write_plain_table(ret: Return) -> None:
    wb, ws = new_workbook(ret.sheet)
    for col, (text, _) in enumerate(ret.header, start=1):
        ws.cell(row=1, column=col, value=text).font = Font(bold=True)
    keys = header_keys(ret)
    for i, cells in enumerate(ret.rows):
        put_row(ws, ret.first_row + i, keys, cells)
    for col, width in zip(range(1, 8), [10, 22, 10, 10, 44, 10, 18]):
        ws.column_dimensions[get_column_letter(col)].width = width
    path = HERE / f"{ret.name}.xlsx"
    wb.save(path)
    normalise_zip(path)


def text_rows(header, rows: list[dict[str, C]]) -> list[list[str]]:
    out = [[h for h, _ in header]]
    for cells in rows:
        out.append([
            "" if cells[f].put is None else str(cells[f].put) for _, f in header
        ])
    return out


def csv_bytes(rows: list[list[str]], delimiter: str, newline: str) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buf.getvalue()


def write_text(name: str, text: str, encoding: str, bom: bytes = b"") -> None:
    (HERE / name).write_bytes(bom + text.encode(encoding))


def write_mistakes_xlsx() -> None:
    wb, ws = new_workbook("反馈表")
    ws["A1"] = "2016年政务公开工作任务进展情况汇总表"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(MISTAKE_HEADER))
    ws["A1"].font = Font(size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = f"方案：{PLAN}"
    header_row = MISTAKES_XLSX_FIRST_ROW - 1
    for col, (text, _) in enumerate(MISTAKE_HEADER, start=1):
        ws.cell(row=header_row, column=col, value=text).font = Font(bold=True)
    keys = [f for _, f in MISTAKE_HEADER]
    for i, m in enumerate(MISTAKES_XLSX):
        put_row(ws, MISTAKES_XLSX_FIRST_ROW + i, keys, m.cells)
    for col, width in zip(range(1, 8), [10, 22, 12, 8, 34, 10, 18]):
        ws.column_dimensions[get_column_letter(col)].width = width
    path = HERE / "mistakes.xlsx"
    wb.save(path)
    normalise_zip(path)


# --------------------------------------------------------------------------
# LibreOffice.
# --------------------------------------------------------------------------


def soffice_version() -> str:
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def convert_with_libreoffice(sources: list[str]) -> None:
    """The exact commands used, with a throwaway profile so that no user
    setting leaks in:

      soffice --headless -env:UserInstallation=file:///tmp/lo-profile-PID \
          --convert-to 'xls:MS Excel 97' --outdir tests/data/returns SRC.xlsx
      soffice --headless -env:UserInstallation=file:///tmp/lo-profile-PID \
          --convert-to ods --outdir tests/data/returns SRC.xlsx
    """
    if shutil.which("soffice") is None:
        sys.exit(
            "soffice not found: apt-get update && apt-get install -y libreoffice-calc-nogui "
            "(or run with --no-libreoffice)"
        )
    profile = Path(tempfile.gettempdir()) / f"lo-profile-{os.getpid()}"
    try:
        for target in ("xls:MS Excel 97", "ods"):
            cmd = [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                target,
                "--outdir",
                str(HERE),
                *[str(HERE / s) for s in sources],
            ]
            print("+", " ".join(f"'{a}'" if " " in a else a for a in cmd))
            subprocess.run(cmd, check=True)
        for source in sources:
            normalise_zip(HERE / source.replace(".xlsx", ".ods"))
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# --------------------------------------------------------------------------
# Self-check against the plan: every good row must be right in every field,
# every mistake row wrong in exactly the field it names.
# --------------------------------------------------------------------------

PLAN_FILE = HERE.parents[2] / "data" / f"{PLAN}.toml"
STATUS_IDS = {"not-started", "in-progress", "blocked", "done"}


def load_plan() -> tuple[dict[str, set[str]], dict[str, str], dt.datetime]:
    plan = tomllib.loads(PLAN_FILE.read_text(encoding="utf-8"))
    assignees = {
        task["id"]: {task["lead"], *task.get("support", [])} for task in plan["task"]
    }
    names = {}
    for d in plan["division"]:
        names[d["name"]] = d["name"]
        for alias in d.get("aliases", []):
            names[alias] = d["name"]
    issued = dt.datetime.combine(plan["plan"]["issued"], dt.time())
    return assignees, names, issued


def wrong_fields(cells: dict[str, C], division: str | None, plan) -> set[str]:
    """The fields of a row that the importer should refuse."""
    assignees, names, issued = plan
    wrong = set()
    task = cells["task"].means
    if task not in assignees:
        wrong.add("task")
    if division is None or division not in names.values() or (
        task in assignees and division not in assignees[task]
    ):
        wrong.add("division")
    st = cells["status"].means
    if st not in STATUS_IDS:
        wrong.add("status")
    pc = cells["percent"].means
    if pc is not None and not (isinstance(pc, int) and 0 <= pc <= 100):
        wrong.add("percent")
    if st == "done" and pc != 100:
        wrong.add("percent")
    at = cells["at"]
    if at.put not in (None, "") and at.means is None:
        wrong.add("at")
    elif at.means is not None:
        when = dt.datetime.strptime(at.means, "%Y-%m-%d %H:%M:%S")
        if not issued <= when <= dt.datetime.now():
            wrong.add("at")
    return wrong


def self_check() -> None:
    plan = load_plan()
    _, names, _ = plan
    for ret in (CHINESE_FORM, MIXED_DIVISIONS, GBK_CRLF, UTF8_BOM):
        for i, cells in enumerate(ret.rows):
            if cells["status"].means is None and cells["note"].means is None:
                continue  # left blank
            division = ret.division_from_form or cells["division"].means
            if "division" in cells and cells["division"].put is not None:
                assert names.get(cells["division"].put.strip(" \u3000")) == division, (ret.name, i)
            wrong = wrong_fields(cells, division, plan)
            assert not wrong, f"{ret.name} row {i}: {wrong}"
    for name, rows in (("mistakes.xlsx", MISTAKES_XLSX), ("mistakes-gbk-crlf.csv", MISTAKES_CSV)):
        for i, m in enumerate(rows):
            division = m.cells["division"].means
            wrong = wrong_fields(m.cells, division, plan)
            want = {m.wrong} if m.wrong else set()
            assert wrong == want, f"{name} row {i}: wrong in {wrong}, meant {want}"


# --------------------------------------------------------------------------
# expected.json
# --------------------------------------------------------------------------


def entries(ret: Return, line_of) -> tuple[list[dict], list[dict]]:
    """The entries the importer should record, and the rows left blank."""
    recorded, left_blank = [], []
    for i, cells in enumerate(ret.rows):
        where = line_of(i)
        division = ret.division_from_form or cells["division"].means
        if cells["status"].means is None and cells["note"].means is None:
            left_blank.append({"row": where, "task": cells["task"].means, "division": division})
            continue
        entry = {"row": where}
        for f in FIELDS:
            if f == "division":
                entry[f] = division
            elif f in ("note", "by"):
                entry[f] = cells[f].means or ""
            else:
                entry[f] = cells[f].means
        recorded.append(entry)
    return recorded, left_blank


def spreadsheet_rows(ret: Return):
    return lambda i: ret.first_row + i


def text_lines(ret: Return):
    """Line on which each record starts: a line break inside a quoted note
    pushes the following records down."""
    starts, line = [], 2
    for cells in ret.rows:
        starts.append(line)
        line += 1 + sum(str(c.put or "").count("\n") for c in cells.values())
    return lambda i: starts[i]


def mistake_problems(file: str, sheet: str | None, first: int, rows: list[Mistake], keys: list[str], letters: bool) -> list[dict]:
    out = []
    for i, m in enumerate(rows):
        if m.wrong is None:
            continue
        col = keys.index(m.wrong) + 1
        put = m.cells[m.wrong].put
        if isinstance(put, dt.date):
            put = f"{put:%Y-%m-%d}"
        out.append({
            "file": file,
            "sheet": sheet,
            "row": first + i,
            "column": get_column_letter(col) if letters else col,
            "field": m.wrong,
            "value": "" if put is None else put,
            "problem": m.problem,
        })
    return out


def build_expected(lo_version: str) -> dict:
    files: dict[str, Any] = {}

    def add(name: str, ret: Return, fmt: str, line_of, made_with: str, made_from: str | None = None):
        recorded, blank = entries(ret, line_of)
        files[name] = {
            "format": fmt,
            "made_with": made_with,
            **({"made_from": made_from} if made_from else {}),
            "sheet": ret.sheet,
            "division_from_form": ret.division_from_form,
            "entries": recorded,
            "left_blank": blank,
        }

    opx = f"openpyxl {openpyxl.__version__}"
    for ret in (CHINESE_FORM, MIXED_DIVISIONS):
        add(f"{ret.name}.xlsx", ret, "xlsx", spreadsheet_rows(ret), opx)
        add(f"{ret.name}.xls", ret, "xls (BIFF8)", spreadsheet_rows(ret), lo_version, f"{ret.name}.xlsx")
        add(f"{ret.name}.ods", ret, "ods", spreadsheet_rows(ret), lo_version, f"{ret.name}.xlsx")
    py = f"Python {sys.version.split()[0]}"
    add("gbk-crlf.csv", GBK_CRLF, "csv, GBK, CRLF, no BOM", text_lines(GBK_CRLF), py)
    add("utf16-tab.txt", UTF16_TAB, "tab-separated, UTF-16LE with BOM, CRLF", text_lines(UTF16_TAB), py)
    add("utf8-bom.csv", UTF8_BOM, "csv, UTF-8 with BOM, LF", text_lines(UTF8_BOM), py)

    keys = [f for _, f in MISTAKE_HEADER]
    mistakes = {
        "mistakes.xlsx": {
            "format": "xlsx",
            "made_with": opx,
            "sheet": "反馈表",
            "problems": mistake_problems("mistakes.xlsx", "反馈表", MISTAKES_XLSX_FIRST_ROW, MISTAKES_XLSX, keys, True),
        },
        "mistakes-gbk-crlf.csv": {
            "format": "csv, GBK, CRLF, no BOM",
            "made_with": py,
            "sheet": None,
            "problems": mistake_problems("mistakes-gbk-crlf.csv", None, 2, MISTAKES_CSV, keys, False),
        },
    }
    return {
        "plan": PLAN,
        "about": (
            "Written by make_fixtures.py from the same tables as the files. "
            "row: the spreadsheet row, or the line a CSV/TSV record starts on. "
            "at: YYYY-MM-DD HH:MM:SS (a date without a time is 00:00:00), null when the row gives no time. "
            "percent: null when none is given, 100 for done without one. "
            "note and by: \"\" when empty. "
            "column: a letter for a spreadsheet, 1-based for text."
        ),
        "files": files,
        "mistakes": mistakes,
    }


def main() -> None:
    with_lo = "--no-libreoffice" not in sys.argv[1:]
    self_check()
    write_chinese_form(CHINESE_FORM)
    write_plain_table(MIXED_DIVISIONS)

    write_text("gbk-crlf.csv", csv_bytes(text_rows(CN_TEXT_HEADER, CN_TEXT_ROWS), ",", "\r\n"), "gbk")
    write_text("utf16-tab.txt", csv_bytes(text_rows(CN_TEXT_HEADER, CN_TEXT_ROWS), "\t", "\r\n"), "utf-16-le", b"\xff\xfe")
    write_text("utf8-bom.csv", csv_bytes(text_rows(UTF8_BOM.header, UTF8_BOM.rows), ",", "\n"), "utf-8", b"\xef\xbb\xbf")

    write_mistakes_xlsx()
    write_text(
        "mistakes-gbk-crlf.csv",
        csv_bytes(text_rows(MISTAKE_HEADER, [m.cells for m in MISTAKES_CSV]), ",", "\r\n"),
        "gbk",
    )

    lo_version = LO_VERSION
    if with_lo:
        convert_with_libreoffice([f"{CHINESE_FORM.name}.xlsx", f"{MIXED_DIVISIONS.name}.xlsx"])
        lo_version = soffice_version()
        if lo_version != LO_VERSION:
            print(f"note: made with {lo_version}, not {LO_VERSION}: update LO_VERSION and the README")
    else:
        print("note: .xls and .ods left as they were; they must match the .xlsx files")

    expected = build_expected(lo_version)
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("wrote", ", ".join(sorted(expected["files"]) + sorted(expected["mistakes"]) + ["expected.json"]))


if __name__ == "__main__":
    main()
