//! Open figures: how fast each provider renders each service, counted from its requests and its
//! applicants' survey answers, with no personal data in them, so that a citizen can choose where
//! to file knowing how each provider does.

use serde::{Deserialize, Serialize};

use crate::catalog::ServiceCode;
use crate::survey::SurveyResults;

/// The periods the figures are counted over, in days back from the moment they were counted.
pub const PERIODS: [u16; 2] = [30, 365];

/// `GET /api/v1/statistics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    /// When the figures were counted (Unix seconds): they are counted again at most every few
    /// minutes, not on every call.
    pub counted_at: i64,
    /// Each service at each provider that had a request filed or finished in the last 365 days,
    /// or a survey answer, by service and then provider.
    pub providers: Vec<ProviderFigures>,
}

/// One service at one provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderFigures {
    pub service: ServiceCode,
    /// The state body's id in the catalog.
    pub provider: String,
    /// The last 30 days and the last 365 days, in the order of `PERIODS`.
    pub periods: Vec<PeriodFigures>,
    /// How applicants rated the service there, every answer so far.
    pub survey: SurveyResults,
}

/// What happened in one period; by default, nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodFigures {
    pub days: u16,
    /// Requests filed (signed and sent, on the portal, at a centre or at the provider).
    pub filed: i64,
    /// Requests whose result — a certificate or a motivated refusal — was signed.
    pub finished: i64,
    /// Of the finished ones, those whose result was signed by the end of their term.
    pub finished_in_term: i64,
    /// Of the finished ones, those refused (on the merits or as incomplete).
    pub refused: i64,
    /// The median time from filing to the signed result of the finished ones, in hours (rounded);
    /// none when nothing was finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_hours: Option<i64>,
}

impl PeriodFigures {
    /// The share of the finished requests that kept their term, in whole percent (rounded down,
    /// so that 99.6 % is not shown as all of them); none when nothing was finished.
    pub fn in_term_percent(&self) -> Option<i64> {
        (self.finished > 0).then(|| self.finished_in_term * 100 / self.finished)
    }
}

/// A request as the figures see it: when it was filed, its term, and its result, if signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    pub filed_at: i64,
    pub deadline_at: Option<i64>,
    pub result: Option<SignedResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedResult {
    pub signed_at: i64,
    pub refused: bool,
}

/// Counts the figures of the `days` before `now` (Unix seconds) over a provider's requests of one
/// service. A request counts as filed in the period it was filed in and as finished in the period
/// its result was signed in, so one filed last year and finished last week counts as finished only.
pub fn count(requests: &[Filed], days: u16, now: i64) -> PeriodFigures {
    let since = now - i64::from(days) * 86_400;
    let within = |at: i64| since < at && at <= now;
    let finished: Vec<(Filed, SignedResult)> = requests
        .iter()
        .filter_map(|r| r.result.filter(|s| within(s.signed_at)).map(|s| (*r, s)))
        .collect();
    let mut waits: Vec<i64> = finished.iter().map(|(r, s)| s.signed_at - r.filed_at).collect();
    waits.sort_unstable();
    let counted = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    PeriodFigures {
        days,
        filed: counted(requests.iter().filter(|r| within(r.filed_at)).count()),
        finished: counted(finished.len()),
        finished_in_term: counted(
            finished
                .iter()
                .filter(|(r, s)| r.deadline_at.is_some_and(|d| s.signed_at <= d))
                .count(),
        ),
        refused: counted(finished.iter().filter(|(_, s)| s.refused).count()),
        median_hours: median(&waits).map(|seconds| (seconds + 1800).div_euclid(3600)),
    }
}

/// The middle of sorted values; of an even number of them, the mean of the two in the middle.
fn median(sorted: &[i64]) -> Option<i64> {
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[middle]),
        _ => Some(i64::midpoint(sorted[middle - 1], sorted[middle])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const HOUR: i64 = 3_600;
    /// 2026-12-05 12:00 in Astana (07:00 UTC).
    const NOW: i64 = 1_796_454_000;

    fn filed(days_ago: i64, deadline_in: i64, signed_after_hours: Option<i64>) -> Filed {
        let filed_at = NOW - days_ago * DAY;
        Filed {
            filed_at,
            deadline_at: Some(filed_at + deadline_in * DAY),
            result: signed_after_hours
                .map(|h| SignedResult { signed_at: filed_at + h * HOUR, refused: false }),
        }
    }

    #[test]
    fn a_period_counts_what_was_filed_and_what_was_finished_in_it() {
        let requests = [
            // Filed 40 days ago with 15 days to go, signed after 10 days: in term, a year's only.
            filed(40, 15, Some(240)),
            // Filed 20 days ago, signed after 3 days (72 h): in term, both periods.
            filed(20, 15, Some(72)),
            // Filed 10 days ago, signed 6 days later (144 h) against a 5-day term: late.
            filed(10, 5, Some(144)),
            // Filed 2 days ago, still with the provider.
            filed(2, 15, None),
            // Filed 400 days ago and never finished: in neither period.
            filed(400, 15, None),
        ];
        let month = count(&requests, 30, NOW);
        assert_eq!(
            month,
            PeriodFigures {
                days: 30,
                filed: 3,
                finished: 2,
                finished_in_term: 1,
                refused: 0,
                // The mean of 72 h and 144 h.
                median_hours: Some(108),
            }
        );
        assert_eq!(month.in_term_percent(), Some(50));
        let year = count(&requests, 365, NOW);
        assert_eq!((year.filed, year.finished, year.finished_in_term), (4, 3, 2));
        // 72, 144, 240: the middle one.
        assert_eq!(year.median_hours, Some(144));
        assert_eq!(year.in_term_percent(), Some(66));
    }

    #[test]
    fn a_refusal_is_finished_and_counted_as_refused() {
        let mut refused = filed(5, 2, Some(30));
        refused.result = refused.result.map(|s| SignedResult { refused: true, ..s });
        let figures = count(&[refused], 30, NOW);
        assert_eq!((figures.finished, figures.refused, figures.finished_in_term), (1, 1, 1));
        // 30 hours.
        assert_eq!(figures.median_hours, Some(30));
    }

    #[test]
    fn the_result_signed_exactly_at_the_deadline_kept_its_term() {
        let at_the_end = Filed {
            filed_at: NOW - 3 * DAY,
            deadline_at: Some(NOW - DAY),
            result: Some(SignedResult { signed_at: NOW - DAY, refused: false }),
        };
        let one_second_late = Filed { deadline_at: Some(NOW - DAY - 1), ..at_the_end };
        assert_eq!(count(&[at_the_end], 30, NOW).finished_in_term, 1);
        assert_eq!(count(&[one_second_late], 30, NOW).finished_in_term, 0);
    }

    #[test]
    fn nothing_finished_has_no_median_and_no_share() {
        let figures = count(&[filed(1, 15, None)], 30, NOW);
        assert_eq!((figures.filed, figures.finished), (1, 0));
        assert_eq!((figures.median_hours, figures.in_term_percent()), (None, None));
        // Exactly 30 days ago is the edge of the period, outside it.
        assert_eq!(count(&[filed(30, 15, None)], 30, NOW).filed, 0);
    }
}
