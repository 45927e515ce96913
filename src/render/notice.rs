//! A reminder notice (催办通知) from a plan's office to one division, as an
//! office writes one: title, the division addressed (主送), a body naming
//! the plan and its document number, the tasks owed with their deadlines
//! and what is missing, a request to reply (by a date when there is one),
//! the office's name (落款) and the date. As plain text, Markdown or a
//! Word document.
//!
//! Dates are written in words in Chinese (2016年10月10日) and stay ISO in
//! English.

use chrono::{NaiveDate, NaiveDateTime};
use unicode_width::UnicodeWidthStr;

use crate::deadlines::ItemKind;
use crate::lang::Lang;
use crate::render::docx::{self, Align, Cell, Fonts, Look, Para};
use crate::render::escape_control;
use crate::rollup::Role;
use crate::time::{date_in_words, time_in_words};

/// One reminder: from the office of a plan to one division.
#[derive(Debug, Clone)]
pub struct Notice {
    pub lang: Lang,
    pub plan_id: String,
    pub plan_title: String,
    /// The plan's document number (文号).
    pub doc_no: Option<String>,
    /// The body that issued the plan (发文机关).
    pub issuer: Option<String>,
    /// The division that collects the returns, which sends the reminder.
    pub office: String,
    /// The division reminded.
    pub division: String,
    /// The date the reminder bears.
    pub date: NaiveDate,
    /// The date by which the division is asked to reply.
    pub reply_by: Option<NaiveDate>,
    /// The reminder's record number, when it is recorded.
    pub number: Option<i64>,
    pub tasks: Vec<NoticeTask>,
}

/// A task the division owes, with what the reminder says of it.
#[derive(Debug, Clone)]
pub struct NoticeTask {
    /// The task's id in its plan.
    pub id: String,
    /// The task as shown: its id, with the plan's before it when several
    /// plans are loaded.
    pub label: String,
    pub title: String,
    pub role: Role,
    /// The role word the division is assigned under, when the plan gives one
    /// (指导, 负责): said instead of 牵头 or 配合.
    pub word: Option<String>,
    /// The group the division has the task through, if not directly.
    pub through: Option<String>,
    pub items: Vec<NoticeItem>,
}

/// One thing owed on a task: overdue, due soon, a return missing…
#[derive(Debug, Clone)]
pub struct NoticeItem {
    pub kind: ItemKind,
    /// N of an obligation `TASK#N`.
    pub obligation: Option<u32>,
    /// The obligation's or quota's requirement, or the feedback period.
    pub detail: String,
    pub deadline: NaiveDateTime,
    /// Days left until the deadline; negative when late.
    pub days: i64,
}

/// The width, in columns, plain text is laid out in (Chinese characters
/// take two).
const TEXT_COLUMNS: usize = 64;

impl Notice {
    /// The sender as it signs: the issuing body's office
    /// (福建省发展和改革委员会办公室), or the office alone.
    pub fn sender(&self) -> String {
        let office = self.office.as_str();
        match (self.issuer.as_deref(), self.lang) {
            (Some(issuer), Lang::Zh) if !office.starts_with(issuer) => format!("{issuer}{office}"),
            (Some(issuer), Lang::En) if !office.contains(issuer) => format!("{office}, {issuer}"),
            _ => office.to_string(),
        }
    }

    /// The plan as the body cites it: 《title》（文号）.
    fn plan_cited(&self) -> String {
        match (self.lang, self.doc_no.as_deref()) {
            (Lang::Zh, Some(doc)) => format!("《{}》（{doc}）", self.plan_title),
            (Lang::Zh, None) => format!("《{}》", self.plan_title),
            (Lang::En, Some(doc)) => format!("{} ({doc})", self.plan_title),
            (Lang::En, None) => self.plan_title.clone(),
        }
    }

