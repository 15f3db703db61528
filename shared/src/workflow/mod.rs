//! The request's workflow as an explicit state machine. Each regulation's back office is a
//! `Workflow` value: its steps (who works on the request in each status, and for how long) and its
//! transitions (which role may move it where). One engine runs them all; the server refuses any
//! move the table does not allow.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::calendar::{Calendar, Intake};
use crate::catalog::Term;
use crate::lang::Text;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Status {
    /// Being filled in by the applicant; not yet signed.
    Draft,
    /// Signed and sent; waiting for the chancellery to register it.
    Submitted,
    /// Registered; the head chooses the department.
    AtHead,
    /// The department head (the ministry's unit head) chooses the specialist (executor).
    AtDepartmentHead,
    /// With the specialist (executor), who reviews the documents (regional) or takes it into work.
    AtSpecialist,
    /// The ministry's executor reviews the package and prepares the decision.
    UnderReview,
    /// The ministry's unit head approves the drafted result.
    AwaitingApproval,
    /// The head reviews the drafted result and signs it, or returns it for rework.
    AwaitingSignature,
    /// Signed; the chancellery issues it (or sends it to the CSC it was filed at).
    Signed,
    /// Sent to the CSC in a registry with the courier; the CSC accepts or returns it.
    SentToCsc,
    /// At the CSC, waiting for the applicant to collect it.
    AtCsc,
    /// The result (certificate or motivated refusal) has reached the applicant.
    Issued,
    /// Refused as incomplete during the completeness check, before that refusal became a document
    /// the head signs (now it travels as a result and the request ends `Issued`): kept for the
    /// requests of that time.
    RefusedIncomplete,
}

impl Status {
    pub const ALL: [Status; 13] = [
        Status::Draft,
        Status::Submitted,
        Status::AtHead,
        Status::AtDepartmentHead,
        Status::AtSpecialist,
        Status::UnderReview,
        Status::AwaitingApproval,
        Status::AwaitingSignature,
        Status::Signed,
        Status::SentToCsc,
        Status::AtCsc,
        Status::Issued,
        Status::RefusedIncomplete,
    ];

    /// The name the API and the database use (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::AtHead => "at_head",
            Status::AtDepartmentHead => "at_department_head",
            Status::AtSpecialist => "at_specialist",
            Status::UnderReview => "under_review",
            Status::AwaitingApproval => "awaiting_approval",
            Status::AwaitingSignature => "awaiting_signature",
            Status::Signed => "signed",
            Status::SentToCsc => "sent_to_csc",
            Status::AtCsc => "at_csc",
            Status::Issued => "issued",
            Status::RefusedIncomplete => "refused_incomplete",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, Status::Issued | Status::RefusedIncomplete)
    }

    /// The provider's people still work on the request: its term runs and it can be late. A
    /// result signed and waiting to be handed out, sent to or kept at a centre, is not late: the
    /// applicant comes for it after the term (003 p. 10).
    pub fn is_with_provider(self) -> bool {
        Status::Submitted <= self && self < Status::Signed
    }

    /// What the applicant reads as the status.
    pub fn title(self) -> Text {
        match self {
            Status::Draft => Text::new("Жоба", "Черновик"),
            Status::Submitted => Text::new("Жіберілді", "Отправлена"),
            Status::AtHead => Text::new("Тіркелді, басшыда", "Зарегистрирована, у руководителя"),
            Status::AtDepartmentHead => Text::new("Бөлім басшысында", "У руководителя отдела"),
            Status::AtSpecialist | Status::UnderReview => {
                Text::new("Орындаушыда қаралуда", "На рассмотрении у исполнителя")
            }
            Status::AwaitingApproval => Text::new("Келісуде", "На согласовании"),
            Status::AwaitingSignature => Text::new("Қол қоюда", "На подписании"),
            Status::Signed => Text::new("Қол қойылды, беруге дайын", "Подписана, готова к выдаче"),
            Status::SentToCsc => Text::new("Нәтиже ХҚО-ға жіберілді", "Результат направлен в ЦОН"),
            Status::AtCsc => {
                Text::new("Нәтиже ХҚО-да, алуға болады", "Результат в ЦОН, можно получить")
            }
            Status::Issued => Text::new("Нәтиже берілді", "Результат выдан"),
            Status::RefusedIncomplete => Text::new(
                "Құжаттар толық емес: қарау тоқтатылды",
                "Документы неполные: рассмотрение прекращено",
            ),
        }
    }
}

