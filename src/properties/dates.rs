//! Any text is a date or an error, every real date round-trips at its precision, and
//! dates sort by period.

use proptest::prelude::*;

use super::{date_like, odd_text, proptest_config};
use crate::date::{PartialDate, Precision};

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn any_text_is_a_date_or_an_error(text in prop_oneof![odd_text(16), date_like()]) {
        if let Ok(date) = PartialDate::parse(&text) {
            // what parses is written back in its canonical form, which parses the same
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
            prop_assert_eq!(date.to_string(), text.trim());
        }
    }

    #[test]
    fn every_real_date_round_trips_at_its_precision(
        year in 0..=9999i32,
        month in 1..=12u8,
        day in 1..=31u8,
        precision in 0..3u8,
    ) {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let last = match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        let (text, expected) = match precision {
            0 => (format!("{year:04}"), Precision::Year),
            1 => (format!("{year:04}-{month:02}"), Precision::Month),
            _ => (format!("{year:04}-{month:02}-{day:02}"), Precision::Day),
        };
        let parsed = PartialDate::parse(&text);
        if precision == 2 && day > last {
            prop_assert!(parsed.is_err(), "{text} does not exist");
        } else {
            let date = parsed.map_err(TestCaseError::fail)?;
            prop_assert_eq!(date.to_string(), text);
            prop_assert_eq!(date.precision(), expected);
        }
    }

    #[test]
    fn dates_sort_by_period_less_precise_first(a in date_like(), b in date_like()) {
        if let (Ok(x), Ok(y)) = (PartialDate::parse(&a), PartialDate::parse(&b)) {
            let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0));
            prop_assert_eq!(x.cmp(&y), key(&x).cmp(&key(&y)));
        }
    }
}
