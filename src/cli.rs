//! Command-line definitions. Doc comments are the help text.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::duration::Duration;
use crate::lang::Lang;
use crate::render::Format;
use crate::status::Status;

/// Track how a work plan is carried out: tasks for divisions, their
/// progress feedback, the office's sign-off, and deadlines in Chinese working
/// days.
#[derive(Debug, Parser)]
#[command(
    name = "tasks",
    version,
    max_term_width = 80,
    after_help = "Environment: TASKS_DB is the database (as --db). TASKS_NOW sets the clock,\n\
                  e.g. 2016-10-01T09:30, for scripts and tests: records are made at its\n\
                  time, and reading commands answer as of it unless --as-of is given.\n\n\
                  Exit status: 0 success, 1 `check` found items needing attention, 2 error.\n\
                  Start with `tasks demo`, or `tasks load PLAN.toml` and `tasks list`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Database file [default: tasks/tasks.db in the platform data directory]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "TASKS_DB",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Language of human-readable output [default: from LC_ALL, LC_MESSAGES,
    /// LANG: zh* means Chinese]
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub lang: Option<Lang>,

    /// Answer as of this date (end of day) or time, e.g. 2016-10-01 or
    /// 2016-10-01T09:30 [default: now]; reading commands only
    ///
    /// Commands that record (load, feedback, review, event, calendar load)
    /// refuse it: a record is made now. Give such a command --at for when
    /// the progress, review or event happened; scripts set the clock with
    /// TASKS_NOW.
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        value_parser = parse_as_of,
        help_heading = "Global options"
    )]
    pub as_of: Option<NaiveDateTime>,

    /// Fit tables to N columns, on a terminal or not [default: the COLUMNS
    /// variable, else the terminal's width; output that is not a terminal
    /// is not fitted]
    ///
    /// Ids, dates, statuses, names, numbers and headings are never broken;
    /// titles, notes and other free text wrap; columns empty in every row
    /// are left out. A table still too wide is folded into bands of
    /// columns, or at last shown as records, one value per line. See
    /// docs/tables.md.
    #[arg(
        long,
        global = true,
        value_name = "N",
        value_parser = parse_width,
        help_heading = "Global options"
    )]
    pub width: Option<usize>,

    /// Show tables whole, every column at full width: nothing wrapped or
    /// left out, however wide the lines
    #[arg(
        long,
        global = true,
        conflicts_with = "width",
        help_heading = "Global options"
    )]
    pub wide: bool,
}

fn parse_width(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(crate::messages::width_expected().to_string()),
    }
}

// The value parsers give their reasons in the language of the command line.

fn parse_as_of(text: &str) -> Result<NaiveDateTime, String> {
    crate::time::as_of_in(text, crate::help::parsing_lang())
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::time::date_in(text, crate::help::parsing_lang())
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse_msg(text).map_err(|m| m.text(crate::help::parsing_lang()).to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load or reload a plan file, in one transaction
    Load(LoadArgs),
    /// Turn a notice (公文: .txt, .md, .docx, .doc, .wps) into a draft plan
    /// file to check and load
    Import(ImportArgs),
    /// List the loaded plans with their counts
    Plans(PlansArgs),
    /// List tasks, filtered by plan, division, section, status or due date
    List(ListArgs),
    /// Show everything about one task
    Show(ShowArgs),
    /// List divisions and groups with their task counts as lead and support
    Divisions(DivisionsArgs),
    /// Record progress feedback from a division (one entry, or a batch file)
    Feedback(FeedbackArgs),
    /// Accept (销号) or return (退回) a task reported done
    Review(ReviewArgs),
    /// Take back a mistaken record (撤销): entry, review, event, import
    Void(VoidArgs),
    /// List the batch imports of return files, to find one to take back
    Imports(ImportsArgs),
    /// Show the log of feedback and reviews of one task
    History(HistoryArgs),
    /// Print the office roll-up: figures per section or division, every task
    Report(ReportArgs),
    /// Record an event: it opens obligations of `after` rules, counts
    /// towards `quota` rules
    Event(EventArgs),
    /// The deadline check for cron: one line per item needing attention
    Check(CheckArgs),
    /// Reminder notices (催办单), one per division
    Remind(RemindArgs),
    /// Blank return forms (反馈表) that divisions fill in and send back
    Form(FormArgs),
    /// The working-day calendar: deadlines, month grids, new years
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Run the embedded sample plan in a throw-away database
    Demo,
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff) on standard output, or write every page
    Man(ManArgs),
    /// Show the database in use: its path, schema version, plans and tasks
    Db(DbArgs),
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct PlansArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show one plan in full: its particulars, role words and notes
    #[arg(long, value_name = "PLAN")]
    pub show: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Reloading a plan updates tasks by id, marks tasks missing from the file as\n\
                  withdrawn, and never deletes recorded feedback, reviews or events.\n\
                  Example: tasks load data/fjdrc-2016-zwgk.toml --dry-run"
)]
pub struct LoadArgs {
    /// The plan file (TOML)
    pub file: PathBuf,

