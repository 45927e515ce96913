//! Task statuses (docs/statuses.md). Input takes the English id or the Chinese word.

use std::borrow::Cow;
use std::str::FromStr;

use serde::Serialize;

use crate::lang::Lang;
use crate::messages::Said;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    InProgress,
    Blocked,
    Done,
    Closed,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Closed,
        Status::Withdrawn,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Closed => "closed",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Blocked => "受阻",
            Status::Done => "已完成",
            Status::Closed => "已销号",
            Status::Withdrawn => "已撤销",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.id(), self.chinese())
    }

    /// Open tasks still need work or a review; closed and withdrawn ones do not.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Withdrawn)
    }
}

/// A status in a message: its id in English, its word in Chinese.
impl Said for Status {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.label(lang))
    }
}

/// A status named in a sentence, with its Chinese word in English too:
/// `closed (已销号)`, `已销号`.
pub struct Named(pub Status);

impl Said for Named {
    fn said(&self, lang: Lang) -> Cow<'_, str> {
        match lang {
            Lang::En => Cow::Owned(format!("{} ({})", self.0.id(), self.0.chinese())),
            Lang::Zh => Cow::Borrowed(self.0.chinese()),
        }
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Status::parse_msg(text).map_err(|m| m.to_string())
    }
}

impl Status {
    /// Parses an English id or a Chinese word, with the reason in both
    /// languages.
    pub fn parse_msg(text: &str) -> Result<Self, crate::messages::Msg> {
        let text = text.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.id() == text || s.chinese() == text)
            .ok_or_else(|| {
                let known: Vec<String> = Status::ALL
                    .iter()
                    .map(|s| format!("{} ({})", s.id(), s.chinese()))
                    .collect();
                crate::messages::unknown_status(text, known.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_names_parse_to_the_same_status() {
        for s in Status::ALL {
            assert_eq!(s.id().parse::<Status>().unwrap(), s);
            assert_eq!(s.chinese().parse::<Status>().unwrap(), s);
        }
        assert!("finished".parse::<Status>().is_err());
    }
}
