#!/usr/bin/env python3
"""Remake the fifth set of held-out notice fixtures of this folder.

    python3 tests/data/notices/fifth/make.py

Writes council-measures.txt (GB18030 with CRLF, from its *.utf8.txt source)
and the Word 2007+ notices report-leaders.docx, title-row-table.docx and
deadline-first.docx (python-docx). party-supervision.txt and bureau-points.md
are written by hand and are not remade. python-docx is installed into a venv
under /tmp when it is not importable; the script then runs itself again with
that venv's Python. The .docx files get fixed core properties and zip times,
so a remake gives the same bytes.
"""

import datetime
import io
import os
import subprocess
import sys
import zipfile

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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402


def out(name):
    return os.path.join(HERE, name)


def make_text():
    for name in ["council-measures"]:
        with open(out(name + ".utf8.txt"), encoding="utf-8") as f:
            text = f.read()
        with open(out(name + ".txt"), "wb") as f:
            f.write(text.replace("\n", "\r\n").encode("gb18030"))


def save_fixed(doc, path, title):
    core = doc.core_properties
    when = datetime.datetime(2024, 3, 1, 9, 0, 0)
    core.author = "示例"
    core.last_modified_by = "示例"
    core.title = title
    core.created = when
    core.modified = when
    core.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def base_document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
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


def body(doc, text, indent=True):
    return doc.add_paragraph(("\u3000\u3000" if indent else "") + text)


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def merge_row(table, row, text, bold=True):
    cells = table.rows[row].cells
    merged = cells[0].merge(cells[-1])
    merged.text = ""
    p = merged.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = bold


# ---------------------------------------------------------------------------
# 省政府工作报告重点工作分工: numbered items 1.–13. across sections, each
# followed by a paragraph 牵头省领导：…；责任单位：A（牵头）、B…

REPORT = [
    ("一、着力扩大内需，推动经济持续回升向好", [
        ("全年地区生产总值增长5.5%左右。统筹好供给和需求、投资和消费，努力完成全年主要经济指标。",
         "牵头省领导：张某某；责任单位：省发展改革委（牵头）、省统计局"),
        ("扩大有效投资，全年实施省重点项目600个以上，完成年度投资5000亿元以上。",
         "牵头省领导：张某某；责任单位：省发展改革委（牵头）、省财政厅、省自然资源厅"),
        ("促进消费持续恢复。开展“消费提振年”系列活动，培育一批省级夜间文旅消费集聚区。",
         "牵头省领导：李某某；责任单位：省商务厅（牵头）、省文化和旅游厅"),
    ]),
    ("二、加快建设现代化产业体系", [
        ("实施制造业重点产业链高质量发展行动，新培育专精特新中小企业300家。",
         "牵头省领导：李某某、王某某；责任单位：省工业和信息化厅（牵头）、省科技厅；完成时限：2024年12月底前"),
        ("加快发展数字经济，新建5G基站1.5万个。",
         "牵头省领导：王某某\u3000\u3000责任单位：省数据局（牵头）、省通信管理局、省工业和信息化厅"),
        ("推进科技创新平台建设，争创全国重点实验室2家。",
         "牵头省领导：王某某；责任单位：省科技厅（牵头）、省教育厅、省发展改革委"),
    ]),
    ("三、深化重点领域改革", [
        ("深化国有企业改革，完成国有企业改革深化提升行动年度任务。",
         "牵头省领导：赵某某；责任单位：省国资委"),
        ("持续优化营商环境，2024年6月底前实现企业开办全程网上办理。",
         "牵头省领导：赵某某；责任单位：省政务服务管理局（牵头）、省市场监管局"),
        ("落实结构性减税降费政策，确保政策红利直达市场主体。",
         "牵头省领导：赵某某；责任单位：省税务局、省财政厅（牵头）"),
    ]),
    ("四、持续保障和改善民生", [
        ("稳定和扩大就业，城镇新增就业60万人以上。",
         "牵头省领导：孙某某；责任单位：省人力资源社会保障厅（牵头）、省教育厅、各市、县（市、区）人民政府"),
        ("新建、改扩建公办幼儿园100所，新增公办学位3万个。",
         "牵头省领导：孙某某；责任单位：省教育厅（牵头）、省发展改革委、省财政厅；完成时限：2024年9月底前"),
        ("推进城镇老旧小区改造，全年新开工改造2000个小区。",
         "牵头省领导：张某某；责任单位：省住房城乡建设厅；完成时限：2024年11月底前"),
        ("统筹发展和安全，年内开展安全生产综合督查不少于4次。",
         "牵头省领导：周某某；责任单位：省应急管理厅（牵头）、省有关部门"),
    ]),
]


