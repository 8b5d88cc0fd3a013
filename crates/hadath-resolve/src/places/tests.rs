//! Tests of the gazetteer, the resolver and the founding example (committed artifact only).

use super::*;
use hadath_core::{Analysis, Document, Entity, EntityType, Place, PlacePrecision, Span};

const FOUNDING: &str = include_str!("../../../../examples/daraa-2018-07-04.ar.txt");

fn analyse(text: &str) -> Analysis {
    let mut analysis = Analysis::new(Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    });
    hadath_language::annotate(&mut analysis);
    analysis
}

fn resolved(text: &str) -> Analysis {
    let mut analysis = analyse(text);
    resolve_places(&mut analysis, Gazetteer::embedded());
    analysis
}

/// The place on the first entity whose text is `mention`.
fn place<'a>(analysis: &'a Analysis, mention: &str) -> &'a Place {
    analysis
        .entities
        .iter()
        .find(|e| e.span.slice(analysis.text()) == mention)
        .and_then(|e| e.place.as_ref())
        .unwrap_or_else(|| {
            let found: Vec<&str> = analysis
                .entities
                .iter()
                .map(|e| e.span.slice(analysis.text()))
                .collect();
            panic!("no place {mention:?} among {found:?}")
        })
}

#[test]
fn names_normalise_across_scripts_and_transliterations() {
    assert_eq!(place_key("Dar‘ā"), "dara");
    assert_eq!(place_key("Deir ez-Zor"), "deir ez zor");
    assert_eq!(place_key("Ma’rib"), "marib");
    assert_eq!(place_key("دَرْعا"), "درعا");
    assert_eq!(place_key("الرقة"), "الرقه");
    assert_eq!(place_key("  بصرى   الحرير "), "بصري الحرير");
}

#[test]
fn persian_and_urdu_forms_are_not_arabic_names() {
    let (kept, dropped) = build::arabic_names(
        [
            "طهران",
            "کرمانشاه",
            "گیلان",
            "تبریز",
            "بصرى الشام",
            "Busra",
            "پیشاور",
        ]
        .into_iter(),
    );
    assert_eq!(kept, vec!["طهران", "بصرى الشام"]);
    assert_eq!(dropped, 4);
    assert!(key::is_pure_arabic("دير الزور"));
    assert!(!key::is_pure_arabic("دیر الزور"), "Persian ye");
}

#[test]
fn embedded_gazetteer_has_places_regions_countries() {
    let started = std::time::Instant::now();
    let g = Gazetteer::embedded();
    assert!(
        started.elapsed().as_millis() < 1000,
        "load is a header read"
    );
    let ids: Vec<u64> = g.lookup("درعا").iter().map(|r| r.geonameid).collect();
    assert!(ids.contains(&170905) && ids.contains(&170903), "{ids:?}");
    assert_eq!(g.country("SY").unwrap().geonameid, 163843);
    assert_eq!(g.country("SY").unwrap().iso3(), Some("SYR"));
    let daraa = g.admin1("SY", "06").unwrap();
    assert_eq!((daraa.geonameid, daraa.name_ar), (170903, "درعا"));
    assert!(
        daraa.lat.is_some(),
        "regions get their capital's coordinate"
    );
    assert!(g.lookup("Deraa").iter().any(|r| r.geonameid == 170905));
    let prefixed: Vec<String> = g.prefix("بصرى ", 10).into_iter().map(|p| p.0).collect();
    assert!(prefixed.contains(&"بصري الشام".to_string()), "{prefixed:?}");
    assert!(g.size_bytes() < 10_000_000);
}

#[test]
fn city_versus_governorate_of_the_same_name() {
    let a = resolved("قصفت الطائرات مدينة درعا، وسقطت قذائف في ريف درعا.");
    let spans: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.span.slice(a.text()) == "درعا")
        .map(|e| e.place.as_ref().unwrap().geonameid)
        .collect();
    assert_eq!(spans, vec![Some(170905), Some(170903)]);
    let a = resolved("اشتباكات في محافظة حمص ومدينة حلب.");
    assert_eq!(place(&a, "محافظة حمص").geonameid, Some(169575));
    assert_eq!(place(&a, "محافظة حمص").precision, PlacePrecision::Admin1);
    assert_eq!(place(&a, "حلب").geonameid, Some(170063));
    let a = resolved("Shelling hit Daraa province and the city of Homs.");
    assert_eq!(place(&a, "Daraa").geonameid, Some(170903));
    assert_eq!(place(&a, "Homs").geonameid, Some(169577));
}

#[test]
fn containment_picks_the_candidate_inside_the_container() {
    // الرمادي: Ramadi in Iraq (large) or Ar Ramādī in Yemen (small).
    assert_eq!(
        place(&resolved("قتل ثلاثة في الرمادي أمس."), "الرمادي").geonameid,
        Some(98717)
    );
    let a = resolved("قتل ثلاثة في الرمادي في اليمن أمس.");
    assert_eq!(place(&a, "الرمادي").geonameid, Some(30762));
    // A place the gazetteer lacks takes its container.
    let a = resolved("قتل مدنيان في بصرى الحرير بريف درعا.");
    let p = place(&a, "بصرى الحرير");
    assert_eq!(p.precision, PlacePrecision::Admin1);
    assert_eq!(p.admin1.as_deref(), Some("SY.06"));
    assert_eq!(p.candidates, 0);
}

