//! The Chinese working-day calendar: statutory holidays and make-up working
//! days (调休). Pure functions of dates: nothing here reads the clock.
//!
//! A weekday is a working day unless it is a listed holiday; a weekend day is
//! a rest day unless it is a listed make-up working day. The facts come from
//! the State Council's yearly notices, embedded from `data/holidays-cn.txt`
//! and optionally replaced year by year from the database
//! (`tasks calendar load`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::RwLock;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

use crate::duration::{Duration, Unit};
use crate::time::end_of_day;

const EMBEDDED: &str = include_str!("../data/holidays-cn.txt");

/// A listed day: a rest day (off) or a make-up working day, and its holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub off: bool,
    pub name: String,
}

/// The listed days of one notice year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Year {
    pub days: BTreeMap<NaiveDate, Listed>,
}

pub struct Calendar {
    /// Notice year -> its days. A notice may list days of the year before.
    years: BTreeMap<i32, Year>,
    /// Every listed day, from all notices.
    days: BTreeMap<NaiveDate, Listed>,
    /// Years a computation needed but has no notice for.
    missing: RwLock<BTreeSet<i32>>,
}

/// Late-December dates can be set by the next year's notice (New Year's Day
/// make-up days); from this day of December the next notice is needed too.
const NEXT_NOTICE_FROM_DAY: u32 = 26;

/// Dates are four-digit years: computations past this year fail.
pub const LAST_YEAR: i32 = 9999;

/// The most working days a computation may count, about 40 years.
const MAX_WORKING_DAYS: u32 = 10_000;

impl Calendar {
    /// The embedded calendar (2007 onwards as shipped).
    pub fn embedded() -> Calendar {
        let mut years: BTreeMap<i32, Year> = BTreeMap::new();
        let mut current: Option<i32> = None;
        for line in EMBEDDED.lines() {
            let line = line.trim();
            let mut parts = line.splitn(3, ' ');
            let (kind, value, name) = (parts.next(), parts.next(), parts.next());
            match (kind, value) {
                (Some("notice"), Some(year)) => {
                    current = year.parse().ok();
                    if let Some(y) = current {
                        years.entry(y).or_default();
                    }
                }
                (Some(kind @ ("off" | "work")), Some(date)) => {
                    if let (Some(y), Ok(date)) =
                        (current, NaiveDate::parse_from_str(date, "%Y-%m-%d"))
                    {
                        years.entry(y).or_default().days.insert(
                            date,
                            Listed {
                                off: kind == "off",
                                name: name.unwrap_or("").to_string(),
                            },
                        );
                    }
                }
                // Blank lines and comments; the data is ours, so anything
                // else is a mistake in it.
                _ => debug_assert!(
                    line.is_empty() || line.starts_with('#'),
                    "embedded calendar: {line:?}"
                ),
            }
        }
        Calendar::from_years(years)
    }

    fn from_years(years: BTreeMap<i32, Year>) -> Calendar {
        let days = years
            .values()
            .flat_map(|y| y.days.iter().map(|(d, l)| (*d, l.clone())))
            .collect();
        Calendar {
            years,
            days,
            missing: RwLock::new(BTreeSet::new()),
        }
    }

    /// The calendar with these notice years added or replaced.
    pub fn with_years(self, loaded: BTreeMap<i32, Year>) -> Calendar {
        let mut years = self.years;
        years.extend(loaded);
        Calendar::from_years(years)
    }

    /// The notice years this calendar has.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// Years that computations so far needed and found no notice for.
    pub fn missing_years(&self) -> Vec<i32> {
        self.missing
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .copied()
            .collect()
    }

    fn note(&self, date: NaiveDate) {
        let mut needed = vec![date.year()];
        if date.month() == 12 && date.day() >= NEXT_NOTICE_FROM_DAY {
            needed.push(date.year() + 1);
        }
        for y in needed {
            // Computations may run on several threads; a year already
            // noted is only read.
            let noted = || {
                self.missing
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .contains(&y)
            };
            if !self.years.contains_key(&y) && !noted() {
                self.missing
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(y);
            }
        }
    }

