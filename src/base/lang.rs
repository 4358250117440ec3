//! The two languages of the interface and texts in both: [`Lang`], [`Text`] (owned) and [`Label`]
//! (static). The ground floor: every module that speaks to people uses these, and they use nothing.

use serde::{Deserialize, Serialize};

/// The interface language. Chinese is the default: the users are Chinese officials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The other language: what a language switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language's code in files, on the command line and in the JS API (`zh`, `en`).
    pub fn code(self) -> &'static str {
        self.pick("zh", "en")
    }

    /// The language's tag for a page's `lang` attribute (`zh-CN`, `en`).
    pub fn html_tag(self) -> &'static str {
        self.pick("zh-CN", "en")
    }

    /// Picks the words of this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text written by `words` once per language.
    pub fn both(mut words: impl FnMut(Lang) -> String) -> Text {
        Text {
            zh: words(Lang::Zh),
            en: words(Lang::En),
        }
    }

    /// Replaces the text of one language, keeping the other's.
    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        match lang {
            Lang::Zh => self.zh = text.into(),
            Lang::En => self.en = text.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<Label> for Text {
    fn from(label: Label) -> Text {
        Text::new(label.zh, label.en)
    }
}

/// A fixed text in both languages: labels of parameters, targets and report rows. Serialises like
/// [`Text`] (`{ "zh": …, "en": … }`) but costs no allocation, which matters on every keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// "county subsidy" → "County subsidy": a label that stands alone starts with a capital. English
/// labels are ASCII; upper-casing the first byte in place keeps Unicode case tables and the
/// formatting machinery out of the wasm (they cost 14 KB).
pub fn capitalise(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}