    /// Check the file and report what would change, without writing
    #[arg(long)]
    pub dry_run: bool,

    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Reads the notice's head (title, 文号, issuer, date), its sections and \
    tasks (一、（一）1.（1）①, or the rows of a task table), the units assigned to each \
    (责任处室：…, （X负责）, （X牵头，Y配合）, table columns) and their deadlines \
    (2016年底前, 长期坚持, 每年2月底前, 3个工作日内, 年内不少于1次). Every guess is \
    marked with a `# check:` comment; nothing of the notice is dropped without a mark. \
    The database is not touched: check the draft, then `tasks load` it.\n\
    Example: tasks import 通知.docx --output plan.toml --office 办公室"
)]
pub struct ImportArgs {
    /// The notice: text or Markdown (UTF-8 or GB18030), .docx, or .doc/.wps
    /// (converted with LibreOffice); - for text or .docx on standard input
    pub notice: PathBuf,

    /// Write the draft to this file instead of standard output
    #[arg(long, short, value_name = "PLAN.toml")]
    pub output: Option<PathBuf>,

    /// Replace the --output file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,

    /// The office that collects the returns (default: the one the notice
    /// names, else 办公室)
    #[arg(long, value_name = "NAME")]
    pub office: Option<String>,

    /// The year of deadlines written without one (default: the year of the
    /// notice's date)
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1949..=2999))]
    pub year: Option<i32>,

    /// The plan's id (default: from the file name)
    #[arg(long, value_name = "PLAN-ID")]
    pub id: Option<String>,

    /// The LibreOffice program for .doc and .wps (default: soffice or
    /// libreoffice on the PATH)
    #[arg(long, value_name = "PATH", env = "TASKS_SOFFICE")]
    pub soffice: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Sentences for people
    Text,
    /// One JSON object
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "Example: tasks list --division 法规处 --format json")]
pub struct ListArgs {
    /// Only tasks of this plan
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Only tasks assigned to this division (by name or alias, directly or
    /// through its groups) or group
    #[arg(long, value_name = "NAME")]
    pub division: Option<String>,

    /// Only tasks of this section (its id)
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,

    /// Only tasks in this status (English id or Chinese word; repeatable).
    /// Withdrawn tasks are shown only when asked for
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Vec<Status>,

    /// Only open tasks whose due date has passed (as of --as-of)
    #[arg(long)]
    pub overdue: bool,

    /// Only tasks due before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people
    Table,
    /// One JSON document, English keys
    Json,
    /// Comma-separated values with a header row (English keys and values;
    /// Chinese under --lang zh)
    Csv,
    /// An Excel workbook (needs --output, or standard output not a terminal)
    Xlsx,
}

/// Where a reading command's output goes, and how CSV is written for Excel.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output (created or replaced
    /// whole, never left half-written)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Begin CSV with a byte order mark, so that Excel on Chinese Windows
    /// reads it as UTF-8 (the default when --output names a .csv file)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Example: tasks show 3.3    (or fjdrc-2016-zwgk:3.3)")]
pub struct ShowArgs {
    /// The task: its id, or PLAN:ID when the id is in several plans
    pub task: String,

    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
pub struct DivisionsArgs {
    /// Only this plan's divisions and groups
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    tasks feedback 3.5 --division 法规处 --status in-progress --percent 40 --note 已完成初审\n  \
    tasks feedback 2.4 --division 办公室 --status 已完成 --at 2016-09-28\n  \
    tasks feedback --from returns.csv\n  \
    tasks feedback --from 法规处反馈表.xlsx --dry-run\n\n\
    A batch file is a workbook, CSV or TSV with a header row (task, division,\n\
    status, percent, note, by, at, or the Chinese headings of a return form:\n\
    任务编号, 责任处室, 状态, 进度, 情况说明, 填报人, 填报日期), or TOML with one\n\
    [[feedback]] table per entry. It is recorded all or nothing; entries\n\
    recorded before are skipped, so importing a file twice adds nothing.")]
pub struct FeedbackArgs {
    /// The task: its id, or PLAN:ID; TASK#N reports on obligation N
    #[arg(required_unless_present = "from")]
    pub task: Option<String>,

