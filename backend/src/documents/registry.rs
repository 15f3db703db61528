//! A registry printed for the courier: two copies, each listing the requests with their
//! applicants and the number of documents, with lines for the one who hands it over and the one
//! who receives it; the second copy comes back with the receiving side's mark.

use qyzmet_shared::catalog::catalog;
use qyzmet_shared::csc::{self, Direction, RegistryView};
use qyzmet_shared::{Lang, Text};

use super::pdf::{Code, Layout, PdfError, date_of, print};

/// The PDF of a registry: both copies, each with the barcode of its number.
pub fn print_registry(registry: &RegistryView) -> Result<Vec<u8>, PdfError> {
    let catalog = catalog();
    let centre = csc::centre(&registry.csc).map_or_else(|| Text::new("", ""), |c| c.name.clone());
    let provider =
        catalog.body(&registry.provider).map_or_else(|| Text::new("", ""), |b| b.name.clone());
    let (from, to) = match registry.direction {
        Direction::ToProvider => (&centre, &provider),
        Direction::ToCsc => (&provider, &centre),
    };
    let code = Code::Barcode(&registry.number);
    let mut layout = Layout::new();
    for copy in 1..=2 {
        if copy == 2 {
            layout.page_break();
        }
        layout.line(&format!("{copy}-дана / Экземпляр {copy}"), 8, false);
        layout.gap(6.0);
        layout.line(&format!("Тізілім / Реестр № {}", registry.number), 14, true);
        layout.line(&date_of(registry.formed_at), 11, false);
        let direction = registry.direction.title();
        layout.line(&format!("{} / {}", direction.kk, direction.ru), 10, true);
        for lang in Lang::ALL {
            let (sender, receiver) = match lang {
                Lang::Kk => ("Жіберуші", "Алушы"),
                Lang::Ru => ("Отправитель", "Получатель"),
            };
            layout.line(&format!("{sender}: {}", from.get(lang)), 10, false);
            layout.line(&format!("{receiver}: {}", to.get(lang)), 10, false);
        }
        layout.gap(10.0);
        let mut documents = 0;
        for (index, item) in registry.items.iter().enumerate() {
            let service = catalog
                .service(item.service)
                .map_or_else(String::new, |s| format!("{} / {}", s.title.kk, s.title.ru));
            let mark = match item.present {
                Some(true) => " — бар / есть",
                Some(false) => " — жоқ / нет",
                None => "",
            };
            let line = format!(
                "{}. {} — {} — {service} — {} құжат / док.{mark}",
                index + 1,
                item.request,
                item.applicant_name,
                item.documents
            );
            layout.line(&line, 10, false);
            documents += item.documents;
        }
        layout.gap(6.0);
        let total = format!(
            "Барлығы / Всего: {} өтініш / заявок, {documents} құжат / документов",
            registry.items.len()
        );
        layout.line(&total, 10, true);
        layout.gap(18.0);
        layout.line(&format!("Тапсырды / Сдал: {} ____________", registry.formed_by), 10, false);
        layout.gap(10.0);
        let received = registry.received_by.as_deref().unwrap_or("____________________");
        layout.line(&format!("Қабылдады / Принял: {received} ____________"), 10, false);
        if !registry.reason.is_empty() {
            layout.line(&format!("Қабылданбады / Не принят: {}", registry.reason), 10, true);
        }
        layout.gap(18.0);
        layout.code(code);
    }
    let title = format!("Тізілім / Реестр {}", registry.number);
    print(&title, registry.formed_at, layout, code)
}