    /// The title of the notice.
    pub fn title(&self) -> &'static str {
        self.lang.pick("REMINDER", "催办通知")
    }

    /// The line under the title with the record's number.
    fn number_line(&self) -> Option<String> {
        self.number.map(|n| match self.lang {
            Lang::Zh => format!("（编号：#{n}）"),
            Lang::En => format!("No. #{n}"),
        })
    }

    /// The division addressed (主送), as the first line of the letter.
    fn addressee(&self) -> String {
        match self.lang {
            Lang::Zh => format!("{}：", self.division),
            Lang::En => format!("To: {}", self.division),
        }
    }

    /// What the tasks are late or due for: the kinds of item present.
    fn states(&self) -> String {
        let kinds = || self.tasks.iter().flat_map(|t| &t.items).map(|i| i.kind);
        let late = kinds().any(|k| is_late(k) && k != ItemKind::MissingFeedback);
        let soon = kinds().any(|k| !is_late(k));
        let silent = kinds().any(|k| k == ItemKind::MissingFeedback);
        let words: Vec<&str> = [
            (late, self.lang.pick("overdue", "已逾期")),
            (soon, self.lang.pick("due soon", "即将到期")),
            (silent, self.lang.pick("missing a return", "未按期反馈进展")),
        ]
        .into_iter()
        .filter_map(|(present, w)| present.then_some(w))
        .collect();
        match (words.as_slice(), self.lang) {
            ([one], _) => one.to_string(),
            ([a, b], Lang::Zh) => format!("{a}或{b}"),
            ([a, b], Lang::En) => format!("{a} or {b}"),
            ([a, b, c], Lang::Zh) => format!("{a}、{b}或{c}"),
            ([a, b, c], Lang::En) => format!("{a}, {b} or {c}"),
            _ => String::new(),
        }
    }

    /// The opening sentence of the body.
    pub fn intro(&self) -> String {
        let date = date_in_words(self.date, self.lang);
        let n = self.tasks.len();
        let plan = self.plan_cited();
        let states = self.states();
        match self.lang {
            Lang::Zh => format!(
                "按照{plan}分工，截至{date}，{}承担的以下{n}项任务{states}，现予催办：",
                pronoun(&self.division)
            ),
            Lang::En if n == 1 => format!(
                "Under the plan above, as of {date} the following task of your division is {states}:"
            ),
            Lang::En => format!(
                "Under the plan above, as of {date} the following {n} tasks of your division are {states}:"
            ),
        }
    }

    /// The request that closes the body: to press on, and to reply.
    pub fn closing(&self) -> String {
        let office = &self.office;
        let reply = self.reply_by.map(|d| date_in_words(d, self.lang));
        let one = self.tasks.len() == 1;
        let returns_only = self
            .tasks
            .iter()
            .flat_map(|t| &t.items)
            .all(|i| i.kind == ItemKind::MissingFeedback);
        if returns_only {
            // Nothing is late but the return itself.
            return match (self.lang, reply) {
                (Lang::Zh, Some(reply)) => {
                    format!("请于{reply}前将办理情况补报{office}。")
                }
                (Lang::Zh, None) => format!("请尽快将办理情况补报{office}。"),
                (Lang::En, Some(reply)) => {
                    format!("Please send the missing return to {office} by {reply}.")
                }
                (Lang::En, None) => {
                    format!("Please send the missing return to {office} without delay.")
                }
            };
        }
        match (self.lang, reply) {
            (Lang::Zh, Some(reply)) => {
                format!("请抓紧推进，确保按时限完成，并于{reply}前将办理情况反馈{office}。")
            }
            (Lang::Zh, None) => {
                format!("请抓紧推进，确保按时限完成，并及时将办理情况反馈{office}。")
            }
            (Lang::En, reply) => format!(
                "Please press on, complete {} by {} deadline{}, and report progress to {office}{}.",
                if one { "it" } else { "them" },
                if one { "its" } else { "their" },
                if one { "" } else { "s" },
                reply.map(|r| format!(" by {r}")).unwrap_or_default()
            ),
        }
    }

    /// The date the notice bears, in words.
    pub fn date_text(&self) -> String {
        date_in_words(self.date, self.lang)
    }

    /// The role of the division in a task, as the notice says it.
    fn role_text(&self, t: &NoticeTask) -> String {
        let role = match (&t.word, t.role) {
            (Some(word), _) => word.as_str(),
            (None, Role::Lead) => self.lang.pick("lead", "牵头"),
            (None, Role::Support) => self.lang.pick("support", "配合"),
        };
        match (&t.through, self.lang) {
            (None, _) => role.to_string(),
            (Some(group), Lang::Zh) => format!("{group}{role}"),
            (Some(group), Lang::En) => format!("{role}, as one of {group}"),
        }
    }

    /// What an item says is owed: its kind, and what it is about.
    fn item_what(&self, t: &NoticeTask, i: &NoticeItem) -> String {
        let label = i.kind.label(self.lang);
        let detail = match (i.kind, i.obligation) {
            (ItemKind::MissingFeedback, _) => period_words(&i.detail, self.lang),
            (_, Some(n)) if i.detail.is_empty() => format!("{}#{n}", t.id),
            (_, Some(n)) => match self.lang {
                Lang::Zh => format!("{}#{n}：{}", t.id, i.detail),
                Lang::En => format!("{}#{n}: {}", t.id, i.detail),
            },
            (_, None) => i.detail.clone(),
        };
        match (detail.is_empty(), self.lang) {
            (true, _) => label.to_string(),
            (false, Lang::Zh) => format!("{label}（{detail}）"),
            (false, Lang::En) => format!("{label} ({detail})"),
        }
    }

    fn deadline_text(&self, i: &NoticeItem) -> String {
        time_in_words(i.deadline, self.lang)
    }

    fn days_text(&self, i: &NoticeItem) -> String {
        days_words(i.kind, i.days, self.lang)
    }

    /// A task as one line of the plain text.
    fn task_line(&self, n: usize, t: &NoticeTask) -> String {
        let items: Vec<String> = t
            .items
            .iter()
            .map(|i| match self.lang {
                Lang::Zh => format!(
                    "{}，时限{}，{}",
                    self.item_what(t, i),
                    self.deadline_text(i),
                    self.days_text(i)
                ),
                Lang::En => format!(
                    "{}, deadline {}, {}",
                    self.item_what(t, i),
                    self.deadline_text(i),
                    self.days_text(i)
                ),
            })
            .collect();
        match self.lang {
            Lang::Zh => format!(
                "{n}. 任务{}“{}”（{}）：{}。",
                t.label,
                t.title,
                self.role_text(t),
                items.join("；")
            ),
            Lang::En => format!(
                "{n}. Task {} “{}” ({}): {}.",
                t.label,
                t.title,
                self.role_text(t),
                items.join("; ")
            ),
        }
    }

    /// The header of the table of tasks.
    fn table_header(&self) -> [&'static str; 7] {
        match self.lang {
            Lang::Zh => [
                "序号",
                "任务编号",
                "任务名称",
                "承担方式",
                "催办事项",
                "时限",
                "情况",
            ],
            Lang::En => ["No.", "Task", "Title", "Role", "Item", "Deadline", "Days"],
        }
    }

    /// The table of tasks: a row per item, the task's own cells on its
    /// first row only.
    fn table_rows(&self) -> Vec<[String; 7]> {
        let mut rows = Vec::new();
        for (n, t) in self.tasks.iter().enumerate() {
            for (k, i) in t.items.iter().enumerate() {
                let first = k == 0;
                let own = |text: String| if first { text } else { String::new() };
                rows.push([
                    own((n + 1).to_string()),
                    own(t.label.clone()),
                    own(t.title.clone()),
                    own(self.role_text(t)),
                    self.item_what(t, i),
                    self.deadline_text(i),
                    self.days_text(i),
                ]);
            }
        }
        rows
    }

    /// The notice as plain text, laid out for a fixed-width font.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |text: &str| {
            out += &escape_control(text);
            out.push('\n');
        };
        match self.lang {
            Lang::Zh => {
                line(&centered(self.title()));
                if let Some(n) = self.number_line() {
                    line(&centered(&n));
                }
                line("");
                line(&self.addressee());
                line(&format!("    {}", self.intro()));
                line("");
                for (n, t) in self.tasks.iter().enumerate() {
                    line(&format!("    {}", self.task_line(n + 1, t)));
                }
                line("");
                line(&format!("    {}", self.closing()));
                line("");
                let (sender, date) = (self.sender(), self.date_text());
                let (sender_right, date_right) = signature_margins(&sender, &date);
                line(&right_aligned(&sender, sender_right));
                line(&right_aligned(&date, date_right));
            }
            Lang::En => {
                line(self.title());
                if let Some(n) = self.number_line() {
                    line(&n);
                }
                line("");
                for (label, value) in self.letter_head() {
                    line(&format!("{label:<6}{value}"));
                }
                line("");
                line(&self.intro());
                line("");
                for (n, t) in self.tasks.iter().enumerate() {
                    line(&format!("  {}", self.task_line(n + 1, t)));
                }
                line("");
                line(&self.closing());
                line("");
                line(&self.sender());
                line(&self.date_text());
            }
        }
        out
    }

    /// The head of an English letter: to, from, about, date.
    fn letter_head(&self) -> [(&'static str, String); 4] {
        [
            ("To:", self.division.clone()),
            ("From:", self.sender()),
            ("Re:", self.plan_cited()),
            ("Date:", self.date_text()),
        ]
    }

    /// The notice as Markdown, with a table of the tasks.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let mut para = |text: String| {
            out += &text;
            out += "\n\n";
        };
        para(format!("# {}", self.title()));
        if let Some(n) = self.number_line() {
            para(md(&n));
        }
        match self.lang {
            Lang::Zh => para(format!("**{}**：", md(&self.division))),
            Lang::En => para(
                self.letter_head()
                    .iter()
                    .map(|(label, value)| format!("**{label}** {}", md(value)))
                    .collect::<Vec<_>>()
                    .join("  \n"),
            ),
        }
        para(md(&self.intro()));
        let header = self.table_header();
        let cell = |text: &str| md(text).replace('\n', " ");
        let mut table = format!(
            "| {} |\n|{}|",
            header.join(" | "),
            vec![" --- "; header.len()].join("|")
        );
        for row in self.table_rows() {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            table += &format!("\n| {} |", cells.join(" | "));
        }
        para(table);
        para(md(&self.closing()));
        out += &format!("{}  \n{}\n", md(&self.sender()), md(&self.date_text()));
        out
    }

    /// Adds the notice to a Word document; `first` tells whether it is
    /// the document's first (later ones start on a new page).
    pub fn add_to(&self, doc: &mut docx::Document, first: bool) {
        let (body, title, table) = looks(self.lang);
        let mut heading = Para::new(self.title(), title);
        heading.align = Align::Center;
        heading.page_break_before = !first;
        doc.paragraph(&heading);
        if let Some(n) = self.number_line() {
            let mut p = Para::new(&n, body);
            p.align = Align::Center;
            doc.paragraph(&p);
        }
        doc.blank();
        match self.lang {
            Lang::Zh => doc.paragraph(&Para::new(&self.addressee(), body)),
            Lang::En => {
                for (label, value) in self.letter_head() {
                    doc.paragraph(&Para::new(&format!("{label} {value}"), body));
                }
                doc.blank();
            }
        }
        // Justified in Chinese, as official documents; ragged in English.
        let justified = if self.lang == Lang::Zh {
            Align::Both
        } else {
            Align::Left
        };
        let intro = self.intro();
        let mut p = Para::new(&intro, body);
        p.align = justified;
        p.first_line_chars = if self.lang == Lang::Zh { 2 } else { 0 };
        doc.paragraph(&p);
        let rows: Vec<Vec<Cell>> = self
            .table_rows()
            .into_iter()
            .map(|row| {
                // The task's own cells, left blank on its later rows,
                // go on from the row above.
                let continues = row[0].is_empty();
                row.into_iter()
                    .enumerate()
                    .map(|(i, text)| Cell {
                        merged_up: continues && i < 4,
                        center: i != 2 && i != 4,
                        text,
                    })
                    .collect()
            })
            .collect();
        // Column widths in twentieths of a point, filling the width
        // between the margins; a date fits on one line.
        let widths: &[u32] = match self.lang {
            Lang::Zh => &[600, 950, 1600, 950, 1500, 2100, 1145],
            Lang::En => &[600, 800, 1945, 1000, 1800, 1400, 1300],
        };
        debug_assert_eq!(widths.iter().sum::<u32>(), docx::TEXT_WIDTH);
        doc.table(widths, &self.table_header(), &rows, table);
        doc.blank();
        let closing = self.closing();
        let mut p = Para::new(&closing, body);
        p.align = justified;
        p.first_line_chars = if self.lang == Lang::Zh { 2 } else { 0 };
        doc.paragraph(&p);
        doc.blank();
        doc.blank();
        let (sender, date) = (self.sender(), self.date_text());
        match self.lang {
            Lang::Zh => {
                let (sender_right, date_right) = signature_margins(&sender, &date);
                for (text, right) in [(&sender, sender_right), (&date, date_right)] {
                    let mut p = Para::new(text, body);
                    p.align = Align::Right;
                    // Columns to characters.
                    p.right_chars = (right / 2) as u32;
                    doc.paragraph(&p);
                }
            }
            Lang::En => {
                doc.paragraph(&Para::new(&sender, body));
                doc.paragraph(&Para::new(&date, body));
            }
        }
    }
}

