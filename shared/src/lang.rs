//! The portal's two languages and text that carries both.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A language the portal speaks. Kazakh is the state language and comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    Kk,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Kk, Lang::Ru];

    /// The BCP 47 tag, as used in `<html lang>` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }

    /// Reads a tag such as `kk`, `ru` or `ru-RU`; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in both languages. Declarations build it from `&'static str` at no cost; values that
/// come over the wire own their strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    pub kk: Cow<'static, str>,
    pub ru: Cow<'static, str>,
}

impl Text {
    pub const fn new(kk: &'static str, ru: &'static str) -> Text {
        Text { kk: Cow::Borrowed(kk), ru: Cow::Borrowed(ru) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }

    /// True when either language is missing: declarations are checked with it.
    pub fn is_incomplete(&self) -> bool {
        self.kk.trim().is_empty() || self.ru.trim().is_empty()
    }

    /// Case-insensitive search in both languages, for catalog search.
    pub fn contains(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        self.kk.to_lowercase().contains(&needle) || self.ru.to_lowercase().contains(&needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("KK"), Some(Lang::Kk));
        assert_eq!(Lang::from_code("en"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn text_picks_the_language_and_searches_both() {
        let text = Text::new("Мұрағаттық анықтамалар беру", "Выдача архивных справок");
        assert_eq!(text.get(Lang::Kk), "Мұрағаттық анықтамалар беру");
        assert_eq!(text.get(Lang::Ru), "Выдача архивных справок");
        assert!(text.contains("МҰРАҒАТ"));
        assert!(text.contains("архивн"));
        assert!(!text.contains("лицензия"));
        assert!(Text::new("", "x").is_incomplete());
        assert!(!text.is_incomplete());
    }

    #[test]
    fn lang_serializes_as_its_code() {
        assert_eq!(serde_json::to_string(&Lang::Kk).unwrap(), "\"kk\"");
        assert_eq!(serde_json::from_str::<Lang>("\"ru\"").unwrap(), Lang::Ru);
    }
}
