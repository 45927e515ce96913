#!/usr/bin/env python3
"""Remake the third set of held-out notice fixtures of this folder.

    python3 tests/data/notices/third/make.py

Writes three-levels.txt and wps-dashes.txt (GB18030 with CRLF, from the
*.utf8.txt sources), style-numbered.docx and two-para-cell.docx (python-docx
with raw XML through its oxml API), and heading-units.doc (python-docx, then
LibreOffice headless docx -> odt -> doc). md-table.md is written by hand and
is not remade. python-docx is installed into a venv under /tmp when it is not
importable; the script then runs itself again with that venv's Python.
"""

import os
import shutil
import subprocess
import sys
import tempfile

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
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Pt  # noqa: E402


def out(name):
    return os.path.join(HERE, name)


# ---------------------------------------------------------------------------
# Text notices: the UTF-8 sources saved as WPS or Notepad on a Chinese
# Windows saves "ANSI" text: GB18030 with CRLF.


def make_text():
    for name in ["three-levels", "wps-dashes"]:
        with open(out(name + ".utf8.txt"), encoding="utf-8") as f:
            text = f.read()
        with open(out(name + ".txt"), "wb") as f:
            f.write(text.replace("\n", "\r\n").encode("gb18030"))


# ---------------------------------------------------------------------------
# Word helpers: fixed core properties and zip times, so that a remake gives
# the same bytes.


def save_fixed(doc, path):
    import io
    import zipfile

    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2022, 2, 25, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def fixed_core(doc, title):
    import datetime

    cp = doc.core_properties
    when = datetime.datetime(2022, 2, 25, 9, 0, 0)
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
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(16)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    return doc


def centered(doc, text, size=22, bold=True):
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


def body(doc, text):
    return doc.add_paragraph("\u3000\u3000" + text)


def cell_paragraphs(cell, lines):
    """Write lines into a table cell, one paragraph each."""
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


# ---------------------------------------------------------------------------
# style-numbered.docx: the headings 一、二、… and the points （一）（二）… of
# the plan get their numbers from two paragraph STYLES whose w:pPr carries
# w:numPr (numId 41, levels 0 and 1) in styles.xml; the paragraphs carry only
# w:pStyle, and the text has no number. Each numbered heading is followed by a
# table 序号 | 主要任务 | 工作措施 | 责任部门 | 时间节点 whose 序号 starts at 1.

ABSTRACT_NUM = (
    '<w:abstractNum %s w:abstractNumId="41">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:pStyle w:val="GW1"/><w:suff w:val="nothing"/><w:lvlText w:val="%%1、"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:pStyle w:val="GW2"/><w:suff w:val="nothing"/><w:lvlText w:val="（%%2）"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '</w:abstractNum>' % nsdecls("w"))

NUM = '<w:num %s w:numId="41"><w:abstractNumId w:val="41"/></w:num>' % nsdecls("w")


def add_style_numbering(doc):
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(ABSTRACT_NUM)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(NUM))
    for style_id, name, level in [("GW1", "公文一级标题", 0), ("GW2", "公文二级标题", 1)]:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = doc.styles["Normal"]
        ppr = style.element.get_or_add_pPr()
        ppr.insert(0, parse_xml(
            '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="41"/></w:numPr>'
            % (nsdecls("w"), level)))
        if level == 0:
            style.font.bold = True


STYLE_HEAD = ["序号", "主要任务", "工作措施", "责任部门", "时间节点"]