/// Writes notices into one Word document, each from a new page.
pub fn to_docx(notices: &[Notice]) -> anyhow::Result<Vec<u8>> {
    let lang = notices.first().map_or(Lang::En, |n| n.lang);
    let (body, _, _) = looks(lang);
    let mut doc = docx::Document::new(body);
    for (i, notice) in notices.iter().enumerate() {
        notice.add_to(&mut doc, i == 0);
    }
    let title = match notices {
        [one] => format!("{} {}", one.title(), one.division),
        _ => lang.pick("REMINDER", "催办通知").to_string(),
    };
    doc.finish(&title)
}

/// The looks of body text, the title and the table: 三号仿宋 body and a
/// 二号 title in Chinese, as official documents are set; Times in English.
fn looks(lang: Lang) -> (Look, Look, Look) {
    match lang {
        Lang::Zh => {
            let fangsong = Fonts {
                latin: "Times New Roman",
                east_asian: "仿宋",
            };
            let body = Look {
                fonts: fangsong,
                size: 16.0,
                bold: false,
            };
            let title = Look {
                fonts: Fonts {
                    latin: "Times New Roman",
                    east_asian: "宋体",
                },
                size: 22.0,
                bold: true,
            };
            // 五号, as tables in official documents.
            let table = Look { size: 10.5, ..body };
            (body, title, table)
        }
        Lang::En => {
            let fonts = Fonts {
                latin: "Times New Roman",
                east_asian: "宋体",
            };
            let body = Look {
                fonts,
                size: 12.0,
                bold: false,
            };
            let title = Look {
                size: 16.0,
                bold: true,
                ..body
            };
            let table = Look { size: 10.5, ..body };
            (body, title, table)
        }
    }
}

