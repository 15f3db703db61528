//! QR codes: the dark modules of a text's code, drawn into result documents and, as an SVG image,
//! on the page that asks a phone to sign.

use qrcode::QrCode;

/// A QR code's modules: `width` on a side, and which are dark.
pub struct Qr {
    pub width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// The code of `text`; `None` when it is too long for any QR code.
    pub fn of(text: &str) -> Option<Qr> {
        let code = QrCode::new(text.as_bytes()).ok()?;
        let dark = code.to_colors().iter().map(|color| *color == qrcode::Color::Dark).collect();
        Some(Qr { width: code.width(), dark })
    }

    /// The dark modules, as (column, row).
    pub fn dark_modules(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let width = self.width;
        self.dark
            .iter()
            .enumerate()
            .filter(|(_, dark)| **dark)
            .map(move |(i, _)| (i % width, i / width))
    }

    /// An SVG image of the code with its quiet zone (four modules), black on white, as a `data:`
    /// address an `<img>` shows (the page's Content-Security-Policy allows `data:` images).
    pub fn svg_data_url(&self) -> String {
        use base64::Engine as _;
        use std::fmt::Write as _;
        let side = self.width + 8;
        let mut path = String::new();
        for (x, y) in self.dark_modules() {
            let _ = write!(path, "M{} {}h1v1h-1z", x + 4, y + 4);
        }
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path d=\"{path}\" fill=\"#000\"/></svg>"
        );
        format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(svg)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_draws_every_dark_module_inside_its_quiet_zone() {
        use base64::Engine as _;
        let qr = Qr::of("mobileSign:https://qyzmet.kz/api/v1/mgovSign/abc").unwrap();
        let url = qr.svg_data_url();
        let svg = url.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(svg).unwrap())
            .unwrap();
        let side = qr.width + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{svg}");
        assert_eq!(svg.matches("h1v1h-1z").count(), qr.dark_modules().count());
        // The finder pattern's corner, at the quiet zone's edge.
        assert!(svg.contains("M4 4h1v1h-1z"), "{svg}");
    }
}