def make_report():
    doc = base_document()
    centered(doc, "示例省人民政府", 26)
    centered(doc, "关于印发2024年《政府工作报告》重点工作分工方案的通知")
    centered(doc, "示政发〔2024〕3号", 16, False)
    body(doc, "各市、县（市、区）人民政府，省政府各部门、各直属机构：", False)
    body(doc, "现将《2024年〈政府工作报告〉重点工作分工方案》印发给你们，请认真抓好落实。")
    body(doc, "各牵头单位要会同责任单位制定具体落实措施，未明确完成时限的，原则上于2024年12月底前完成。"
         "请各牵头单位于每月5日前将上月工作进展情况报送省政府办公厅。")
    right(doc, "示例省人民政府")
    right(doc, "2024年2月8日")
    body(doc, "（此件公开发布）", False)
    page_break(doc)
    centered(doc, "2024年《政府工作报告》重点工作分工方案")
    body(doc, "为确保省十四届人大二次会议审议通过的《政府工作报告》确定的各项目标任务落到实处，"
         "现将重点工作分工如下。")
    n = 0
    for heading, items in REPORT:
        p = body(doc, "")
        p.add_run(heading).bold = True
        for text, units in items:
            n += 1
            body(doc, "%d.%s" % (n, text))
            body(doc, units)
    save_fixed(doc, out("report-leaders.docx"), "重点工作分工方案")


# ---------------------------------------------------------------------------
# 市政府办公室 notice whose attachment is one table: the first row is the
# table's title merged across, the header is the second row.

TABLE = [
    ("深化“一件事一次办”改革", "新增集成办理事项20项以上", "市政务服务中心（牵头）、市有关部门", "2024年6月底前"),
    ("推行企业开办“一日办结”", "企业开办时间压缩至1个工作日内", "市市场监管局、市公安局、市税务局", "2024年3月底前"),
    ("压缩工程建设项目审批时限", "一般社会投资项目审批不超过30个工作日", "市住建局、市自然资源和规划局（按职责分工）", "2024年底"),
    ("提升获得电力便利度", "低压小微企业办电实现“零投资”", "国网示例供电公司", "2024年9月"),
    ("优化不动产登记服务", "一般登记业务办理时限压缩至3个工作日", "市自然资源和规划局（牵头），市税务局、市住建局", "2024年6月"),
    ("加强中小企业融资服务", "普惠小微贷款余额增速不低于各项贷款增速", "市金融工作局、人民银行示例市分行（按职责分工）", "持续推进"),
    ("落实惠企政策“免申即享”", "兑现类政策“免申即享”比例达到50%", "市发改委、市工信局（按职责分工）", "2024年3月底前启动，10月底前完成"),
    ("规范涉企行政检查", "推行“综合查一次”，减少重复检查", "市司法局（牵头），市直有关执法部门", "长期坚持"),
    ("开展拖欠企业账款清理", "无分歧欠款应清尽清", "市工信局、市财政局、市国资委", "每季度"),
    ("提升跨境贸易便利化水平", "进出口整体通关时间较2023年压缩10%", "市商务局、示例海关（按职责分工）", "2024年底"),
    ("建设企业诉求“直通车”平台", "企业诉求办结率达到95%以上", "市政务服务中心、市大数据局", "2024年8月"),
    ("强化知识产权保护", "建成知识产权快速维权中心", "市市场监管局（市知识产权局）", "持续推进"),
    ("开展营商环境评价", "完成对各区县营商环境年度评价", "市发改委", "2024年11月底前"),
    ("加强营商环境宣传", "推出一批营商环境典型案例", "市委宣传部、市发改委、各区县人民政府", "持续推进"),
]


def make_table():
    doc = base_document()
    centered(doc, "示例市人民政府办公室")
    centered(doc, "关于印发示例市2024年优化营商环境重点任务清单的通知")
    centered(doc, "示政办发〔2024〕11号", 16, False)
    body(doc, "各区县人民政府，市政府各部门，各有关单位：", False)
    body(doc, "《示例市2024年优化营商环境重点任务清单》已经市政府同意，现印发给你们，请认真组织实施。")
    body(doc, "各责任单位要细化工作措施，于每季度末前将任务推进情况报送市发改委（市营商环境办）。")
    body(doc, "附件：示例市2024年优化营商环境重点任务清单", False)
    right(doc, "示例市人民政府办公室")
    right(doc, "2024年3月12日")
    page_break(doc)
    body(doc, "附件", False)
    header = ["序号", "重点任务", "工作目标", "责任单位", "完成时限"]
    table = doc.add_table(rows=2 + len(TABLE), cols=len(header))
    table.style = "Table Grid"
    merge_row(table, 0, "示例市2024年优化营商环境重点任务清单")
    for i, h in enumerate(header):
        cell = table.rows[1].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(h).bold = True
    for n, row in enumerate(TABLE, start=1):
        cells = table.rows[1 + n].cells
        cells[0].text = str(n)
        for i, text in enumerate(row, start=1):
            cells[i].text = text
    save_fixed(doc, out("title-row-table.docx"), "重点任务清单")