impl Status {
    /// What happens next, in one sentence for the applicant, and — while the provider's people
    /// work on it — by when the result is due (`deadline`, Unix seconds).
    pub fn what_next(self, deadline: Option<i64>) -> Text {
        let (kk, ru) = match self {
            Status::Draft => (
                "Өтінішті толтырып, ЭЦҚ-мен қол қойып, жіберіңіз.",
                "Заполните заявку, подпишите её ЭЦП и отправьте.",
            ),
            Status::Submitted => (
                "Кеңсе өтінішті тіркеп, басшыға береді.",
                "Канцелярия зарегистрирует заявку и передаст её руководителю.",
            ),
            Status::AtHead => (
                "Басшы өтінішті орындайтын бөлімге жолдайды.",
                "Руководитель направит заявку в отдел, который её исполнит.",
            ),
            Status::AtDepartmentHead => (
                "Бөлім басшысы өтінішті орындаушыға береді.",
                "Руководитель отдела передаст заявку исполнителю.",
            ),
            Status::AtSpecialist | Status::UnderReview => (
                "Орындаушы құжаттарды қарап, нәтиженің жобасын дайындайды.",
                "Исполнитель рассмотрит документы и подготовит проект результата.",
            ),
            Status::AwaitingApproval => (
                "Бөлім басшысы нәтиженің жобасын келіседі.",
                "Руководитель отдела согласует проект результата.",
            ),
            Status::AwaitingSignature => {
                ("Басшы нәтижеге ЭЦҚ-мен қол қояды.", "Руководитель подпишет результат ЭЦП.")
            }
            Status::Signed => (
                "Нәтижеге қол қойылды: оны жеке кабинетте ашуға болады, ал ХҚО арқылы берілген өтініштің нәтижесі ХҚО-ға жіберіледі.",
                "Результат подписан: его можно открыть в личном кабинете, а результат заявки, поданной через ЦОН, будет направлен в ЦОН.",
            ),
            Status::SentToCsc => (
                "Нәтиже ХҚО-ға жолда: ХҚО оны қабылдағанда, алуға шақырамыз.",
                "Результат в пути в ЦОН: когда ЦОН его примет, вас пригласят его получить.",
            ),
            Status::AtCsc => (
                "Нәтижені ХҚО-дан жеке басын куәландыратын құжатты көрсетіп алыңыз.",
                "Получите результат в ЦОН, предъявив документ, удостоверяющий личность.",
            ),
            Status::Issued => (
                "Қызмет көрсетілді. Оның сапасын бағалап, бізге көмектесіңіз.",
                "Услуга оказана. Помогите нам: оцените её качество.",
            ),
            Status::RefusedIncomplete => (
                "Жетіспейтін құжаттарды толықтырып, өтінішті қайта беруге болады.",
                "Дополните недостающие документы и подайте заявку заново.",
            ),
        };
        match deadline.filter(|_| self.is_with_provider()) {
            Some(deadline) => {
                let due = crate::calendar::Date::in_kazakhstan(deadline).dotted();
                Text {
                    kk: format!("{kk} Нәтиже {due} дейін дайын болуы тиіс.").into(),
                    ru: format!("{ru} Результат должен быть готов не позднее {due}.").into(),
                }
            }
            None => Text::new(kk, ru),
        }
    }
}

