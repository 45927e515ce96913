//! Messages for people — errors, warnings, confirmations — in English and
//! Chinese, each written once, here. A message is made in both languages
//! where it arises; the one shown is chosen where it is printed, by `--lang`
//! or the locale.
//!
//! Each entry of `messages!` below becomes a function that takes the
//! message's values and returns a [`Msg`]; its templates are `format!`
//! strings that name those values. A value that is itself a message shows
//! in the same language as the message around it.

use std::borrow::Cow;
use std::fmt;

use crate::lang::Lang;

/// A message in English and in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    en: String,
    zh: String,
}

impl Msg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }

    /// Text that is the same in both languages: lines already written in
    /// the language asked for, or names and numbers alone.
    pub fn same(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg {
            en: text.clone(),
            zh: text,
        }
    }

    /// Two messages, one after the other, with `sep` between.
    pub fn join(&self, sep: &str, other: &Msg) -> Msg {
        Msg {
            en: format!("{}{sep}{}", self.en, other.en),
            zh: format!("{}{sep}{}", self.zh, other.zh),
        }
    }
}

/// Text not yet in the catalogue: the same in both languages.
impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::same(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::same(text)
    }
}

/// English, for logs and for errors printed before the language is known.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A value as it reads in a message of a given language.
pub trait Said {
    fn said(&self, lang: Lang) -> Cow<'_, str>;
}

impl Said for Msg {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.text(lang))
    }
}

impl<T: Said + ?Sized> Said for &T {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        (**self).said(lang)
    }
}

impl<T: Said> Said for Option<T> {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        self.as_ref().map_or(Cow::Borrowed(""), |v| v.said(lang))
    }
}

impl Said for std::path::Path {
    fn said(&self, _: Lang) -> Cow<'_, str> {
        self.to_string_lossy()
    }
}

impl Said for std::path::PathBuf {
    fn said(&self, _: Lang) -> Cow<'_, str> {
        self.to_string_lossy()
    }
}

/// Values that read the same in every language.
macro_rules! said_as_displayed {
    ($($t:ty),*) => {$(
        impl Said for $t {
            fn said(&self, _: Lang) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
said_as_displayed!(
    str,
    String,
    char,
    usize,
    u8,
    u16,
    u32,
    u64,
    i32,
    i64,
    chrono::NaiveDate,
    crate::duration::Duration
);

/// A value shown in one language, for `format!`.
#[doc(hidden)]
pub struct In<'a, T: ?Sized>(pub Lang, pub &'a T);

impl<T: Said + ?Sized> fmt::Display for In<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.1.said(self.0))
    }
}

macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) {
            en: $en:literal,
            zh: $zh:literal $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: $ty),*) -> Msg {
                let en = {
                    $(let $arg = In(Lang::En, &$arg);)*
                    format!($en)
                };
                let zh = {
                    $(let $arg = In(Lang::Zh, &$arg);)*
                    format!($zh)
                };
                Msg { en, zh }
            }
        )*

        /// Every message: its name and its two templates.
        #[cfg(test)]
        pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $zh)),*];
    };
}

messages! {
    /// The word before an error.
    error_word() {
        en: "error: ",
        zh: "错误：",
    }

    /// The word before a warning.
    warning_word() {
        en: "warning: ",
        zh: "警告：",
    }

    /// `--width` given something other than a number of columns.
    width_expected() {
        en: "expected a number of columns above 0, such as 80 or 120",
        zh: "应为大于 0 的列数，如 80 或 120",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names between braces in a template, sorted.
    fn placeholders(template: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut rest = template.replace("{{", "").replace("}}", "");
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let inner = &rest[start + 1..start + len];
            names.push(inner.split(':').next().unwrap_or("").to_string());
            rest = rest[start + len + 1..].to_string();
        }
        names.sort();
        names
    }

    /// What a Chinese template may hold in Latin letters: values, commands
    /// and options in backticks, option names, and names of things that
    /// have no Chinese name (file formats, variables).
    fn english_words(template: &str) -> Vec<String> {
        let mut text = template.replace("{{", "").replace("}}", "");
        // Values and quoted commands.
        for (open, close) in [('{', '}'), ('`', '`')] {
            while let Some(start) = text.find(open) {
                let Some(len) = text[start + 1..].find(close) else {
                    break;
                };
                text.replace_range(start..start + len + 2, " ");
            }
        }
        const NAMES: &[&str] = &[
            "CSV",
            "TSV",
            "TOML",
            "JSON",
            "SQLite",
            "Excel",
            "WPS",
            "UTF",
            "GBK",
            "GB18030",
            "BOM",
            "xlsx",
            "xls",
            "ods",
            "csv",
            "md",
            "PLAN",
            "ID",
            "TASK",
            "FILE",
            "DIR",
            "WHEN",
            "TASKS_DB",
            "TASKS_NOW",
            "HOME",
            "PATH",
            "N",
            "DATE",
            "A4",
            "PDF",
            "HTML",
        ];
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .filter(|w| !w.starts_with("--"))
            .filter(|w| !NAMES.contains(w))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_message_says_the_same_values_in_both_languages() {
        for (name, en, zh) in ALL {
            assert!(!en.trim().is_empty(), "{name}: no English");
            assert!(!zh.trim().is_empty(), "{name}: no Chinese");
            assert_eq!(placeholders(en), placeholders(zh), "{name}");
        }
    }

    #[test]
    fn chinese_messages_hold_no_english_words() {
        for (name, _, zh) in ALL {
            let words = english_words(zh);
            assert!(words.is_empty(), "{name}: {words:?} in {zh:?}");
        }
    }

    #[test]
    fn values_that_are_messages_follow_the_language_around_them() {
        let inner = error_word();
        let outer = Msg {
            en: format!("[{}]", In(Lang::En, &inner)),
            zh: format!("[{}]", In(Lang::Zh, &inner)),
        };
        assert_eq!(outer.text(Lang::En), "[error: ]");
        assert_eq!(outer.text(Lang::Zh), "[错误：]");
        assert_eq!(format!("{:>4}", In(Lang::En, &7usize)), "   7");
    }

    #[test]
    fn the_checks_of_the_catalogue_notice_what_they_look_for() {
        assert_eq!(placeholders("a {x} b {y:?} {{z}}"), ["x", "y"]);
        assert_eq!(
            english_words("没有 `tasks load` {plan} --db CSV file"),
            ["file"]
        );
    }
}
