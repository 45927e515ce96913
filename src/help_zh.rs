//! The Chinese help of the command line (see `help.rs` for the keys).

pub const TEXT: &[(&str, &str)] = &[
    (
        "",
        "跟踪工作方案的落实：各处室的任务、进度反馈、办公室销号，以及按中国工作日（含调休）计算的期限。",
    ),
    (
        "!after",
        "环境变量：TASKS_DB 指定数据库（同 --db）。TASKS_NOW 设定时钟，如 2016-10-01T09:30，\n\
         供脚本和测试使用：记录按此时间登记，查询类命令以此时间作答（另给 --as-of 时除外）。\n\n\
         退出状态：0 成功；1 `check` 发现需处理的事项；2 出错。\n\
         入门：先运行 `tasks demo`，或 `tasks load 方案.toml` 后 `tasks list`。",
    ),
    (":db", "数据库文件［默认：系统数据目录下的 tasks/tasks.db］"),
    (
        ":lang",
        "给人看的输出所用语言［默认：依 LC_ALL、LC_MESSAGES、LANG，以 zh 开头即为中文］",
    ),
    (
        ":as_of",
        "以此日期（当日结束时）或时刻作答，如 2016-10-01 或 2016-10-01T09:30［默认：现在］；仅用于查询类命令。\
         登记类命令（load、feedback、review、event、calendar load、void）不接受此选项：记录总是按现在登记，\
         进展、审核或事件发生的时间用 --at 给出；脚本用 TASKS_NOW 设定时钟。",
    ),
    (
        ":width",
        "表格排成 N 列宽［默认：环境变量 COLUMNS，否则终端宽度；输出到文件或管道时不限宽］。编号、日期、状态、名称、数字和表头从不拆开；标题、说明等文字按中文规则换行；全空的栏不显示。仍排不下的表分段显示，最后逐条显示。详见 docs/tables.md。",
    ),
    (
        ":wide",
        "表格整表显示，每栏全宽：不换行，也不省略任何栏，不论行有多长",
    ),
    ("load", "载入或重新载入方案文件（一次事务，全部成功或全不生效）"),
    (
        "load!after",
        "重新载入时按任务编号更新任务；文件中已没有的任务标为“已撤销”；已登记的反馈、审核和事件一律保留。\n\
         例：tasks load data/fjdrc-2016-zwgk.toml --dry-run",
    ),
    ("load:file", "方案文件（TOML）"),
    ("load:dry_run", "只检查文件并说明将有哪些变化，不写入"),
    ("load:format", "结果说明的格式：text 为文字，json 为一个 JSON 对象"),
    ("import", "把通知（公文：`.txt`、`.md`、`.docx`、`.doc`、`.wps`）转为方案草稿，供核对后载入"),
    (
        "import!after",
        "读出通知的标题、文号、发文机关和成文日期，各部分和任务（一、（一）1.（1）①，或任务分工表的各行），\
         每项任务的责任单位（责任处室：……、（X负责）、（X牵头，Y配合）、表格各栏）及时限\
         （2016年底前、长期坚持、每年2月底前、3个工作日内、年内不少于1次）。凡属推断之处都标有 `# check:` 注释；\
         通知中的内容不会不加标注地丢弃。本命令不读写数据库：核对草稿后再用 `tasks load` 载入。\n\
         例：tasks import 通知.docx --output plan.toml --office 办公室",
    ),
    ("import:notice", "通知文件：文字或 Markdown（UTF-8 或 GB18030）、`.docx`，或 `.doc`/`.wps`（借助 LibreOffice 转换）；写 - 则从标准输入读取文字或 `.docx`"),
    ("import:output", "把草稿写入此文件，而不是输出到屏幕"),
    ("import:force", "`--output` 指定的文件已存在时予以替换"),
    ("import:office", "汇总反馈的处室（默认：通知中写明的，否则为办公室）"),
    ("import:year", "未写年份的时限所属年份（默认：通知成文日期所在年份）"),
    ("import:id", "方案编号（默认：取自文件名）"),
    ("import:soffice", "转换 `.doc`、`.wps` 所用的 LibreOffice 程序（默认：PATH 中的 soffice 或 libreoffice）"),
    ("plans", "列出已载入的方案及其任务数"),
    ("plans:format", "输出格式：table 为对齐的表格，json、csv 供程序读取"),
    ("plans:show", "显示一个方案的全部信息：基本情况、角色词和说明（指导思想、工作要求等）"),
    ("list", "列出任务，可按方案、处室、部分、状态或完成时限筛选"),
    ("list!after", "例：tasks list --division 法规处 --format json"),
    ("list:plan", "只列此方案的任务"),
    (
        "list:division",
        "只列分给此处室（名称或简称，直接或经其所在组）或此组的任务",
    ),
    ("list:section", "只列此部分（其编号）的任务"),
    (
        "list:status",
        "只列此状态的任务（英文代号或中文，可多次给出）；已撤销的任务只在指明时列出",
    ),
    ("list:overdue", "只列已过完成时限仍未办结的任务（以 --as-of 为准）"),
    ("list:due_before", "只列完成时限在此日期之前的任务"),
    (
        "list:format",
        "输出格式：table 为表格；json 为 JSON（英文键名）；csv 为逗号分隔值（--lang zh 时用中文）；xlsx 为 Excel 工作簿（须给 --output，或标准输出不是终端）",
    ),
    (
        "list:output",
        "写入此文件而不是标准输出（整体新建或替换，不会留下写了一半的文件）",
    ),
    (
        "list:bom",
        "CSV 以字节顺序标记开头，使中文 Windows 上的 Excel 按 UTF-8 读取（--output 为 .csv 文件时默认如此）",
    ),
    ("show", "显示一项任务的全部情况"),
    ("show!after", "例：tasks show 3.3    （或 fjdrc-2016-zwgk:3.3）"),
    ("show:task", "任务：其编号；编号在几个方案中都有时写作 方案:编号"),
    ("show:format", "输出格式：table 为文字，json、csv 供程序读取"),
    ("divisions", "列出处室和组，以及各自牵头、配合的任务数"),
    ("divisions:plan", "只列此方案的处室和组"),
    ("divisions:format", "输出格式：table 为表格，json、csv 供程序读取"),
    ("feedback", "登记处室的进度反馈（一条，或一个批量文件）"),
    (
        "feedback!after",
        "例：\n  \
         tasks feedback 3.5 --division 法规处 --status 推进中 --percent 40 --note 已完成初审\n  \
         tasks feedback 2.4 --division 办公室 --status 已完成 --at 2016-09-28\n  \
         tasks feedback --from returns.csv\n  \
         tasks feedback --from 法规处反馈表.xlsx --dry-run\n\n\
         批量文件可以是工作簿、CSV 或 TSV，首行为表头（反馈表的中文表头：任务编号、责任处室、\n\
         状态、进度、情况说明、填报人、填报日期，或英文 task、division、status、percent、note、\n\
         by、at），也可以是每条一个 [[feedback]] 表的 TOML。整个文件全部登记或全不登记；\n\
         以前登记过的条目自动跳过，同一文件导入两次不会重复。",
    ),
    (
        "feedback:task",
        "任务：其编号，或 方案:编号；写作 任务#N 时反馈第 N 项义务",
    ),
    (
        "feedback:division",
        "反馈的处室（名称或简称）；与 --from 同用时，为没有写处室的行所属处室（一个处室的反馈表）",
    ),
    (
        "feedback:status",
        "状态：未启动、推进中、受阻、已完成（或 not-started、in-progress、blocked、done）",
    ),
    ("feedback:percent", "进度，0 到 100，可带 %（已完成即 100）"),
    ("feedback:note", "做了什么，或遇到什么困难"),
    ("feedback:by", "填报人（姓名）"),
    (
        "feedback:at",
        "进展发生的时间（早于现在时给出）：日期或日期加时刻（2016-07-05、2016/7/5、2016年7月5日，均可带时刻）",
    ),
    (
        "feedback:amend",
        "更正第 #N 条反馈：原条目作废，本条登记在其位置，二者在 `history` 中相互关联",
    ),
    ("feedback:reason", "与 --amend 同用：原条目错在哪里［默认：更正］"),
    (
        "feedback:from",
        "改为登记文件中的每一条：工作簿（.xlsx、.xls、.ods）、CSV 或 TSV（UTF-8、UTF-16 或 GBK），或 TOML",
    ),
    ("feedback:sheet", "与 --from 同用：要读的工作表［默认：第一张］"),
    (
        "feedback:dry_run",
        "与 --from 同用：只检查文件并显示将登记的内容，不写入",
    ),
    ("feedback:format", "结果说明的格式：text 为文字，json 为一个 JSON 对象"),
    ("review", "对报已完成的任务销号，或退回"),
    ("review!after", "例：tasks review 2.4 --return --note 请补充“三公”经费明细"),
    ("review:task", "任务：其编号，或 方案:编号"),
    ("review:accept", "认可办理结果，任务销号"),
    ("review:return_", "退回处室重办：任务回到推进中"),
    ("review:note", "办公室的意见，显示在 `show` 和 `history` 中"),
    ("review:by", "审核人（姓名）"),
    ("review:at", "审核的时间（早于现在时给出）"),
    ("void", "撤销一条误登的记录：反馈、审核、事件或一次导入"),
    (
        "void!after",
        "例：\n  \
         tasks void '#1042' --reason 误填为已完成 --by 王主任\n  \
         tasks void 57 --reason 文件发错   （一次导入的编号，见 tasks imports）\n\n\
         不删除任何内容：history 仍显示该记录，标明已撤销，附原因、撤销人和时间。所有状态、灯号、\n\
         汇总和检查都如同该记录从未登记。撤销不可恢复；要恢复，重新登记即可。有其他记录以之为据的\n\
         （已被审核的反馈、其义务已有反馈的事件），须先撤销后者。",
    ),
    ("void:record", "记录：#N，即 `history`、`show` 或 `imports` 所示编号"),
    ("void:reason", "记录为何有误，随撤销一并保存"),
    ("void:by", "撤销人（姓名）"),
    ("void:plan", "只撤销此方案的记录"),
    ("void:format", "结果说明的格式：text 为文字，json 为一个 JSON 对象"),
    ("imports", "列出反馈文件的批量导入，便于找到要撤销的那一次"),
    ("imports:plan", "只列含此方案条目的导入"),
    ("imports:format", "输出格式：table 为表格，json、csv 供程序读取"),
    ("history", "显示一项任务的反馈和审核记录"),
    ("history:task", "任务：其编号，或 方案:编号"),
    ("history:format", "输出格式：table 为表格，json、csv 供程序读取"),
    ("report", "办公室汇总：按部分或处室统计，并列出每项任务"),
    (
        "report!after",
        "例：\n  \
         tasks report --as-of 2016-09-30 --by division --format md\n  \
         tasks report --format xlsx --output 汇总表.xlsx --lang zh\n  \
         tasks report --format html --output 通报.html --lang zh\n  \
         tasks report --format pdf --output 通报.pdf --lang zh\n  \
         tasks report --format csv --bom --lang zh > 汇总表.csv",
    ),
    ("report:plan", "只汇总此方案［默认：所有已载入的方案］"),
    ("report:by", "统计口径：section 按部分，division 按处室"),
    (
        "report:summary",
        "只要统计数字，不列各项任务（CSV：每个部分或处室一行）",
    ),
    (
        "report:format",
        "输出格式：table 为表格；json 为 JSON（英文键名）；csv 为每项任务每个承办处室一行（--lang zh 时用中文）；md 为 Markdown 表格，便于邮件和文档；xlsx 为 Excel 工作簿，含带图表的汇总、全部任务、逾期和预警事项（须给 --output，或标准输出不是终端）；html 为供领导阅看的单个网页，含图表，可离线打开、按 A4 打印；pdf 为用无界面 Chromium 把该网页打印成的 PDF（须给 --output，或标准输出不是终端）",
    ),
    (
        "report:template",
        "与 --format html 或 pdf 同用：用此模板排版网页，而不用内置模板（可复制 templates/report.html 修改后使用）",
    ),
    (
        "report:chromium",
        "与 --format pdf 同用：用于打印的 Chromium（或 Chrome）程序［默认：PATH 中的 chromium、chromium-browser 或 google-chrome］",
    ),
    (
        "report:output",
        "写入此文件而不是标准输出（整体新建或替换，不会留下写了一半的文件）",
    ),
    (
        "report:bom",
        "CSV 以字节顺序标记开头，使中文 Windows 上的 Excel 按 UTF-8 读取（--output 为 .csv 文件时默认如此）",
    ),
    (
        "event",
        "登记一个事件：它开启 `after` 规则的义务，并计入 `quota` 规则",
    ),
    (
        "event!after",
        "例：tasks event 3.3 政策文件公开 --at 2016-09-30T10:00 --note 88号文\n\n\
         每个属于某条 `after` 规则的事件开启一项义务 任务#N（N 按该任务的触发事件登记顺序从 1 起算），\n\
         期限为事件后 `within` 所定时长；`tasks feedback 任务#N --division 处室 --status 已完成`\n\
         即为完成。属于 `quota` 规则的事件计入该规则的数量；`every` 规则所列的事件，\n\
         视为其所在一期的报送。",
    ),
    ("event:task", "任务：其编号，或 方案:编号"),
    ("event:kind", "事件的种类，与任务规则中的名称一致（如 政策文件公开）"),
    ("event:at", "事件发生的时间（早于现在时给出）：日期或日期加时刻"),
    ("event:note", "事件的说明（文号、地点等）"),
    ("check", "供 cron 调用的期限检查：每个需处理的事项一行"),
    (
        "check!after",
        "退出状态：0 无需处理的事项（不输出）；1 有事项；2 出错。\n\
         每行依次为：期限、任务、处室、事项种类、逾期或剩余天数。\n\
         crontab 示例（有输出时邮件发给办公室）：\n  \
         MAILTO=bangongshi@example.gov.cn\n  \
         30 8 * * 1-5  TASKS_DB=/srv/tasks/tasks.db tasks check --lang zh",
    ),
    ("check:plan", "只检查此方案"),
    (
        "check:within",
        "同时报告此时长内将到的期限（如 10wd、14d）［默认：方案的 warn］",
    ),
    (
        "check:format",
        "输出格式：text 为文字行，json 为每行一个 JSON 对象",
    ),
    ("remind", "催办通知（催办单），每个处室一份"),
    (
        "remind!after",
        "例：\n  \
         tasks remind --division 法规处 --lang zh\n  \
         tasks remind --lang zh --format docx --output-dir 催办/ --record\n\n\
         催办通知由方案的办公室发给欠办的处室：逾期或即将到期任务的牵头和配合处室，以及未按期反馈的处室。\n\
         组由其成员分别接收，每个成员一份。办公室不催办自己的任务，没有成员的组无法催办：\n\
         两种情况都在标准错误输出上说明。详见 docs/reminders.md。",
    ),
    ("remind:division", "只要给此处室（名称或简称）的催办通知，或给此组各成员的"),
    ("remind:plan", "只催办此方案的任务"),
    (
        "remind:within",
        "同时列出此时长内将到的期限［默认：方案的 warn］",
    ),
    (
        "remind:format",
        "催办通知的格式：text 为纯文字，md 为 Markdown，docx 为可打印的 Word 文档（输出到标准输出时须不是终端）",
    ),
    (
        "remind:output_dir",
        "每个处室一个文件，写入此文件夹（不存在则新建；同名文件整体替换），不输出到标准输出",
    ),
    (
        "remind:reply_by",
        "请各处室回复的日期［默认：方案规定了反馈周期时，为下一个反馈日］",
    ),
    (
        "remind:record",
        "登记每份发出的催办通知，每个处室和方案一条编号记录（`history` 显示，`report` 统计，`void` 可撤销）",
    ),
    ("remind:dry_run", "只显示将写出的内容，不写文件，也不登记"),
    ("form", "空白反馈表，由各处室填写后交回"),
    (
        "form!after",
        "例：\n  \
         tasks form --division 法规处 --output 法规处反馈表.xlsx\n  \
         tasks form --all --output-dir 反馈表/ --lang zh\n\n\
         反馈表列出该处室未办结的任务（牵头、配合或经其所在组承担的），留出状态、进度、情况说明、\n\
         填报人和填报日期各栏。填好交回后原样导入：tasks feedback --from 文件。",
    ),
    ("form:plan", "只用此方案［默认：唯一已载入的方案］"),
    ("form:division", "反馈表所属处室（名称或简称）"),
    (
        "form:all",
        "为每个处室、以及每个没有成员的组（由组自行填报）各出一份，写入 --output-dir",
    ),
    (
        "form:output",
        "反馈表文件：.xlsx 或 .csv（CSV 带字节顺序标记，供 Excel 打开）",
    ),
    (
        "form:output_dir",
        "与 --all 同用：存放反馈表的文件夹，每个处室一份，以处室命名",
    ),
    (
        "form:format",
        "与 --all 同用：反馈表的格式，xlsx 为带状态下拉框的 Excel 工作簿，csv 为供 Excel 打开的 CSV［默认：xlsx］",
    ),
    ("calendar", "工作日日历：计算期限、按月显示、增加年份"),
    (
        "calendar add",
        "显示从 日期 起经过 时长 后的期限（Nwd 为工作日，Nd 为自然日，Nh 为小时）",
    ),
    (
        "calendar add!after",
        "例：tasks calendar add 2016-09-30 3wd   （显示 2016-10-10）",
    ),
    ("calendar add:date", "起点：日期；以小时计时为日期加时刻"),
    ("calendar add:duration", "时长，如 3wd、10d、24h"),
    ("calendar show", "按月显示日历，标出节假日和调休上班日"),
    ("calendar show!after", "例：tasks calendar show 2016-10"),
    ("calendar show:month", "月份，写作 YYYY-MM"),
    ("calendar load", "从 TOML 文件增加或替换日历年份"),
    (
        "calendar load!after",
        "文件中每年一个 [[year]] 表：\n  \
         [[year]]\n  year = 2027\n  off = [2027-01-01, 2027-02-06]   # 放假日\n  \
         work = [2027-02-14]               # 调休上班日\n\
         也可用带节日名称的 [[year.holiday]] 表：name、off、work。\n\
         详见 docs/calendar.md。",
    ),
    ("calendar load:file", "日历文件（TOML）"),
    ("demo", "在临时数据库中运行内置的示例方案"),
    ("completions", "输出命令行补全脚本"),
    (
        "completions!after",
        "例：tasks completions bash > /etc/bash_completion.d/tasks",
    ),
    ("completions:shell", "外壳程序（bash、zsh、fish 等）"),
    ("man", "在标准输出上输出手册页（roff 格式），或写出全部手册页"),
    (
        "man!after",
        "例：\n  tasks man | man -l -\n  tasks man --output-dir ~/.local/share/man/man1",
    ),
    (
        "man:output_dir",
        "改为把 tasks.1 和每个子命令的手册页（tasks-load.1 等）写入此文件夹（不存在则新建，但不新建其上级）",
    ),
    ("db", "显示正在使用的数据库：路径、结构版本、方案数和任务数"),
    ("db!after", "只读取数据库，不作任何改动，也不新建数据库。"),
    ("db:format", "输出格式：text 为文字，json 为一个 JSON 对象"),
];
