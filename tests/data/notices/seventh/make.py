#!/usr/bin/env python3
"""Remake the seventh set of held-out notice fixtures of this folder.

    python3 tests/data/notices/seventh/make.py

Writes
  short-labels.txt      GB18030, CRLF (from short-labels.utf8.txt);
  portal-page.html      a notice page as saved from a government web site,
                        navigation and page tools around the body, the task
                        list an HTML table (page kept in this script);
  ministry-table.docx   python-docx: a 部 notice whose 附件 is a 任务分工表
                        with category rows （一） and task rows 1、 in 序号;
  group-headings.docx   python-docx: 重点任务 under unnumbered 【…】 headings,
                        items 1.–13. numbered on across them;
  sub-brackets.doc      python-docx, then LibreOffice headless
                        docx -> odt -> doc: （一） headings with no units over
                        items 1. 2. that end with their own units.
python-docx is installed into a venv under /tmp when it is not importable;
the script then runs itself again with that venv's Python. The python-docx
files are written with fixed core properties and zip times; sub-brackets.doc
carries LibreOffice's own time stamps, so a remake changes its bytes but not
its text.
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
    return [exe, "-env:UserInstallation=file:///tmp/lo-h7", "--headless"]


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


def make_text():
    with open(out("short-labels.utf8.txt"), encoding="utf-8") as f:
        text = f.read()
    with open(out("short-labels.txt"), "wb") as f:
        f.write(text.replace("\n", "\r\n").encode("gb18030"))


# ---------------------------------------------------------------------------
# ministry-table.docx: a 部 notice to its own 司局 and to provincial bodies;
# the 附件 is a 任务分工表 whose category rows carry （一） in the 序号 cell
# (other cells empty, not merged) and whose task rows carry 1、 2、 …; the
# units header says the first unit named leads.

MIN_ROWS = [
    ("（一）", "夯实数字基础设施", "", ""),
    ("1、", "建设全国示例行业政务云平台", "信息中心、规划司、财务司", "2023年10月底前"),
    ("2、", "推进部机关电子政务外网升级改造", "信息中心、办公厅", "2023年9月底前"),
    ("3、", "完善行业数据中心灾备体系", "信息中心、科技司", "2023年12月底前"),
    ("4、", "开展老旧信息系统整合迁移", "信息中心、各司局", "2023年11月底前"),
    ("（二）", "提升政务服务效能", "", ""),
    ("5、", "推动高频政务服务事项“跨省通办”", "政策法规司、信息中心、各省级示例主管部门", "2023年12月底前"),
    ("6、", "优化部政务服务平台用户体验", "办公厅、信息中心", "2023年8月底前"),
    ("7、", "推行行政许可电子证照", "政策法规司、信息中心", "2023年10月底前"),
    ("8、", "规范政务服务“好差评”工作", "办公厅", "持续推进"),
    ("（三）", "强化数据共享开放", "", ""),
    ("9、", "编制部数据资源目录", "规划司、信息中心、各司局", "2023年7月底前"),
    ("10、", "建立数据共享需求响应机制", "信息中心、规划司", "2023年9月底前"),
    ("11、", "有序推进公共数据开放", "规划司、政策法规司、信息中心", "2023年12月底前"),
    ("12、", "加强数据质量管理", "信息中心", "每季度"),
    ("（四）", "筑牢安全保障防线", "", ""),
    ("13、", "落实网络安全工作责任制", "办公厅、机关党委、信息中心", "持续推进"),
    ("14、", "开展关键信息基础设施安全检查", "科技司、信息中心", "2023年11月底前"),
    ("15、", "加强数字政府建设人才培养", "人事司、信息中心", "2023年12月底前"),
    ("16、", "保障数字政府建设资金", "财务司、规划司", "2023年9月底前"),
]


def make_ministry():
    doc = base_document()
    fixed_core(doc, "示例部办公厅通知")
    centered(doc, "示例部办公厅文件", size=26)
    centered(doc, "示部办发〔2023〕18号", size=16, bold=False)
    centered(doc, "示例部办公厅关于印发《示例部2023年数字政府建设重点任务分工》的通知")
    doc.add_paragraph("部内各司局，各直属单位，各省、自治区、直辖市示例厅（局）：")
    body(doc, "为贯彻落实国务院关于加强数字政府建设的部署要求，加快推进示例行业政务数字化转型，"
         "经部领导同意，现将《示例部2023年数字政府建设重点任务分工》印发给你们，请认真抓好落实。")
    body(doc, "各责任单位要明确分管负责同志和具体联系人，制定工作台账，按照时间节点推进。"
         "请各牵头单位于每季度末月20日前将任务进展情况报送办公厅，抄送信息中心。")
    body(doc, "附件：示例部2023年数字政府建设重点任务分工")
    right(doc, "示例部办公厅")
    right(doc, "2023年3月14日")
    body(doc, "（此件主动公开）")
    doc.add_page_break()
    doc.add_paragraph("附件")
    centered(doc, "示例部2023年数字政府建设重点任务分工", size=18)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    head = ["序号", "重点任务", "责任单位（排在第一位的为牵头单位）", "完成时限"]
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in MIN_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
        if not row[2]:
            for run in cells[1].paragraphs[0].runs:
                run.bold = True
    body(doc, "注：各省级示例主管部门负责本地区相关工作，请于2023年12月10日前将年度工作总结报送部办公厅。")
    save_fixed(doc, out("ministry-table.docx"))


# ---------------------------------------------------------------------------
# group-headings.docx: a district plan whose 重点任务 stand under bold
# headings without numbers (【政务服务】…), items 1.–13. numbered on across
# them, each ending with its units in a bracket.

GROUPS = [
    ("【政务服务】", [
        "1.深化“一件事一次办”改革。年内新增集成办理事项20项，实现企业开办、不动产登记等事项全程网办。（牵头单位：区行政审批局；配合单位：区大数据中心、区市场监管局）",
        "2.推行惠企政策“免申即享”。梳理可直达兑现的惠企政策清单，通过数据比对主动推送、快速兑付。（牵头单位：区发改局；配合单位：区财政局、区工信局）",
        "3.提升“12345”热线办理质效。建立企业诉求限时办结和回访机制，按期办结率达到98%以上。（责任单位：区政务服务中心）",
        "4.优化项目审批服务。推行工程建设项目“拿地即开工”，社会投资简易低风险项目审批时间压减至15个工作日以内。（牵头单位：区住建局；配合单位：区自然资源局、区行政审批局）",
    ]),
    ("【市场准入】", [
        "5.破除市场准入隐性壁垒。全面清理招投标、政府采购中限制外地企业参与的规定和做法。（牵头单位：区发改局；配合单位：区财政局、区公共资源交易中心）",
        "6.推进经营主体登记便利化。推广“一照多址”“一证多址”改革，简化企业变更和注销程序。（责任单位：区市场监管局）",
        "7.支持个体工商户转型升级。对“个转企”经营主体给予一次性奖补，落实各项税费优惠。（牵头单位：区市场监管局；配合单位：区财政局、区税务局）",
    ]),
    ("【要素保障】", [
        "8.加大融资支持力度。用好政府性融资担保和应急转贷资金，年内新增普惠小微贷款不低于10亿元。（牵头单位：区金融工作局；配合单位：区财政局）",
        "9.强化用工保障。搭建常态化线上招聘平台，每季度至少举办一次重点企业专场招聘会。（牵头单位：区人社局；配合单位：区教育局、区总工会）",
        "10.降低水电气接入成本。低压小微企业用电报装实现“零投资”，用水用气报装时间压减至5个工作日以内。（牵头单位：区住建局；配合单位：国网示例区供电公司、区水务公司）",
    ]),
    ("【法治环境】", [
        "11.规范涉企执法检查。推行“综合查一次”和包容审慎监管，制定首次轻微违法不予处罚清单。（牵头单位：区司法局；配合单位：区综合行政执法局、区市场监管局）",
        "12.加强知识产权保护。建设知识产权维权援助工作站，开展重点领域侵权假冒专项整治。（牵头单位：区市场监管局；配合单位：区法院、区检察院）",
        "13.开展政府失信专项治理。全面排查政府部门拖欠企业账款情况，做到应清尽清。（牵头单位：区工信局；配合单位：区财政局、区审计局）",
    ]),
]


def make_groups():
    doc = base_document()
    fixed_core(doc, "示例区人民政府办公室通知")
    centered(doc, "示例区人民政府办公室关于印发示例区2023年优化营商环境攻坚行动方案的通知")
    centered(doc, "示区政办发〔2023〕7号", size=16, bold=False)
    doc.add_paragraph("各街道办事处，区政府各部门，各有关单位：")
    body(doc, "《示例区2023年优化营商环境攻坚行动方案》已经区政府同意，现印发给你们，请认真贯彻执行。"
         "各牵头单位每月5日前将上月工作进展报区发改局（区优化营商环境办公室）。")
    right(doc, "示例区人民政府办公室")
    right(doc, "2023年2月27日")
    doc.add_page_break()
    centered(doc, "示例区2023年优化营商环境攻坚行动方案", size=18)
    body(doc, "为打造市场化、法治化、国际化一流营商环境，激发各类经营主体活力，制定本方案。")
    p = doc.add_paragraph()
    p.add_run("一、工作目标").bold = True
    body(doc, "到2023年底，全区营商环境评价进入全市前三位，企业办事便利度和满意度明显提升。"
         "除明确时限外，各项任务须于2023年11月底前完成。")
    p = doc.add_paragraph()
    p.add_run("二、重点任务").bold = True
    for heading, items in GROUPS:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(heading).bold = True
        for item in items:
            body(doc, item)
    p = doc.add_paragraph()
    p.add_run("三、保障措施").bold = True
    body(doc, "区优化营商环境工作领导小组负责统筹协调，区发改局具体承担日常工作。"
         "区政府督查室将营商环境攻坚行动纳入重点督查事项，定期通报进展。")
    save_fixed(doc, out("group-headings.docx"))


# ---------------------------------------------------------------------------
# sub-brackets.doc: a city education bureau's 工作要点 to its own 处室 and
# 直属单位: 一、 sections, （一） headings (a sentence or two, no units) and
# under each items 1. 2. 3. ending with their own units in a bracket.

SUB = [
    ("一、压紧压实安全责任", [
        ("（一）健全安全工作责任体系。坚持党政同责、一岗双责，把安全稳定工作纳入学校办学水平评估。", [
            "1.修订教育系统安全工作责任清单，明确局机关各处室和各级各类学校的安全职责。（安全稳定处负责）",
            "2.组织各区教育局和直属学校签订年度安全工作目标责任书。（安全稳定处牵头，办公室、人事处配合）",
        ]),
        ("（二）完善安全风险分级管控。", [
            "1.建立校园安全风险隐患台账，实行隐患整改闭环管理。（安全稳定处牵头，基础教育处、职业教育处配合）",
            "2.对全市中小学校舍开展安全鉴定，发现危房及时停用并制定改造计划。（发展规划处、后勤保障中心负责）",
            "3.加强学校实验室危险化学品管理，落实专人专柜、双人双锁制度。（基础教育处牵头，安全稳定处配合）",
        ]),
    ]),
    ("二、加强重点领域防范", [
        ("（一）筑牢校园人防物防技防。推动中小学幼儿园安全防范建设全面达标。", [
            "1.推进专职保安员配备和封闭化管理，确保校园门卫值守全覆盖。（安全稳定处负责）",
            "2.完善校园视频监控系统并接入公安部门平台。（信息中心牵头，安全稳定处、财务处配合）",
        ]),
        ("（二）守护学生生命健康。", [
            "1.开展防溺水专题教育，暑假前后组织家访和安全提醒。（基础教育处牵头，德育处配合）",
            "2.加强学校食堂食品安全管理，推行校长陪餐制度。（后勤保障中心负责）",
            "3.开展学生心理健康筛查，对重点学生建立一人一档。（德育处牵头，基础教育处、市教科院配合）",
        ]),
    ]),
    ("三、提升应急处置能力", [
        ("（一）常态化开展应急演练和安全教育。", [
            "1.每学期组织全市学校开展消防、地震等应急疏散演练。（安全稳定处负责）",
            "2.举办全市教育系统安全管理干部培训班。（人事处牵头，安全稳定处配合）",
        ]),
    ]),
]


def make_sub_brackets(path):
    doc = base_document()
    fixed_core(doc, "示例市教育局通知")
    centered(doc, "示例市教育局关于印发《2023年全市教育系统安全稳定工作要点》的通知")
    centered(doc, "示教发〔2023〕11号", size=16, bold=False)
    doc.add_paragraph("局机关各处室，各直属单位：")
    body(doc, "现将《2023年全市教育系统安全稳定工作要点》印发给你们，请结合工作实际，认真抓好落实。"
         "各责任处室、单位请于2023年6月20日和11月20日前分别将半年和全年工作情况报送安全稳定处。")
    right(doc, "示例市教育局")
    right(doc, "2023年2月20日")
    doc.add_page_break()
    centered(doc, "2023年全市教育系统安全稳定工作要点", size=18)
    body(doc, "2023年全市教育系统安全稳定工作的总体思路是：坚持人民至上、生命至上，"
         "以“平安校园”建设为抓手，全面提升校园安全治理水平。")
    for heading, points in SUB:
        p = doc.add_paragraph()
        p.add_run(heading).bold = True
        for point, items in points:
            body(doc, point)
            for item in items:
                body(doc, item)
    save_fixed(doc, path)


def make_doc():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "sub-brackets.docx")
        make_sub_brackets(src)
        subprocess.check_call(soffice() + ["--convert-to", "odt", "--outdir", tmp, src],
                              stdout=subprocess.DEVNULL)
        odt = os.path.join(tmp, "sub-brackets.odt")
        subprocess.check_call(soffice() + ["--convert-to", "doc:MS Word 97", "--outdir", tmp, odt],
                              stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "sub-brackets.doc"), out("sub-brackets.doc"))


# ---------------------------------------------------------------------------
# portal-page.html: the page of a city government's web site that publishes a
# notice: site head and navigation, a breadcrumb, a 信息公开 box (索引号,
# 发布机构, 成文日期, 发布时间, 文号), 字号 大 中 小, the notice, the list as an
# HTML table with category rows spanning it, then 打印 / 关闭, 分享到 and the
# site footer.

PORTAL_ROWS = [
    "一、完善便民服务设施",
    ["1", "新建改造社区菜市场", "市商务局", "市市场监管局、各区人民政府", "2023年9月底前"],
    ["2", "布局一批社区便利店和早餐网点", "市商务局", "各区人民政府", "2023年10月底前"],
    ["3", "增设社区养老服务站点", "市民政局", "市卫生健康委、各区人民政府", "2023年12月底前"],
    ["4", "建设社区嵌入式托育点", "市卫生健康委", "市住房城乡建设局", "2023年12月底前"],
    ["5", "推进社区快递末端网点建设", "市邮政管理局", "市商务局", "2023年11月底前"],
    "二、提升便民服务品质",
    ["6", "培育“一刻钟便民生活圈”示范社区", "市商务局", "各区人民政府", "2023年11月底前"],
    ["7", "引导老字号和品牌连锁企业进社区", "市商务局", "", "长期坚持"],
    ["8", "开展社区商业服务规范化提升行动", "市市场监管局", "市商务局", "2023年8月底前"],
    ["9", "推广社区智慧零售和线上服务", "市商务局", "市数据局、市邮政管理局", "2023年12月底前"],
    "三、强化要素保障",
    ["10", "盘活社区闲置用房用于便民服务", "市住房城乡建设局", "市自然资源规划局、市国资委", "2023年10月底前"],
    ["11", "落实便民生活圈建设资金支持", "市财政局", "市商务局", "2023年6月底前"],
    ["12", "简化便民网点审批和备案手续", "市行政审批局", "市市场监管局、市消防救援支队", "2023年7月底前"],
    ["13", "优化社区商业规划布局", "市自然资源规划局", "市商务局、各区人民政府", "2023年9月底前"],
    ["14", "建立便民生活圈建设评价机制", "市商务局", "市统计局", "每季度"],
]


def portal_html():
    from html import escape

    rows = []
    for row in PORTAL_ROWS:
        if isinstance(row, str):
            rows.append('<tr><td colspan="5" style="text-align:left"><strong>%s</strong></td></tr>'
                        % escape(row))
        else:
            rows.append("<tr>" + "".join("<td>%s</td>" % escape(c) for c in row) + "</tr>")
    head = "".join("<th>%s</th>" % h for h in ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"])
    return """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="示例市人民政府办公室关于印发示例市2023年一刻钟便民生活圈建设任务清单的通知">
