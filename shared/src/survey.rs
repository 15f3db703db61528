//! The survey of quality and accessibility after the service (regulations `001` appendix 7, `004`
//! appendix 6): two questions, three answers each, once per request.

use serde::{Deserialize, Serialize};

use crate::catalog::ServiceCode;
use crate::lang::Text;
use crate::workflow::Status;

/// The survey's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Question {
    /// The quality and the result of the service.
    Result,
    /// The information about how the service is rendered.
    Information,
}

impl Question {
    pub const ALL: [Question; 2] = [Question::Result, Question::Information];

    /// As 001 (appendix 7) and 004 (appendix 6) word them; the Russian follows the Kazakh.
    pub fn text(self) -> Text {
        match self {
            Question::Result => Text::new(
                "Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?",
                "Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?",
            ),
            Question::Information => Text::new(
                "Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?",
                "Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?",
            ),
        }
    }
}

/// The answers the regulation offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Answer {
    NotSatisfied,
    PartlySatisfied,
    Satisfied,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::NotSatisfied, Answer::PartlySatisfied, Answer::Satisfied];

    /// The serde name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::NotSatisfied => "not_satisfied",
            Answer::PartlySatisfied => "partly_satisfied",
            Answer::Satisfied => "satisfied",
        }
    }

    pub fn text(self) -> Text {
        match self {
            Answer::NotSatisfied => Text::new("Қанағаттанған жоқпын", "Не удовлетворен(а)"),
            Answer::PartlySatisfied => {
                Text::new("Ішінара қанағаттанамын", "Частично удовлетворен(а)")
            }
            Answer::Satisfied => Text::new("Қанағаттанамын", "Удовлетворен(а)"),
        }
    }
}

/// `POST /api/v1/requests/{number}/survey`, and the answers as kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswers {
    pub result: Answer,
    pub information: Answer,
}

impl SurveyAnswers {
    pub fn answer(&self, question: Question) -> Answer {
        match question {
            Question::Result => self.result,
            Question::Information => self.information,
        }
    }
}

/// Whether the applicant may answer the survey: once the result (or the refusal) is theirs.
/// Once open it stays open (no move leads out of these), so a request in any other status has no
/// answers to read.
pub fn open_for(status: Status) -> bool {
    matches!(
        status,
        Status::Signed
            | Status::SentToCsc
            | Status::AtCsc
            | Status::Issued
            | Status::RefusedIncomplete
    )
}

/// How a service was rated: per question, the count of each answer (in `Answer::ALL` order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyResults {
    pub service: ServiceCode,
    pub result: [i64; 3],
    pub information: [i64; 3],
}

impl SurveyResults {
    /// How many applicants answered.
    pub fn answered(&self) -> i64 {
        self.result.iter().sum()
    }

    /// The share of them satisfied with the result, in whole percent rounded down; none when no
    /// one answered.
    pub fn satisfied_percent(&self) -> Option<i64> {
        let [_, _, satisfied] = self.result;
        let answered = self.answered();
        (answered > 0).then(|| satisfied * 100 / answered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 001 appendix 7 and 004 appendix 6 word the questions and the answers so.
    #[test]
    fn the_survey_is_worded_as_the_appendices() {
        assert_eq!(
            Question::Result.text().kk,
            "Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?"
        );
        assert_eq!(
            Question::Information.text().kk,
            "Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?"
        );
        let answers: Vec<String> = Answer::ALL.iter().map(|a| a.text().kk.to_string()).collect();
        assert_eq!(answers, ["Қанағаттанған жоқпын", "Ішінара қанағаттанамын", "Қанағаттанамын"]);
    }

    #[test]
    fn every_question_and_answer_reads_in_both_languages() {
        for question in Question::ALL {
            assert!(!question.text().is_incomplete());
        }
        for answer in Answer::ALL {
            assert!(!answer.text().is_incomplete());
        }
        assert!(open_for(Status::Issued) && !open_for(Status::AtHead));
    }

    #[test]
    fn no_move_closes_an_open_survey() {
        for service in ServiceCode::ALL {
            for moved in service.def().workflow.transitions {
                assert!(
                    !open_for(moved.from) || open_for(moved.to),
                    "{service:?}: {moved:?} closes the survey"
                );
            }
        }
    }

    #[test]
    fn the_satisfied_share_counts_the_result_question_only() {
        let results = SurveyResults {
            service: ServiceCode::ArchivalCertificate,
            // 1 not, 1 partly, 1 satisfied with the result.
            result: [1, 1, 1],
            information: [0, 0, 3],
        };
        assert_eq!((results.answered(), results.satisfied_percent()), (3, Some(33)));
        let none = SurveyResults { result: [0; 3], ..results };
        assert_eq!(none.satisfied_percent(), None);
    }
}
