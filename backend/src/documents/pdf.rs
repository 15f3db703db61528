//! Documents drawn as A4 PDF/A-2u with krilla: Kazakh first, then Russian, in DejaVu Sans
//! (embedded, subset; it covers Ә Ғ Қ Ң Ө Ұ Ү Һ І), laid out top down with a code under the
//! text — the result's QR code that leads to `/verify`, a receipt's Code 128 of its number.

use std::sync::LazyLock;

use krilla::Document;
use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use qyzmet_shared::Lang;
use qyzmet_shared::calendar::{Date, KAZAKHSTAN_OFFSET_SECONDS};
use qyzmet_shared::form::is_printable;
use qyzmet_shared::result::Outcome;

use super::ResultDocument;
use super::qr::Qr;

const REGULAR_FILE: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD_FILE: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

static REGULAR: LazyLock<Option<Font>> = LazyLock::new(|| font(REGULAR_FILE));
static BOLD: LazyLock<Option<Font>> = LazyLock::new(|| font(BOLD_FILE));
/// The same faces' metrics, to wrap each line by the width it is drawn at.
static REGULAR_FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(REGULAR_FILE, 0).ok());
static BOLD_FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(BOLD_FILE, 0).ok());

fn font(bytes: &'static [u8]) -> Option<Font> {
    Font::new(bytes.to_vec().into(), 0)
}

/// How wide `text` is drawn at `size` points, in points: the sum of its glyphs' advances (a
/// character without a glyph, which `printable` has already replaced, counts as a whole em).
fn drawn_width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold { &*BOLD_FACE } else { &*REGULAR_FACE };
    let Some(face) = face else { return f32::MAX };
    let em = face.units_per_em();
    let units: u32 = text
        .chars()
        .map(|c| {
            let advance = face.glyph_index(c).and_then(|glyph| face.glyph_hor_advance(glyph));
            u32::from(advance.unwrap_or(em))
        })
        .sum();
    // Exact for any line a page holds: a few thousand units of a few hundred points.
    #[expect(clippy::cast_precision_loss, reason = "a line's advances are far below 2^24")]
    let units = units as f32;
    units * size / f32::from(em)
}

/// Why a document could not be printed: never the text (what the font lacks prints as
/// [`STAND_IN`]), so a bug of the portal's, answered as an internal error and logged.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font does not parse")]
    Font,
    #[error("the QR code of {0:?} does not encode")]
    QrCode(String),
    #[error("the barcode of {0:?} does not encode")]
    Barcode(String),
    #[error("krilla refused the document: {0}")]
    Krilla(String),
}

/// What is printed for a character the font cannot draw. The portal's own forms refuse such
/// text (`form::unprintable`); this is for text from elsewhere — a certificate's name, a registry
/// entry made before the rule — which must print rather than stop the document.
const STAND_IN: char = '?';

/// `text` as the font can draw it.
fn printable(text: &str) -> String {
    text.chars().map(|c| if is_printable(c) { c } else { STAND_IN }).collect()
}

/// A4 in points, and the margin.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
/// The width between the margins, in points, less a point for kerning, which the advances
/// leave out.
const LINE_WIDTH: f32 = WIDTH - 2.0 * MARGIN - 1.0;

/// The document's words in one language.
struct Words {
    lang: Lang,
    generated: &'static str,
    applicant: &'static str,
    iin: &'static str,
    service: &'static str,
    request: &'static str,
    valid_until: fn(&str) -> String,
    appendix: fn(u16) -> String,
    grounds: &'static str,
    signed: &'static str,
    certificate: &'static str,
    law: &'static str,
}

const KAZAKH: Words = Words {
    lang: Lang::Kk,
    generated: "Құжат электрондық үкімет жүйесінде құралған",
    applicant: "Өтініш беруші",
    iin: "ЖСН/БСН",
    service: "Мемлекеттік қызмет",
    request: "Өтініш нөмірі",
    valid_until: |date| format!("{date} дейін жарамды"),
    // 001, appendix 5: «Қосымша: ___ бет.»
    appendix: |pages| {
        if pages == 0 {
            "Қосымша: жоқ.".to_owned()
        } else {
            format!("Қосымша: {pages} бет.")
        }
    },
    grounds: "Бас тарту негіздері",
    signed: "ЭЦҚ-мен қол қойған",
    certificate: "сертификат",
    law: "«Электрондық құжат және электрондық цифрлық қолтаңба туралы» 2003 жылғы 7 қаңтардағы № 370-II Қазақстан Республикасы Заңының 7-бабының 1-тармағына сәйкес электрондық құжат қағаз жеткізгіштегі құжатпен бірдей.",
};