/// What someone does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Action {
    Submit,
    Register,
    RefuseIncomplete,
    AssignDepartment,
    AssignSpecialist,
    TakeIntoWork,
    DraftResult,
    Approve,
    ReturnForRework,
    Sign,
    /// The chancellery sends a signed result of a CSC request to the centre (in a registry).
    SendToCsc,
    /// The CSC accepts the registry the result came in.
    AcceptAtCsc,
    /// The CSC returns it: the registry lacked a listed document.
    ReturnToProvider,
    Issue,
}

impl Action {
    pub const ALL: [Action; 14] = [
        Action::Submit,
        Action::Register,
        Action::RefuseIncomplete,
        Action::AssignDepartment,
        Action::AssignSpecialist,
        Action::TakeIntoWork,
        Action::DraftResult,
        Action::Approve,
        Action::ReturnForRework,
        Action::Sign,
        Action::SendToCsc,
        Action::AcceptAtCsc,
        Action::ReturnToProvider,
        Action::Issue,
    ];
}

impl Action {
    /// Done to every request of a CSC registry at once, when it is formed or received — never
    /// to one request alone.
    pub fn by_registry(self) -> bool {
        matches!(self, Action::SendToCsc | Action::AcceptAtCsc | Action::ReturnToProvider)
    }

    /// Done at a desk with the person there, recorded with to whom (`/handover`), never as a bare
    /// step: issuing a result taken in at a centre's counter or at the provider's chancellery.
    pub fn by_handover(self, intake: Intake) -> bool {
        self == Action::Issue && intake != Intake::Portal
    }

    /// The name the API and the database use (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Register => "register",
            Action::RefuseIncomplete => "refuse_incomplete",
            Action::AssignDepartment => "assign_department",
            Action::AssignSpecialist => "assign_specialist",
            Action::TakeIntoWork => "take_into_work",
            Action::DraftResult => "draft_result",
            Action::Approve => "approve",
            Action::ReturnForRework => "return_for_rework",
            Action::Sign => "sign",
            Action::SendToCsc => "send_to_csc",
            Action::AcceptAtCsc => "accept_at_csc",
            Action::ReturnToProvider => "return_to_provider",
            Action::Issue => "issue",
        }
    }

    /// The button's label.
    pub fn title(self) -> Text {
        match self {
            Action::Submit => Text::new("Жіберу", "Отправить"),
            Action::Register => Text::new("Тіркеу", "Зарегистрировать"),
            Action::RefuseIncomplete => {
                Text::new("Толық емес деп қайтару", "Отказать: документы неполные")
            }
            Action::AssignDepartment => Text::new("Бөлімге жолдау", "Направить в отдел"),
            Action::AssignSpecialist => Text::new("Орындаушыға жолдау", "Назначить исполнителя"),
            Action::TakeIntoWork => Text::new("Жұмысқа алу", "Взять в работу"),
            Action::DraftResult => Text::new("Нәтиже жобасын жіберу", "Передать проект результата"),
            Action::Approve => Text::new("Келісу", "Согласовать"),
            Action::ReturnForRework => Text::new("Пысықтауға қайтару", "Вернуть на доработку"),
            Action::Sign => Text::new("Қол қою", "Подписать"),
            Action::SendToCsc => Text::new("ХҚО-ға жіберу", "Направить в ЦОН"),
            Action::AcceptAtCsc => Text::new("ХҚО-да қабылдау", "Принять в ЦОН"),
            Action::ReturnToProvider => {
                Text::new("Қызмет берушіге қайтару", "Вернуть услугодателю")
            }
            Action::Issue => Text::new("Беру", "Выдать"),
        }
    }
}

/// How long a step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "amount", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Limit {
    /// Working minutes (15 minutes, 2 hours …), counted within working hours.
    WorkingMinutes(u32),
    WorkingDays(u16),
    /// Within the service's whole term: the e-service regulations (001, 004) give the provider's
    /// production one limit, the term, and the system's steps minutes.
    WithinTerm,
}

