#!/usr/bin/env python3
"""Remake the fourth set of held-out notice fixtures of this folder.

    python3 tests/data/notices/fourth/make.py

Writes university-points.txt (GB18030 with CRLF, from its *.utf8.txt
source), enterprise-list.docx, supervision.docx and auto-numbered.docx
(python-docx with raw XML through its oxml API), and county-split.wps (a
Word 97-2003 binary saved under the .wps name: python-docx, then LibreOffice
headless docx -> odt -> doc). bureau-flat.txt and party-points.md are written
by hand and are not remade. python-docx is installed into a venv under /tmp
when it is not importable; the script then runs itself again with that venv's
Python.
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


# ---------------------------------------------------------------------------
# Text notice: "ANSI" text as saved on a Chinese Windows, GB18030 with CRLF.


def make_text():
    for name in ["university-points"]:
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
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def fixed_core(doc, title):
    import datetime

    cp = doc.core_properties
    when = datetime.datetime(2024, 3, 1, 9, 0, 0)
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


def merged_row(table, row, text):
    """A category row: one cell merged across the whole table."""
    cells = table.rows[row].cells
    merged = cells[0].merge(cells[-1])
    merged.text = text
    for run in merged.paragraphs[0].runs:
        run.bold = True
    return merged


# ---------------------------------------------------------------------------
# enterprise-list.docx: a state-owned group's 重点工作任务清单, one table
#   序号 | 工作任务 | 目标要求 | 责任领导 | 牵头部门 | 协同部门 | 完成时间
# 责任领导 names persons (not units); 协同部门 holds units one per line
# (several paragraphs in the cell) or separated by "/", or is empty; category
# rows 一、… merged across; 序号 continuous.

ENTERPRISE_HEAD = ["序号", "工作任务", "目标要求", "责任领导", "牵头部门", "协同部门", "完成时间"]

# A category is a str; a row is [工作任务, 目标要求, 责任领导, 牵头部门, 协同部门, 完成时间].
ENTERPRISE_ROWS = [
    "一、经营发展",
    ["开展“十四五”规划中期评估", "全面评估规划目标完成情况，提出调整建议，报董事会审议",
     "张某某", "战略发展部", "财务部\n人力资源部\n生产运营部", "2024年上半年"],
    ["完成年度经营目标", "营业收入同比增长8%，利润总额同比增长6%",
     "李某某", "财务部", "市场营销部\n生产运营部", "2024年12月"],
    ["开展经营数据月度分析", "编制月度经营分析报告，及时揭示经营风险并提出应对措施",
     "李某某", "财务部", "战略发展部", "每月10日前"],
    ["开拓新能源项目市场", "新签风电、光伏项目开发协议不少于5个",
     "王某某", "市场营销部", "战略发展部/工程管理部", "2024年第三季度"],
    "二、改革创新",
    ["深化国企改革提升行动", "年度改革任务台账完成率达到70%以上",
     "张某某", "企业管理部", "人力资源部/财务部/法律合规部", "2024年12月"],
    ["推行经理层成员任期制和契约化管理", "各子公司经理层成员签约实现全覆盖",
     "张某某、赵某某", "人力资源部", "党委组织部", "2024年一季度"],
    ["推进数字化转型", "建成集团一体化经营管控平台并上线运行",
     "刘某某", "科技信息部", "", "2024年第三季度"],
    ["加大科技研发投入", "研发经费投入强度不低于2.5%",
     "刘某某", "科技信息部", "财务部", "2024年12月"],
    "三、风险防控",
    ["压实安全生产主体责任", "全年不发生较大及以上生产安全事故",
     "王某某", "安全环保部", "生产运营部\n各子公司", "常态化推进"],
    ["开展安全隐患排查治理", "每季度开展一次全覆盖隐患排查，重大隐患整改率100%",
     "王某某", "安全环保部", "各子公司", "每季度末"],
    ["健全合规管理体系", "修订合规管理办法，重点领域合规审查率100%",
     "赵某某", "法律合规部", "各部门", "2024年上半年"],
    ["强化内部审计监督", "完成4家子公司主要负责人经济责任审计",
     "赵某某", "审计部", "财务部\n纪委办公室", "2024年12月"],
    "四、党的建设",
    ["深化党纪学习教育", "实现党员干部学习教育全覆盖，形成一批制度成果",
     "陈某某", "党委组织部", "党委宣传部\n纪委办公室", "2024年第三季度"],
    ["加强人才队伍建设", "引进高校毕业生120人，完成中层管理人员竞聘上岗",
     "陈某某", "人力资源部", "党委组织部\n各子公司", "2024年12月"],
    ["推进企业文化建设", "修订发布企业文化手册，开展文化宣贯活动",
     "陈某某", "党委宣传部", "工会/团委", "2024年上半年"],
]


def make_enterprise():
    doc = base_document()
    centered(doc, "示例能源集团有限公司关于印发2024年重点工作任务清单的通知")
    centered(doc, "示能集团办〔2024〕12号", size=16, bold=False)
    doc.add_paragraph("集团各部门，各子公司：")
    body(doc, "为确保集团公司2024年工作会议确定的各项目标任务落到实处，经集团公司党委会、总经理办公会研究，"
              "现将《2024年重点工作任务清单》印发给你们，请认真抓好落实。")
    body(doc, "各牵头部门要会同协同部门制定具体推进计划，责任领导要加强督促指导。请各部门、各子公司于每月5日前"
              "将上月重点工作推进情况报送企业管理部，企业管理部汇总后向集团公司主要领导报告。")
    body(doc, "附件：2024年重点工作任务清单")
    right(doc, "示例能源集团有限公司")
    right(doc, "2024年3月1日")
    doc.add_page_break()
    doc.add_paragraph("附件")
    centered(doc, "2024年重点工作任务清单", size=18)
    table = doc.add_table(rows=1 + len(ENTERPRISE_ROWS), cols=len(ENTERPRISE_HEAD))
    table.style = "Table Grid"
    for i, h in enumerate(ENTERPRISE_HEAD):
        table.cell(0, i).text = h
    n = 0
    for r, row in enumerate(ENTERPRISE_ROWS, start=1):
        if isinstance(row, str):
            merged_row(table, r, row)
            continue
        n += 1
        table.cell(r, 0).text = str(n)
        for i, value in enumerate(row, start=1):
            cell_lines(table.cell(r, i), value)
    fixed_core(doc, "2024年重点工作任务清单")
    save_fixed(doc, out("enterprise-list.docx"))


# ---------------------------------------------------------------------------
# supervision.docx: a 督办通知 of the city's 督查室. Each section is ONE
# paragraph: the heading sentence, a reason, then the 督办事项 as an inline
# list 一是……；二是……；三是……, then who handles them and by when (a sentence,
# or a bracket). A last section 有关要求 has no list.

SUPERVISION_BODY = [
    "一、城区内涝治理督办事项。今年以来，市人大代表建议和市民热线反映城区积水问题较为集中，需在汛期前加快解决。"
    "一是完成中山路、建设路等5处易涝点改造，确保汛期前投入使用；二是清淤疏通城区排水管网不少于80公里，"
    "同步建立管网问题台账；三是建立汛期内涝应急值守和信息报送机制，落实24小时值班制度。"
    "此项由市住建局牵头，会同市城管局、市水务局抓好落实，于2024年5月31日前办结。",
    "二、城市公交线网优化督办事项。新城区部分小区公交覆盖不足、换乘不便，群众反映强烈。"
    "一是新开通或调整优化公交线路不少于6条，填补新城区公交服务空白；二是完成30处公交站台候车亭建设改造；"
    "三是推广公交电子站牌和实时到站查询服务。此项由市交通运输局负责，市公安局交警支队、市公交集团配合，"
    "办结时限为2024年6月30日。",
    "三、中小学校园周边交通安全督办事项。部分学校上下学时段周边道路拥堵，存在安全隐患。"
    "一是在城区中小学周边设置临时停车泊位和护学岗；二是完善校园周边交通标志标线和减速设施。"
    "（责任单位：市公安局交警支队，配合单位：市教育局；办结时限：2024年4月30日前）",
    "四、有关要求。各责任单位要高度重视督办事项办理工作，主要负责同志亲自过问，明确分管领导和具体经办人员，"
    "于每月5日前将上月办理情况报送市政府督查室，办结后及时报送办结报告。市政府督查室将适时开展实地督查，"
    "对办理不力、进度滞后的单位予以通报。",
]


def make_supervision():
    doc = base_document()
    centered(doc, "示例市人民政府督查室")
    centered(doc, "关于对2024年第一批民生实事进行督办的通知")
    centered(doc, "示政督〔2024〕5号", size=16, bold=False)
    doc.add_paragraph("市住建局、市城管局、市水务局、市交通运输局、市公安局交警支队、市公交集团、市教育局：")
    body(doc, "根据市政府领导批示要求，市政府督查室决定对以下事项进行专项督办，现将有关事项通知如下。")
    for text in SUPERVISION_BODY:
        body(doc, text)
    body(doc, "联系人：周某某，联系电话：0000-12345678")
    right(doc, "示例市人民政府督查室")
    right(doc, "2024年3月15日")
    fixed_core(doc, "关于对2024年第一批民生实事进行督办的通知")
    save_fixed(doc, out("supervision.docx"))


# ---------------------------------------------------------------------------
# auto-numbered.docx: a district education bureau's 任务分解表
#   序号 | 重点任务 | 责任股室 | 完成时限
# whose 序号 cells are EMPTY: their paragraphs carry w:numPr (numId 51, a
# decimal list "%1") so Word shows 1 2 3 …; the numbering runs on across the
# merged category rows, which carry none. 责任股室 holds units one per line
# or separated by "/".

AUTO_ABSTRACT = (
    '<w:abstractNum %s w:abstractNumId="51">'
    '<w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="%%1"/><w:lvlJc w:val="center"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
    '</w:abstractNum>' % nsdecls("w"))

AUTO_NUM = '<w:num %s w:numId="51"><w:abstractNumId w:val="51"/></w:num>' % nsdecls("w")

AUTO_HEAD = ["序号", "重点任务", "责任股室", "完成时限"]

AUTO_ROWS = [
    "一、学前教育",
    ["新建改扩建公办幼儿园3所", "基础教育股\n计划财务股\n基建办", "2024年8月底前"],
    ["开展幼儿园保育教育质量评估", "督导室/基础教育股", "2024年12月底前"],
    "二、义务教育",
    ["推进义务教育集团化办学", "基础教育股", "2024年上半年"],
    ["深化“双减”工作", "基础教育股\n教研室", "常态化推进"],
    ["报送课后服务开展情况", "基础教育股", "每月5日前报送上月情况"],
    ["实施义务教育薄弱学校改造", "计划财务股/基建办", "2024年第三季度"],
    "三、教师队伍建设",
    ["做好新教师公开招聘", "人事股", "2024年8月底前"],
    ["推进校长教师交流轮岗", "人事股\n基础教育股", "2024年9月底前"],
    ["开展中小学教师全员培训", "教师发展中心", "2024年12月底前"],
    "四、教育保障",
    ["开展校园安全隐患排查", "安全管理股", "每季度末"],
    ["加强学校食堂食品安全管理", "安全管理股\n体卫艺股", "常态化推进"],
    ["落实家庭经济困难学生资助政策", "学生资助管理中心\n计划财务股", "2024年12月底前"],
    ["做好教育信访维稳工作", "办公室/各学校", "常态化推进"],
]


def number_paragraph(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        '<w:numPr %s><w:ilvl w:val="0"/><w:numId w:val="51"/></w:numPr>' % nsdecls("w")))


def make_auto_numbered():
    doc = base_document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(AUTO_ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(AUTO_NUM))
    centered(doc, "示例区教育局关于印发2024年教育重点工作任务分解表的通知")
    centered(doc, "示区教〔2024〕9号", size=16, bold=False)
    doc.add_paragraph("局机关各股室（中心），各中小学、幼儿园：")
    body(doc, "现将《示例区教育局2024年教育重点工作任务分解表》印发给你们。各责任股室（中心）要对照任务分解表，"
              "逐项制定推进措施，确保按时保质完成。请于每季度末月25日前将工作完成情况报送局办公室。")
    right(doc, "示例区教育局")
    right(doc, "2024年3月4日")
    doc.add_page_break()
    centered(doc, "示例区教育局2024年教育重点工作任务分解表", size=18)
    table = doc.add_table(rows=1 + len(AUTO_ROWS), cols=len(AUTO_HEAD))
    table.style = "Table Grid"
    for i, h in enumerate(AUTO_HEAD):
        table.cell(0, i).text = h
    for r, row in enumerate(AUTO_ROWS, start=1):
        if isinstance(row, str):
            merged_row(table, r, row)
            continue
        number_paragraph(table.cell(r, 0).paragraphs[0])
        for i, value in enumerate(row, start=1):
            cell_lines(table.cell(r, i), value)
    fixed_core(doc, "示例区教育局2024年教育重点工作任务分解表")
    save_fixed(doc, out("auto-numbered.docx"))


# ---------------------------------------------------------------------------
# county-split.wps: a county 重点任务分工方案 in prose, items （一） ending in
# one bracket of many forms: （牵头单位：A，责任单位：B、C；完成时限：…）,
# （A牵头，B、C按职责分工负责）, （A负责，B协助）, units separated by spaces
# only or by "/", deadlines 2024年第三季度, 2024年一季度, 即日起至2024年12月,
# 常态化推进, and a duty 每年12月20日前. Saved by WPS/Word as Word 97-2003
# under the .wps name.

COUNTY_BODY = [
    ("h", "一、完善县域商业网络"),
    ("p", "（一）改造提升县城商业中心。推动县城步行街、商贸综合体改造升级，完善停车、休闲、餐饮等配套设施，"
          "打造县域消费集聚区。（牵头单位：县商务局，责任单位：县住建局、县自然资源局；完成时限：2024年第三季度）"),
    ("p", "（二）建设乡镇商贸中心。每个乡镇至少改造提升1个集购物、餐饮、文娱等功能于一体的商贸中心，"
          "带动乡镇消费升级。（县商务局牵头，各乡镇人民政府按职责分工负责）"),
    ("p", "（三）发展村级便民商店。依托供销社基层网点，改造一批村级便民商店，拓展代收代缴、快递收发等便民服务。"
          "（县供销社负责，县商务局协助）"),
    ("p", "（四）规范农贸市场建设管理。推进乡镇农贸市场标准化改造，落实市场开办者主体责任，改善市场环境秩序。"
          "（责任单位：县市场监管局 县住建局 各乡镇人民政府；完成时限：2024年12月底前）"),
    ("h", "二、健全县域物流配送体系"),
    ("p", "（一）建设县级物流配送中心。整合邮政、快递、供销等物流资源，建成县级共同配送中心，"
          "提高农村物流配送效率。（责任单位：县交通运输局 县商务局 县邮政分公司；完成时限：2024年上半年）"),
    ("p", "（二）推进客货邮融合发展。利用农村客运班线开展小件快递运输，实现快递进村服务全覆盖。"
          "（县交通运输局牵头，县邮政分公司、县财政局按职责分工负责）"),
    ("p", "（三）完善农产品冷链物流设施。支持农业产业化龙头企业和农民合作社建设产地冷藏保鲜设施，"
          "补齐冷链物流短板。（责任单位：县农业农村局/县商务局/县发改局；即日起至2024年12月）"),
    ("h", "三、丰富农村消费市场"),
    ("p", "（一）开展农产品产销对接活动。组织本地农产品企业参加各类展销会、推介会，年内举办产销对接活动不少于4次。"
          "（县商务局负责，县农业农村局协助）"),
    ("p", "（二）发展农村电子商务。建设县级电子商务公共服务中心，开展农村电商实用人才培训，培育一批电商带头人。"
          "（牵头单位：县商务局，责任单位：县人社局、县供销社；完成时限：2024年一季度）"),
    ("p", "（三）推动汽车家电以旧换新。组织开展汽车、家电下乡和以旧换新促销活动，释放农村消费潜力。"
          "（县商务局负责，县发改局、县财政局协助；2024年第三季度）"),
    ("p", "（四）加强农村市场监管。严厉打击假冒伪劣、虚假宣传等违法行为，维护农村消费者合法权益。"
          "（县市场监管局负责，常态化推进）"),
    ("h", "四、强化政策支持"),
    ("p", "（一）落实财政支持政策。统筹用好上级专项资金和县级配套资金，对符合条件的项目给予补助。"
          "（牵头单位：县财政局，责任单位：县商务局）"),
    ("p", "（二）加大金融支持力度。引导金融机构开发适合县域商业企业的信贷产品，降低融资成本。"
          "（县金融服务中心负责，县内各银行业金融机构协助）"),
    ("p", "（三）建立项目统计调度制度。各乡镇、各有关单位每年12月20日前报送年度建设项目完成情况，"
          "县商务局汇总分析后报县政府。（县商务局负责，县统计局协助）"),
    ("h", "五、组织保障"),
    ("p", "各乡镇、各有关单位要把县域商业体系建设作为重要民生工程，主要负责同志亲自抓，细化工作举措，"
          "加强协调配合，形成工作合力。"),
]


def make_county(docx_path):
    doc = base_document()
    centered(doc, "示例县人民政府办公室关于印发示例县2024年县域商业体系建设重点任务分工方案的通知")
    centered(doc, "示县政办〔2024〕7号", size=16, bold=False)
    doc.add_paragraph("各乡镇人民政府，县直各有关单位：")
    body(doc, "《示例县2024年县域商业体系建设重点任务分工方案》已经县人民政府同意，现印发给你们，请认真贯彻执行。"
              "各项任务未明确完成时限的，须于2024年12月底前完成。请各牵头单位于每月5日前将上月工作进展情况报送县商务局。")
    right(doc, "示例县人民政府办公室")
    right(doc, "2024年2月20日")
    doc.add_page_break()
    centered(doc, "示例县2024年县域商业体系建设重点任务分工方案", size=18)
    body(doc, "为加快补齐县域商业设施短板，促进农村消费，结合我县实际，制定本方案。")
    for kind, text in COUNTY_BODY:
        p = body(doc, text)
        if kind == "h":
            for run in p.runs:
                run.bold = True
    fixed_core(doc, "示例县2024年县域商业体系建设重点任务分工方案")
    save_fixed(doc, docx_path)


def make_wps():
    """docx -> odt -> doc, the route that keeps python-docx content intact
    with LibreOffice 7.4; the .doc bytes are saved under the .wps name."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make.py: LibreOffice (soffice) is needed for county-split.wps")
    lo = [soffice, "-env:UserInstallation=file:///tmp/lo-h4", "--headless"]
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = os.path.join(tmp, "county-split.docx")
        make_county(docx_path)
        subprocess.check_call(lo + ["--convert-to", "odt", "--outdir", tmp, docx_path],
                              stdout=subprocess.DEVNULL)
        subprocess.check_call(lo + ["--convert-to", "doc:MS Word 97", "--outdir", tmp,
                                    os.path.join(tmp, "county-split.odt")],
                              stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "county-split.doc"), out("county-split.wps"))


if __name__ == "__main__":
    make_text()
    make_enterprise()
    make_supervision()
    make_auto_numbered()
    make_wps()
    print("made the fourth set of held-out notice fixtures in", HERE)