    /// The reporting division (name or alias); with --from, the division of
    /// rows that name none (a return form of one division)
    #[arg(long, value_name = "NAME", required_unless_present = "from")]
    pub division: Option<String>,

    /// not-started, in-progress, blocked or done, or the Chinese word
    #[arg(
        long_help = "not-started, in-progress, blocked or done, or the Chinese word:\n\
                       未启动, 推进中, 受阻, 已完成"
    )]
    #[arg(long, value_name = "STATUS", required_unless_present = "from")]
    pub status: Option<String>,

    /// How far along, 0 to 100, with or without % (done means 100)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub percent: Option<String>,

    /// What was done, or what is in the way
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,

    /// Who reports (a person's name)
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,

    /// When it happened, if earlier than now: a date or date and time
    /// (2016-07-05, 2016/7/5, 2016年7月5日, each with a time or not)
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,

    /// Correct entry REF (#N): it is voided and this entry recorded in its
    /// place, the two linked in `history`
    #[arg(long, value_name = "REF", conflicts_with = "from")]
    pub amend: Option<String>,

    /// With --amend: why the amended entry was wrong [default: amended]
    #[arg(
        long,
        value_name = "TEXT",
        requires = "amend",
        allow_hyphen_values = true
    )]
    pub reason: Option<String>,

    /// Record every entry of a file instead: a workbook (.xlsx, .xls,
    /// .ods), CSV or TSV (UTF-8, UTF-16 or GBK), or TOML
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["task", "status", "percent", "note", "by", "at"])]
    pub from: Option<PathBuf>,

    /// With --from: the worksheet to read [default: the first]
    #[arg(long, value_name = "NAME", requires = "from")]
    pub sheet: Option<String>,

    /// With --from: check the file and show what would be recorded, without
    /// writing anything
    #[arg(long, requires = "from")]
    pub dry_run: bool,

    /// Output format of the confirmation
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("decision").required(true).args(["accept", "return_"])))]
#[command(after_help = "Example: tasks review 2.4 --return --note 请补充“三公”经费明细")]
pub struct ReviewArgs {
    /// The task: its id, or PLAN:ID
    pub task: String,

    /// Accept the work and close the task (销号)
    #[arg(long)]
    pub accept: bool,

    /// Send it back to the divisions (退回): it is in progress again
    #[arg(long = "return")]
    pub return_: bool,

    /// The office's remarks, shown in `show` and `history`
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,

    /// Who decides (a person's name)
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,