# (heading, intro, rows); a row is [主要任务, 工作措施, 责任部门, 时间节点].
STYLE_PARTS = [
    ("夯实数字政府基础支撑", "围绕基础设施集约化建设，重点推进以下任务。", [
        ["建设区级政务云平台", "整合各部门自建机房和服务器资源，推动非涉密业务系统全部迁移上云。",
         "区大数据中心", "2022年3月—6月"],
        ["完善电子政务外网", "推动电子政务外网向镇（街道）、村（社区）延伸，实现全覆盖。",
         "区大数据中心、区财政局", "2022年9月底前"],
        ["编制区城市运行“一网统管”建设规划", "汇聚城管、应急、交通等领域数据资源，明确平台架构和建设时序。",
         "区发改局（牵头），区大数据中心、区住建局", "2022年6月底前完成初稿，9月底前印发"],
        ["加强政务网络安全防护", "每月开展一次政务网络安全漏洞扫描，发现问题及时通报整改。",
         "区委网信办、区公安分局", "每月"],
    ]),
    ("提升政务服务效能", "以企业和群众办事便利为导向，重点推进以下任务。", [
        ["推进政务服务事项标准化", "对照省级政务服务事项目录，统一事项名称、编码、办理依据等要素。",
         "区政务服务中心", "2022年12月31日"],
        ["推行“一件事一次办”", "新增“一件事”主题服务20项以上，实现一次申请、一套材料、一窗受理。",
         "区政务服务中心，区人社局，区卫健局", "2022年4月—10月"],
        ["整合政务服务便民热线", "将各部门政务服务热线统一归并至“12345”热线，工单按时办结率保持在95%以上。",
         "区信访局", "长期坚持"],
        ["建设镇（街道）便民服务中心", "推动高频事项下沉，实现群众办事就近可办。",
         "各镇人民政府、各街道办事处", "2022年11月底前"],
    ]),
    ("推进公共数据共享开放", "以数据共享支撑业务协同，重点推进以下任务。", [
        ["完善公共数据资源目录", "各部门按照“一数一源”要求编制本部门数据资源目录，并实时更新。",
         "区大数据中心（牵头），区直各部门", "2022年5月底前"],
        ["推动数据回流基层", "将省、市回流数据按需分发至镇（街道）使用，减少基层重复采集。",
         "区大数据中心", "2022年7月—12月"],
        ["开展公共数据开放试点", "在交通、气象、医疗等领域开放一批高价值数据集。",
         "区大数据中心、区交通运输局、区卫健局", "2022年6月底前完成开放清单，11月底前上线"],
        ["建立数据质量评估通报机制", "对各部门数据共享的及时性、准确性进行评估并通报。",
         "区大数据中心", "每季度"],
    ]),
]

STYLE_DUTIES = [
    "加强组织领导。区数字政府建设领导小组统筹推进各项工作，各部门主要负责同志要亲自研究部署，确保任务按期完成。",
    "强化资金保障。各部门要统筹安排信息化建设资金，严禁新建独立机房和自建业务专网。",
    "严格督促检查。各责任部门要于每月20日前将工作进展情况报送区大数据中心，区大数据中心汇总后报区政府。",
]


def make_style_numbered():
    doc = base_document()
    add_style_numbering(doc)
    centered(doc, "示例区人民政府办公室关于印发示例区2022年数字政府建设工作方案的通知")
    centered(doc, "示区政办发〔2022〕4号", size=16, bold=False)
    doc.add_paragraph("各镇人民政府、各街道办事处，区直各部门：")
    body(doc, "《示例区2022年数字政府建设工作方案》已经区政府同意，现印发给你们，请认真组织实施。")
    right(doc, "示例区人民政府办公室")
    right(doc, "2022年2月25日")
    doc.add_page_break()
    centered(doc, "示例区2022年数字政府建设工作方案", size=18)
    body(doc, "为加快推进数字政府建设，提升政府治理能力，结合我区实际，制定本方案。")
    for heading, intro, rows in STYLE_PARTS:
        doc.add_paragraph(heading, style="公文一级标题")
        body(doc, intro)
        table = doc.add_table(rows=1 + len(rows), cols=len(STYLE_HEAD))
        table.style = "Table Grid"
        for i, h in enumerate(STYLE_HEAD):
            table.cell(0, i).text = h
        for n, row in enumerate(rows, start=1):
            table.cell(n, 0).text = str(n)
            for i, value in enumerate(row, start=1):
                table.cell(n, i).text = value
    doc.add_paragraph("保障措施", style="公文一级标题")
    for duty in STYLE_DUTIES:
        doc.add_paragraph(duty, style="公文二级标题")
    fixed_core(doc, "示例区2022年数字政府建设工作方案")
    save_fixed(doc, out("style-numbered.docx"))


# ---------------------------------------------------------------------------
# two-para-cell.docx: one table 序号 | 重点任务 | 责任单位 | 完成时限 | 备注 with
# no category rows; 序号 1, 1.1, 1.2, 2 … (decimal sub-numbers for
# sub-tasks); 责任单位 holds two paragraphs 牵头：… and 配合：… (or one unit).

CELL_HEAD = ["序号", "重点任务", "责任单位", "完成时限", "备注"]

