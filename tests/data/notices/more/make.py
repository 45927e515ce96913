#!/usr/bin/env python3
"""Remake the held-out notice fixtures of this folder.

    python3 tests/data/notices/more/make.py

Writes county-lines.txt and units-first.txt (GB18030 with CRLF, from the
*.utf8.txt sources), two-line-title.txt (UTF-8 with a byte-order mark and
CRLF, from two-line-title.utf8.txt), ascii-wrapped.md (from the paragraphs
kept below), merged-table.docx (python-docx) and attachment-plan.doc
(python-docx, then LibreOffice headless docx -> odt -> doc). python-docx is
installed into a venv under /tmp when it is not importable; the script then
runs itself again with that venv's Python.
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
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402


def out(name):
    return os.path.join(HERE, name)


# ---------------------------------------------------------------------------
# Text notices: the UTF-8 sources saved as a Chinese Windows Notepad saves
# them (GB18030 "ANSI", or UTF-8 with a byte-order mark), with CRLF.


def make_text():
    for name, encoding in [("county-lines", "gb18030"),
                           ("units-first", "gb18030"),
                           ("two-line-title", "utf-8-sig")]:
        with open(out(name + ".utf8.txt"), encoding="utf-8") as f:
            text = f.read()
        with open(out(name + ".txt"), "wb") as f:
            f.write(text.replace("\n", "\r\n").encode(encoding))


# ---------------------------------------------------------------------------
# ascii-wrapped.md: text as pasted from a PDF into a Markdown note: ASCII
# , : ; ( ) throughout, every paragraph broken at 35 characters (a unit
# name or a number may be cut in two), no indentation, a page number line
# between two pages. The paragraphs are kept here unbroken.

WRAPPED_TITLE = "# 示例市教育局关于做好2021年机关重点工作任务分解落实的通知"

WRAPPED = [
    "示教〔2021〕2号",
    "",
    "局机关各处室,各直属单位:",
    "",
    "为确保全年教育工作目标任务落到实处,现将2021年机关重点工作任务分解如下,请认真抓好落实。"
    "各牵头处室要于每月25日前将工作进展情况报局办公室,办公室汇总后报局党组。"
    "未注明完成时限的任务,于2021年12月底前完成。",
    "",
    "一、推进基础教育优质均衡发展",
    "",
    "(1)扩大普惠性学前教育资源。新建、改扩建公办幼儿园20所,新增公办学位5000个,"
    "公办园在园幼儿占比达到55%以上。(基础教育处负责,计划财务处配合)",
    "",
    "(2)推进义务教育优质均衡发展。对照国家评估认定标准补齐办学条件短板,重点做好以下工作:",
    "责任单位:基础教育处(牵头),督导室,政策法规处",
    "",
    "1)推进集团化办学,年内新组建义务教育教育集团10个,实现城区学校全覆盖。",
    "",
    "2)规范义务教育招生入学,严格执行免试就近入学政策,2021年5月底前公布招生工作方案。(政策法规处负责)",
    "",
    "3)开展义务教育质量监测,监测结果向各县(市、区)反馈并督促整改。(督导室负责)",
    "",
    "(3)提升课后服务水平。推动全市义务教育学校课后服务全覆盖,丰富服务内容,"
    "提高学生参与率。(基础教育处负责,长期坚持)",
    "",
    "二、提升职业教育和高等教育服务能力",
    "",
    "(1)深化产教融合校企合作。支持职业院校与龙头企业共建产业学院,新增省级示范性"
    "职业教育集团1个。(职业教育处负责)",
    "",
    "(2)支持市属高校内涵发展。推动市属高校新增本科专业3个以上,落实生均拨款制度。"
    "(高等教育处牵头,计划财务处配合,2021年9月底前完成)",
    "",
    "(3)做好高校毕业生就业服务。健全就业创业指导服务体系,举办校园招聘活动,"
    "年内不少于4次。(高等教育处,学生资助中心负责)",
    "",
    "- 2 -",
    "",
    "三、加强新时代教师队伍建设",
    "",
    "(1)加强师德师风建设。将师德表现作为教师资格定期注册、职称评审的首要标准,"
    "严肃查处师德失范行为。(教师工作处负责,长期坚持)",
    "",
    "(2)做好中小学教师招聘补充。科学核定编制,年内补充中小学教师600名,"
    "优先保障农村学校需求。(人事处,教师工作处负责,2021年8月底前完成)",
    "",
    "(3)推进县管校聘管理改革。深化中小学教师交流轮岗,推动优秀校长教师向农村学校流动。",
    "责任单位:各县(市、区)教育局",
    "",
    "四、守牢教育系统安全稳定底线",
    "",
    "(1)强化校园安全管理。健全校园安全风险防控体系,每月开展一次校园安全隐患排查,"
    "发现问题立即整改。(安全稳定处负责)",
    "",
    "(2)落实学生资助政策。做好家庭经济困难学生认定和资助资金发放工作,"
    "确保应助尽助。(学生资助中心负责,计划财务处配合)",
    "",
    "(3)做好校园疫情防控。落实常态化疫情防控措施,指导学校完善应急预案,"
    "开展应急演练。(体育卫生与艺术教育处牵头,各相关处室配合)",
    "",
    "示例市教育局",
    "2021年1月5日",
]


def wrap35(text):
    return [text[i:i + 35] for i in range(0, len(text), 35)] or [""]


def make_wrapped():
    lines = [WRAPPED_TITLE, ""]
    for para in WRAPPED:
        lines.extend(wrap35(para))
    with open(out("ascii-wrapped.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


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
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 6, 8, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def fixed_core(doc, title):
    import datetime

    cp = doc.core_properties
    when = datetime.datetime(2020, 6, 8, 9, 0, 0)
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


# ---------------------------------------------------------------------------
# merged-table.docx: a task list table 序号 | 重点任务 | 责任单位 | 完成时间.
# Category rows are one cell across the row; 序号 starts again at 1 in each
# category; 责任单位 names the lead with （牵头）, not always first; two rows
# share one vertically merged 责任单位 cell (and, in 二, one 完成时间 cell).

MERGED_HEAD = ["序号", "重点任务", "责任单位", "完成时间"]

# A row is [序号, 重点任务, 责任单位, 完成时间]; None in a cell means "merged
# with the cell above".
MERGED = [
    ("一、稳外贸", [
        ["1", "稳定外贸主体。建立重点外贸企业联系服务制度，帮助企业解决订单、物流、资金等方面的困难。",
         "市商务局（牵头）、市财政局、市税务局", "长期坚持"],
        ["2", "加快出口退税进度。优化出口退税服务，将正常出口退税平均办理时间压缩至8个工作日以内。",
         "市税务局", "2020年6月底前"],
        ["3", "扩大出口信用保险覆盖面。支持出口信用保险机构扩大短期险承保规模，对小微外贸企业实行统保。",
         "市商务局、市金融办（牵头）", "2020年12月底前"],
        ["4", "加大外贸信贷投放。引导银行机构对有订单、有效益的外贸企业不抽贷、不断贷、不压贷。",
         None, "持续推进"],
        ["5", "支持出口产品转内销。组织外贸企业参加线上线下内销对接活动，帮助企业开拓国内市场。",
         "市商务局（牵头）、市市场监管局", "2020年9月底前"],
        ["6", "培育外贸新业态。支持跨境电子商务综合试验区建设，新建海外仓2个以上。",
         "市商务局（牵头）、市发改委、示例海关", "2020年12月底前"],
    ]),
    ("二、稳外资", [
        ["1", "加大招商引资力度。创新开展“云招商”“云签约”，聚焦重点产业链精准招引外资项目。",
         "市投资促进局（牵头）、各县（市、区）人民政府", "长期坚持"],
        ["2", "落实重大外资项目专班服务。对总投资1亿美元以上的外资项目实行“一项目一专班”。",
         None, None],
        ["3", "放宽外资市场准入。全面落实外商投资准入负面清单，清单之外不得单独对外资设置准入限制。",
         "市发改委（牵头）、市商务局", "2020年7月底前"],
        ["4", "保护外商投资合法权益。健全外商投资企业投诉工作机制，及时协调解决企业反映的问题。",
         "市商务局", "长期坚持"],
    ]),
    ("三、强化保障措施", [
        ["1", "加大财政资金支持。统筹用好外经贸发展专项资金，重点支持企业开拓市场和稳定订单。",
         "市财政局（牵头）、市商务局", "2020年8月底前"],
        ["2", "优化通关服务。推广“两步申报”“提前申报”，进一步压缩整体通关时间。",
         "示例海关", "持续推进"],
        ["3", "加强外贸外资运行监测。每月分析全市外贸进出口和实际使用外资情况，及时提出应对建议。",
         "市商务局（牵头）、市统计局、示例海关", "每月15日前"],
        ["4", "做好外贸企业用工保障", "市人社局", "长期坚持"],
    ]),
]


def make_merged_table():
    doc = base_document()
    centered(doc, "示例市人民政府办公室关于印发示例市2020年稳外贸稳外资工作任务清单的通知")
    centered(doc, "示政办〔2020〕40号", size=16, bold=False)
    doc.add_paragraph("各县（市、区）人民政府，市直有关单位：")
    body(doc, "《示例市2020年稳外贸稳外资工作任务清单》已经市人民政府同意，现印发给你们，"
              "请认真贯彻执行。各牵头单位要细化工作措施，于每季度末月20日前将落实情况报送市商务局。")
    right(doc, "示例市人民政府办公室")
    right(doc, "2020年6月8日")
    doc.add_paragraph("（此件公开发布）")
    doc.add_page_break()
    centered(doc, "示例市2020年稳外贸稳外资工作任务清单", size=18)

    rows = 1 + sum(1 + len(r) for _, r in MERGED)
    table = doc.add_table(rows=rows, cols=len(MERGED_HEAD))
    table.style = "Table Grid"
    for i, h in enumerate(MERGED_HEAD):
        table.cell(0, i).text = h
    at = 1
    for category, items in MERGED:
        merged = table.cell(at, 0).merge(table.cell(at, len(MERGED_HEAD) - 1))
        merged.text = category
        at += 1
        for item in items:
            for i, value in enumerate(item):
                if value is None:
                    continue
                table.cell(at, i).text = value
            at += 1
    # Vertical merges, made after the text is in: a None cell joins the cell
    # above it (python-docx writes w:vMerge restart / continue).
    at = 1
    for category, items in MERGED:
        at += 1
        for item in items:
            for i, value in enumerate(item):
                if value is None:
                    table.cell(at - 1, i).merge(table.cell(at, i))
            at += 1
    fixed_core(doc, "示例市2020年稳外贸稳外资工作任务清单")
    save_fixed(doc, out("merged-table.docx"))


# ---------------------------------------------------------------------------
# attachment-plan.doc: a cover letter whose own numbered points 一、二、三、四、
# are requirements (no units), an attachment list, then 附件1 (the plan: a
# table with a two-row header, 责任单位 split into 牵头单位 | 配合单位 under a
# merged header cell, and a 类别 column merged down each category) and 附件2
# (a blank return form). Written as .docx, then LibreOffice docx -> odt -> doc.

COVER_POINTS = [
    "一、提高思想认识。各地、各有关单位要深刻汲取近年来国内危险化学品事故教训，"
    "把专项整治作为当前安全生产工作的重中之重，切实增强做好专项整治工作的责任感和紧迫感。",
    "二、加强组织领导。各地要成立专项整治工作专班，主要负责同志亲自研究部署，"
    "分管负责同志具体抓落实，确保各项整治任务落地见效。",
    "三、严格督查考核。市安委办将适时组织开展专项督查，对整治工作推进不力、"
    "问题突出的地方和单位进行通报，情节严重的依法依规追究责任。",
    "四、及时报送信息。请各牵头单位于每月20日前将工作进展情况（附件2）报送市安委办"
    "（市应急局危化处），联系人：张某某，电话：0000-12345678。",
]

PLAN_HEAD_TOP = ["序号", "类别", "重点任务", "责任单位", None, "完成时限"]
PLAN_HEAD_SUB = [None, None, None, "牵头单位", "配合单位", None]

# (类别, rows); a row is [序号, 重点任务, 牵头单位, 配合单位, 完成时限].
PLAN = [
    ("源头管控", [
        ["1", "严格化工项目准入。制定化工园区外新建化工项目禁止清单，严禁新建涉及重点监管危险化工工艺的项目。",
         "市发改委", "市应急局、市生态环境局", "2020年8月底前"],
        ["2", "推进危险化学品生产企业搬迁改造。完成城镇人口密集区不符合安全距离要求的企业搬迁改造年度任务。",
         "市工信局", "市应急局、各县（市、区）人民政府", "2020年12月底前"],
        ["3", "开展化工园区安全风险评估。对全市化工园区开展整体性安全风险评估，确定园区风险等级。",
         "市应急局", "市工信局", "2020年10月底前"],
        ["4", "规范危险化学品经营许可。严格经营许可条件审查，依法注销不具备安全条件的经营许可证。",
         "市应急局", "市市场监管局", "长期坚持"],
    ]),
    ("重大风险防控", [
        ["5", "完善重大危险源在线监测预警系统。实现一级、二级重大危险源企业监测数据实时接入。",
         "市应急局", "", "2020年9月底前"],
        ["6", "开展危险化学品运输安全整治。严厉查处非法改装、超载超限和不按规定路线行驶等行为。",
         "市交通运输局", "市公安局", "持续推进"],
        ["7", "加强油气输送管道保护。开展油气管道占压和安全距离不足问题排查整治。",
         "市发改委", "市应急局、市自然资源局", "2020年11月底前"],
        ["8", "强化废弃危险化学品处置监管。每季度开展一次联合检查，严厉打击非法转移、倾倒行为。",
         "市生态环境局", "市应急局", "每季度末"],
    ]),
    ("监管能力建设", [
        ["9", "充实危险化学品监管执法力量。配齐配强市、县两级危险化学品安全监管执法人员。",
         "市委编办", "市应急局", "2020年12月底前"],
        ["10", "开展危险化学品安全培训。组织企业主要负责人和安全管理人员开展专题培训。",
         "市应急局", "各县（市、区）人民政府", "年内不少于3次"],
        ["11", "推进危险化学品全生命周期信息追溯。建设危险化学品生产、储存、运输、使用、废弃处置信息平台。",
         "市工信局", "市公安局、市交通运输局、市应急局", "2020年12月底前"],
        ["12", "严厉打击危险化学品非法违法行为。依法查处无证生产经营、非法储存等违法行为。",
         "市公安局", "市应急局、市市场监管局", "长期坚持"],
    ]),
]

FORM_HEAD = ["序号", "重点任务", "牵头单位", "进展情况", "存在问题", "下步打算"]


def make_attachment_plan(docx_path):
    doc = base_document()
    centered(doc, "示例市安全生产委员会办公室关于印发示例市2020年危险化学品安全专项整治工作方案的通知")
    centered(doc, "示安办〔2020〕17号", size=16, bold=False)
    doc.add_paragraph("各县（市、区）安委办，市安委会有关成员单位：")
    body(doc, "为有效防范化解危险化学品重大安全风险，经市安委会同意，现将《示例市2020年危险化学品"
              "安全专项整治重点任务分工表》印发给你们，并就有关事项通知如下：")
    for point in COVER_POINTS:
        body(doc, point)
    body(doc, "附件：1.示例市2020年危险化学品安全专项整治重点任务分工表")
    doc.add_paragraph("\u3000" * 5 + "2.危险化学品安全专项整治工作进展情况统计表")
    right(doc, "示例市安全生产委员会办公室")
    right(doc, "2020年5月12日")
    doc.add_page_break()

    doc.add_paragraph("附件1")
    centered(doc, "示例市2020年危险化学品安全专项整治重点任务分工表", size=18)
    rows = 2 + sum(len(r) for _, r in PLAN)
    table = doc.add_table(rows=rows, cols=len(PLAN_HEAD_TOP))
    table.style = "Table Grid"
    for i, h in enumerate(PLAN_HEAD_TOP):
        if h is not None:
            table.cell(0, i).text = h
    for i, h in enumerate(PLAN_HEAD_SUB):
        if h is not None:
            table.cell(1, i).text = h
    at = 2
    spans = []
    for category, items in PLAN:
        spans.append((at, at + len(items) - 1, category))
        for num, task, lead, support, due in items:
            for i, value in zip([0, 2, 3, 4, 5], [num, task, lead, support, due]):
                table.cell(at, i).text = value
            at += 1
    # Header: 责任单位 across 牵头单位 | 配合单位; the other heads down both rows.
    table.cell(0, 3).merge(table.cell(0, 4))
    for i in (0, 1, 2, 5):
        table.cell(0, i).merge(table.cell(1, i))
    # 类别 merged down each category.
    for first, last, category in spans:
        cell = table.cell(first, 1).merge(table.cell(last, 1))
        cell.text = category
    doc.add_page_break()

    doc.add_paragraph("附件2")
    centered(doc, "危险化学品安全专项整治工作进展情况统计表", size=18)
    doc.add_paragraph("填报单位（盖章）：\u3000\u3000\u3000\u3000\u3000\u3000填报时间：\u3000\u3000年\u3000\u3000月\u3000\u3000日")
    form = doc.add_table(rows=3, cols=len(FORM_HEAD))
    form.style = "Table Grid"
    for i, h in enumerate(FORM_HEAD):
        form.cell(0, i).text = h
    doc.add_paragraph("填报人：\u3000\u3000\u3000\u3000\u3000\u3000联系电话：")
    fixed_core(doc, "示例市2020年危险化学品安全专项整治工作方案")
    save_fixed(doc, docx_path)


def make_doc():
    """docx -> odt -> doc. LibreOffice 7.4 drops python-docx tables when it
    converts a .docx to .doc in one step; through its own format the tables
    and their merged cells survive."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make.py: LibreOffice (soffice) is needed for attachment-plan.doc")
    lo = [soffice, "-env:UserInstallation=file:///tmp/lo-ho", "--headless"]
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = os.path.join(tmp, "attachment-plan.docx")
        make_attachment_plan(docx_path)
        subprocess.check_call(lo + ["--convert-to", "odt", "--outdir", tmp, docx_path],
                              stdout=subprocess.DEVNULL)
        subprocess.check_call(lo + ["--convert-to", "doc:MS Word 97", "--outdir", HERE,
                                    os.path.join(tmp, "attachment-plan.odt")],
                              stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    make_text()
    make_wrapped()
    make_merged_table()
    make_doc()
    print("made the held-out notice fixtures in", HERE)
