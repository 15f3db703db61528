//! Deadlines counted by hand on the 2025–2027 calendar, and the law's holidays for any year.

use super::*;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

/// A UTC instant from a local (Astana) date and time.
fn astana(year: i32, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
    date(year, month, day).days_since_epoch() * 86_400 + hour * 3600 + minute * 60
        - KAZAKHSTAN_OFFSET_SECONDS
}

fn last_day(received: i64, intake: Intake, term: Term) -> Date {
    let calendar = Calendar::kazakhstan();
    let deadline = calendar.deadline(received, intake, term);
    assert_eq!(
        deadline,
        calendar.last_day(calendar.first_day(received, intake, term), term).end_in_kazakhstan()
    );
    Date::in_kazakhstan(deadline)
}

#[test]
fn holidays_and_their_moved_days_rest() {
    let calendar = Calendar::kazakhstan();
    for (y, m, d) in [
        (2026, 1, 1),
        (2026, 1, 2),
        (2026, 1, 7),
        (2026, 3, 23),
        (2026, 3, 24),
        (2026, 3, 25),
        (2026, 5, 1),
        (2026, 5, 7),
        (2026, 5, 11),
        (2026, 7, 6),
        (2026, 8, 31),
        (2026, 10, 26),
        (2026, 12, 16),
        (2027, 1, 4),
        (2025, 3, 10),
    ] {
        assert!(!calendar.is_working_day(date(y, m, d)), "{y}-{m}-{d} is a day off");
    }
    for (y, m, d) in [(2026, 3, 26), (2026, 5, 8), (2026, 7, 7), (2026, 12, 17), (2027, 1, 5)] {
        assert!(calendar.is_working_day(date(y, m, d)), "{y}-{m}-{d} is a working day");
    }
    assert!(!calendar.is_working_day(date(2026, 3, 21)), "Saturday");
}

#[test]
fn nauryz_2026_stretches_a_portal_request() {
    // Thursday 19 March 2026, 10:00: days 1–2 are 19 and 20 March; 21–25 March rest (Nauryz on
    // Sat–Mon, its weekend days moved to Tue–Wed); then 26, 27, 30, 31 March, 1, 2, 3, 6 April.
    let received = astana(2026, 3, 19, 10, 0);
    assert_eq!(last_day(received, Intake::Portal, Term::WorkingDays(10)), date(2026, 4, 6));
    // Stored in UTC: the end of 6 April in Astana is 18:59:59 UTC.
    let deadline = Calendar::kazakhstan().deadline(received, Intake::Portal, Term::WorkingDays(10));
    assert_eq!(deadline, date(2026, 4, 6).days_since_epoch() * 86_400 + 18 * 3600 + 59 * 60 + 59);
}

#[test]
fn the_day_a_csc_accepts_documents_is_not_counted() {
    // Accepted Thursday 19 March 2026: day 1 is 20 March, not the 19th.
    let received = astana(2026, 3, 19, 10, 0);
    assert_eq!(last_day(received, Intake::Csc, Term::WorkingDays(10)), date(2026, 4, 7));
    assert_eq!(last_day(received, Intake::Csc, Term::WorkingDays(1)), date(2026, 3, 20));
}

#[test]
fn after_hours_a_portal_request_counts_from_the_next_working_day() {
    let evening = astana(2026, 3, 19, 19, 0);
    assert_eq!(last_day(evening, Intake::Portal, Term::WorkingDays(1)), date(2026, 3, 20));
    let before_close = astana(2026, 3, 19, 18, 29);
    assert_eq!(last_day(before_close, Intake::Portal, Term::WorkingDays(1)), date(2026, 3, 19));
    // Late on New Year's Eve 2025: 1–2 January rest, 3–4 are a weekend, 7 January rests.
    let new_years_eve = astana(2025, 12, 31, 20, 0);
    assert_eq!(last_day(new_years_eve, Intake::Portal, Term::WorkingDays(1)), date(2026, 1, 5));
    assert_eq!(last_day(new_years_eve, Intake::Portal, Term::WorkingDays(3)), date(2026, 1, 8));
}

#[test]
fn may_holidays_2026() {
    // The two-day completeness check for documents accepted at a CSC on Wednesday 29 April:
    // 30 April, then 1 May rests, then Monday 4 May.
    assert_eq!(
        last_day(astana(2026, 4, 29, 11, 0), Intake::Csc, Term::WorkingDays(2)),
        date(2026, 5, 4)
    );
    // Accepted Wednesday 6 May: 7 May rests, 8 May is day 1, Victory Day (Saturday 9 May) rests on
    // Monday 11 May, so days 2 and 3 are 12 and 13 May.
    assert_eq!(
        last_day(astana(2026, 5, 6, 11, 0), Intake::Csc, Term::WorkingDays(3)),
        date(2026, 5, 13)
    );
}