const RUSSIAN: Words = Words {
    lang: Lang::Ru,
    generated: "Документ сформирован системой электронного правительства",
    applicant: "Заявитель",
    iin: "ИИН/БИН",
    service: "Государственная услуга",
    request: "Номер заявки",
    valid_until: |date| format!("Действительна до {date}"),
    appendix: |pages| {
        if pages == 0 {
            "Приложение: нет.".to_owned()
        } else {
            format!("Приложение: {pages} стр.")
        }
    },
    grounds: "Основания отказа",
    signed: "Подписано ЭЦП",
    certificate: "сертификат",
    law: "Согласно пункту 1 статьи 7 Закона Республики Казахстан от 7 января 2003 года № 370-II «Об электронном документе и электронной цифровой подписи» электронный документ равнозначен документу на бумажном носителе.",
};

/// The header every e-document of the portal carries (001, appendix 5), in both languages.
pub(super) fn generated() -> [&'static str; 2] {
    [KAZAKH.generated, RUSSIAN.generated]
}

/// Art. 7 p. 1 of the Law of 7 January 2003 № 370-II: the e-document equals a paper one.
pub(super) fn equal_to_paper() -> [&'static str; 2] {
    [KAZAKH.law, RUSSIAN.law]
}

/// A line of text placed on a page.
struct Line {
    text: String,
    size: f32,
    bold: bool,
    /// The baseline, from the top of the page.
    y: f32,
}

/// The document laid out top down, page by page: lines first, drawn afterwards, so that a long
/// form flows onto a second page.
pub(super) struct Layout {
    pages: Vec<Vec<Line>>,
    y: f32,
    /// Where the document's code goes (page, top), when placed before its end.
    codes: Vec<(usize, f32)>,
}

impl Layout {
    pub(super) fn new() -> Layout {
        Layout { pages: vec![Vec::new()], y: MARGIN, codes: Vec::new() }
    }

    /// Room for `height` points below the last line, on a new page if this one is full; the top
    /// of that room.
    fn room(&mut self, height: f32) -> f32 {
        if self.y + height > HEIGHT - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
        self.y
    }

    /// Writes `text` at `size` points, wrapped within the margins.
    pub(super) fn line(&mut self, text: &str, size: u8, bold: bool) {
        let size = f32::from(size);
        for text in wrap(&printable(text), |line| drawn_width(line, size, bold) <= LINE_WIDTH) {
            let y = self.room(size * 1.35) + size * 1.35;
            self.y = y;
            if let Some(page) = self.pages.last_mut() {
                page.push(Line { text, size, bold, y });
            }
        }
    }

    /// Places the document's code here (`code` tells its height): a document printed in copies
    /// carries it on each.
    pub(super) fn code(&mut self, code: Code<'_>) {
        let top = self.room(code.height());
        self.codes.push((self.pages.len() - 1, top));
        self.y = top + code.height();
    }