#[test]
fn demonyms_in_both_languages_and_genders() {
    for (form, iso3) in [
        ("الروسي", "RUS"),
        ("الروسية", "RUS"),
        ("روس", "RUS"),
        ("روسيا", "RUS"),
        ("للروس", "RUS"),
        ("الأمريكية", "USA"),
        ("الأميركي", "USA"),
        ("Russian", "RUS"),
        ("American", "USA"),
        ("سورية", "SYR"),
        ("السوريين", "SYR"),
        ("Syrian", "SYR"),
    ] {
        let c = country_of_demonym(form).unwrap_or_else(|| panic!("{form}"));
        assert_eq!(c.iso3, iso3, "{form}");
    }
    assert_eq!(country_of_demonym("الروسية").unwrap().name_ar, "روسيا");
    assert!(country_of_demonym("الفصائل").is_none());
    assert_eq!(country_form("الروسية").unwrap().1, CountryForm::Demonym);
    assert_eq!(country_form("روسيا").unwrap().1, CountryForm::Name);
}

#[test]
fn regions_of_countries() {
    let a = resolved("ناقش وقفا لإطلاق النار في جنوب سورية وفي شمال العراق.");
    let p = place(&a, "جنوب سورية");
    assert_eq!(
        (p.geonameid, p.precision),
        (Some(163843), PlacePrecision::Region)
    );
    let country = Gazetteer::embedded().country("SY").unwrap();
    assert!(p.lat.unwrap() < country.lat.unwrap(), "south of the centre");
    assert_eq!(place(&a, "شمال العراق").geonameid, Some(99237));
    let a = resolved("Fighting continued in southern Syria.");
    assert_eq!(
        place(&a, "southern Syria").precision,
        PlacePrecision::Region
    );
}

#[test]
fn common_words_and_names_are_not_places() {
    let a = resolved(
        "قال مصدر مطلع إن الوضع غير آمن، ونقل الخبر عن سيرجي لافروف أنه لعب دورا مهما في الدولة.",
    );
    let found: Vec<&str> = a.entities.iter().map(|e| e.span.slice(a.text())).collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn founding_example_places() {
    let a = resolved(FOUNDING);
    assert_eq!(place(&a, "درعا").geonameid, Some(170905));
    let busra = place(&a, "بصرى الحرير");
    assert_eq!(busra.precision, PlacePrecision::Admin1);
    assert_eq!(busra.admin1.as_deref(), Some("SY.06"));
    assert_eq!(busra.geonameid, Some(170903));
    let south = place(&a, "جنوب سورية");
    assert_eq!(
        (south.geonameid, south.precision),
        (Some(163843), PlacePrecision::Region)
    );
    assert_eq!(place(&a, "روسيا").geonameid, Some(2017370));
    assert_eq!(place(&a, "الروسي").country.as_deref(), Some("RU"));
    assert_eq!(place(&a, "الروسية").country.as_deref(), Some("RU"));
    assert_eq!(place(&a, "الأمريكية").country.as_deref(), Some("US"));
    let demonym = a
        .entities
        .iter()
        .find(|e| e.span.slice(a.text()) == "الروسي")
        .unwrap();
    assert_eq!(demonym.source, SOURCE_DEMONYM);
    // لروسيا: the preposition stays outside the span.
    assert!(a
        .entities
        .iter()
        .any(|e| e.span.slice(a.text()) == "روسيا" && a.text()[..e.span.start].ends_with('ل')));
}

#[test]
fn repeated_sentences_are_skipped_and_tagger_entities_are_filled() {
    let text = "قصف في درعا. قصف في درعا. وصل الوفد إلى كفرنبودة.";
    let mut a = analyse(text);
    assert_eq!(a.sentences.len(), 3);
    a.sentences[1].repeat_of = Some(0);
    a.entities.push(tagged_place(text, "كفرنبودة"));
    resolve_places(&mut a, Gazetteer::embedded());
    let daraa: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.span.slice(text) == "درعا")
        .collect();
    assert_eq!(daraa.len(), 1, "the repeat is not coded again");
    let unknown = a.entities.iter().find(|e| e.source == "tagger").unwrap();
    let p = unknown.place.as_ref().unwrap();
    assert_eq!(p.candidates, 0);
    assert_eq!(p.admin1.as_deref(), Some("SY.06"), "the document's region");
}

/// A tagger GPE entity (as the NER stage would add) on the first occurrence of `name`.
fn tagged_place(text: &str, name: &str) -> Entity {
    let at = text.find(name).unwrap();
    Entity {
        span: Span::new(at, at + name.len()),
        kind: EntityType::GPE,
        source: "tagger".into(),
        actor: None,
        place: None,
        date: None,
    }
}