    /// The listed holiday or make-up day on `date`, if any.
    pub fn listed(&self, date: NaiveDate) -> Option<&Listed> {
        self.days.get(&date)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.note(date);
        match self.days.get(&date) {
            Some(listed) => !listed.off,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `n`th working day after `date` (`date` itself not counted).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        if n > MAX_WORKING_DAYS {
            return None;
        }
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = day.checked_add_days(Days::new(1))?;
            if day.year() > LAST_YEAR {
                return None;
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// The deadline `dur` after `start`: for working days and days, the end
    /// of the day reached; for hours, the exact time.
    pub fn deadline(&self, start: NaiveDateTime, dur: Duration) -> Option<NaiveDateTime> {
        let end = match dur.unit {
            Unit::WorkingDays => self
                .add_working_days(start.date(), dur.count)
                .map(end_of_day),
            Unit::Days => start
                .date()
                .checked_add_days(Days::new(u64::from(dur.count)))
                .map(end_of_day),
            Unit::Hours => start.checked_add_signed(TimeDelta::hours(i64::from(dur.count))),
        }?;
        (end.year() <= LAST_YEAR).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn add(cal: &Calendar, date: &str, n: u32) -> String {
        cal.add_working_days(d(date), n).unwrap().to_string()
    }

    #[test]
    fn national_day_and_its_make_up_weekend() {
        let cal = Calendar::embedded();
        // 1–7 October 2016 off; Saturday 8 and Sunday 9 are working days.
        assert_eq!(add(&cal, "2016-09-30", 1), "2016-10-08");
        assert_eq!(add(&cal, "2016-09-30", 3), "2016-10-10");
        assert!(!cal.is_working_day(d("2016-10-03")));
        assert!(cal.is_working_day(d("2016-10-09")));
        assert!(cal.missing_years().is_empty());
    }

    #[test]
    fn working_days_are_counted_up_to_the_largest_count_and_the_last_year() {
        let cal = Calendar::embedded();
        // The largest count is allowed, one more is not.
        assert!(cal
            .add_working_days(d("2016-01-04"), MAX_WORKING_DAYS)
            .is_some());
        assert_eq!(
            cal.add_working_days(d("2016-01-04"), MAX_WORKING_DAYS + 1),
            None
        );
        // A deadline in the last year is a date; one past it is none.
        assert_eq!(add(&cal, "9999-12-01", 5), "9999-12-08");
        assert_eq!(cal.add_working_days(d("9999-12-30"), 5), None);
    }

    #[test]
    fn spring_festival_and_mid_autumn() {
        let cal = Calendar::embedded();
        // Spring Festival 2016: 7–13 February off, Saturday 6 and Sunday 14 worked.
        assert!(cal.is_working_day(d("2016-02-06")));
        assert!(!cal.is_working_day(d("2016-02-08")));
        assert_eq!(add(&cal, "2016-02-05", 1), "2016-02-06");
        assert_eq!(add(&cal, "2016-02-06", 1), "2016-02-14");
        // Mid-Autumn 2016: 15–17 September off, Sunday 18 worked.
        assert_eq!(add(&cal, "2016-09-14", 1), "2016-09-18");
        assert_eq!(add(&cal, "2016-09-14", 2), "2016-09-19");
    }

    #[test]
    fn a_year_boundary() {
        let cal = Calendar::embedded();
        // 2016-12-30 is a Friday; 2017-01-02 (Monday) is the New Year holiday.
        assert_eq!(add(&cal, "2016-12-30", 1), "2017-01-03");
        assert!(cal.missing_years().is_empty());
    }

    #[test]
    fn hours_cross_midnight_and_days_end_at_the_end_of_the_day() {
        let cal = Calendar::embedded();
        let start =
            NaiveDateTime::parse_from_str("2016-10-01 20:30:00", "%Y-%m-%d %H:%M:%S").unwrap();
        let h: Duration = "24h".parse().unwrap();
        assert_eq!(
            cal.deadline(start, h).unwrap().to_string(),
            "2016-10-02 20:30:00"
        );
        let h: Duration = "5h".parse().unwrap();
        assert_eq!(
            cal.deadline(start, h).unwrap().to_string(),
            "2016-10-02 01:30:00"
        );
        let days: Duration = "10d".parse().unwrap();
        assert_eq!(
            cal.deadline(start, days).unwrap().to_string(),
            "2016-10-11 23:59:59"
        );
        let wd: Duration = "1wd".parse().unwrap();
        assert_eq!(
            cal.deadline(start, wd).unwrap().to_string(),
            "2016-10-08 23:59:59"
        );
    }

    #[test]
    fn a_year_without_data_counts_weekends_only_and_says_so() {
        let cal = Calendar::embedded();
        // 2030-10-01 is a Tuesday; with no notice for 2030 it is a working day.
        assert!(cal.is_working_day(d("2030-10-01")));
        assert_eq!(add(&cal, "2030-10-04", 1), "2030-10-07");
        assert_eq!(cal.missing_years(), [2030]);
        // Late December needs the next year's notice too.
        let cal = Calendar::embedded();
        cal.is_working_day(d("2026-12-28"));
        assert_eq!(cal.missing_years(), [2027]);
    }

    #[test]
    fn a_loaded_year_replaces_the_embedded_one() {
        let mut days = BTreeMap::new();
        days.insert(
            d("2030-10-01"),
            Listed {
                off: true,
                name: "国庆节".into(),
            },
        );
        let mut years = BTreeMap::new();
        years.insert(2030, Year { days });
        let cal = Calendar::embedded().with_years(years);
        assert!(!cal.is_working_day(d("2030-10-01")));
        assert!(cal.missing_years().is_empty());
    }

    #[test]
    fn every_result_is_a_working_day_and_steps_add_up() {
        let cal = Calendar::embedded();
        let mut day = d("2015-12-20");
        for n in 1..=400 {
            let direct = cal.add_working_days(d("2015-12-20"), n).unwrap();
            day = cal.add_working_days(day, 1).unwrap();
            assert_eq!(day, direct, "1wd {n} times");
            assert!(cal.is_working_day(direct));
        }
    }
}
