//! Tests of actor resolution on the founding example, dated roles and composition.

use super::*;
use hadath_core::{Document, Span};

const DARAA: &str = include_str!("../../../../examples/daraa-2018-07-04.ar.txt");

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn analysed(text: &str, published: Option<NaiveDate>) -> Analysis {
    let mut analysis = Analysis::new(Document {
        id: "test".into(),
        text: text.into(),
        published,
        ..Document::default()
    });
    hadath_language::annotate(&mut analysis);
    analysis
}

fn daraa() -> Analysis {
    let mut analysis = analysed(DARAA, date(2018, 7, 4));
    resolve_actors(&mut analysis, ActorDictionary::embedded());
    analysis
}

/// Byte span of the first occurrence of `phrase` after the first occurrence of `after`.
fn find(text: &str, after: &str, phrase: &str) -> Span {
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("{after} not in text"))
        + after.len();
    let at = from
        + text[from..]
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase} not after {after}"));
    Span::new(at, at + phrase.len())
}

/// The actor of the smallest entity covering `span`.
fn actor_at(analysis: &Analysis, span: Span) -> Actor {
    analysis
        .entities
        .iter()
        .filter(|e| e.actor.is_some() && e.span.contains(span))
        .min_by_key(|e| e.span.len())
        .and_then(|e| e.actor.clone())
        .unwrap_or_else(|| {
            let near: Vec<String> = analysis
                .entities
                .iter()
                .filter(|e| e.span.overlaps(span))
                .map(|e| format!("{:?} {:?}", e.span.slice(analysis.text()), e.actor))
                .collect();
            panic!(
                "no actor covers {:?}; overlapping: {near:?}",
                span.slice(analysis.text())
            )
        })
}

fn code(text: &str, published: Option<NaiveDate>) -> Option<String> {
    code_span(text, published, ActorDictionary::embedded()).map(|a| a.code)
}