    /// Goes on on a new page.
    pub(super) fn page_break(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    pub(super) fn gap(&mut self, points: f32) {
        self.y += points;
    }
}

/// Greedy word wrap: as many words on each line as `fits`; a word that fits no line alone (a
/// long address) is broken between characters.
fn wrap(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fits(word) {
            word.clone_into(&mut line);
            continue;
        }
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// When the document was made, as the date in its metadata: Astana time, with its offset.
fn creation_time(unix: i64) -> DateTime {
    let (date, seconds) = (Date::in_kazakhstan(unix), Date::local_seconds_of_day(unix));
    let part = |value: i64| u8::try_from(value).unwrap_or_default();
    DateTime::new(u16::try_from(date.year()).unwrap_or_default())
        .month(date.month())
        .day(date.day())
        .hour(part(seconds / 3600))
        .minute(part(seconds / 60 % 60))
        .second(part(seconds % 60))
        .utc_offset_hour(i8::try_from(KAZAKHSTAN_OFFSET_SECONDS / 3600).unwrap_or_default())
}

pub(super) fn date_of(unix: i64) -> String {
    Date::in_kazakhstan(unix).dotted()
}

/// The PDF of `document`, its QR code leading to `url`.
pub fn render(document: &ResultDocument, url: &str) -> Result<Vec<u8>, PdfError> {
    let mut layout = Layout::new();
    layout.line(KAZAKH.generated, 8, false);
    layout.line(RUSSIAN.generated, 8, false);
    layout.gap(14.0);
    layout.line(document.issuer.get(Lang::Kk), 11, true);
    layout.line(document.issuer.get(Lang::Ru), 11, false);
    layout.gap(14.0);
    layout.line(document.title.get(Lang::Kk), 14, true);
    layout.line(document.title.get(Lang::Ru), 12, true);
    if let Some(heading) = &document.heading {
        layout.line(heading.get(Lang::Kk), 11, true);
        layout.line(heading.get(Lang::Ru), 10, false);
    }
    layout.gap(6.0);
    layout.line(&format!("{}   {}", document.number, date_of(document.signed_at)), 11, true);
    if let Some(filed) = document.filed_on {
        layout.line(&format!("Жіберілген күні / Дата подачи: {}", filed.dotted()), 9, false);
    }
    if let Some((name, serial)) = &document.signed_by {
        for words in [&KAZAKH, &RUSSIAN] {
            let signed = format!("{}: {name}, {} {serial}", words.signed, words.certificate);
            layout.line(&signed, 8, false);
        }
    }
    for words in [&KAZAKH, &RUSSIAN] {
        layout.gap(16.0);
        body(&mut layout, document, words);
    }
    if let (Some(title), Some((name, _))) = (&document.signer_title, &document.signed_by) {
        layout.gap(12.0);
        let signer = format!("{} / {}: {name}", title.get(Lang::Kk), title.get(Lang::Ru));
        layout.line(&signer, 10, true);
    }
    layout.gap(16.0);
    layout.line(KAZAKH.law, 8, false);
    layout.line(RUSSIAN.law, 8, false);
    layout.gap(20.0);
    let title = format!("{} {}", document.title.get(Lang::Kk), document.number);
    print(&title, document.signed_at, layout, Code::Qr(url))
}

/// The machine-readable code drawn under a document's text.
#[derive(Clone, Copy)]
pub(super) enum Code<'a> {
    /// A QR code of this address, with the address written beside it.
    Qr(&'a str),
    /// A Code 128 barcode of this ASCII text, with the text written under it.
    Barcode(&'a str),
}

impl Code<'_> {
    fn height(&self) -> f32 {
        match self {
            Code::Qr(_) => QR_SIDE,
            Code::Barcode(_) => BAR_HEIGHT + 14.0,
        }
    }

    fn draw(&self, surface: &mut Surface<'_>, top: f32) -> Result<(), PdfError> {
        match self {
            Code::Qr(url) => draw_qr(surface, url, top),
            Code::Barcode(text) => draw_barcode(surface, text, top),
        }
    }
}

/// The PDF of `layout` titled `title`, made at `created`, with `code` where the layout placed it,
/// or else under the last line.
pub(super) fn print(
    title: &str,
    created: i64,
    mut layout: Layout,
    code: Code<'_>,
) -> Result<Vec<u8>, PdfError> {
    let (Some(regular), Some(bold)) = (REGULAR.as_ref(), BOLD.as_ref()) else {
        return Err(PdfError::Font);
    };
    // PDF/A-2u: archival, with every glyph mapped to Unicode; krilla refuses to write a file that
    // breaks the standard's checkable rules.
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_U)
        .finish()
        .map_err(|e| PdfError::Krilla(format!("{e:?}")))?;
    let mut pdf =
        Document::new_with(SerializeSettings { configuration, ..SerializeSettings::default() });
    pdf.set_metadata(
        Metadata::new()
            .title(printable(title))
            .language("kk".to_owned())
            .creator("Qyzmet".to_owned())
            .creation_date(creation_time(created)),
    );
    if layout.codes.is_empty() {
        layout.code(code);
    }
    let settings = PageSettings::from_wh(WIDTH, HEIGHT)
        .ok_or_else(|| PdfError::Krilla("A4 is not a page size".to_owned()))?;
    for (index, lines) in layout.pages.iter().enumerate() {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for line in lines {
            let font = if line.bold { bold.clone() } else { regular.clone() };
            let at = Point::from_xy(MARGIN, line.y);
            surface.draw_text(at, font, line.size, &line.text, false, TextDirection::Auto);
        }
        for &(_, top) in layout.codes.iter().filter(|(page, _)| *page == index) {
            code.draw(&mut surface, top)?;
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

/// The document's particulars in one language.
fn body(pen: &mut Layout, document: &ResultDocument, words: &Words) {
    let lang = words.lang;
    pen.line(&format!("{}: {}", words.applicant, document.holder), 10, false);
    pen.line(&format!("{}: {}", words.iin, document.holder_id_number), 10, false);
    pen.line(&format!("{}: {}", words.service, document.service.get(lang)), 10, false);
    pen.line(&format!("{}: {}", words.request, document.request), 10, false);
    match document.outcome {
        Outcome::Certificate => {
            if let Some(statement) = &document.statement {
                pen.line(statement.get(lang), 10, false);
            }
            for (label, value) in &document.particulars {
                pen.line(&format!("{}: {value}", label.get(lang)), 10, false);
            }
            if let Some(pages) = document.appendix_pages {
                pen.line(&(words.appendix)(pages), 10, false);
            }
            if let Some(until) = document.valid_until {
                pen.line(&(words.valid_until)(&until.dotted()), 10, true);
            }
        }
        Outcome::Refusal | Outcome::Incomplete => {
            pen.line(&format!("{}: {}", words.grounds, document.grounds), 10, true);
        }
    }
}

/// The QR code's side: 30 mm.
const QR_SIDE: f32 = 85.0;

/// The QR code at the left margin from `top` down, with its address beside it.
fn draw_qr(surface: &mut Surface<'_>, url: &str, top: f32) -> Result<(), PdfError> {
    let code = Qr::of(url).ok_or_else(|| PdfError::QrCode(url.to_owned()))?;
    let font = REGULAR.clone().ok_or(PdfError::Font)?;
    let module = QR_SIDE / points(code.width);
    let mut builder = PathBuilder::new();
    for (x, y) in code.dark_modules() {
        let (left, down) = (MARGIN + points(x) * module, top + points(y) * module);
        if let Some(rect) = Rect::from_xywh(left, down, module, module) {
            builder.push_rect(rect);
        }
    }
    fill_black(surface, builder);
    let caption = MARGIN + QR_SIDE + 12.0;
    // The address readable by a person too: its path, then each parameter on its own line.
    let lines = std::iter::once("Тексеру / Проверка:").chain(url.split(['?', '&']));
    for (i, line) in lines.enumerate() {
        surface.draw_text(
            Point::from_xy(caption, top + 12.0 + points(i) * 12.0),
            font.clone(),
            7.0,
            &printable(line),
            false,
            TextDirection::Auto,
        );
    }
    Ok(())
}

/// A barcode's bar height and the width of its narrowest bar, in points.
const BAR_HEIGHT: f32 = 42.0;
const BAR_MODULE: f32 = 1.1;

/// The Code 128 (character set B) barcode of `text` at the left margin from `top` down, with the
/// text under it.
fn draw_barcode(surface: &mut Surface<'_>, text: &str, top: f32) -> Result<(), PdfError> {
    let code = barcoders::sym::code128::Code128::new(format!("\u{0181}{text}"))
        .map_err(|_| PdfError::Barcode(text.to_owned()))?;
    let font = REGULAR.clone().ok_or(PdfError::Font)?;
    let mut builder = PathBuilder::new();
    for (x, _) in code.encode().iter().enumerate().filter(|(_, bar)| **bar == 1) {
        if let Some(rect) =
            Rect::from_xywh(MARGIN + points(x) * BAR_MODULE, top, BAR_MODULE, BAR_HEIGHT)
        {
            builder.push_rect(rect);
        }
    }
    fill_black(surface, builder);
    let at = Point::from_xy(MARGIN, top + BAR_HEIGHT + 11.0);
    surface.draw_text(at, font, 9.0, &printable(text), false, TextDirection::Auto);
    Ok(())
}

/// Fills the rectangles of `builder` in black.
fn fill_black(surface: &mut Surface<'_>, builder: PathBuilder) {
    if let Some(path) = builder.finish() {
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(0, 0, 0).into(),
            opacity: NormalizedF32::ONE,
            rule: krilla::paint::FillRule::default(),
        }));
        surface.draw_path(&path);
    }
}

/// A small count (QR modules, lines) as a length in points.
fn points(count: usize) -> f32 {
    f32::from(u16::try_from(count).unwrap_or(u16::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_by_the_width_they_are_drawn_at() {
        // The bold subtitle of a 001 certificate: wider than the regular face's average.
        let title = "Алматы облысы аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке қою туралы";
        let lines = wrap(title, |line| drawn_width(line, 12.0, true) <= LINE_WIDTH);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|line| drawn_width(line, 12.0, true) <= LINE_WIDTH), "{lines:?}");
        assert_eq!(lines.join(" "), title, "no word lost or split");
        // A word no line holds is broken between characters, nothing dropped.
        let address = format!("https://qyzmet.kz/verify?hash={}", "0123456789abcdef".repeat(8));
        let lines = wrap(&address, |line| drawn_width(line, 10.0, false) <= LINE_WIDTH);
        assert!(lines.len() > 1 && lines.concat() == address, "{lines:?}");
        assert!(lines.iter().all(|line| drawn_width(line, 10.0, false) <= LINE_WIDTH));
    }
}
