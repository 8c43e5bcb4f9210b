//! Excel's conventions for addressing cells and counting days, shared by the file reader
//! (`documents::read`) and the import (`roster`) so both name a column and read a date
//! serial the same way.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

/// Milliseconds in a day: serials are rounded to these before the day is taken.
const MS_PER_DAY: i64 = 86_400_000;

/// Excel-style column letter for a 0-based index: 0 → "A", 27 → "AB".
pub fn column_letter(i: usize) -> String {
    let mut letters = Vec::new();
    let mut n = i;
    loop {
        letters.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The date of an Excel serial number (its time of day dropped), or `None` outside Excel's
/// calendar; `date1904` for workbooks that count from 1904.
pub fn excel_serial_to_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    excel_serial_to_datetime(serial, date1904).map(|d| d.date())
}

/// The date and time of an Excel serial number, or `None` outside Excel's calendar.
pub fn excel_serial_to_datetime(serial: f64, date1904: bool) -> Option<NaiveDateTime> {
    // Also false for NaN and the infinities.
    if !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    // Whole milliseconds first, so 45000.99999999 does not fall to the day before.
    let ms = (serial * MS_PER_DAY as f64).round() as i64;
    let (days, ms) = (ms.div_euclid(MS_PER_DAY), ms.rem_euclid(MS_PER_DAY));
    let epoch = match (date1904, days) {
        (true, _) => NaiveDate::from_ymd_opt(1904, 1, 1)?,
        // Excel counts a 29 February 1900 that never was (day 60) and a day 0 before 1 January.
        (false, 0 | 60) => return None,
        (false, 1..60) => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        (false, _) => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let date = epoch.checked_add_days(Days::new(u64::try_from(days).ok()?))?;
    if date.year() > 9999 {
        return None;
    }
    let time = NaiveTime::from_num_seconds_from_midnight_opt((ms / 1000) as u32, (ms % 1000) as u32 * 1_000_000)?;
    Some(date.and_time(time))
}