impl Limit {
    /// When a step that started at `started` (Unix seconds) must be done, for a request whose
    /// term ends at `term_deadline`. A limit in days ends with the Nth working day, counting the
    /// start day when the step began in working hours.
    pub fn deadline(self, calendar: &Calendar, started: i64, term_deadline: i64) -> i64 {
        match self {
            Limit::WorkingMinutes(minutes) => calendar.add_working_minutes(started, minutes),
            Limit::WorkingDays(days) => {
                calendar.deadline(started, Intake::Portal, Term::WorkingDays(days))
            }
            Limit::WithinTerm => term_deadline,
        }
    }
}

/// One status of the workflow: who holds the request then, and for how long at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub status: Status,
    pub role: Role,
    pub limit: Limit,
}

/// One allowed move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Status,
    pub action: Action,
    pub role: Role,
    pub to: Status,
    /// Only for requests taken this way (filed on the portal, or at a CSC); `None`: for any.
    pub intake: Option<Intake>,
}

impl Transition {
    fn allows(self, from: Status, action: Action, intake: Intake) -> bool {
        self.from == from && self.action == action && self.intake.is_none_or(|only| only == intake)
    }
}

/// Why a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// Nobody may do this to a request in this status.
    NotAllowedNow,
    /// It may be done now, but only by this role.
    WrongRole { allowed: Role },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workflow {
    pub steps: &'static [Step],
    pub transitions: &'static [Transition],
}

impl Workflow {
    /// The status `action` by `role` leads to from `from` for a request taken in through
    /// `intake`, or why it may not happen.
    pub fn apply(
        &self,
        from: Status,
        action: Action,
        role: Role,
        intake: Intake,
    ) -> Result<Status, TransitionError> {
        let mut candidates = self.transitions.iter().filter(|t| t.allows(from, action, intake));
        let first = candidates.clone().next().ok_or(TransitionError::NotAllowedNow)?;
        candidates
            .find(|t| t.role == role)
            .map(|t| t.to)
            .ok_or(TransitionError::WrongRole { allowed: first.role })
    }

    pub fn step(&self, status: Status) -> Option<&Step> {
        self.steps.iter().find(|s| s.status == status)
    }

    /// A step's limit now: as an administrator changed it (`changed`), or as declared.
    pub fn limit(&self, status: Status, changed: &[(Status, Limit)]) -> Option<Limit> {
        let declared = self.step(status)?.limit;
        Some(changed.iter().find(|(s, _)| *s == status).map_or(declared, |(_, limit)| *limit))
    }

    /// When the step a request enters at `started` by moving `to` must end, for a request whose
    /// term ends at `term_deadline`, with the limits `changed`; `None` for a status nobody holds
    /// against a limit.
    pub fn step_deadline(
        &self,
        to: Status,
        calendar: &Calendar,
        started: i64,
        term_deadline: Option<i64>,
        changed: &[(Status, Limit)],
    ) -> Option<i64> {
        let limit = self.limit(to, changed)?;
        Some(limit.deadline(calendar, started, term_deadline.unwrap_or(i64::MAX)))
    }

    /// What `role` may do to a request in `status` taken in through `intake`: the buttons a
    /// screen shows.
    pub fn actions(
        &self,
        status: Status,
        role: Role,
        intake: Intake,
    ) -> impl Iterator<Item = Action> + '_ {
        self.transitions
            .iter()
            .filter(move |t| t.role == role && t.allows(status, t.action, intake))
            .map(|t| t.action)
    }
}

/// A step of a declaration's table.
pub const fn step(status: Status, role: Role, limit: Limit) -> Step {
    Step { status, role, limit }
}

/// A move of a declaration's table, for requests taken in any way.
pub const fn go(from: Status, action: Action, role: Role, to: Status) -> Transition {
    Transition { from, action, role, to, intake: None }
}

/// A move only for requests taken in through `intake`.
pub const fn via(intake: Intake, transition: Transition) -> Transition {
    Transition { intake: Some(intake), ..transition }
}

#[cfg(test)]
mod tests;
