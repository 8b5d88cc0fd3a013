//! Language identification per document: Arabic, English, or other.
//!
//! `whatlang` decides among languages of the dominant script. Script counting comes first
//! because whatlang's confidence on short Arabic is weak, and because for hadath the question
//! that matters is whether the Arabic or the English pipeline should read the text.

use crate::normalize::is_arabic_letter;
use hadath_core::Language;
use whatlang::{Detector, Lang};

/// Fewer letters than this and script counting alone decides.
const SHORT_TEXT_LETTERS: usize = 40;

pub fn identify(text: &str, declared: Option<&str>) -> Language {
    let (mut arabic, mut latin, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    let letters = arabic + latin + other;
    if letters == 0 {
        return from_declared(declared).unwrap_or(Language::Other);
    }
    if letters < SHORT_TEXT_LETTERS {
        if let Some(language) = from_declared(declared) {
            return language;
        }
        return if arabic * 2 > letters {
            Language::Arabic
        } else if latin * 2 > letters {
            Language::English
        } else {
            Language::Other
        };
    }
    if arabic * 2 > letters {
        // Arabic script: Arabic, or Persian/Urdu written in it.
        let detector = Detector::with_allowlist(vec![Lang::Ara, Lang::Pes, Lang::Urd]);
        return match detector.detect_lang(text) {
            Some(Lang::Ara) | None => Language::Arabic,
            Some(_) => Language::Other,
        };
    }
    if latin * 2 > letters {
        // A declared language wins over statistics for Latin script: a one-sentence report
        // full of names ("Israeli soldiers arrested 100 Palestinians in Hebron.") reads as
        // another language to trigram statistics. Undeclared, only a reliable guess of another
        // language keeps a text from the English stage.
        if let Some(language) = from_declared(declared) {
            return language;
        }
        return match whatlang::detect(text) {
            Some(info) if info.lang() != Lang::Eng && info.is_reliable() => Language::Other,
            _ => Language::English,
        };
    }
    Language::Other
}

fn from_declared(declared: Option<&str>) -> Option<Language> {
    let tag = declared?.trim().to_ascii_lowercase();
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    match primary {
        "ar" => Some(Language::Arabic),
        "en" => Some(Language::English),
        "" => None,
        _ => Some(Language::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_arabic_english_and_other() {
        let arabic = "يخيم الفشل حتى الآن على المساعي الروسية لحل الأزمة المتشابكة في درعا";
        assert_eq!(identify(arabic, None), Language::Arabic);
        let english = "Russian-mediated talks with rebel factions in Daraa ended without agreement on Wednesday.";
        assert_eq!(identify(english, None), Language::English);
        let french = "Les négociations menées par la Russie avec les factions rebelles à Deraa ont échoué mercredi.";
        assert_eq!(identify(french, None), Language::Other);
        let persian = "مذاکرات روسیه با گروه‌های مسلح در درعا بدون نتیجه به پایان رسید و آنها گفتند که می‌خواهند بمانند";
        assert_eq!(identify(persian, None), Language::Other);
    }

    #[test]
    fn short_and_empty_texts_fall_back_to_script_and_declaration() {
        assert_eq!(identify("درعا", None), Language::Arabic);
        assert_eq!(identify("Daraa", None), Language::English);
        assert_eq!(identify("2018", Some("ar-SY")), Language::Arabic);
        assert_eq!(identify("...", None), Language::Other);
    }

    #[test]
    fn a_name_heavy_english_sentence_is_english() {
        // Trigram statistics take this for another language; it is not reliably one.
        let report = "Israeli soldiers arrested 100 Palestinians in Hebron.";
        assert_eq!(identify(report, None), Language::English);
        assert_eq!(identify(report, Some("en")), Language::English);
        // A declaration decides for Latin script.
        let french = "Les négociations menées par la Russie avec les factions rebelles à Deraa ont échoué mercredi.";
        assert_eq!(identify(french, Some("en")), Language::English);
    }
}
