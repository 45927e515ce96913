#!/usr/bin/env python3
"""Remake the notice fixtures of this folder.

    python3 tests/data/notices/make.py

Writes prose-responsible.txt (GB18030, from prose-responsible.utf8.txt),
task-table.docx, lines-numbered.docx (python-docx plus raw WordprocessingML
for automatic numbering, tracked changes and a text box), and task-table.doc
and task-table.wps (LibreOffice headless from task-table.docx). python-docx is
installed into a venv under /tmp when it is not importable; the script then
runs itself again with that venv's Python.
"""

import copy
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = "/tmp/notice-fixtures-venv"

try:
    import docx  # noqa: F401
except ImportError:
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "python-docx"])
    os.execv(py, [py, os.path.abspath(__file__)] + sys.argv[1:])

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"
# A fixed time for the core properties and tracked changes, so that a remake
# gives the same content.
STAMP = "2018-05-08T09:00:00Z"


def out(name):
    return os.path.join(HERE, name)


def save_fixed(doc, name):
    """Save, then rewrite the zip with fixed entry times so that a remake
    gives the same bytes."""
    import io
    import zipfile

    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
            out(name), "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2018, 5, 8, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def fixed_core(doc, title):
    import datetime

    cp = doc.core_properties
    when = datetime.datetime(2018, 5, 8, 9, 0, 0)
    cp.author = "示例"
    cp.last_modified_by = "示例"
    cp.title = title
    cp.created = when
    cp.modified = when
    cp.revision = 1
    cp.comments = ""


def base_document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(14)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "宋体")
    return doc


def centered(doc, text, size=18, bold=True):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = bold
    r.font.size = Pt(size)
    return p


def right(doc, text):
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


# ---------------------------------------------------------------------------
# 1. prose-responsible.txt: the UTF-8 source saved as GB18030 with CRLF, as
#    Notepad on a Chinese Windows saves "ANSI" text.