# A row is [序号, 重点任务, [责任单位 paragraphs], 完成时限, 备注].
CELL_ROWS = [
    ["1", "实施城镇老旧小区改造", ["牵头：市住建局", "配合：市财政局、市发改委"], "2023年11月底前", "年度改造小区50个"],
    ["1.1", "推动年度改造项目全部开工", ["牵头：市住建局", "配合：各区人民政府"], "2023年6月底前", ""],
    ["1.2", "推进既有住宅加装电梯", ["牵头：市住建局", "配合：市市场监管局、市自然资源和规划局"], "2023年12月底前",
     "全年加装电梯不少于100部"],
    ["2", "推进城市燃气管道老化更新改造", ["牵头：市住建局", "配合：市应急局、市市场监管局"], "2023年12月底前", ""],
    ["3", "开展完整社区建设试点", ["牵头：市民政局", "配合：市住建局、市自然资源和规划局"], "2023年10月底前",
     "试点社区5个"],
    ["4", "开展城市体检", ["市住建局"], "2023年9月底前", "形成城市体检报告"],
    ["5", "加强历史文化街区保护利用", ["牵头：市自然资源和规划局", "配合：市文旅局、市住建局"], "长期坚持", ""],
    ["5.1", "开展历史建筑测绘建档", ["牵头：市自然资源和规划局", "配合：市住建局"], "2023年8月底前", ""],
    ["5.2", "实施历史街区微改造", ["各区人民政府"], "2023年12月底前", "每区至少1处"],
    ["5.3", "加强历史建筑日常巡查", ["牵头：市住建局", "配合：各区人民政府"], "每季度", "每季度巡查一次"],
    ["6", "推进城市排水防涝设施建设", ["牵头：市水务局", "配合：市住建局、市城管局"], "2023年5月底前", "汛期前完成"],
    ["7", "开展背街小巷环境整治", ["牵头：市城管局", "配合：各区人民政府"], "2023年12月底前", ""],
    ["7.1", "整治占道经营", ["市城管局"], "持续推进", ""],
    ["7.2", "规范整理架空线缆", ["牵头：市工信局", "配合：市城管局、市通信发展管理办公室"], "2023年10月底前", ""],
    ["8", "建立城市更新项目库", ["牵头：市发改委", "配合：市住建局、市自然资源和规划局、市财政局"], "2023年4月底前",
     "实行动态管理"],
]


def make_two_para_cell():
    doc = base_document()
    centered(doc, "示例市人民政府办公室关于印发示例市2023年城市更新行动重点任务分工的通知")
    centered(doc, "示政办〔2023〕11号", size=16, bold=False)
    doc.add_paragraph("各区人民政府，市政府各部门：")
    body(doc, "现将《示例市2023年城市更新行动重点任务分工》印发给你们，请各牵头单位会同配合单位"
              "细化工作举措，倒排时间节点，确保按期完成。请于每月5日前将上月工作进展情况报送市住建局。")
    right(doc, "示例市人民政府办公室")
    right(doc, "2023年3月10日")
    doc.add_page_break()
    centered(doc, "示例市2023年城市更新行动重点任务分工", size=18)
    table = doc.add_table(rows=1 + len(CELL_ROWS), cols=len(CELL_HEAD))
    table.style = "Table Grid"
    for i, h in enumerate(CELL_HEAD):
        table.cell(0, i).text = h
    for n, (num, task, units, due, remark) in enumerate(CELL_ROWS, start=1):
        table.cell(n, 0).text = num
        table.cell(n, 1).text = task
        cell_paragraphs(table.cell(n, 2), units)
        table.cell(n, 3).text = due
        table.cell(n, 4).text = remark
    fixed_core(doc, "示例市2023年城市更新行动重点任务分工")
    save_fixed(doc, out("two-para-cell.docx"))


# ---------------------------------------------------------------------------
# heading-units.doc: items whose units stand in a bracket right after the
# heading sentence （三）标题（市X局负责）。正文……, some with a second bracket
# (time, or further units) at the end; a closing 联系人/电话 line.