    /// When it was decided, if earlier than now
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    tasks void '#1042' --reason 误填为已完成 --by 王主任\n  \
    tasks void 57 --reason 文件发错   (an import's number, from tasks imports)\n\n\
    Nothing is deleted: history shows the record, marked, with the reason, who\n\
    and when. Every status, light, report and check is as if it had never been\n\
    made. A void is final; to restore a record, record it again. A record that\n\
    others rest on (an entry a review answered, an event whose obligation has\n\
    reports) is voided after them.")]
pub struct VoidArgs {
    /// The record: #N as `history`, `show` or `imports` number it
    pub record: String,

    /// Why the record was a mistake, kept with the void
    #[arg(long, value_name = "TEXT", required = true, allow_hyphen_values = true)]
    pub reason: String,

    /// Who takes it back (a person's name)
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,

    /// Only a record of this plan
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Output format of the confirmation
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct ImportsArgs {
    /// Only imports with entries of this plan
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The task: its id, or PLAN:ID
    pub task: String,

    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    tasks report --as-of 2016-09-30 --by division --format md\n  \
    tasks report --format xlsx --output 汇总表.xlsx --lang zh\n  \
    tasks report --format html --output 通报.html --lang zh\n  \
    tasks report --format pdf --output 通报.pdf --lang zh\n  \
    tasks report --format csv --bom --lang zh > 汇总表.csv")]
pub struct ReportArgs {
    /// Only this plan [default: every loaded plan]
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Figures per section or per division
    #[arg(long, value_enum, default_value_t = ReportBy::Section)]
    pub by: ReportBy,

    /// Only the figures, without the lines of each task (CSV: one row per
    /// section or division)
    #[arg(long)]
    pub summary: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// With --format html or pdf: lay the page out with this template
    /// instead of the built-in one (a copy of templates/report.html, adapted)
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// With --format pdf: the Chromium (or Chrome) program to print with
    /// [default: chromium, chromium-browser or google-chrome on PATH]
    #[arg(long, value_name = "PATH")]
    pub chromium: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Section,
    Division,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for people
    Table,
    /// One JSON document, English keys
    Json,
    /// One row per task and assignee (English keys and values; Chinese under
    /// --lang zh)
    Csv,
    /// Markdown tables, for mail or documents
    Md,
    /// An Excel workbook: summary with charts, every task, overdue and
    /// warning items (needs --output, or standard output not a terminal)
    Xlsx,
    /// One web page with charts, for leadership: opens offline, prints on A4
    Html,
    /// The web page printed to PDF by a headless Chromium (needs --output, or
    /// standard output not a terminal)
    Pdf,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example: tasks event 3.3 政策文件公开 --at 2016-09-30T10:00 --note 88号文\n\n\
    Each event of an `after` rule's kind opens an obligation TASK#N (N counts\n\
    the task's trigger events from 1, in the order they were recorded), due\n\
    `within` after the event; `tasks feedback TASK#N --division D --status done`\n\
    meets it. Events of a `quota` rule's kind count towards it; an event named\n\
    by an `every` rule is a return for the period it falls in."
)]
pub struct EventArgs {
    /// The task: its id, or PLAN:ID
    pub task: String,

    /// The event's kind, as the task's rule names it (e.g. 政策文件公开)
    pub kind: String,

    /// When it happened, if earlier than now: a date or date and time
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,

    /// What happened (a document number, a place)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 nothing needs attention (nothing printed), 1 items found,\n\
    2 error. Each line: deadline, task, division, kind of item, days late or left.\n\
    Example crontab line (mailed to the office when there is output):\n  \
    MAILTO=bangongshi@example.gov.cn\n  \
    30 8 * * 1-5  TASKS_DB=/srv/tasks/tasks.db tasks check --lang zh"
)]
pub struct CheckArgs {
    /// Only this plan
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Also report deadlines this far ahead (e.g. 10wd, 14d) [default: the
    /// plan's warn]
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub within: Option<Duration>,

    /// Output format: lines of text, or one JSON object per line
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    tasks remind --division 法规处 --lang zh\n  \
    tasks remind --lang zh --format docx --output-dir 催办/ --record\n\n\
    A reminder goes from the plan's office to each division that owes work:\n\
    the lead and the supporting divisions of tasks overdue or due soon, and\n\
    those missing a return. A group is reminded through its members, one\n\
    reminder each. The office is not reminded of its own tasks, and a group\n\
    without members cannot be: both are said on standard error. See\n\
    docs/reminders.md.")]
pub struct RemindArgs {
    /// Only the reminder to this division (name or alias), or to the
    /// members of this group
    #[arg(long, value_name = "NAME")]
    pub division: Option<String>,

    /// Only this plan
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Also list deadlines this far ahead [default: the plan's warn]
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub within: Option<Duration>,

    /// The reminders' format: plain text, Markdown, or a Word document
    /// (docx, for printing; to standard output only when it is not a
    /// terminal)
    #[arg(long, value_enum, default_value_t = RemindFormat::Text)]
    pub format: RemindFormat,

    /// Write one file per division into this folder (created if missing;
    /// a file of the same name is replaced whole) instead of standard output
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// The date by which divisions are asked to reply [default: the plan's
    /// next feedback day, when it has a feedback cadence]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reply_by: Option<NaiveDate>,

    /// Record each reminder sent, one numbered record per division and plan
    /// (`history` shows it, `report` counts it, `void` takes it back)
    #[arg(long)]
    pub record: bool,

    /// Show what would be written; write no file and record nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    /// Plain text, to paste into a mail or print
    Text,
    /// Markdown, with a table of the tasks
    Md,
    /// A Word document (.docx): heading, table of tasks, signature block
    Docx,
}

#[derive(Debug, Args)]
#[command(
    group(clap::ArgGroup::new("whom").required(true).args(["division", "all"])),
    after_help = "Examples:\n  \
    tasks form --division 法规处 --output 法规处反馈表.xlsx\n  \
    tasks form --all --output-dir 反馈表/ --lang zh\n\n\
    A form lists the division's open tasks (as lead, as support, or through its\n\
    groups) with empty columns for status, percent, note, who and when. Filled\n\
    in and sent back, it is imported as it is: tasks feedback --from FILE."
)]
pub struct FormArgs {
    /// Only this plan [default: the only one loaded]
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// The division the form is for (name or alias)
    #[arg(long, value_name = "NAME")]
    pub division: Option<String>,