#[test]
fn summer_and_autumn_holidays_2026() {
    // Friday 3 July 17:00 on the portal: 3 July is day 1, Monday 6 July (Astana Day) rests.
    assert_eq!(
        last_day(astana(2026, 7, 3, 17, 0), Intake::Portal, Term::WorkingDays(2)),
        date(2026, 7, 7)
    );
    // Constitution Day falls on Sunday 30 August: Monday 31 August rests.
    assert_eq!(
        last_day(astana(2026, 8, 28, 12, 0), Intake::Csc, Term::WorkingDays(1)),
        date(2026, 9, 1)
    );
    // Republic Day falls on Sunday 25 October: Monday 26 October rests.
    assert_eq!(
        last_day(astana(2026, 10, 23, 12, 0), Intake::Csc, Term::WorkingDays(1)),
        date(2026, 10, 27)
    );
    // Independence Day, Wednesday 16 December.
    assert_eq!(
        last_day(astana(2026, 12, 15, 12, 0), Intake::Csc, Term::WorkingDays(1)),
        date(2026, 12, 17)
    );
}

#[test]
fn a_weekend_new_year_moves_its_rest_to_monday() {
    // 2 January 2027 is a Saturday: Monday 4 January rests; 7 January (Thursday) rests too.
    let received = astana(2026, 12, 31, 12, 0);
    assert_eq!(last_day(received, Intake::Csc, Term::WorkingDays(1)), date(2027, 1, 5));
    assert_eq!(last_day(received, Intake::Csc, Term::WorkingDays(3)), date(2027, 1, 8));
}

#[test]
fn calendar_day_terms_count_from_the_day_after_filing_holidays_included() {
    // 001's 15 calendar days (Civil Code, art. 171–173). Filed on the portal on Tuesday 1
    // December 2026: day 1 is 2 December, day 15 is 16 December, Independence Day, so the term
    // ends on Thursday 17 December.
    assert_eq!(
        last_day(astana(2026, 12, 1, 10, 0), Intake::Portal, Term::CalendarDays(15)),
        date(2026, 12, 17)
    );
    // The same at a centre: the day of acceptance is not counted either way.
    assert_eq!(
        last_day(astana(2026, 12, 1, 10, 0), Intake::Csc, Term::CalendarDays(15)),
        date(2026, 12, 17)
    );
    // From Monday 2 November: day 15 is Tuesday 17 November, a working day.
    assert_eq!(
        last_day(astana(2026, 11, 2, 10, 0), Intake::Portal, Term::CalendarDays(15)),
        date(2026, 11, 17)
    );
    // Nauryz counts: filed Friday 13 March 2026, days 1–15 are 14–28 March (21–25 March rest
    // but count); 28 March is a Saturday, so the term ends on Monday 30 March.
    assert_eq!(
        last_day(astana(2026, 3, 13, 10, 0), Intake::Portal, Term::CalendarDays(15)),
        date(2026, 3, 30)
    );
    // Filed on the eve of Nauryz, Friday 20 March 2026 at 20:00 (after hours): day 1 is still 21
    // March, day 15 is Saturday 4 April, so Monday 6 April. Counting from the first working day
    // (26 March) would have given 9 April.
    assert_eq!(
        last_day(astana(2026, 3, 20, 20, 0), Intake::Portal, Term::CalendarDays(15)),
        date(2026, 4, 6)
    );
    // Filed on Saturday 25 April 2026: day 1 is Sunday 26 April, day 15 is Sunday 10 May; 11 May
    // rests (Victory Day moved), so the term ends on Tuesday 12 May.
    assert_eq!(
        last_day(astana(2026, 4, 25, 12, 0), Intake::Portal, Term::CalendarDays(15)),
        date(2026, 5, 12)
    );
}

#[test]
fn a_decree_can_make_a_saturday_working_and_a_friday_rest() {
    // A transfer as the government makes them: Friday 3 January off, Saturday 4 January working.
    let calendar = Calendar::new([
        (date(2025, 1, 3), DayKind::DayOff),
        (date(2025, 1, 4), DayKind::WorkingDay),
    ]);
    assert!(!calendar.is_working_day(date(2025, 1, 3)));
    assert!(calendar.is_working_day(date(2025, 1, 4)));
    assert_eq!(calendar.next_working_day(date(2025, 1, 2)), date(2025, 1, 4));
}