/// Whether an item is about a deadline already passed.
fn is_late(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Overdue
            | ItemKind::ObligationOverdue
            | ItemKind::QuotaFailed
            | ItemKind::MissingFeedback
    )
}

/// "3 days late", "due today", "2 days left"; 逾期3天, 今日到期, 剩2天.
pub fn days_words(kind: ItemKind, days: i64, lang: Lang) -> String {
    let n = days.abs();
    let late = is_late(kind);
    match (lang, days.signum()) {
        (Lang::En, 0) if late => "late today".into(),
        (Lang::Zh, 0) if late => "今日已逾期".into(),
        (Lang::En, 0) => "due today".into(),
        (Lang::Zh, 0) => "今日到期".into(),
        (Lang::En, -1) if n == 1 => "1 day late".into(),
        (Lang::En, -1) => format!("{n} days late"),
        (Lang::Zh, -1) => format!("逾期{n}天"),
        (Lang::En, _) if n == 1 => "1 day left".into(),
        (Lang::En, _) => format!("{n} days left"),
        (Lang::Zh, _) => format!("剩{n}天"),
    }
}

/// A feedback period as people name it: 2016年8月, 2016年第三季度 (the
/// label stays as it is in English: 2016-08, 2016-Q3).
fn period_words(label: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    let Some((year, rest)) = label.split_once('-') else {
        return label.to_string();
    };
    if let Some(q) = rest.strip_prefix('Q') {
        let quarter = match q {
            "1" => "一",
            "2" => "二",
            "3" => "三",
            "4" => "四",
            _ => return label.to_string(),
        };
        return format!("{year}年第{quarter}季度");
    }
    match rest.parse::<u32>() {
        Ok(month) if (1..=12).contains(&month) => format!("{year}年{month}月"),
        _ => label.to_string(),
    }
}