def make_prose():
    with open(out("prose-responsible.utf8.txt"), encoding="utf-8") as f:
        text = f.read()
    data = text.replace("\n", "\r\n").encode("gb18030")
    with open(out("prose-responsible.txt"), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------
# 2. task-table.docx: a preamble, then one table; category rows are one cell
#    merged across the row; 序号 runs on across categories.

TABLE_HEAD = ["序号", "工作任务", "具体要求", "牵头单位", "配合单位", "完成时限"]

# A category is ("一、…（共N项）", rows); a row's cells are strings, a cell of
# several paragraphs a list of strings.
TABLE = [
    (
        "一、知识产权保护方面（共5项）",
        [
            ["1", "开展专利执法专项行动",
             "聚焦电子商务、展会、进出口等重点领域，组织开展专利侵权假冒专项整治，查处一批典型案件。",
             "知识产权保护处", "稽查局", "年内不少于2次"],
            ["2", "建立知识产权维权援助工作站",
             "在重点产业园区设立维权援助工作站，为企业提供侵权判定咨询和维权指导。",
             "知识产权保护处", "知识产权服务中心", "2018年9月底前"],
            ["3", "加强商标专用权保护",
             "加大对驰名商标、地理标志商标的保护力度，严厉打击商标侵权违法行为。",
             "商标管理处", ["稽查局", "法规处"], "持续推进"],
            ["4", "报送知识产权保护工作情况",
             "汇总全市知识产权行政保护数据，形成上一年度工作情况报告报市政府。",
             "知识产权保护处", "", "每年2月底前"],
            ["5", "推进知识产权纠纷多元化解",
             ["建立人民调解、行政调解与司法保护相衔接的纠纷化解机制。",
              "年内选择2个县（市、区）开展试点。"],
             "法规处", "知识产权保护处", "2018年底前"],
        ],
    ),
    (
        "二、知识产权运用方面（共4项）",
        [
            ["6", "推进专利权质押融资",
             "会同金融机构建立质押融资项目库，扩大质押融资规模，按季度通报进展。",
             "知识产权促进处", "知识产权服务中心", "每季度末"],
            ["7", "培育知识产权示范企业",
             "遴选一批知识产权管理规范、创新能力突出的企业开展示范培育。",
             "知识产权促进处", "各县（市、区）市场监管局", "2018年11月底前"],
            ["8", "开展知识产权运营试点",
             "支持高校院所与企业共建运营平台，推动专利技术转移转化。",
             "知识产权促进处", "规划财务处", "持续推进"],
            ["9", "组织专利技术供需对接",
             "围绕主导产业举办专利技术供需对接会，促进专利技术落地实施。",
             "知识产权促进处", "办公室", "2018年10月底前"],
        ],
    ),
    (
        "三、知识产权服务和保障方面（共4项）",
        [
            ["10", "完善知识产权公共服务平台",
             "整合专利、商标检索资源，提供免费检索和分析服务。",
             "知识产权服务中心", "办公室", "2018年12月31日前"],
            ["11", "加强知识产权人才培训",
             "举办企业知识产权管理人员和执法人员培训班。",
             "人事处", "知识产权促进处", "三季度末"],
            ["12", "开展知识产权宣传周活动",
             "围绕“4·26”世界知识产权日，集中开展宣传活动。",
             "办公室", "各相关处室", "4月底前"],
            ["13", "健全知识产权工作考核机制",
             "将知识产权工作纳入处室和直属单位年度绩效考核。",
             "办公室", "人事处", "2018年9月底前"],
        ],
    ),
]


def set_cell(cell, value):
    lines = value if isinstance(value, list) else [value]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def make_task_table():
    doc = base_document()
    centered(doc, "示例市市场监督管理局关于印发2018年知识产权工作任务分工表的通知")
    centered(doc, "示市监〔2018〕41号", size=14, bold=False)
    doc.add_paragraph("各处室、各直属单位：")
    doc.add_paragraph(
        "　　为贯彻落实全市知识产权工作会议精神，现将《2018年知识产权工作任务分工表》"
        "印发给你们，请各单位按照分工抓好落实。各牵头单位于每季度末将进展情况报送办公室，"
        "由办公室汇总后报局党组。")
    right(doc, "示例市市场监督管理局")
    right(doc, "二〇一八年四月十日")
    doc.add_paragraph("附件")
    centered(doc, "2018年知识产权工作任务分工表", size=16)

    rows = 1 + sum(1 + len(r) for _, r in TABLE)
    table = doc.add_table(rows=rows, cols=len(TABLE_HEAD))
    table.style = "Table Grid"
    for i, h in enumerate(TABLE_HEAD):
        table.cell(0, i).text = h
    at = 1
    for category, items in TABLE:
        merged = table.cell(at, 0).merge(table.cell(at, len(TABLE_HEAD) - 1))
        merged.text = category
        at += 1
        for item in items:
            for i, value in enumerate(item):
                set_cell(table.cell(at, i), value)
            at += 1
    fixed_core(doc, "2018年知识产权工作任务分工表")
    save_fixed(doc, "task-table.docx")


# ---------------------------------------------------------------------------
# 3. lines-numbered.docx: the layout of a breakdown notice (item, then
#    责任处室：/牵头单位：/配合单位： lines), with headings 一、 and items （一）
#    numbered by Word (numbering.xml), a tracked insertion and deletion, and
#    the 文号 in a text box.

NUM_ID = "90"

ABSTRACT_NUM = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{NUM_ID}">
  <w:nsid w:val="5A3C9D21"/>
  <w:multiLevelType w:val="multilevel"/>
  <w:tmpl w:val="1E2F3A4B"/>
  <w:lvl w:ilvl="0">
    <w:start w:val="1"/>
    <w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>
  </w:lvl>
  <w:lvl w:ilvl="1">
    <w:start w:val="1"/>
    <w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>
  </w:lvl>
</w:abstractNum>
"""

NUM = f"""
<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>
"""

TEXT_BOX = f"""
<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}">
  <w:pict>
    <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
        path="m,l,21600r21600,l21600,xe"
        xmlns:o="urn:schemas-microsoft-com:office:office">
      <v:stroke joinstyle="miter"/>
      <v:path gradientshapeok="t" o:connecttype="rect"/>
    </v:shapetype>
    <v:shape id="DocNoBox" type="#_x0000_t202" stroked="f"
        style="width:200pt;height:28pt;mso-position-horizontal:center">
      <v:textbox>
        <w:txbxContent>
          <w:p>
            <w:pPr><w:jc w:val="center"/></w:pPr>
            <w:r><w:t>{{doc_no}}</w:t></w:r>
          </w:p>
        </w:txbxContent>
      </v:textbox>
    </v:shape>
  </w:pict>