#[test]
fn founding_example_actors_are_resolved() {
    let a = daraa();
    let text = a.text();
    let cases = [
        ("", "الوفد الروسي", "RUSGOV"),
        ("", "مجلس الأمن الدولي", "IGOUNO"),
        ("", "وزارة الخارجية الأمريكية", "USAGOV"),
        ("", "مايك بومبيو", "USAGOV"),
        ("", "سيرجي لافروف", "RUSGOV"),
        ("", "هيذر ناورت", "USAGOV"),
        ("", "الفصائل", "SYRREB"),
        ("التقى ", "الفصائل", "SYRREB"),
        ("", "النظام", "SYRGOV"),
        ("لروسيا و", "النظام", "SYRGOV"),
        ("", "المدنيين", "SYRCVL"),
        ("استفز النظام ", "المدنيين", "SYRCVL"),
        ("مصدر مطلع في ", "المعارضة", "SYROPP"),
        ("لإجبار ", "المعارضة المسلحة", "SYRREB"),
        ("", "روسيا", "RUS"),
        ("ملزم ل", "روسيا", "RUS"),
        ("", "الإدارة الأمريكية", "USAGOV"),
    ];
    let mut wrong = Vec::new();
    for (after, phrase, expected) in cases {
        let actor = actor_at(&a, find(text, after, phrase));
        if actor.code != expected {
            wrong.push(format!("{phrase} → {} (want {expected})", actor.code));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    let pompeo = actor_at(&a, find(text, "", "بومبيو"));
    assert_eq!(pompeo.entry.as_deref(), Some("person.pompeo"));
    assert_eq!(pompeo.country.as_deref(), Some("USA"));
    assert_eq!(pompeo.sector.as_deref(), Some("GOV"));
    assert_eq!(pompeo.name.as_deref(), Some("Mike Pompeo"));
    let russia = a
        .entities
        .iter()
        .find(|e| e.span == find(text, "", "روسيا"))
        .expect("روسيا is an entity");
    assert_eq!(russia.kind, EntityType::GPE);
    assert_eq!(russia.actor.as_ref().unwrap().sector, None);
    let factions = a
        .entities
        .iter()
        .find(|e| e.span == find(text, "", "الفصائل"))
        .expect("الفصائل is an entity of its own");
    assert_eq!(factions.source, "actors");
    assert_eq!(factions.kind, EntityType::ORG);
    assert_eq!(
        document_country(&a, ActorDictionary::embedded()).as_deref(),
        Some("SYR")
    );
}

#[test]
fn repeated_sentences_are_skipped_and_entities_keep_their_place() {
    let mut a = analysed(DARAA, date(2018, 7, 4));
    // Mark the second copy of the repeated paragraph as a repeat, as the cleaning stage does.
    let n = a.sentences.len();
    for i in n / 2..n {
        a.sentences[i].repeat_of = Some(i - n / 2);
    }
    let second = DARAA.rfind("الوفد الروسي").unwrap();
    resolve_actors(&mut a, ActorDictionary::embedded());
    assert!(a.entities.iter().all(|e| e.span.end <= second
        || a.sentences[a
            .tokens
            .iter()
            .find(|t| t.span.start >= e.span.start)
            .unwrap()
            .sentence]
            .repeat_of
            .is_none()));
    let starts: Vec<usize> = a.entities.iter().map(|e| e.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn existing_entities_get_actors_and_are_not_duplicated() {
    let mut a = analysed(DARAA, date(2018, 7, 4));
    let lavrov = find(DARAA, "", "سيرجي لافروف");
    let russia = find(DARAA, "", "روسيا");
    let ministry = find(DARAA, "", "وزارة الخارجية الأمريكية");
    for (span, kind) in [
        (lavrov, EntityType::PER),
        (russia, EntityType::GPE),
        (ministry, EntityType::ORG),
    ] {
        a.entities.push(Entity {
            span,
            kind,
            source: "tagger".into(),
            actor: None,
            place: None,
            date: None,
        });
    }
    resolve_actors(&mut a, ActorDictionary::embedded());
    let get = |span: Span| {
        a.entities
            .iter()
            .find(|e| e.span == span && e.source == "tagger")
            .and_then(|e| e.actor.clone())
            .map(|a| a.code)
    };
    assert_eq!(get(lavrov).as_deref(), Some("RUSGOV"));
    assert_eq!(get(russia).as_deref(), Some("RUS"));
    assert_eq!(get(ministry).as_deref(), Some("USAGOV"));
    // No second entity over Lavrov or the ministry.
    for span in [lavrov, ministry] {
        let over = a
            .entities
            .iter()
            .filter(|e| e.span.overlaps(span) && e.kind != EntityType::GPE)
            .count();
        assert_eq!(over, 1, "{:?}", span.slice(DARAA));
    }
}

#[test]
fn dated_roles_follow_the_publication_date() {
    // Pompeo: congressman 2011-2017, CIA director from 2017-01-23, Secretary of State from
    // 2018-04-26 until 2021-01-20.
    assert_eq!(
        code("مايك بومبيو", date(2015, 6, 1)).as_deref(),
        Some("USALEG")
    );
    assert_eq!(
        code("مايك بومبيو", date(2010, 6, 1)).as_deref(),
        Some("USA")
    );
    assert_eq!(code("بومبيو", date(2017, 6, 1)).as_deref(), Some("USAGOV"));
    assert_eq!(code("بومبيو", date(2018, 7, 4)).as_deref(), Some("USAGOV"));
    assert_eq!(code("بومبيو", date(2022, 1, 1)).as_deref(), Some("USA"));
    assert_eq!(code("بومبيو", None).as_deref(), Some("USAGOV"));
    // Lavrov: ambassador to the UN, then foreign minister; RUSGOV throughout.
    assert_eq!(code("لافروف", date(2003, 1, 1)).as_deref(), Some("RUSGOV"));
    assert_eq!(code("لافروف", date(2018, 7, 4)).as_deref(), Some("RUSGOV"));
    // The same surname, two people: the one in office on the date.
    let assad = |d| code_span("الأسد", d, ActorDictionary::embedded()).and_then(|a| a.entry);
    assert_eq!(
        assad(date(1990, 1, 1)).as_deref(),
        Some("person.hafez-assad")
    );
    assert_eq!(
        assad(date(2018, 1, 1)).as_deref(),
        Some("person.bashar-assad")
    );
    // Sisi: army chief, then president.
    assert_eq!(
        code("عبد الفتاح السيسي", date(2013, 7, 3)).as_deref(),
        Some("EGYMIL")
    );
    assert_eq!(code("السيسي", date(2016, 1, 1)).as_deref(), Some("EGYGOV"));
}

#[test]
fn agents_compose_with_countries() {
    let d = date(2018, 7, 4);
    let cases = [
        ("قوات النظام السوري", "SYRMIL"),
        ("وزير الخارجية الروسي", "RUSGOV"),
        ("وزارة الخارجية الروسية", "RUSGOV"),
        (
            "المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا",
            "RUSGOV",
        ),
        ("الجيش الإسرائيلي", "ISRMIL"),
        ("جنود أميركيين", "USAMIL"),
        ("جنديا أمريكيا", "USAMIL"),
        ("المعارضة السورية", "SYROPP"),
        ("الشرطة الباكستانية", "PAKCOP"),
        ("قوات الأمن الباكستانية", "PAKCOP"),
        ("عناصر القوات العراقية", "IRQMIL"),
        ("دورية للقوات الاميركية", "USAMIL"),
        ("القوات الخاصة الأمريكية", "USAMIL"),
        ("جيش روسيا", "RUSMIL"),
        ("الحكومة العراقية", "IRQGOV"),
        ("الرئيس السوري بشار الأسد", "SYRGOV"),
        ("مسلحو حماس", "PSEREBHMS"),
        ("الأمين العام لحزب الله", "LBNREB"),
        ("متشددين موالين لحركة طالبان", "AFGREB"),
        ("وبالفصائل", "REB"),
        ("المدنيين", "CVL"),
        ("الفلسطينيين", "PSE"),
        ("مجلس الأمن", "IGOUNO"),
        ("تنظيم «القاعدة»", "IMGMUSALQ"),
        ("ضابط في الشرطة", "COP"),
        ("وحدة إسرائيلية خاصة", "ISRMIL"),
        ("قاعدة للشرطة في مدينة بعقوبة", "IRQCOP"),
        ("شرطة إسلام آباد", "PAKCOP"),
        // Unknown assailants are armed men, not the civilians أشخاص alone names.
        ("أشخاص مجهولين", "UAF"),
        ("مفتي عام", "REL"),
        ("البرلمان العربي", "IGOMEAARL"),
        // The Saudi king's title, whoever holds it.
        ("خادم الحرمين الشريفين", "SAUGOV"),
    ];
    let mut wrong = Vec::new();
    for (phrase, expected) in cases {
        let got = code(phrase, d);
        if got.as_deref() != Some(expected) {
            wrong.push(format!("{phrase} → {got:?} (want {expected})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    let date_2008 = date(2008, 1, 10);
    assert_eq!(
        code("رئيس الوزراء العراقي نوري المالكي", date_2008).as_deref(),
        Some("IRQGOV")
    );
    assert_eq!(
        code("زعيمة المعارضة بي نظير بوتو", date_2008).as_deref(),
        Some("PAKOPP")
    );
}

#[test]
fn ambiguous_words_are_not_actors_alone() {
    // الوحدة alone is "unity", سياحي "touristic" (not "my tourists"), أمام "in front of".
    for phrase in [
        "الوحدة الوطنية",
        "قطاع سياحي",
        "أمام المبنى",
        "عملية إرهابية",
        // After an attack noun, انتحاري describes the attack.
        "الاعتداء الانتحاري",
        "للعملية الانتحارية",
    ] {
        assert_eq!(code(phrase, None), None, "{phrase}");
    }
    // Saudi Arabia's Special Emergency Forces are police; UNIFIL is still UNIFIL.
    assert_eq!(code("قوات الطوارئ الخاصة", None).as_deref(), Some("COP"));
    assert_ne!(code("قوات الطوارئ الدولية", None).as_deref(), Some("COP"));
    // The bomber himself is still an actor.
    assert!(code("وفجر الانتحاري نفسه", None).is_some_and(|c| c.ends_with("UAF")));
    // …and in a genitive: "the bomber's detonation of his truck".
    assert!(code("تفجير الانتحاري لشاحنته", None).is_some_and(|c| c.ends_with("UAF")));
}

#[test]
fn a_place_after_in_is_not_part_of_the_actor() {
    let a = daraa();
    let factions = find(a.text(), "التقى ", "الفصائل");
    assert!(
        a.entities.iter().any(|e| e.span == factions),
        "الفصائل في بصرى الحرير should stop at الفصائل"
    );
}

#[test]
fn a_plural_with_its_nun_does_not_swallow_the_next_argument() {
    // "هاجم مفجرون انتحاريون سياسيين" (AAW_ARB_20080110.0023-9 of the Arabic event gold
    // standard): suicide bombers attacked politicians. مفجرون keeps its ن, so it heads no
    // construct: two actors. A construct (مسلحو حماس) still joins.
    let mentions = mentions_in(
        "هاجم مفجرون انتحاريون سياسيين",
        None,
        ActorDictionary::embedded(),
    );
    let texts: Vec<String> = mentions
        .iter()
        .map(|m| m.span.slice("هاجم مفجرون انتحاريون سياسيين").to_string())
        .collect();
    assert_eq!(texts, vec!["مفجرون انتحاريون", "سياسيين"], "{mentions:?}");
    let mentions = mentions_in("مسلحو حماس", None, ActorDictionary::embedded());
    assert_eq!(mentions.len(), 1, "{mentions:?}");
}

#[test]
fn a_definite_agent_does_not_swallow_the_next_argument() {
    // "استفز النظام المدنيين": the regime provoked the civilians — two actors.
    let mentions = mentions_in("استفز النظام المدنيين", None, ActorDictionary::embedded());
    let codes: Vec<&str> = mentions.iter().map(|m| m.actor.code.as_str()).collect();
    assert_eq!(codes, vec!["GOV", "CVL"]);
    // "روسيا والنظام": a conjunction starts a new actor.
    let mentions = mentions_in("لروسيا والنظام", None, ActorDictionary::embedded());
    let codes: Vec<&str> = mentions.iter().map(|m| m.actor.code.as_str()).collect();
    assert_eq!(codes, vec!["RUS", "GOV"]);
    // "وحث الوزير الأطراف اليمنية": a plural after the definite minister is no adjective of
    // his, so Yemeni belongs to the parties; "وزير الأوقاف المصري" is a construct, one actor.
    let text = "وحث الوزير الأطراف اليمنية على التفاوض";
    let mentions = mentions_in(text, None, ActorDictionary::embedded());
    assert!(
        mentions
            .iter()
            .all(|m| m.span.slice(text) != "الوزير الأطراف اليمنية"),
        "{mentions:?}"
    );
    let text = "وقال وزير الأوقاف المصري";
    let mentions = mentions_in(text, None, ActorDictionary::embedded());
    let spans: Vec<&str> = mentions.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(spans, vec!["وزير الأوقاف المصري"]);
}

#[test]
fn bare_agents_without_a_story_country_keep_only_their_sector() {
    let mut a = analysed("قال الجيش إن المسلحين هاجموا.", None);
    resolve_actors(&mut a, ActorDictionary::embedded());
    let codes: Vec<String> = a
        .entities
        .iter()
        .filter_map(|e| e.actor.as_ref().map(|a| a.code.clone()))
        .collect();
    assert_eq!(codes, vec!["MIL", "UAF"]);
}

#[test]
fn a_place_sets_the_story_country() {
    let mut a = analysed(
        "قصفت الطائرات مدينة الحديدة. وقال الجيش إن الحوثيين هاجموا المدنيين.",
        date(2018, 6, 1),
    );
    resolve_actors(&mut a, ActorDictionary::embedded());
    let army = actor_at(&a, find(a.text(), "", "الجيش"));
    assert_eq!(army.code, "YEMMIL");
    let houthis = actor_at(&a, find(a.text(), "", "الحوثيين"));
    assert_eq!(houthis.code, "YEMREB");
}

/// The actor the resolver gives a name the tagger found in `text` (an uncoded PER entity).
/// An entity as the NER tagger leaves it: a span and a type, nothing resolved.
fn tagger_entity(span: Span, kind: EntityType) -> Entity {
    Entity {
        span,
        kind,
        source: "tagger".into(),
        actor: None,
        place: None,
        date: None,
    }
}

fn tagged_person_actor(text: &str, name: &str, published: Option<NaiveDate>) -> Option<Actor> {
    let mut a = analysed(text, published);
    let person = find(text, "", name);
    a.entities.push(tagger_entity(person, EntityType::PER));
    resolve_actors(&mut a, ActorDictionary::embedded());
    a.entities
        .iter()
        .find(|e| e.span == person)
        .and_then(|e| e.actor.clone())
}

#[test]
fn an_unknown_person_takes_the_title_before_them() {
    let actor = tagged_person_actor(
        "قال وزير التعليم العالي العراقي سامي المظفر إن الجامعات ستفتح.",
        "سامي المظفر",
        date(2007, 3, 1),
    )
    .expect("the minister has an actor");
    assert_eq!(actor.code, "IRQGOV");
    // A group before a name is no title: the gunmen's victim is not a gunman.
    let victim = tagged_person_actor(
        "اغتال مسلحون نجم الدين الجبوري في الموصل.",
        "نجم الدين الجبوري",
        date(2015, 6, 1),
    );
    assert!(victim.is_none(), "{victim:?}");
}

#[test]
fn english_names_and_adjective_first_phrases() {
    let d = date(2018, 7, 4);
    assert_eq!(code("Sergey Lavrov", d).as_deref(), Some("RUSGOV"));
    assert_eq!(code("the Russian delegation", d).as_deref(), Some("RUSGOV"));
    assert_eq!(code("Syrian army", d).as_deref(), Some("SYRMIL"));
    assert_eq!(
        code("the UN Security Council", d).as_deref(),
        Some("IGOUNO")
    );
}

#[test]
fn the_committed_directory_loads_like_the_embedded_dictionary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/actors");
    let loaded = ActorDictionary::load(&dir).expect("data/actors parses");
    assert_eq!(loaded.len(), ActorDictionary::embedded().len());
    let one = ActorDictionary::load(&dir.join("people.txt")).expect("one file parses");
    assert!(one.by_id("person.lavrov").is_some());
}

#[test]
fn demonyms_only_the_places_table_knows_still_give_our_country() {
    // مغاربة (Moroccans, broken plural) is in the places half's demonym table, not ours.
    assert_eq!(code("مغاربة", None).as_deref(), Some("MAR"));
    assert_eq!(code("متظاهرون مغاربة", None).as_deref(), Some("MARCVL"));
}

#[test]
fn odd_text_does_not_panic_and_spans_stay_on_characters() {
    let texts = [
        "",
        "،،، «» ()",
        "قال \u{202B}لافـروف\u{202C} إنَّ الوَفْدَ الرُّوسِيَّ ﻻ يزال في دمشق.",
        "والفصائل، وبالمدنيين؛ وللنظام! 12 جنديا أمريكيا.",
        "The Russian delegation met Lavrov and the rebels in Daraa.",
        "ﺍﻟﺠﻴﺶ ﺍﻟﺴﻮﺭﻱ",
    ];
    for text in texts {
        let mut a = analysed(text, date(2018, 7, 4));
        resolve_actors(&mut a, ActorDictionary::embedded());
        for e in &a.entities {
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert!(!e.span.is_empty());
        }
        let _ = code_span(text, None, ActorDictionary::embedded());
    }
}

#[test]
fn after_the_places_stage_country_entities_get_country_actors() {
    let mut a = analysed(DARAA, date(2018, 7, 4));
    crate::places::resolve_places(&mut a, crate::places::Gazetteer::embedded());
    resolve_actors(&mut a, ActorDictionary::embedded());
    let text = a.text();
    // The nisba the places stage tags as a GPE inside "الوفد الروسي" is Russia; the phrase is
    // still the Russian government, and the story is still set in Syria.
    assert_eq!(actor_at(&a, find(text, "", "الوفد الروسي")).code, "RUSGOV");
    assert_eq!(actor_at(&a, find(text, "", "النظام")).code, "SYRGOV");
    for e in a.entities.iter().filter(|e| e.kind == EntityType::GPE) {
        let slice = e.span.slice(text);
        if slice.contains("روسي") {
            assert_eq!(
                e.actor.as_ref().map(|a| a.code.as_str()),
                Some("RUS"),
                "{slice}"
            );
        }
        if slice == "درعا" {
            assert_eq!(e.actor, None, "places are not actors");
        }
    }
}

/// The places and actor stages as the pipeline runs them: the dictionary's organisations,
/// then places, then actors.
fn places_then_actors(text: &str, published: Option<NaiveDate>) -> Analysis {
    let mut a = analysed(text, published);
    name_organisations(&mut a, ActorDictionary::embedded());
    crate::places::resolve_places(&mut a, crate::places::Gazetteer::embedded());
    resolve_actors(&mut a, ActorDictionary::embedded());
    a
}

/// Entities over `span` as (type, source, place name, actor code).
fn entities_over(
    a: &Analysis,
    span: Span,
) -> Vec<(EntityType, String, Option<String>, Option<String>)> {
    a.entities
        .iter()
        .filter(|e| e.span.overlaps(span))
        .map(|e| {
            (
                e.kind,
                e.source.clone(),
                e.place.as_ref().and_then(|p| p.name.clone()),
                e.actor.as_ref().map(|a| a.code.clone()),
            )
        })
        .collect()
}

#[test]
fn a_dictionary_organisation_is_not_also_a_place() {
    // "White House" is an alternate name of Casablanca in GeoNames; here it is the US
    // presidency, one ORG entity and no place.
    let text =
        "The United States and Jordan have agreed upon a new free-trade pact between the two \
                countries, the White House announced Tuesday.";
    let a = places_then_actors(text, date(2000, 1, 5));
    let white_house = find(text, "", "White House");
    assert_eq!(
        entities_over(&a, white_house),
        vec![(
            EntityType::ORG,
            "actors".to_string(),
            None,
            Some("USAGOV".to_string())
        )]
    );
    // The countries are still places, and Casablanca voted for nothing.
    assert_eq!(
        entities_over(&a, find(text, "", "Jordan"))[0].2.as_deref(),
        Some("Jordan")
    );
    assert!(a
        .entities
        .iter()
        .filter_map(|e| e.place.as_ref())
        .all(|p| p.country.as_deref() != Some("MA")));
    // A place inside an organisation's name is not emitted either, not even a country: the
    // organisation's actor carries the country ("Free Syrian Army" → SYRREB), and a name that
    // is no country ("Taliban" is a name of a Turkish village in GeoNames) does not count as the story's setting.
    let text = "The Free Syrian Army and the Taliban said the Kremlin and the Pentagon had agreed.";
    let a = places_then_actors(text, date(2019, 1, 5));
    for name in ["Free Syrian Army", "Taliban", "Kremlin", "Pentagon"] {
        let over = entities_over(&a, find(text, "", name));
        assert!(
            over.iter()
                .all(|(kind, _, place, _)| *kind == EntityType::ORG && place.is_none()),
            "{name}: {over:?}"
        );
        assert!(!over.is_empty(), "{name} is an actor");
    }
}

#[test]
fn organisations_named_before_the_places_stage_code_as_resolve_actors_alone_does() {
    // name_organisations adds exactly the entities resolve_actors would add for organisations,
    // so the actors of the founding example are the same either way.
    let alone = daraa();
    let mut first = analysed(DARAA, date(2018, 7, 4));
    name_organisations(&mut first, ActorDictionary::embedded());
    resolve_actors(&mut first, ActorDictionary::embedded());
    let view = |a: &Analysis| {
        let mut v: Vec<_> = a
            .entities
            .iter()
            .map(|e| (e.span, e.kind, e.source.clone(), e.actor.clone()))
            .collect();
        v.sort_by_key(|(s, ..)| (s.start, s.end));
        v
    };
    assert_eq!(view(&alone), view(&first));
}

#[test]
fn a_bare_agent_takes_the_place_it_is_said_to_be_in() {
    // A news digest set in Sri Lanka, with an item from Taiwan.
    let text = "كولومبو - قالت الشرطة في سريلانكا إن شخصا قتل في كولومبو. \
                واقتحم مئات الطلاب في تايوان مجمع وزارة التعليم. \
                وزارت السفارة السعودية في النمسا المعرض.";
    let mut a = analysed(text, date(2015, 8, 1));
    crate::places::resolve_places(&mut a, crate::places::Gazetteer::embedded());
    resolve_actors(&mut a, ActorDictionary::embedded());
    assert_eq!(actor_at(&a, find(text, "", "الشرطة")).code, "LKACOP");
    assert_eq!(actor_at(&a, find(text, "مئات", "الطلاب")).code, "TWNEDU");
    // An embassy is abroad by definition: it is not made Austrian.
    assert!(!actor_at(&a, find(text, "", "السفارة"))
        .code
        .starts_with("AUT"));
}

#[test]
fn an_office_right_after_a_named_person_is_that_persons_country() {
    // In a story set in Cairo, the deputy crown prince is still Saudi.
    let text = "وصل الأمير محمد بن سلمان ولي ولي العهد إلى القاهرة أمس، وزار القاهرة والإسكندرية.";
    let mut a = analysed(text, date(2015, 7, 31));
    resolve_actors(&mut a, ActorDictionary::embedded());
    let office = actor_at(&a, find(text, "سلمان", "ولي العهد"));
    assert_eq!(office.code, "SAUGOV");
    // A group after a name is no apposition: the protesters Merkel addressed are not German
    // by word order alone.
    let text = "وطالبت ميركل المتظاهرين في دمشق بالهدوء، وقالت إن دمشق ودمشق تحتاجان الهدوء.";
    let mut a = analysed(text, date(2007, 5, 25));
    resolve_actors(&mut a, ActorDictionary::embedded());
    let protesters = actor_at(&a, find(text, "", "المتظاهرين"));
    assert_ne!(protesters.country.as_deref(), Some("DEU"), "{protesters:?}");
}

#[test]
fn the_kingdom_alone_is_the_kingdom_named_before() {
    // "المملكة" is Saudi Arabia in a Saudi story and Jordan in a Jordanian one.
    let text = "وقالت وزارة الخارجية السعودية إن المملكة تدين الهجوم.";
    let mut a = analysed(text, date(2015, 6, 1));
    resolve_actors(&mut a, ActorDictionary::embedded());
    assert_eq!(actor_at(&a, find(text, "إن ", "المملكة")).code, "SAU");
    let text = "زار الملك عبدالله الثاني الأردن. وأكدت المملكة دعمها للعراق.";
    let mut a = analysed(text, date(2015, 6, 1));
    resolve_actors(&mut a, ActorDictionary::embedded());
    assert_eq!(actor_at(&a, find(text, "وأكدت ", "المملكة")).code, "JOR");
    // With a clitic the span starts at the article.
    let text = "أعلنت السعودية أن الوفد وصل إلى المملكة وأن والمملكة كانت أول الداعمين.";
    let mut a = analysed(text, date(2015, 6, 1));
    resolve_actors(&mut a, ActorDictionary::embedded());
    let span = find(text, "وأن و", "المملكة");
    assert_eq!(actor_at(&a, span).code, "SAU");
    // No kingdom named and a story set in a republic: the word stays uncoded.
    let text = "قصفت الطائرات مدينة حلب السورية. وقال إن المملكة لم ترد.";
    let mut a = analysed(text, date(2015, 6, 1));
    resolve_actors(&mut a, ActorDictionary::embedded());
    let span = find(text, "إن ", "المملكة");
    assert!(
        !a.entities
            .iter()
            .any(|e| e.actor.is_some() && e.span.overlaps(span)),
        "{:?}",
        a.entities
    );
}

/// The entities over `name` after tagging it as a person (see [`tagged_then_resolved`]).
fn named_after(text: &str, name: &str) -> Vec<(String, EntityType, Option<String>)> {
    tagged_then_resolved(text, &[(name, EntityType::PER)])
        .into_iter()
        .filter(|(covered, _, _)| covered.contains(name))
        .collect()
}

#[test]
fn a_person_a_place_or_institution_is_named_after_is_no_actor() {
    // An airport named after a prince is a place: no actor, and not the prince.
    assert_eq!(
        named_after(
            "استقبل مطار الأمير محمد بن عبدالعزيز الدولي أول رحلة.",
            "محمد بن عبدالعزيز"
        ),
        vec![(
            "مطار الأمير محمد بن عبدالعزيز".to_string(),
            EntityType::LOC,
            None
        )]
    );
    // A university is the dictionary's EDU agent, of the king's country.
    assert_eq!(
        named_after(
            "وقال وكيل جامعة الملك عبدالعزيز في جدة إن الدراسة تبدأ.",
            "الملك عبدالعزيز"
        ),
        vec![(
            "جامعة الملك عبدالعزيز".to_string(),
            EntityType::ORG,
            Some("SAUEDU".to_string())
        )]
    );
    // A foundation is a charity of the person's country.
    assert_eq!(
        named_after(
            "واحتفت مؤسسة محمد بن سلمان بن عبدالعزيز بالفائزين.",
            "محمد بن سلمان بن عبدالعزيز"
        ),
        vec![(
            "مؤسسة محمد بن سلمان بن عبدالعزيز".to_string(),
            EntityType::ORG,
            Some("SAUNGO".to_string())
        )]
    );
    // Any other institution the dictionary has no agent for is an organisation with no code.
    assert_eq!(
        named_after("واستقبل مركز الملك فهد الثقافي الزوار.", "الملك فهد"),
        vec![("مركز الملك فهد".to_string(), EntityType::ORG, None)]
    );
    // "عن طريق الأمير" is through the prince, who keeps his code.
    let through = named_after(
        "وتسلم الرسالة عن طريق الأمير محمد بن سلمان.",
        "محمد بن سلمان",
    );
    assert_eq!(through.len(), 1, "{through:?}");
    assert_eq!(through[0].2.as_deref(), Some("SAUGOV"), "{through:?}");
    // The king's relief centre is the Saudi government's agency (a dictionary organisation).
    let mut a = analysed(
        "وصلت المساعدات المقدمة من مركز الملك سلمان للإغاثة والأعمال الإنسانية.",
        date(2015, 8, 1),
    );
    name_organisations(&mut a, ActorDictionary::embedded());
    resolve_actors(&mut a, ActorDictionary::embedded());
    let centre = find(a.text(), "", "مركز الملك سلمان للإغاثة");
    assert_eq!(actor_at(&a, centre).code, "SAUGOV");
}

/// `text` with the tagger's entities `(phrase, type)` put on, through the dictionary's
/// organisations, places and actors as the pipeline runs them: (covered text, type, code).
fn tagged_then_resolved(
    text: &str,
    tagged: &[(&str, EntityType)],
) -> Vec<(String, EntityType, Option<String>)> {
    let mut a = analysed(text, date(2015, 8, 1));
    for (phrase, kind) in tagged {
        a.entities
            .push(tagger_entity(find(text, "", phrase), *kind));
    }
    name_organisations(&mut a, ActorDictionary::embedded());
    crate::places::resolve_places(&mut a, crate::places::Gazetteer::embedded());
    resolve_actors(&mut a, ActorDictionary::embedded());
    a.entities
        .iter()
        .map(|e| {
            (
                e.span.slice(a.text()).to_string(),
                e.kind,
                e.actor.as_ref().map(|x| x.code.clone()),
            )
        })
        .collect()
}

#[test]
fn a_dictionary_organisation_the_tagger_cut_short_is_whole() {
    // AQIM: the tagger's ORG stops at القاعدة and its GPE المغرب is the Maghreb of the name.
    let got = tagged_then_resolved(
        "وتبنى تنظيم القاعدة في بلاد المغرب الإسلامي مسؤولية الهجوم.",
        &[
            ("تنظيم القاعدة", EntityType::ORG),
            ("المغرب", EntityType::GPE),
        ],
    );
    assert_eq!(
        got,
        vec![(
            "تنظيم القاعدة في بلاد المغرب الإسلامي".to_string(),
            EntityType::ORG,
            Some("IMGMUSALQ".to_string())
        )]
    );
    // "أحد أعضاء «جبهة النصرة»" is a member, not the group's name: the tagger's name stays.
    let got = tagged_then_resolved(
        "وكان وراءها محاولة أحد أعضاء «جبهة النصرة» مصادرة منزل.",
        &[("جبهة النصرة", EntityType::ORG)],
    );
    assert!(
        got.iter()
            .any(|(covered, kind, _)| covered == "جبهة النصرة" && *kind == EntityType::ORG),
        "{got:?}"
    );
    // KSrelief with the king's name tagged as a person: the centre, the Saudi government.
    let got = tagged_then_resolved(
        "وصلت المساعدات المقدمة من مركز الملك سلمان للإغاثة والأعمال الإنسانية.",
        &[("الملك سلمان", EntityType::PER)],
    );
    assert!(
        got.contains(&(
            "مركز الملك سلمان للإغاثة والأعمال الإنسانية".to_string(),
            EntityType::ORG,
            Some("SAUGOV".to_string())
        )),
        "{got:?}"
    );
}