# ---------------------------------------------------------------------------
# 开发区管委会 notice: 附件1 a list whose items start with their deadline,
# 附件2 a table of contacts.

DEADLINE_FIRST = [
    ("一、重大项目建设", [
        "2024年3月底前，完成新能源汽车零部件产业园一期主体工程建设。（规划建设局负责）",
        "2024年6月底前，建成投用标准化厂房20万平方米，满足中小企业入驻需求。（规划建设局牵头，投资促进局配合）",
        "2024年9月底前，实现生物医药产业园二期项目开工建设。（投资促进局、规划建设局按职责分工负责）",
        "2024年11月底前，完成园区污水处理厂提标改造工程。（生态环境分局负责）",
    ]),
    ("二、招商引资", [
        "2024年上半年，引进亿元以上产业项目15个，其中10亿元以上项目3个。（投资促进局负责）",
        "2024年全年，赴长三角、珠三角等地区举办专题招商推介活动不少于6次。（投资促进局牵头，经济发展局配合）",
        "每季度末前，梳理形成在谈项目清单，提交管委会主任办公会研究。（投资促进局负责）",
    ]),
    ("三、营商环境", [
        "2024年4月底前，出台园区企业服务专员制度，实现规上企业服务专员全覆盖。（党政办公室牵头，经济发展局、政务服务中心配合）",
        "2024年8月底前，实现园区内企业投资项目“拿地即开工”。（政务服务中心负责）",
        "2024年12月底前，完成园区智慧管理平台二期建设。（经济发展局负责，财政金融局保障资金）",
    ]),
    ("四、安全生产和生态环境", [
        "即日起至2024年12月，开展安全生产治本攻坚行动，建立重大事故隐患动态清零机制。（安全生产监督管理局负责）",
        "2024年5月底前，组织开展园区危险化学品事故综合应急演练。（安全生产监督管理局牵头，生态环境分局、社会事务局配合）",
    ]),
]

CN = "一二三四五六七八九十"


def cn_num(n):
    if n <= 10:
        return CN[n - 1]
    return "十" + CN[n - 11]


CONTACTS = [
    ("党政办公室", "陈某", "综合科科长", "0000-8000001"),
    ("经济发展局", "周某某", "副局长", "0000-8000002"),
    ("投资促进局", "吴某", "招商一科科长", "0000-8000003"),
    ("规划建设局", "郑某某", "工程科科长", "0000-8000004"),
    ("生态环境分局", "冯某", "副局长", "0000-8000005"),
    ("安全生产监督管理局", "何某某", "监管科科长", "0000-8000006"),
    ("政务服务中心", "吕某", "副主任", "0000-8000007"),
    ("财政金融局", "施某某", "预算科科长", "0000-8000008"),
    ("社会事务局", "韩某", "办公室主任", "0000-8000009"),
]


def make_deadline_first():
    doc = base_document()
    centered(doc, "示例经济技术开发区管理委员会")
    centered(doc, "关于印发2024年重点工作任务清单的通知")
    centered(doc, "示开管发〔2024〕6号", 16, False)
    body(doc, "管委会各部门、各直属单位：", False)
    body(doc, "经管委会主任办公会研究同意，现将《示例经济技术开发区2024年重点工作任务清单》印发给你们，请认真抓好落实。")
    body(doc, "各责任部门要明确一名联络员，于每月25日前将当月任务完成情况报送党政办公室。")
    body(doc, "附件：1.示例经济技术开发区2024年重点工作任务清单", False)
    body(doc, "\u3000\u3000\u30002.重点工作任务联络员名单", False)
    right(doc, "示例经济技术开发区管理委员会")
    right(doc, "2024年3月4日")
    page_break(doc)
    body(doc, "附件1", False)
    centered(doc, "示例经济技术开发区2024年重点工作任务清单")
    n = 0
    for heading, items in DEADLINE_FIRST:
        p = body(doc, "")
        p.add_run(heading).bold = True
        for text in items:
            n += 1
            body(doc, "（%s）%s" % (cn_num(n), text))
    page_break(doc)
    body(doc, "附件2", False)
    centered(doc, "重点工作任务联络员名单")
    header = ["单位", "联系人", "职务", "电话"]
    table = doc.add_table(rows=1 + len(CONTACTS), cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        table.rows[0].cells[i].text = h
    for r, row in enumerate(CONTACTS, start=1):
        for i, text in enumerate(row):
            table.rows[r].cells[i].text = text
    save_fixed(doc, out("deadline-first.docx"), "重点工作任务清单")


if __name__ == "__main__":
    make_text()
    make_report()
    make_table()
    make_deadline_first()
