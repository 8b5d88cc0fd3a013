//! Readers, scoring and a tiny train-then-tag run on fixtures cut from the real corpora.

use hadath_ner::corpus::{map_corpus, read_corpus, Sentence};
use hadath_ner::features::Resources;
use hadath_ner::train::{fit, FitOptions};
use hadath_ner::{evaluate_sentences, tag_conll, CorpusFormat};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str, f: CorpusFormat) -> Vec<Sentence> {
    let mut s = read_corpus(&fixture(name), f).unwrap();
    map_corpus(&mut s, f);
    s
}

#[test]
fn anercorp_fixture() {
    let s = read("anercorp.txt", CorpusFormat::Anercorp);
    assert!(s.len() >= 3);
    assert_eq!(s[0].tokens[0], "فرانكفورت");
    assert_eq!(s[0].tags[0], "B-LOC");
    // Sentences end at sentence punctuation; the empty ` O` token is dropped.
    for x in &s[..s.len() - 1] {
        assert!(matches!(x.tokens.last().unwrap().as_str(), "." | "!" | "?"));
    }
    let total: usize = s.iter().map(|x| x.tokens.len()).sum();
    assert_eq!(total, 90);
}

#[test]
fn wikifane_fixture_has_no_bom_cr_or_marks() {
    let raw = read_corpus(&fixture("wikifane.txt"), CorpusFormat::Fane).unwrap();
    assert_eq!(raw[0].tokens[0], "جمهورية");
    assert_eq!(raw[0].tags[0], "B-Nation");
    for s in &raw {
        for t in s.tokens.iter().chain(&s.tags) {
            assert!(!t.contains(['\u{feff}', '\u{200e}', '\r']), "{t:?}");
        }
    }
    let mapped = read("wikifane.txt", CorpusFormat::Fane);
    assert_eq!(&mapped[0].tags[..3], &["B-LOC", "I-LOC", "I-LOC"]);
}

#[test]
fn newsfane_aqmar_wojood_fixtures() {
    let n = read("newsfane.txt", CorpusFormat::Fane);
    assert_eq!(n.len(), 3);
    assert_eq!(n[0].tags[0], "B-LOC"); // فرانكفورت: Population-Center
    let a = read("aqmar.txt", CorpusFormat::Aqmar);
    assert_eq!(a.len(), 4);
    assert!(a.iter().flat_map(|s| &s.tags).any(|t| t == "B-MISC"));
    let w = read_corpus(&fixture("wojood.txt"), CorpusFormat::Wojood).unwrap();
    let i = w[0].tokens.iter().position(|t| t == "الأسد").unwrap();
    assert_eq!(w[0].tags[i], "I-ORG", "outer layer of a nested mention");
}

#[test]
fn tiny_train_then_tag() {
    let mut train = read("anercorp.txt", CorpusFormat::Anercorp);
    train.extend(read("aqmar.txt", CorpusFormat::Aqmar));
    let mut log = |_: &str| {};
    let opts = FitOptions::plain(16, 30, 1);
    let tagger = fit(&train, Resources::default(), opts, None, &mut log);
    let scores = evaluate_sentences(&tagger, &train);
    // A perceptron must at least fit its own few training sentences.
    assert!(scores.micro().f1() > 0.9, "{scores}");

    // tag_conll keeps tokens and blank lines, and emits tags from the ANERcorp label set.
    let input = std::fs::read_to_string(fixture("aqmar.txt")).unwrap();
    let mut out = Vec::new();
    tag_conll(input.as_bytes(), &mut out, &tagger).unwrap();
    let out = String::from_utf8(out).unwrap();
    let (a, b): (Vec<&str>, Vec<&str>) = (input.lines().collect(), out.lines().collect());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        if x.trim().is_empty() {
            assert!(y.is_empty());
            continue;
        }
        let (tok, _) = x.rsplit_once(' ').unwrap();
        let (tok2, tag) = y.rsplit_once(' ').unwrap();
        assert_eq!(tok, tok2);
        assert!(hadath_ner::LABELS.contains(&tag), "{tag}");
    }
}

#[test]
fn embedded_model_loads_and_tags() {
    // The committed model (models/ner/) is compiled in; it must parse and tag sensibly.
    let t = hadath_ner::Tagger::embedded();
    if !t.is_trained() {
        return; // built before any model existed
    }
    let toks = [
        "وقال",
        "الرئيس",
        "الأمريكي",
        "جورج",
        "بوش",
        "في",
        "واشنطن",
        "امس",
        ".",
    ];
    let tags = t.tag(&toks);
    assert_eq!(tags.len(), toks.len());
    assert_eq!(tags[3], "B-PERS", "{tags:?}");
    assert_eq!(tags[4], "I-PERS", "{tags:?}");
    assert_eq!(tags[6], "B-LOC", "{tags:?}");
}
