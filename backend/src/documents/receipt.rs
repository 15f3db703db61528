//! The receipts a CSC operator hands over at the counter (regulations, "Channels", 2): the
//! receipt of a filed package (қолхат / расписка) and the refusal receipt of an incomplete one.
//! Each is a bilingual PDF with a Code 128 barcode of its number, so the result is found by
//! scanning it when the citizen comes back.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::catalog;
use qyzmet_shared::csc::{self, Centre, Counter};
use qyzmet_shared::form;
use qyzmet_shared::{Lang, Text};

use super::pdf::{Code, Layout, PdfError, date_of, print};
use crate::store::{StoredRefusal, StoredRequest};

/// What a receipt says: everything the PDF shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The request's number (filed) or the refusal's.
    pub number: String,
    pub at: i64,
    pub centre: &'static Centre,
    pub service: Text,
    pub operator: String,
    pub applicant: String,
    pub applicant_id_number: String,
    pub counter: Counter,
    pub outcome: Accepted,
}

/// Whether the package was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    /// Filed with these documents; the result is issued at the centre from this day.
    Filed { documents: Vec<Text>, issue_on: Date },
    /// Not filed: these documents were missing.
    Refused { missing: Vec<Text> },
}

impl Receipt {
    /// The receipt of a request filed at a CSC counter with these documents attached (their ids);
    /// `None` for a request not filed at a counter or not yet filed.
    pub fn of_filed(request: &StoredRequest, attached: &[&str]) -> Option<Receipt> {
        let centre = csc::centre(request.csc.as_deref()?)?;
        let documents = document_labels(request.service, &request.kind, attached);
        Some(Receipt {
            number: request.number.clone(),
            at: request.submitted_at?,
            centre,
            service: catalog().service(request.service)?.title.clone(),
            operator: request.filer_name.clone(),
            applicant: request.applicant_name.clone(),
            applicant_id_number: request.applicant_id_number.clone(),
            counter: request.counter.clone()?,
            outcome: Accepted::Filed {
                documents,
                issue_on: Date::in_kazakhstan(request.deadline_at?),
            },
        })
    }

    /// The refusal receipt as kept.
    pub fn of_refusal(refusal: &StoredRefusal) -> Option<Receipt> {
        let missing: Vec<&str> = refusal.missing.iter().map(String::as_str).collect();
        Some(Receipt {
            number: refusal.number.clone(),
            at: refusal.created_at,
            centre: csc::centre(&refusal.csc)?,
            service: catalog().service(refusal.service)?.title.clone(),
            operator: refusal.operator_name.clone(),
            applicant: refusal.applicant_name.clone(),
            applicant_id_number: refusal.applicant_id_number.clone(),
            counter: refusal.counter.clone(),
            outcome: Accepted::Refused {
                missing: document_labels(refusal.service, &refusal.kind, &missing),
            },
        })
    }

