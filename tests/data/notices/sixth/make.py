#!/usr/bin/env python3
"""Remake the sixth set of held-out notice fixtures of this folder.

    python3 tests/data/notices/sixth/make.py

Writes
  gb-indent.txt        GB18030, CRLF, every line opened by two U+3000
                       (from gb-indent.utf8.txt);
  notepad-unicode.txt  UTF-16 LE with byte-order mark, CRLF, as Notepad saves
                       "Unicode" (from notepad-unicode.utf8.txt);
  lo-table.docx        written by LibreOffice itself: an HTML page (kept in
                       this script) converted headless to docx;
  list-levels.docx     python-docx: Word list paragraphs numbered by one
                       abstractNum with levels %1、 / （%2） / %3.;
  header-repeat.docx   python-docx: a table whose header row repeats
                       (w:tblHeader), several paragraphs in a cell, one task
                       over two rows with vertically merged cells, an empty
                       last row;
  district-agri.rtf    python-docx, then LibreOffice headless docx -> rtf.
python-docx is installed into a venv under /tmp when it is not importable;
the script then runs itself again with that venv's Python. The python-docx
files are written with fixed core properties and zip times; the files
LibreOffice writes (lo-table.docx, district-agri.rtf) carry LibreOffice's own
time stamps, so a remake changes their bytes but not their text.
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
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Pt  # noqa: E402


def out(name):
    return os.path.join(HERE, name)


def soffice():
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("make.py: LibreOffice (soffice) is needed")
    return [exe, "-env:UserInstallation=file:///tmp/lo-h6", "--headless"]


# ---------------------------------------------------------------------------
# Text notices.


def make_text():
    # GB18030 with CRLF; every non-empty line opened by two ideographic spaces.
    with open(out("gb-indent.utf8.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines = ["\u3000\u3000" + line if line else line for line in lines]
    with open(out("gb-indent.txt"), "wb") as f:
        f.write("\r\n".join(lines).encode("gb18030"))
    # Notepad's "Unicode": UTF-16 LE with byte-order mark, CRLF.
    with open(out("notepad-unicode.utf8.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(out("notepad-unicode.txt"), "wb") as f:
        f.write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))


# ---------------------------------------------------------------------------
# Word helpers.


def save_fixed(doc, path):
    import io
    import zipfile

    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def fixed_core(doc, title):
    import datetime

    cp = doc.core_properties
    when = datetime.datetime(2025, 3, 1, 9, 0, 0)
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


def cell_lines(cell, text):
    """Write text into a table cell, one paragraph per line."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


# ---------------------------------------------------------------------------
# lo-table.docx: a city bureau's 任务清单 as an HTML page, which LibreOffice
# opens with its Writer HTML filter and saves as docx. Category rows are one
# cell spanning the table (colspan); 序号 continuous; one empty 配合处室.

LO_ROWS = [
    "一、大气污染防治",
    ["1", "开展挥发性有机物综合治理", "大气环境处", "执法支队", "2025年9月底前"],
    ["2", "推进重点行业超低排放改造", "大气环境处", "科技与财务处", "2025年10月底前"],
    ["3", "做好重污染天气应急应对", "大气环境处", "监测站、执法支队", "长期坚持"],
    "二、水污染防治",
    ["4", "推进入河排污口排查整治", "水生态环境处", "执法支队", "2025年11月底前"],
    ["5", "开展饮用水水源地环境保护专项行动", "水生态环境处", "监测站", "2025年6月底前"],
    ["6", "报送重点流域水质监测数据", "监测站", "水生态环境处", "每月5日前"],
    "三、土壤和固体废物污染防治",
    ["7", "开展建设用地土壤污染状况调查评估", "土壤生态环境处", "", "2025年12月底前"],
    ["8", "推进“无废城市”建设", "固体废物与化学品处", "综合处、科技与财务处", "2025年12月底前"],
    ["9", "加强危险废物规范化环境管理", "固体废物与化学品处", "执法支队", "每季度末"],
    "四、生态环境执法监管",
    ["10", "开展生态环境执法大练兵", "执法支队", "法规与标准处", "2025年8月底前"],
    ["11", "推进排污许可“一证式”管理", "环评与排污许可处", "执法支队", "长期坚持"],
    ["12", "做好生态环境信访投诉办理", "办公室", "执法支队、各县（区）分局", "常态化开展"],
]


