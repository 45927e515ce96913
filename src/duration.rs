//! Durations in time rules: `Nwd` working days, `Nd` calendar days, `Nh` hours.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    WorkingDays,
    Days,
    Hours,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub count: u32,
    pub unit: Unit,
}

/// The largest count accepted: about 27 years of days, far beyond any plan.
pub const MAX_COUNT: u32 = 10_000;

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Duration::parse_msg(text).map_err(|m| m.to_string())
    }
}

impl Duration {
    /// Parses `3wd`, `10d` or `24h`, with the reason in both languages.
    pub fn parse_msg(text: &str) -> Result<Self, crate::messages::Msg> {
        use crate::messages;
        let digits_end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (digits, suffix) = text.split_at(digits_end);
        let unit = match suffix {
            "wd" => Unit::WorkingDays,
            "d" => Unit::Days,
            "h" => Unit::Hours,
            _ => return Err(messages::not_a_duration(text)),
        };
        if digits.is_empty() || digits.starts_with('0') {
            return Err(messages::not_a_duration(text));
        }
        let count = match digits.parse::<u32>() {
            Ok(n) if n <= MAX_COUNT => n,
            _ => return Err(messages::duration_too_long(text, MAX_COUNT)),
        };
        Ok(Duration { count, unit })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffix = match self.unit {
            Unit::WorkingDays => "wd",
            Unit::Days => "d",
            Unit::Hours => "h",
        };
        write!(f, "{}{}", self.count, suffix)
    }
}

impl Duration {
    /// The duration in words: "3 working days", "3个工作日".
    pub fn words(&self) -> crate::messages::Msg {
        use crate::messages as m;
        let n = self.count;
        match (self.unit, n) {
            (Unit::WorkingDays, 1) => m::one_working_day(),
            (Unit::WorkingDays, n) => m::working_days(n),
            (Unit::Days, 1) => m::one_day(),
            (Unit::Days, n) => m::days(n),
            (Unit::Hours, 1) => m::one_hour(),
            (Unit::Hours, n) => m::hours(n),
        }
    }

    /// `words` in `lang`.
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        self.words().text(lang).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_units_and_prints_them_back() {
        for text in ["3wd", "10d", "24h", "1wd"] {
            let d: Duration = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
        }
        assert_eq!(
            "3wd".parse::<Duration>().unwrap(),
            Duration {
                count: 3,
                unit: Unit::WorkingDays
            }
        );
    }

    #[test]
    fn refuses_zero_negative_spaced_unknown_and_huge() {
        for text in [
            "0wd",
            "-1d",
            "3 wd",
            "3w",
            "wd",
            "",
            "3",
            "3WD",
            "1.5d",
            "99999999999d",
            "10001d",
            "+3d",
        ] {
            assert!(text.parse::<Duration>().is_err(), "{text:?} was accepted");
        }
        assert!("10000d".parse::<Duration>().is_ok());
    }

    #[test]
    fn describes_one_unit_in_the_singular_and_more_in_the_plural() {
        use crate::lang::Lang;
        let words = |text: &str, lang| text.parse::<Duration>().unwrap().describe(lang);
        for (text, one, two) in [
            ("wd", "working day", "working days"),
            ("d", "day", "days"),
            ("h", "hour", "hours"),
        ] {
            assert_eq!(words(&format!("1{text}"), Lang::En), format!("1 {one}"));
            assert_eq!(words(&format!("2{text}"), Lang::En), format!("2 {two}"));
            assert_eq!(words(&format!("10{text}"), Lang::En), format!("10 {two}"));
        }
        assert_eq!(words("1wd", Lang::Zh), "1个工作日");
        assert_eq!(words("3d", Lang::Zh), "3日");
        assert_eq!(words("24h", Lang::Zh), "24小时");
    }
}