    /// The PDF, to print and hand over.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        let mut layout = Layout::new();
        layout.line(self.centre.name.get(Lang::Kk), 11, true);
        layout.line(self.centre.name.get(Lang::Ru), 11, false);
        layout.gap(12.0);
        let title = match self.outcome {
            Accepted::Filed { .. } => {
                Text::new("Құжаттарды қабылдағаны туралы қолхат", "Расписка о приёме документов")
            }
            Accepted::Refused { .. } => Text::new(
                "Құжаттарды қабылдаудан бас тарту туралы қолхат",
                "Расписка об отказе в приёме документов",
            ),
        };
        layout.line(title.get(Lang::Kk), 14, true);
        layout.line(title.get(Lang::Ru), 12, true);
        layout.gap(6.0);
        layout.line(&format!("№ {}   {}", self.number, date_and_time(self.at)), 11, true);
        for words in [&KAZAKH, &RUSSIAN] {
            layout.gap(14.0);
            self.body(&mut layout, words);
        }
        layout.gap(18.0);
        let title = format!("{} {}", title.get(Lang::Kk), self.number);
        print(&title, self.at, layout, Code::Barcode(&self.number))
    }

    fn body(&self, pen: &mut Layout, words: &Words) {
        let lang = words.lang;
        pen.line(&format!("{}: {}", words.service, self.service.get(lang)), 10, false);
        let applicant = format!(
            "{}: {}, {} {}, {} {}",
            words.applicant,
            self.applicant,
            words.iin,
            self.applicant_id_number,
            words.phone,
            self.counter.phone
        );
        pen.line(&applicant, 10, false);
        if let Some(representative) = &self.counter.representative {
            let line = format!(
                "{}: {}, {} {}, {} {}, {} {}",
                words.representative,
                representative.name,
                words.iin,
                representative.iin,
                words.phone,
                representative.phone,
                words.power_of_attorney,
                representative.power_of_attorney
            );
            pen.line(&line, 10, false);
        }
        match &self.outcome {
            Accepted::Filed { documents, issue_on } => {
                pen.line(&format!("{} ({}):", words.accepted, documents.len()), 10, true);
                list(pen, documents, lang);
                let place = format!(
                    "{}: {}, {}, {}, {}",
                    words.issue,
                    issue_on.dotted(),
                    self.centre.hours.get(lang),
                    self.centre.name.get(lang),
                    self.centre.address.get(lang)
                );
                pen.line(&place, 10, true);
            }
            Accepted::Refused { missing } => {
                pen.line(words.refused, 10, false);
                pen.line(&format!("{} ({}):", words.missing, missing.len()), 10, true);
                list(pen, missing, lang);
            }
        }
        pen.line(&format!("{}: {}", words.operator, self.operator), 10, false);
    }
}

/// Documents as a numbered list.
fn list(pen: &mut Layout, documents: &[Text], lang: Lang) {
    for (index, document) in documents.iter().enumerate() {
        pen.line(&format!("{}. {}", index + 1, document.get(lang)), 10, false);
    }
}

/// The labels of a kind's documents with these ids, in the declaration's order.
fn document_labels(
    service: qyzmet_shared::catalog::ServiceCode,
    kind: &str,
    ids: &[&str],
) -> Vec<Text> {
    form::kind(service, kind)
        .map(|kind| {
            kind.documents.iter().filter(|d| ids.contains(&d.id)).map(|d| d.label.clone()).collect()
        })
        .unwrap_or_default()
}

/// `23.11.2026 14:05`, Astana time.
fn date_and_time(unix: i64) -> String {
    let minutes = Date::local_seconds_of_day(unix) / 60;
    format!("{} {:02}:{:02}", date_of(unix), minutes / 60, minutes % 60)
}

/// A receipt's words in one language.
struct Words {
    lang: Lang,
    service: &'static str,
    applicant: &'static str,
    iin: &'static str,
    phone: &'static str,
    representative: &'static str,
    power_of_attorney: &'static str,
    accepted: &'static str,
    issue: &'static str,
    refused: &'static str,
    missing: &'static str,
    operator: &'static str,
}

const KAZAKH: Words = Words {
    lang: Lang::Kk,
    service: "Мемлекеттік қызмет",
    applicant: "Өтініш беруші",
    iin: "ЖСН/БСН",
    phone: "тел.",
    representative: "Өкіл",
    power_of_attorney: "нотариаттық сенімхат",
    accepted: "Қабылданған құжаттар",
    issue: "Нәтижені беру күні, уақыты және орны",
    refused: "Құжаттар топтамасы толық емес болғандықтан, өтініш қабылданбады және қызмет берушіге жіберілмеді.",
    missing: "Жетіспейтін құжаттар",
    operator: "Құжаттарды қабылдаған ХҚО операторы",
};

const RUSSIAN: Words = Words {
    lang: Lang::Ru,
    service: "Государственная услуга",
    applicant: "Заявитель",
    iin: "ИИН/БИН",
    phone: "тел.",
    representative: "Представитель",
    power_of_attorney: "нотариальная доверенность",
    accepted: "Принятые документы",
    issue: "Дата, время и место выдачи результата",
    refused: "В связи с неполным пакетом документов заявка не принята и услугодателю не направлена.",
    missing: "Недостающие документы",
    operator: "Оператор ЦОН, принявший документы",
};