def lo_html():
    from html import escape

    rows = []
    for row in LO_ROWS:
        if isinstance(row, str):
            rows.append('<tr><td colspan="5"><b>%s</b></td></tr>' % escape(row))
        else:
            rows.append("<tr>" + "".join(
                '<td>%s</td>' % escape(c) for c in row) + "</tr>")
    head = "".join("<th>%s</th>" % h for h in ["序号", "工作任务", "责任处室", "配合处室", "完成时间"])
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例市生态环境局文件</title></head>
<body>
<p align="center"><b>示例市生态环境局关于印发《示例市生态环境局2025年生态环境保护重点工作任务清单》的通知</b></p>
<p align="center">示环发〔2025〕3号</p>
<p>局机关各处室，各直属单位：</p>
<p>　　现将《示例市生态环境局2025年生态环境保护重点工作任务清单》印发给你们。各责任处室要对照清单抓紧推进，配合处室要主动支持，形成工作合力。请各责任处室于每月28日前将上月工作进展情况报送办公室。</p>
<p>　　附件：示例市生态环境局2025年生态环境保护重点工作任务清单</p>
<p align="right">示例市生态环境局</p>
<p align="right">2025年1月20日</p>
<p>附件</p>
<p align="center"><b>示例市生态环境局2025年生态环境保护重点工作任务清单</b></p>
<table border="1" cellspacing="0" cellpadding="4">
<tr>%s</tr>
%s
</table>
</body></html>
""" % (head, "\n".join(rows))


def make_lo_table():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "lo-table.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(lo_html())
        subprocess.check_call(soffice() + [
            "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", tmp, src], stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "lo-table.docx"), out("lo-table.docx"))


# ---------------------------------------------------------------------------
# list-levels.docx: a county 分工方案 whose headings and items are Word list
# paragraphs (style List Paragraph, w:numPr on the paragraph) numbered by ONE
# abstractNum: level 0 "%1、" chineseCounting, level 1 "（%2）"
# chineseCounting, level 2 "%3." decimal. The numbers are not in the text.
# The units stand on the next paragraph, in a smaller font: 责任单位：….

LEVELS_ABSTRACT = (
    '<w:abstractNum %s w:abstractNumId="61">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%%1、"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
    '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="（%%2）"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
    '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%%3."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '</w:abstractNum>' % nsdecls("w"))

LEVELS_NUM = '<w:num %s w:numId="61"><w:abstractNumId w:val="61"/></w:num>' % nsdecls("w")

# (level, text); level None is a units paragraph in a smaller font.
LEVELS_BODY = [
    (0, "巩固拓展脱贫攻坚成果"),
    (1, "健全防止返贫动态监测帮扶机制。对监测对象实行精准帮扶，做到应纳尽纳、应帮尽帮。"),
    (None, "责任单位：县乡村振兴服务中心、县民政局、各乡镇人民政府"),
    (1, "加大脱贫人口就业帮扶力度。脱贫劳动力务工规模稳定在2.1万人以上，2025年12月底前完成。"),
    (None, "责任单位：县人力资源社会保障局、县乡村振兴服务中心"),
    (0, "保障粮食和重要农产品稳定安全供给"),
    (1, "抓好粮食生产。压实粮食安全党政同责，稳定粮食播种面积和产量。"),
    (None, "责任单位：县农业农村局、县财政局"),
    (2, "落实粮食播种面积45万亩，确保粮食总产稳定在20万吨以上。"),
    (2, "新建高标准农田3万亩，2025年10月底前完成。"),
    (None, "责任单位：县农业农村局、县自然资源局"),
    (2, "落实耕地地力保护补贴政策，及时足额发放到户。"),
    (None, "责任单位：县财政局"),
    (1, "稳定生猪生产。能繁母猪存栏保持在合理区间，防止生产大起大落。"),
    (None, "责任单位：县农业农村局"),
    (0, "扎实推进乡村建设"),
    (1, "推进农村公路提质改造。完成农村公路改造120公里，2025年11月底前完成。"),
    (None, "责任单位：县交通运输局"),
    (1, "实施农村供水保障工程。新建改造供水管网60公里，定期开展水质检测。"),
    (None, "责任单位：县水利局、县卫生健康局"),
    (1, "持续开展村庄清洁行动。聚焦“三清一改”，推动村庄环境由干净整洁向美丽宜居提升。"),
    (None, "责任单位：各乡镇人民政府、县农业农村局"),
    (0, "深化农村改革"),
    (1, "深化农村集体产权制度改革。"),
    (2, "开展农村集体经济组织成员身份确认，规范成员名册管理。"),
    (None, "责任单位：县农业农村局"),
    (2, "发展壮大村级集体经济，2025年底前集体经营性收入5万元以上的村占比达到60%。"),
    (None, "责任单位：县农业农村局、县财政局、各乡镇人民政府"),
    (1, "推进农村宅基地规范管理。开展闲置宅基地和闲置农房盘活利用试点。"),
    (None, "责任单位：县自然资源局、县农业农村局"),
]


def make_list_levels():
    doc = base_document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(LEVELS_ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(LEVELS_NUM))
    centered(doc, "示例县人民政府办公室关于印发示例县2025年乡村振兴重点工作分工方案的通知")
    centered(doc, "示县政办发〔2025〕8号", size=16, bold=False)
    doc.add_paragraph("各乡镇人民政府，县直各有关单位：")
    body(doc, "《示例县2025年乡村振兴重点工作分工方案》已经县人民政府同意，现印发给你们，请认真抓好落实。"
              "各项任务未明确完成时限的，须于2025年12月底前完成。各责任单位请于每月25日前将工作进展情况"
              "报送县农业农村局。")
    right(doc, "示例县人民政府办公室")
    right(doc, "2025年3月6日")
    doc.add_page_break()
    centered(doc, "示例县2025年乡村振兴重点工作分工方案", size=18)
    for level, text in LEVELS_BODY:
        if level is None:
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(32)
            r = p.add_run(text)
            r.font.size = Pt(12)
            continue
        p = doc.add_paragraph(style="List Paragraph")
        ppr = p._p.get_or_add_pPr()
        ppr.insert(1, parse_xml(
            '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="61"/></w:numPr>'
            % (nsdecls("w"), level)))
        r = p.add_run(text)
        if level == 0:
            r.bold = True
    fixed_core(doc, "示例县2025年乡村振兴重点工作分工方案")
    save_fixed(doc, out("list-levels.docx"))


# ---------------------------------------------------------------------------
# header-repeat.docx: one table, header row repeated on each page
# (w:trPr/w:tblHeader); 工作措施 cells of two or three paragraphs; task 3 spans
# two rows: 序号, 重点任务, 牵头单位, 配合单位 and 完成时限 merged down (w:vMerge),
# the second row continuing 工作措施; an empty last row. No category rows.

REPEAT_HEAD = ["序号", "重点任务", "工作措施", "牵头单位", "配合单位", "完成时限"]

REPEAT_ROWS = [
    ["1", "实施城镇老旧小区改造",
     "完成2000年底前建成的老旧小区改造126个。\n同步推进加装电梯、增设停车位和充电设施。\n建立改造后长效管理机制。",
     "市住房城乡建设局", "市财政局\n各区人民政府", "2025年11月底前"],
    ["2", "稳步推进城中村改造",
     "启动城中村改造项目8个。\n统筹做好征收补偿和安置房建设。",
     "市住房城乡建设局", "市自然资源和规划局、市财政局", "2025年12月底前"],
    ["3", "开展城市燃气管道老化更新改造",
     "更新改造老化燃气管道80公里。\n优先改造人员密集区域的管道和设施。",
     "市城市管理局", "市住房城乡建设局、市应急局", "2025年10月底前"],
    [None, None,
     "建立燃气管网运行监测平台，对改造后管网实行全天候监测。", None, None, None],
    ["4", "完善城市排水防涝设施",
     "改造易涝积水点15处。\n汛前完成排水管网清疏。",
     "市水务局", "市住房城乡建设局、市城市管理局", "2025年5月底前"],
    ["5", "建设口袋公园和城市绿道",
     "新建口袋公园20个、城市绿道30公里。",
     "市城市管理局", "市自然资源和规划局", "2025年10月底前"],
    ["6", "推进历史文化街区保护利用",
     "编制历史文化街区保护利用规划。\n修缮历史建筑12处。",
     "市自然资源和规划局", "市文化广电旅游局\n市住房城乡建设局", "2025年12月底前"],
    ["7", "完善社区养老托育服务设施",
     "新建社区嵌入式养老服务设施10处、普惠托育点6处。",
     "市民政局", "市卫生健康委", "2025年9月底前"],
    ["8", "推进城市生命线安全工程建设",
     "对桥梁、供水、排水管网加装监测设备。\n建成城市生命线综合监测平台。",
     "市住房城乡建设局", "市应急局、市数据局", "2025年12月底前"],
    ["9", "实施既有建筑节能改造",
     "完成公共建筑节能改造20万平方米。",
     "市住房城乡建设局", "市机关事务管理局", "2025年12月底前"],
    ["10", "开展城市体检",
     "按照住区、街区、城区三个层级开展体检。\n形成城市体检报告和问题清单。",
     "市住房城乡建设局", "各区人民政府", "2025年6月底前"],
    ["11", "建立城市更新项目库",
     "实行项目动态管理，成熟一个入库一个。",
     "市发展改革委", "市住房城乡建设局、市自然资源和规划局", "每季度末"],
    ["", "", "", "", "", ""],
]


def make_header_repeat():
    doc = base_document()
    centered(doc, "示例市人民政府办公室关于印发示例市2025年城市更新行动重点任务清单的通知")
    centered(doc, "示政办发〔2025〕15号", size=16, bold=False)
    doc.add_paragraph("各区人民政府，市政府各部门：")
    body(doc, "《示例市2025年城市更新行动重点任务清单》已经市人民政府同意，现印发给你们，请结合实际认真组织实施。"
              "各牵头单位要加强统筹调度，于2025年7月10日前和2026年1月10日前分别将半年和全年推进情况"
              "报送市住房城乡建设局。")
    right(doc, "示例市人民政府办公室")
    right(doc, "2025年2月25日")
    doc.add_page_break()
    centered(doc, "示例市2025年城市更新行动重点任务清单", size=18)
    table = doc.add_table(rows=1 + len(REPEAT_ROWS), cols=len(REPEAT_HEAD))
    table.style = "Table Grid"
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    trpr.append(parse_xml('<w:tblHeader %s/>' % nsdecls("w")))
    for i, h in enumerate(REPEAT_HEAD):
        table.cell(0, i).text = h
    for r, row in enumerate(REPEAT_ROWS, start=1):
        for i, value in enumerate(row):
            if value is None:
                continue
            cell_lines(table.cell(r, i), value)
    # Task 3: rows 3 and 4 share every cell but 工作措施.
    for col in [0, 1, 3, 4, 5]:
        top = table.cell(3, col)
        top.merge(table.cell(4, col))
    fixed_core(doc, "示例市2025年城市更新行动重点任务清单")
    save_fixed(doc, out("header-repeat.docx"))


# ---------------------------------------------------------------------------
# district-agri.rtf: a district bureau's 责任分工 in prose, items （一） ending in
# a bracket （A牵头，B配合） / （A负责） / （A、B负责）; written as docx by
# python-docx, then saved as RTF by LibreOffice.

AGRI_BODY = [
    "一、稳定农业生产",
    "（一）稳定粮食播种面积。全区粮食播种面积稳定在18万亩以上，2025年6月底前完成夏粮收购。（种植业管理科牵头，农业技术推广站配合）",
    "（二）加强农作物病虫害防控。健全监测预警网络，重大病虫害统防统治覆盖率达到45%。（植保植检站负责）",
    "（三）提升农业机械化水平。主要农作物耕种收综合机械化率达到88%。（农机管理站负责，种植业管理科配合）",
    "二、发展乡村产业",
    "（一）培育农业产业化龙头企业。新培育区级以上龙头企业5家，2025年11月底前完成认定。（产业发展科牵头，计划财务科、农村经营管理站配合）",
    "（二）发展休闲农业和乡村旅游。打造精品线路3条，办好农民丰收节系列活动。（产业发展科负责）",
    "（三）加强农产品质量安全监管。全面推行食用农产品承诺达标合格证制度。（农产品质量安全监管科负责，农业综合执法大队配合）",
    "三、深化农村改革",
    "（一）巩固农村承包地确权成果。做好承包合同变更和证书换发工作。（农村经营管理站负责）",
    "（二）规范农村产权流转交易。完善区镇两级交易服务平台，推动交易公开透明。（农村经营管理站牵头，法规科配合）",
    "四、加强自身建设",
    "（一）深入推进农业综合行政执法。开展农资打假专项行动，严厉查处违法行为。（农业综合执法大队负责，法规科配合）",
    "（二）做好统计和信息报送工作。确保数据真实准确、报送及时。（办公室、计划财务科负责）",
]


def make_agri(path):
    doc = base_document()
    centered(doc, "示例区农业农村局关于印发《示例区农业农村局2025年重点工作责任分工》的通知")
    centered(doc, "示区农发〔2025〕4号", size=16, bold=False)
    doc.add_paragraph("局机关各科室，各站所：")
    body(doc, "经局党组研究，现将《示例区农业农村局2025年重点工作责任分工》印发给你们，请认真抓好落实。"
              "牵头科室（站所）要加强协调，配合科室（站所）要积极支持。全年工作完成情况请于2025年12月10日前"
              "报送局办公室。")
    right(doc, "示例区农业农村局")
    right(doc, "2025年2月10日")
    centered(doc, "示例区农业农村局2025年重点工作责任分工", size=18)
    for text in AGRI_BODY:
        p = body(doc, text)
        if text.startswith(("一", "二", "三", "四")):
            for r in p.runs:
                r.bold = True
    fixed_core(doc, "示例区农业农村局2025年重点工作责任分工")
    doc.save(path)


def make_rtf():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "district-agri.docx")
        make_agri(src)
        subprocess.check_call(soffice() + ["--convert-to", "rtf", "--outdir", tmp, src],
                              stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "district-agri.rtf"), out("district-agri.rtf"))


if __name__ == "__main__":
    make_text()
    make_list_levels()
    make_header_repeat()
    make_lo_table()
    make_rtf()