</w:r>
"""

# Sections and items. An item's text is a list of pieces: plain strings, or
# ("ins", text) / ("del", text) for tracked changes. Its assignment lines
# follow it as plain paragraphs.
NUMBERED = [
    ("推进决策和执行公开", [
        ([("del", "积极"),
          "推进重大决策预公开。对涉及群众切身利益的重要改革方案和重大政策措施，"
          "除依法应当保密的外，在决策前向社会公开征求意见，并反馈意见采纳情况。"],
         ["责任处室：法规处、各相关业务处室"]),
        (["推进政策执行", ("ins", "和落实"),
          "情况公开。围绕市政府工作报告确定的重点任务，细化公开执行措施和责任分工，"
          "每季度末公开一次工作进展。"],
         ["牵头单位：办公室", "配合单位：规划处、各相关业务处室"]),
        (["推进建议提案办理结果公开。涉及公共利益、公众权益的建议提案办理复文，"
          "原则上9月底前全文公开。"],
         ["责任处室：办公室"]),
        (["做好政策解读。出台重要政策，解读材料应于文件公开后3个工作日内在委门户网站发布。"],
         ["牵头单位：各政策起草处室", "配合单位：新闻中心"]),
    ]),
    ("推进重点领域信息公开", [
        (["推进投资项目审批信息公开。通过投资项目在线审批监管平台公开项目审批、核准、"
          "备案结果，此项工作持续推进。"],
         ["责任处室：投资处"]),
        (["推进价格和收费信息公开。6月底前更新公布市级定价目录和行政事业性收费目录清单。"],
         ["牵头单位：价格处", "配合单位：法规处"]),
        (["推进信用信息公开。行政许可、行政处罚决定作出后7个工作日内在“信用示例”网站公示。"],
         ["责任处室：信用办、数据中心"]),
        (["推进重大建设项目信息公开。重点公开批准服务、招标投标、征收土地、施工管理等信息。"],
         ["牵头单位：重点项目办", "配合单位：投资处、法规处"]),
        (["推进公共资源交易信息公开。依法公开公共资源交易公告和成交信息，"
          "2018年9月30日前实现交易全流程信息公开。"],
         ["责任处室：法规处"]),
    ]),
    ("加强政务公开能力建设", [
        (["积极回应社会关切。遇有涉及我委的重大舆情，要在24小时内作出回应。"],
         ["牵头单位：办公室", "配合单位：新闻中心"]),
        (["编制政府信息公开工作年度报告。每年1月31日前向社会公布上一年度年度报告。"],
         ["责任处室：办公室"]),
        (["加强委门户网站建设。完善网站检索查询功能，年内不少于2次开展网站内容普查。"],
         ["责任处室：数据中心、办公室"]),
        (["加强政务公开业务培训。组织全委政务公开工作人员开展业务培训，提升公开工作能力。"],
         ["责任处室：办公室、人事处"]),
    ]),
]


def numbered(doc, level):
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), NUM_ID)
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.append(numpr)
    return p


def tracked(kind, text, rev):
    """A w:ins or w:del element holding one run of `text`."""
    el = OxmlElement("w:" + kind)
    el.set(qn("w:id"), str(rev))
    el.set(qn("w:author"), "办公室")
    el.set(qn("w:date"), STAMP)
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.text = text
    r.append(t)
    el.append(r)
    return el


def make_lines_numbered():
    doc = base_document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(parse_xml(ABSTRACT_NUM))
    numbering.append(parse_xml(NUM))

    centered(doc, "示例市发展和改革委员会关于印发2018年政务公开工作分解落实方案的通知")
    box = doc.add_paragraph()
    box.alignment = WD_ALIGN_PARAGRAPH.CENTER
    box._p.append(parse_xml(TEXT_BOX.replace("{doc_no}", "示发改〔2018〕37号")))
    doc.add_paragraph("各处室、各直属单位：")
    doc.add_paragraph(
        "　　按照市政府办公室关于2018年政务公开工作的部署，现将涉及我委的任务分解落实到处室。"
        "牵头处室要加强统筹协调，配合处室要积极支持，工作完成情况请及时反馈办公室汇总。"
        "除另有明确时限外，各项任务原则上于2018年底前完成。")
    right(doc, "示例市发展和改革委员会")
    right(doc, "2018年5月8日")
    centered(doc, "2018年政务公开工作分解落实方案", size=16)
    doc.add_paragraph(
        "　　为进一步推进我委政务公开工作，提高公开实效，结合我委职能，提出如下分解落实方案。")

    rev = 1
    for heading, items in NUMBERED:
        numbered(doc, 0).add_run(heading).bold = True
        for pieces, lines in items:
            p = numbered(doc, 1)
            for piece in pieces:
                if isinstance(piece, tuple):
                    p._p.append(tracked(piece[0], piece[1], rev))
                    rev += 1
                else:
                    p.add_run(piece)
            for line in lines:
                doc.add_paragraph("　　" + line)
    fixed_core(doc, "2018年政务公开工作分解落实方案")
    save_fixed(doc, "lines-numbered.docx")


# ---------------------------------------------------------------------------
# 5. task-table.doc and task-table.wps: Word 97-2003 binary, written by
#    LibreOffice from task-table.docx; WPS saves the same format as .wps.


def make_doc():
    """docx -> odt -> doc. LibreOffice 7.4 drops python-docx tables when it
    converts the .docx to .doc in one step; through its own format the table,
    merged category rows included, survives."""
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make.py: LibreOffice (soffice) is needed for task-table.doc")
    lo = [soffice, "-env:UserInstallation=file:///tmp/lo-profile-fixtures",
          "--headless"]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.check_call(lo + ["--convert-to", "odt", "--outdir", tmp,
                                    out("task-table.docx")],
                              stdout=subprocess.DEVNULL)
        subprocess.check_call(lo + ["--convert-to", "doc:MS Word 97",
                                    "--outdir", HERE,
                                    os.path.join(tmp, "task-table.odt")],
                              stdout=subprocess.DEVNULL)
    shutil.copyfile(out("task-table.doc"), out("task-table.wps"))


if __name__ == "__main__":
    make_prose()
    make_task_table()
    make_lines_numbered()
    make_doc()
    print("made the notice fixtures in", HERE)
