//! The printed documents read back (by poppler's `pdftotext`, not the writer): what the fonts draw is exactly what the forms accept, every
//! such character prints as PDF/A, and text the fonts lack prints as a stand-in, never a panic.

use qyzmet_backend::documents::ResultDocument;
use qyzmet_shared::Text;
use qyzmet_shared::form::{PRINTABLE, is_printable};
use qyzmet_shared::result::Outcome;

use crate::documents::text_of;

const FONTS: [&[u8]; 2] = [
    include_bytes!("../../src/documents/fonts/DejaVuSans.ttf"),
    include_bytes!("../../src/documents/fonts/DejaVuSans-Bold.ttf"),
];

/// The PDF of `document`, its QR code leading to `url`, as the portal issues it.
fn render(
    document: &ResultDocument,
    url: &str,
) -> Result<Vec<u8>, qyzmet_backend::documents::PdfError> {
    document.issue(1, url).map(|issued| issued.pdf)
}

/// The code points both fonts map to a glyph, read from the font files by `ttf-parser` (not
/// krilla, which prints them), as inclusive ranges.
fn drawn_by_both_fonts() -> Vec<(u32, u32)> {
    let faces: Vec<_> =
        FONTS.iter().map(|bytes| ttf_parser::Face::parse(bytes, 0).unwrap()).collect();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
        let private_use = ('\u{E000}'..='\u{F8FF}').contains(&c);
        let code = u32::from(c);
        let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
        let unmappable = c.is_control() || private_use || noncharacter;
        if unmappable || faces.iter().any(|f| f.glyph_index(c).is_none()) {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == code => last.1 = code,
            _ => ranges.push((code, code)),
        }
    }
    ranges
}

#[test]
fn the_forms_accept_exactly_what_the_fonts_draw() {
    let drawn = drawn_by_both_fonts();
    let table: Vec<String> = drawn.iter().map(|(a, z)| format!("(0x{a:04X}, 0x{z:04X})")).collect();
    assert!(
        drawn == PRINTABLE,
        "shared/src/form/printable.rs is out of date with the fonts; its table should read:\n{}",
        table.join(", ")
    );
}

fn document(holder: &str, particulars: Vec<(Text, String)>) -> ResultDocument {
    ResultDocument {
        request: "KZ-2026-000123".to_owned(),
        number: "01-12/345".to_owned(),
        signed_at: 1_780_000_000,
        issuer: Text::new("Астана қаласының әкімдігі", "Акимат города Астаны"),
        service: Text::new("Мұрағаттық анықтама", "Архивная справка"),
        title: Text::new("Анықтама", "Справка"),
        outcome: Outcome::Certificate,
        holder: holder.to_owned(),
        holder_id_number: "850315400123".to_owned(),
        particulars,
        grounds: String::new(),
        appendix_pages: None,
        valid_until: None,
        signed_by: Some(("Әбдірахманов Ғалым".to_owned(), "4F2A".to_owned())),
        statement: None,
        heading: None,
        signer_title: None,
        filed_on: None,
    }
}

#[test]
fn every_character_the_forms_accept_prints_as_pdf_a() {
    let accepted: Vec<char> = PRINTABLE
        .iter()
        .flat_map(|&(first, last)| (first..=last).filter_map(char::from_u32))
        .collect();
    assert!(accepted.iter().all(|&c| is_printable(c)));
    // Words of 40 characters, so the layout wraps them; a thousand lines or so over many pages.
    let words: Vec<String> = accepted.chunks(40).map(|chunk| chunk.iter().collect()).collect();
    let particulars = vec![(Text::new("Барлық таңбалар", "Все символы"), words.join(" "))];
    let pdf = render(&document("Нұрланова Айгүл", particulars), "https://qyzmet.kz")
        .expect("every accepted character prints");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    for letter in ['Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І', 'Ж', 'z', '№'] {
        assert!(text.contains(letter), "{letter} is not in the printed text");
    }
}

#[test]
fn text_the_fonts_lack_prints_as_a_stand_in() {
    // A name from a certificate or a registry is not typed into a form of ours: it must print.
    let particulars = vec![(Text::new("Ұйым", "Организация"), "Ꙁвезда 漢字 🙂".to_owned())];
    let pdf = render(&document("Ли 漢 Нұрлан\u{0007}", particulars), "https://qyzmet.kz")
        .expect("a document prints whatever its text");
    let text = text_of(&pdf);
    assert!(text.contains("Ли ? Нұрлан?"), "{text}");
    assert!(text.contains("?везда ?? ?"), "{text}");
    assert!(!text.contains('漢'));
}