<meta name="PubDate" content="2023-04-25 16:30">
<title>示例市人民政府办公室关于印发示例市2023年一刻钟便民生活圈建设任务清单的通知_市政府办文件_示例市人民政府</title>
<style>.nav a{margin:0 8px}.tools span{margin-left:6px}</style>
<script>function doZoom(s){document.getElementById('zoom').style.fontSize=s+'px';}</script>
</head>
<body>
<div class="top">示例市人民政府 www.example.gov.cn　　无障碍　长者模式　English</div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/zjsl/">走进示例</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfwj/">政府文件</a> &gt; 市政府办文件</div>
<table class="xxgk">
<tr><td>索引号：</td><td>11370000MB0000000X/2023-00412</td><td>主题分类：</td><td>商贸、海关、旅游</td></tr>
<tr><td>发布机构：</td><td>示例市人民政府办公室</td><td>成文日期：</td><td>2023-04-20</td></tr>
<tr><td>文号：</td><td>示政办发〔2023〕9号</td><td>发布时间：</td><td>2023-04-25</td></tr>
</table>
<h1>示例市人民政府办公室关于印发示例市2023年一刻钟便民生活圈建设任务清单的通知</h1>
<div class="info">发布时间：2023-04-25 16:30　来源：市政府办公室　浏览次数：1352</div>
<div class="tools">字号：<span onclick="doZoom(20)">大</span><span onclick="doZoom(16)">中</span><span onclick="doZoom(14)">小</span></div>
<div id="zoom">
<p style="text-align:center">示政办发〔2023〕9号</p>
<p>各区人民政府，市政府各部门、各直属机构：</p>
<p>　　《示例市2023年一刻钟便民生活圈建设任务清单》已经市政府同意，现印发给你们，请结合实际认真组织实施。各牵头单位要会同配合单位细化措施，于每月25日前将工作进展情况报送市商务局，市商务局汇总后报市政府。</p>
<p style="text-align:right">示例市人民政府办公室</p>
<p style="text-align:right">2023年4月20日</p>
<p>　　（此件公开发布）</p>
<p style="text-align:center"><strong>示例市2023年一刻钟便民生活圈建设任务清单</strong></p>
<table border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;width:100%%">
<tbody>
<tr>%s</tr>
%s
</tbody>
</table>
</div>
<div class="tools2">【<a href="javascript:window.print()">打印</a>】　【<a href="javascript:window.close()">关闭</a>】</div>
<div class="share">分享到：微信　微博　QQ空间</div>
<div class="related">相关链接：<a href="/jd/1.html">图解：我市启动一刻钟便民生活圈建设</a></div>
<div class="foot">
<p>主办：示例市人民政府办公室　承办：示例市大数据中心</p>
<p>网站标识码：3700000000　示ICP备00000000号-1　示公网安备 37000000000000号</p>
<p>联系电话：0000-12345678　建议使用1920×1080分辨率浏览</p>
</div>
</body>
</html>
""" % (head, "\n".join(rows))


def make_portal():
    with open(out("portal-page.html"), "w", encoding="utf-8") as f:
        f.write(portal_html())


if __name__ == "__main__":
    make_text()
    make_portal()
    make_ministry()
    make_groups()
    make_doc()
