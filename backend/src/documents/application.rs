//! The application itself as an e-document (001, appendix 5; 003): «Өтініш / Заявление»
//! addressed to the provider's head, with its unique number, the date of filing, the particulars
//! as the applicant signed them, who signed it, the statement of the Law on electronic documents
//! and a Code 128 barcode of the number. The applicant and the staff open it from the request.

use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::{Channel, catalog};
use qyzmet_shared::csc;
use qyzmet_shared::form;
use qyzmet_shared::signature::SignerCertificate;
use qyzmet_shared::{Lang, Text};

use super::pdf::{Code, Layout, PdfError, date_of, equal_to_paper, generated, print};
use super::shown_value;
use crate::store::StoredRequest;

/// What the application says: everything the PDF shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub number: String,
    pub filed_at: i64,
    pub provider: Text,
    /// Whom it is addressed to where the regulation's form says (001: the head of the regional
    /// internal policy department); else the provider's head.
    pub addressee: Option<Text>,
    pub service: Text,
    pub kind: Text,
    pub applicant: String,
    pub applicant_id_number: String,
    /// The representative who filed it, when not the applicant: name and IIN.
    pub representative: Option<(String, String)>,
    /// Taken in at a desk: the centre or the provider's chancellery, and the employee who filed
    /// it for the applicant.
    pub taken_in: Option<(Text, String)>,
    /// Each field's label and the value as filed.
    pub particulars: Vec<(Text, String)>,
    /// Who signed the filing, as verified when it was accepted.
    pub signed_by: Option<SignerCertificate>,
}

impl Application {
    /// The application of a filed request; `None` for a draft.
    pub fn of(
        request: &StoredRequest,
        signed_by: Option<SignerCertificate>,
    ) -> Option<Application> {
        let catalog = catalog();
        let kind = form::kind(request.service, &request.kind)?;
        let particulars = kind
            .fields
            .iter()
            .filter_map(|field| {
                let value = request.form.get(field.id).filter(|v| !v.trim().is_empty())?;
                Some((field.label.clone(), shown_value(&field.kind, value)))
            })
            .collect();
        let filed_by_other =
            request.filer_id_number != request.applicant_id_number && request.counter.is_none();
        let desk = match request.intake {
            Intake::Csc => request.csc.as_deref().and_then(csc::centre).map(|c| c.name.clone()),
            Intake::Provider => Some(Channel::Provider.title()),
            Intake::Portal => None,
        };
        Some(Application {
            number: request.number.clone(),
            filed_at: request.submitted_at?,
            provider: catalog.body(&request.provider)?.name.clone(),
            addressee: request.service.def().addressee.clone(),
            service: catalog.service(request.service)?.title.clone(),
            kind: kind.title.clone(),
            applicant: request.applicant_name.clone(),
            applicant_id_number: request.applicant_id_number.clone(),
            representative: filed_by_other
                .then(|| (request.filer_name.clone(), request.filer_id_number.clone())),
            taken_in: desk.map(|desk| (desk, request.filer_name.clone())),
            particulars,
            signed_by,
        })
    }

    /// The PDF, to open and save.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        let mut pen = Layout::new();
        pen.line(&generated().join(" / "), 9, false);
        pen.line(&format!("Бірегей нөмір / Уникальный номер: {}", self.number), 10, true);
        pen.line(&format!("Жіберілген күні / Дата подачи: {}", date_of(self.filed_at)), 10, false);
        pen.gap(12.0);
        if let Some(addressee) = &self.addressee {
            let provider =
                format!("{} / {}", self.provider.get(Lang::Kk), self.provider.get(Lang::Ru));
            pen.line(&provider, 10, false);
            pen.line(addressee.get(Lang::Kk), 10, false);
            pen.line(addressee.get(Lang::Ru), 10, false);
        } else {
            pen.line(&format!("{} басшысына", self.provider.get(Lang::Kk)), 10, false);
            pen.line(&format!("Руководителю: {}", self.provider.get(Lang::Ru)), 10, false);
        }
        pen.gap(12.0);
        pen.line("ӨТІНІШ / ЗАЯВЛЕНИЕ", 14, true);
        pen.gap(6.0);
        let (service, kind) = (&self.service, &self.kind);
        let asked = [
            format!(
                "«{}» мемлекеттік қызметін ({}) көрсетуіңізді сұраймын.",
                service.get(Lang::Kk),
                kind.get(Lang::Kk)
            ),
            format!(
                "Прошу оказать государственную услугу «{}» ({}).",
                service.get(Lang::Ru),
                kind.get(Lang::Ru)
            ),
        ];
        for sentence in asked {
            pen.line(&sentence, 10, false);
        }
        pen.gap(8.0);
        for (label, value) in &self.particulars {
            pen.line(
                &format!("{} / {}: {value}", label.get(Lang::Kk), label.get(Lang::Ru)),
                10,
                false,
            );
        }
        pen.gap(8.0);
        let applicant = format!(
            "Өтініш беруші / Заявитель: {}, ЖСН/БСН / ИИН/БИН {}",
            self.applicant, self.applicant_id_number
        );
        pen.line(&applicant, 10, false);
        if let Some((name, id_number)) = &self.representative {
            let line = format!(
                "Сенімхат бойынша өкіл / Представитель по доверенности: {name}, ЖСН / ИИН {id_number}"
            );
            pen.line(&line, 10, false);
        }
        if let Some((desk, employee)) = &self.taken_in {
            let line = format!(
                "Қабылдаған / Принял: {employee} ({} / {})",
                desk.get(Lang::Kk),
                desk.get(Lang::Ru)
            );
            pen.line(&line, 10, false);
        }
        if let Some(signer) = &self.signed_by {
            let line = format!(
                "ЭЦҚ қойған / Подписано ЭЦП: {}, сертификат № {}",
                signer.name, signer.serial_number
            );
            pen.line(&line, 10, false);
        }
        pen.gap(10.0);
        for statement in equal_to_paper() {
            pen.line(statement, 8, false);
        }
        pen.gap(12.0);
        let title = format!("Өтініш / Заявление {}", self.number);
        print(&title, self.filed_at, pen, Code::Barcode(&self.number))
    }
}