/// How an office addresses a division in the body: 你处, 你办, 你中心…, by
/// the last word of its name; 你单位 otherwise.
fn pronoun(division: &str) -> String {
    for ending in [
        "中心", "处", "室", "办", "科", "局", "所", "队", "站", "部", "组",
    ] {
        if division.ends_with(ending) {
            return format!("你{ending}");
        }
    }
    "你单位".to_string()
}

/// The space at the right of the sender's name and of the date, in
/// columns (a Chinese character takes two): the date four characters from
/// the right margin, the name centred over it (GB/T 9704); a name longer
/// than the date two characters from the margin, the date centred under it.
fn signature_margins(sender: &str, date: &str) -> (usize, usize) {
    let (s, d) = (sender.width(), date.width());
    if s <= d {
        (8 + (d - s) / 2, 8)
    } else {
        (4, 4 + (s - d) / 2)
    }
}

fn centered(text: &str) -> String {
    let pad = TEXT_COLUMNS.saturating_sub(text.width()) / 2;
    format!("{}{text}", " ".repeat(pad))
}

fn right_aligned(text: &str, right: usize) -> String {
    let pad = TEXT_COLUMNS.saturating_sub(text.width() + right);
    format!("{}{text}", " ".repeat(pad))
}

/// Text for Markdown: control characters escaped, and the characters
/// Markdown gives a meaning escaped with a backslash.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_control(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisions_are_addressed_by_the_last_word_of_their_names() {
        assert_eq!(pronoun("法规处"), "你处");
        assert_eq!(pronoun("信用办"), "你办");
        assert_eq!(pronoun("新闻中心"), "你中心");
        assert_eq!(pronoun("对外贸易科"), "你科");
        assert_eq!(pronoun("Legal"), "你单位");
    }

    #[test]
    fn periods_are_named_in_words() {
        assert_eq!(period_words("2016-08", Lang::Zh), "2016年8月");
        assert_eq!(period_words("2016-Q3", Lang::Zh), "2016年第三季度");
        assert_eq!(period_words("2016-08", Lang::En), "2016-08");
        assert_eq!(period_words("odd", Lang::Zh), "odd");
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(md("a|b*c_d"), "a\\|b\\*c\\_d");
        assert_eq!(md("法规处"), "法规处");
    }
}