#[test]
fn the_law_gives_the_published_calendars_of_2025_to_2027() {
    // The days off the government published for those years (apart from Kurban ait and decrees).
    let published: [(i32, &[(u8, u8)]); 3] = [
        (2025, &[(3, 10), (3, 24), (3, 25), (7, 7), (9, 1), (10, 27)]),
        (2026, &[(3, 9), (3, 24), (3, 25), (5, 11), (8, 31), (10, 26)]),
        (2027, &[(1, 4), (3, 24), (5, 3), (5, 10)]),
    ];
    for (year, moved) in published {
        let days = law::days_of(year);
        let got: Vec<Date> =
            days.iter().filter(|d| d.kind == DayKind::DayOff).map(|d| d.date).collect();
        let want: Vec<Date> = moved.iter().map(|&(m, d)| date(year, m, d)).collect();
        assert_eq!(got, want, "moved days off of {year}");
        assert_eq!(days.iter().filter(|d| d.kind == DayKind::Holiday).count(), 14, "{year}");
        assert!(days.windows(2).all(|w| w[0].date < w[1].date), "{year}: in date order");
    }
}

#[test]
fn any_year_has_its_holidays_without_data() {
    // An empty table still knows 2031: Nauryz 21–23 March falls on Friday–Sunday, so its Saturday
    // and Sunday rest on Monday 24 and Tuesday 25 March; 1 January 2028 is a Saturday.
    let calendar = Calendar::new([]);
    for (y, m, d) in [(2031, 3, 21), (2031, 3, 24), (2031, 3, 25), (2028, 1, 3), (2028, 1, 4)] {
        assert!(!calendar.is_working_day(date(y, m, d)), "{y}-{m}-{d} rests");
    }
    assert!(calendar.is_working_day(date(2031, 3, 26)));
    // A deadline in 2028 does not assume a year without holidays: a CSC acceptance on Friday 5 May
    // 2028 meets Defender's Day (Sunday 7 May, rests on Monday 8 May) and Victory Day (Tuesday 9).
    let received = astana(2028, 5, 5, 10, 0);
    assert_eq!(
        Date::in_kazakhstan(calendar.deadline(received, Intake::Csc, Term::WorkingDays(2))),
        date(2028, 5, 11)
    );
    // Data overrides the law (a decree making a holiday's moved day working), and Kurban ait is
    // data: a year with none entered is reported.
    let decreed = Calendar::new([(date(2031, 3, 25), DayKind::WorkingDay)]);
    assert!(decreed.is_working_day(date(2031, 3, 25)));
    assert!(Calendar::kazakhstan().has_entered_holidays(2027));
    assert!(!Calendar::kazakhstan().has_entered_holidays(2028));
    for day in ENTERED_2025_2027 {
        assert!(!Calendar::kazakhstan().is_working_day(day.date()));
        assert!(!day.holiday.name().is_incomplete());
    }
}

#[test]
fn step_limits_in_minutes_count_working_hours_only() {
    let calendar = Calendar::kazakhstan();
    // Friday 20 March 2026, 18:20: ten minutes that day, then Nauryz and its moved days (21–25
    // March) rest, so the other five run on Thursday 26 March from 09:00.
    let end = calendar.add_working_minutes(astana(2026, 3, 20, 18, 20), 15);
    assert_eq!(end, astana(2026, 3, 26, 9, 5));
    // Lunch (13:00–14:30) does not count.
    assert_eq!(
        calendar.add_working_minutes(astana(2026, 4, 1, 12, 50), 15),
        astana(2026, 4, 1, 14, 35)
    );
    // Before opening, the count starts at 09:00; within hours it is plain addition.
    assert_eq!(
        calendar.add_working_minutes(astana(2026, 4, 1, 7, 0), 120),
        astana(2026, 4, 1, 11, 0)
    );
    assert_eq!(
        calendar.add_working_minutes(astana(2026, 4, 1, 10, 0), 30),
        astana(2026, 4, 1, 10, 30)
    );
    // Four working hours from 16:00 on Friday 8 May 2026: 2.5 hours that day, then the weekend and
    // Monday 11 May (Victory Day moved) rest, so it ends at 10:30 on Tuesday 12 May.
    assert_eq!(
        calendar.add_working_minutes(astana(2026, 5, 8, 16, 0), 240),
        astana(2026, 5, 12, 10, 30)
    );
}