    /// One form for every division, and for every group without members (it
    /// reports itself), written into --output-dir
    #[arg(long, requires = "output_dir")]
    pub all: bool,

    /// The form's file: .xlsx or .csv (CSV is written for Excel, with a
    /// byte order mark)
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        conflicts_with = "all",
        required_unless_present = "all"
    )]
    pub output: Option<PathBuf>,

    /// With --all: the folder for the forms, one per division, named after it
    #[arg(long, value_name = "DIR", requires = "all")]
    pub output_dir: Option<PathBuf>,

    /// With --all: the forms' format [default: xlsx]
    #[arg(long, value_enum)]
    pub format: Option<FormFormat>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormFormat {
    /// An Excel workbook with a drop-down for the status
    Xlsx,
    /// CSV for Excel (UTF-8 with a byte order mark)
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print the deadline DUR after DATE (Nwd working days, Nd days, Nh hours)
    #[command(after_help = "Example: tasks calendar add 2016-09-30 3wd   (prints 2016-10-10)")]
    Add {
        /// The start: a date, or a date and time for hours
        date: String,
        /// The duration, e.g. 3wd, 10d, 24h
        #[arg(value_parser = parse_duration)]
        duration: Duration,
    },
    /// Print a month as a grid, marking holidays and make-up working days
    #[command(after_help = "Example: tasks calendar show 2016-10")]
    Show {
        /// The month, YYYY-MM
        month: String,
    },
    /// Add or replace years of the calendar from a TOML file
    #[command(after_help = "The file has one [[year]] table per year:\n  \
        [[year]]\n  year = 2027\n  off = [2027-01-01, 2027-02-06]   # rest days\n  \
        work = [2027-02-14]               # make-up working days\n\
        or, with holiday names, [[year.holiday]] tables: name, off, work.\n\
        See docs/calendar.md.")]
    Load {
        /// The calendar file (TOML)
        file: PathBuf,
    },
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    Duration::parse_msg(text).map_err(|m| m.text(crate::help::parsing_lang()).to_string())
}

#[derive(Debug, Args)]
#[command(after_help = "Example: tasks completions bash > /etc/bash_completion.d/tasks")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    tasks man | man -l -\n  \
    tasks man --output-dir ~/.local/share/man/man1")]
pub struct ManArgs {
    /// Write tasks.1 and a page for every subcommand (tasks-load.1, …) into
    /// this folder (created if missing, not its parents) instead
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Reads the database without changing it, and creates none.")]
pub struct DbArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_work_after_the_command() {
        let a = Cli::try_parse_from(["tasks", "--as-of", "2016-10-01", "plans"]).unwrap();
        let b = Cli::try_parse_from(["tasks", "plans", "--as-of", "2016-10-01"]).unwrap();
        assert_eq!(a.global.as_of, b.global.as_of);
        assert!(a.global.as_of.is_some());
    }
}