HEADING_BODY = [
    ("h", "一、健全基层应急管理组织体系"),
    ("p", "（一）完善乡镇（街道）应急管理机构（各县区人民政府负责）。乡镇（街道）要明确承担应急管理工作的"
          "机构和人员，2023年6月底前实现全覆盖。"),
    ("p", "（二）加强村（社区）应急管理力量。村（社区）要明确应急管理专兼职人员，将应急管理纳入网格化管理，"
          "做到“一岗多责、一员多用”（市应急局牵头，市民政局、各县区人民政府配合）。"),
    ("p", "（三）建立健全应急联动机制（市应急局负责）。建立乡镇（街道）与驻地消防、公安、医疗等力量的"
          "信息共享和联动响应机制。（2023年9月底前完成）"),
    ("h", "二、提升基层应急处置能力"),
    ("p", "（一）加强基层应急救援队伍建设（市应急局、市消防救援支队负责）。每个乡镇（街道）建设一支"
          "不少于20人的综合性应急救援队伍，配齐必要装备。（市财政局负责经费保障）"),
    ("p", "（二）完善应急物资储备（市发改委牵头）。建立市、县、乡三级应急物资储备体系，乡镇（街道）"
          "储备满足72小时应急需要的基本物资。（市应急局、市粮食和储备局配合，2023年12月底前完成）"),
    ("p", "（三）常态化开展应急演练（各县区人民政府负责）。每年组织开展综合性应急演练不少于2次，"
          "重点检验预警响应、人员转移和物资调运能力。"),
    ("p", "（四）加强基层应急管理人才培养（市人社局负责）。将应急管理专业人才纳入全市紧缺人才目录，"
          "对乡镇（街道）应急管理人员开展轮训（市应急局配合）。"),
    ("h", "三、夯实基层应急管理基础"),
    ("p", "（一）开展风险隐患排查（市应急局负责）。每季度组织一次基层安全风险隐患排查，建立问题清单，"
          "实行闭环管理。"),
    ("p", "（二）推进应急避难场所建设。结合城市更新和公园绿地建设，规划建设一批应急避难场所，"
          "并设置统一规范的标识（市应急局、市自然资源和规划局、市住建局按职责分工负责）。"),
    ("p", "（三）提升基层预警信息发布能力（市气象局牵头，市应急局配合）。完善突发事件预警信息发布系统，"
          "2023年10月底前实现预警信息发布“村村响”。"),
    ("p", "（四）加强应急科普宣传。深入开展安全知识进企业、进农村、进社区、进学校、进家庭活动，"
          "提升群众自救互救能力（市委宣传部、市应急局、市科协负责，长期坚持）。"),
    ("p", "（五）落实基层应急工作经费（市财政局负责）。将基层应急管理工作经费纳入同级财政预算，"
          "保障基层应急管理工作正常开展。"),
    ("p", "各县区人民政府、市政府有关部门要于每季度末将工作落实情况报送市应急局。"),
    ("p", "联系人：王某某，联系电话：0000-87654321，电子邮箱：yjj@example.gov.cn"),
]


def make_heading_units(docx_path):
    doc = base_document()
    centered(doc, "示例市人民政府办公室关于加强基层应急管理能力建设的通知")
    centered(doc, "示政办发〔2023〕21号", size=16, bold=False)
    doc.add_paragraph("各县（区）人民政府，市政府有关部门：")
    body(doc, "为推动应急管理工作重心下移、力量下沉，进一步提升基层应急管理能力，经市政府同意，"
              "现就有关事项通知如下。")
    for kind, text in HEADING_BODY:
        p = body(doc, text)
        if kind == "h":
            for run in p.runs:
                run.bold = True
    right(doc, "示例市人民政府办公室")
    right(doc, "2023年4月3日")
    doc.add_paragraph("（此件主动公开）")
    fixed_core(doc, "示例市人民政府办公室关于加强基层应急管理能力建设的通知")
    save_fixed(doc, docx_path)


def make_doc():
    """docx -> odt -> doc, the route that keeps python-docx content intact
    with LibreOffice 7.4."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make.py: LibreOffice (soffice) is needed for heading-units.doc")
    lo = [soffice, "-env:UserInstallation=file:///tmp/lo-h2", "--headless"]
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = os.path.join(tmp, "heading-units.docx")
        make_heading_units(docx_path)
        subprocess.check_call(lo + ["--convert-to", "odt", "--outdir", tmp, docx_path],
                              stdout=subprocess.DEVNULL)
        subprocess.check_call(lo + ["--convert-to", "doc:MS Word 97", "--outdir", HERE,
                                    os.path.join(tmp, "heading-units.odt")],
                              stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    make_text()
    make_style_numbered()
    make_two_para_cell()
    make_doc()
    print("made the third set of held-out notice fixtures in", HERE)
