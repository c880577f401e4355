//! Dates that carry their precision (`2017`, `2018-12`, `2018-12-07`), ranges and circa marks.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// Year (may be negative for BCE, though dossiers rarely need it).
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day of the month, when known (only with a month).
    pub day: Option<u8>,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that months and days exist.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, what: &str| -> Result<u32, String> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{s}` is not a {what}"));
            }
            s.parse().map_err(|_| format!("`{s}` is not a {what}"))
        };
        let (year, month, day) = match parts.as_slice() {
            [y] => (*y, None, None),
            [y, m] => (*y, Some(*m), None),
            [y, m, d] => (*y, Some(*m), Some(*d)),
            _ => return Err(format!("`{text}` is not a date")),
        };
        if year.len() != 4 {
            return Err(format!("`{year}` is not a four-digit year"));
        }
        let year = number(year, "year")? as i32;
        let month = month
            .map(|m| {
                let v = number(m, "month")?;
                if m.len() != 2 || !(1..=12).contains(&v) {
                    return Err(format!("`{m}` is not a month (01 to 12)"));
                }
                Ok(v as u8)
            })
            .transpose()?;
        let day = match (day, month) {
            (Some(d), Some(m)) => {
                let v = number(d, "day")?;
                let last = days_in_month(year, m);
                if d.len() != 2 || v < 1 || v > u32::from(last) {
                    return Err(format!("day `{d}` does not exist in {year}-{m:02}"));
                }
                Some(v as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The sort key: less precise dates sort first within their period (`2018` < `2018-01`).
    fn key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// An RFC 3339 timestamp at the start of the period, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The machine-readable form, valid in an HTML `<time datetime>`: `2018`, `2018-12`, `2018-12-07`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date as declared: a start, an optional end, and whether it is approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct When {
    /// The (start) date.
    pub start: PartialDate,
    /// The end of a range, if any.
    pub end: Option<PartialDate>,
    /// A circa date.
    pub approximate: bool,
}

impl When {
    /// Timeline order: by start, then shorter spans first.
    pub fn sort_key(&self) -> (PartialDate, Option<PartialDate>) {
        (self.start, self.end)
    }
}

/// The words a language needs to write dates.
#[derive(Debug, Clone)]
pub struct DateWords {
    /// Month names, January first.
    pub months: [String; 12],
    /// Whether day 1 is written as an ordinal ("1er" in French).
    pub first_day: Option<String>,
    /// The circa marker, placed before the date ("c." / "vers").
    pub circa: String,
}

impl DateWords {
    /// English date words, for tests.
    #[cfg(test)]
    pub(crate) fn english() -> DateWords {
        DateWords {
            months: [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ]
            .map(String::from),
            first_day: None,
            circa: "c.".into(),
        }
    }

    /// Writes `date` at its precision: `2018`, `December 2018`, `7 December 2018`.
    pub fn format(&self, date: &PartialDate) -> String {
        let month = |m: u8| self.months[usize::from(m - 1)].as_str();
        match (date.month, date.day) {
            (Some(m), Some(d)) => format!("{} {} {}", self.day(d), month(m), date.year),
            (Some(m), None) => format!("{} {}", month(m), date.year),
            _ => date.year.to_string(),
        }
    }

    fn day(&self, d: u8) -> String {
        match (&self.first_day, d) {
            (Some(first), 1) => first.clone(),
            _ => d.to_string(),
        }
    }

    /// Writes a date with its range and circa mark: `8–10 May 2024`, `c. 2016`.
    pub fn format_when(&self, when: &When) -> String {
        let text = match when.end {
            None => self.format(&when.start),
            Some(end) => self.format_range(&when.start, &end),
        };
        if when.approximate {
            format!("{} {}", self.circa, text)
        } else {
            text
        }
    }

    fn format_range(&self, start: &PartialDate, end: &PartialDate) -> String {
        let same_month = start.year == end.year && start.month == end.month;
        match (start.day, end.day, start.month) {
            (Some(a), Some(_), Some(_)) if same_month => {
                format!("{}–{}", self.day(a), self.format(end))
            }
            _ => format!("{} – {}", self.format(start), self.format(end)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn precision_is_kept() {
        assert_eq!(d("2017").precision(), Precision::Year);
        assert_eq!(d("2018-12").precision(), Precision::Month);
        assert_eq!(d("2018-12-07").precision(), Precision::Day);
        assert_eq!(d("2018-12").to_string(), "2018-12");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::parse("2019-02-29").is_err());
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("2018-13").is_err());
        assert!(PartialDate::parse("18-12-07").is_err());
        assert!(PartialDate::parse("2018-1-7").is_err());
        assert!(PartialDate::parse("December 2018").is_err());
    }

    #[test]
    fn less_precise_dates_sort_first_within_their_period() {
        let mut v = [
            d("2018-12-07"),
            d("2019"),
            d("2018-12"),
            d("2018"),
            d("2018-01-31"),
        ];
        v.sort();
        let shown: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            shown,
            ["2018", "2018-01-31", "2018-12", "2018-12-07", "2019"]
        );
    }

    #[test]
    fn display_respects_precision_and_never_invents_a_day() {
        let en = DateWords::english();
        assert_eq!(en.format(&d("2018-12")), "December 2018");
        assert_eq!(en.format(&d("2018-12-07")), "7 December 2018");
        assert_eq!(en.format(&d("2017")), "2017");
    }

    #[test]
    fn ranges_in_one_month_share_the_month() {
        let en = DateWords::english();
        let when = When {
            start: d("2024-05-08"),
            end: Some(d("2024-05-10")),
            approximate: false,
        };
        assert_eq!(en.format_when(&when), "8–10 May 2024");
        let circa = When {
            start: d("2016"),
            end: None,
            approximate: true,
        };
        assert_eq!(en.format_when(&circa), "c. 2016");
    }
}