/// `text` with the named words added as tagger GPE entities, resolved.
fn resolved_with_tagged(text: &str, tagged: &[&str]) -> Analysis {
    let mut a = analyse(text);
    for name in tagged {
        a.entities.push(tagged_place(text, name));
    }
    resolve_places(&mut a, Gazetteer::embedded());
    a
}

#[test]
fn names_with_hamza_seats_are_spotted() {
    // Gazetteer keys once split ئ/ؤ (NFD): Algeria, Israel and Taif were never found.
    let a = resolved("قصفت إسرائيل غزة، ووصل الوزير إلى الجزائر ثم الطائف.");
    assert_eq!(place(&a, "إسرائيل").country.as_deref(), Some("IL"));
    assert_eq!(place(&a, "إسرائيل").precision, PlacePrecision::Country);
    assert_eq!(place(&a, "الجزائر").country.as_deref(), Some("DZ"));
    assert_eq!(place(&a, "الطائف").country.as_deref(), Some("SA"));
}

#[test]
fn short_country_names_and_curated_arabic_names() {
    // countryInfo's Arabic is "جمهورية تشاد"; cities500 has no Arabic name for Washington.
    let a = resolved("زار وزير خارجية تشاد واشنطن.");
    assert_eq!(place(&a, "تشاد").country.as_deref(), Some("TD"));
    assert_eq!(place(&a, "واشنطن").geonameid, Some(4140963));
}

#[test]
fn unknown_names_take_the_story_region_only_with_evidence_nearby() {
    // The story is in Daraa, but the last sentence names no place there: its unknown name is
    // not put in Daraa.
    let text = "قصف في درعا. وفي تصريح آخر قال الوزير إن الوضع هادئ. وصل الوفد إلى كفرنبودة.";
    let a = resolved_with_tagged(text, &["كفرنبودة"]);
    let p = place(&a, "كفرنبودة");
    assert_eq!(p.geonameid, None, "{p:?}");
    assert_eq!(p.precision, PlacePrecision::Unresolved);
}

#[test]
fn macro_regions_stay_unresolved() {
    // Dateline Moscow: "the Gulf" and "the Middle East" are not Moscow, and no village
    // named الخليج stands in for them.
    let text = "موسكو – قال لافروف في موسكو إن الاستقرار في منطقة الخليج والشرق الأوسط مهم.";
    let a = resolved_with_tagged(text, &["الخليج", "الشرق الأوسط"]);
    for name in ["الخليج", "الشرق الأوسط"] {
        let p = place(&a, name);
        assert_eq!(p.geonameid, None, "{name}: {p:?}");
    }
    assert_eq!(place(&a, "موسكو").country.as_deref(), Some("RU"));
}

#[test]
fn a_tagged_stoplisted_word_is_looked_up() {
    // دوما is stoplisted (the Russian Duma); tagged as a place it is Douma, Syria.
    let text = "قصفت الطائرات مدينة دوما في ريف دمشق.";
    let a = resolved_with_tagged(text, &["دوما"]);
    assert_eq!(place(&a, "دوما").country.as_deref(), Some("SY"));
    assert!(place(&a, "دوما").candidates > 0);
}

#[test]
fn a_verb_and_its_plural_subject_are_no_unknown_place() {
    // سار is also a place name; "سار المتظاهرون" (the protesters marched) is no place.
    let a = resolved("وسار المتظاهرون من باب الجديد إلى الساحة.");
    assert!(
        a.entities
            .iter()
            .all(|e| !e.span.slice(a.text()).contains("المتظاهرون")),
        "{:?}",
        a.entities
    );
}

#[test]
fn a_word_whose_stripped_form_is_a_place_is_no_place() {
    // فاتن is ف + آتن (Athens) to the clitic analysis, والسيول "and Seoul", للبنين "for
    // Benin": the stoplist keeps the common readings; سيول without the article is Seoul.
    let a = resolved("وعادت الفنانة فاتن حمامة بأمان رغم السيول، وافتتحت مدرسة للبنين في جدة.");
    let found: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.place.is_some())
        .map(|e| e.span.slice(a.text()))
        .collect();
    assert_eq!(found, vec!["جدة"], "{:?}", a.entities);
    // "دعم مالي" is financial support, not Mali.
    let a = resolved("وقدمت الحكومة دعم مالي للجمعيات.");
    assert!(
        a.entities.iter().all(|e| e.place.is_none()),
        "{:?}",
        a.entities
    );
    assert_eq!(
        place(&resolved("وصل الوفد إلى سيول أمس."), "سيول")
            .country
            .as_deref(),
        Some("KR")
    );
}

#[test]
fn a_nationality_adjective_after_a_place_is_its_country() {
    // سوروتش is not in the compact gazetteer; the story is about Syria, but the adjective
    // says the town is Turkish.
    let text = "قتل 30 شخصا في هجوم انتحاري استهدف مدينة سوروتش التركية قرب الحدود مع سوريا.";
    let a = resolved_with_tagged(text, &["سوروتش"]);
    assert_eq!(place(&a, "سوروتش").country.as_deref(), Some("TR"));
}
