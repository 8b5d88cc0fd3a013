//! Unit tests of the coder: lexicon, modality, attribution, merging, the founding example, GSR.

use crate::lexicon::{self, arabic_verb_forms, FormKind};
use crate::{code_events, evaluate_gsr};
use chrono::NaiveDate;
use hadath_core::{
    Actor, Analysis, DatePrecision, DateValue, Document, Entity, EntityType, Event, EventType,
    Modality, Place, PlacePrecision, Span,
};

fn analysis(text: &str, published: Option<&str>) -> Analysis {
    let mut a = Analysis::new(Document {
        id: "t".into(),
        text: text.into(),
        published: published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap()),
        declared_language: Some("ar".into()),
        ..Default::default()
    });
    hadath_language::annotate(&mut a);
    a
}

/// Marks sentences whose text equals an earlier one as repeats (the cleaning stage's job).
fn mark_repeats(a: &mut Analysis) {
    let text = a.document.text.clone();
    for i in 0..a.sentences.len() {
        let s = a.sentences[i].span.slice(&text);
        if let Some(j) = (0..i).find(|&j| a.sentences[j].span.slice(&text) == s) {
            a.sentences[i].repeat_of = Some(j);
        }
    }
}

fn actor(code: &str) -> Actor {
    Actor {
        code: code.into(),
        country: Some(code[..3].into()),
        sector: (code.len() > 3).then(|| code[3..].into()),
        name: None,
        entry: None,
    }
}

/// Puts a copy of `entity` on every occurrence of `needle`.
fn mark_every(a: &mut Analysis, needle: &str, entity: Entity) {
    let spans: Vec<Span> = a
        .text()
        .match_indices(needle)
        .map(|(i, _)| Span::new(i, i + needle.len()))
        .collect();
    assert!(!spans.is_empty(), "{needle} not in text");
    for span in spans {
        a.entities.push(Entity {
            span,
            ..entity.clone()
        });
    }
}

fn test_entity(kind: EntityType) -> Entity {
    Entity {
        span: Span::new(0, 0),
        kind,
        source: "test".into(),
        actor: None,
        place: None,
        date: None,
    }
}

/// Puts an actor entity on every occurrence of `needle`.
fn place_actor(a: &mut Analysis, needle: &str, kind: EntityType, code: &str) {
    let entity = Entity {
        actor: Some(actor(code)),
        ..test_entity(kind)
    };
    mark_every(a, needle, entity);
}

/// Puts a Syrian place on every occurrence of `needle`.
fn place_place(a: &mut Analysis, needle: &str) {
    let entity = Entity {
        place: Some(Place {
            geonameid: None,
            name: None,
            name_ar: Some(needle.into()),
            lat: None,
            lon: None,
            country: Some("SY".into()),
            admin1: None,
            feature: None,
            precision: PlacePrecision::Exact,
            candidates: 1,
        }),
        ..test_entity(EntityType::GPE)
    };
    mark_every(a, needle, entity);
}

/// Puts a relative day date on every occurrence of `needle`.
fn place_date(a: &mut Analysis, needle: &str, value: &str) {
    let entity = Entity {
        date: Some(DateValue {
            value: value.into(),
            precision: DatePrecision::Day,
            end: None,
            relative: true,
            check: None,
        }),
        ..test_entity(EntityType::DATE)
    };
    mark_every(a, needle, entity);
}

fn coded(text: &str, published: Option<&str>) -> Analysis {
    let mut a = analysis(text, published);
    code_events(&mut a);
    a
}

/// Codes `text` after putting an actor entity with `code` on every occurrence of `needle`.
fn coded_with_actor(
    text: &str,
    published: &str,
    needle: &str,
    kind: EntityType,
    code: &str,
) -> Analysis {
    let mut a = analysis(text, Some(published));
    place_actor(&mut a, needle, kind, code);
    code_events(&mut a);
    a
}

fn of_type(a: &Analysis, t: EventType) -> Vec<&Event> {
    a.events.iter().filter(|e| e.event_type == t).collect()
}

fn codes(ps: &[hadath_core::Participant]) -> Vec<String> {
    let mut v: Vec<String> = ps.iter().filter_map(|p| p.code.clone()).collect();
    v.sort();
    v
}

#[test]
fn trigger_lexicons_parse() {
    let ar = lexicon::arabic();
    let en = lexicon::english();
    assert!(
        ar.entries.len() > 100,
        "{} Arabic entries",
        ar.entries.len()
    );
    assert!(en.entries.len() > 20);
    for t in [EventType::Assault, EventType::Protest, EventType::Consult] {
        assert!(ar.entries.iter().any(|e| e.event_type == t));
    }
    // Generated inflections: the perfect takes suffixes, the imperfect drops the alef of
    // derived forms.
    let forms = arabic_verb_forms("اطلق");
    assert!(forms.contains(&("يطلق".to_string(), FormKind::Imperfect)));
    assert!(forms.contains(&("اطلقوا".to_string(), FormKind::Perfect)));
    assert!(ar.index.contains_key("يتظاهرون"));
    assert!(ar.index.contains_key("اغتيلت"));
    // A malformed line names its line number.
    let err = lexicon::Lexicon::parse("x\tV\tNOPE\t-\t-\t-\t0.5\t-\n", "ar").unwrap_err();
    assert_eq!(err.line, 1);
    // Modes are PLOVER's: the crosswalk's dropped "assassinate" is refused, with the reason.
    let err = lexicon::Lexicon::parse(
        "\n\u{627}\u{63a}\u{62a}\u{627}\u{644}\tV\tASSAULT\tassassinate\t-\t186\t0.9\t-\n",
        "ar",
    )
    .unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.message.contains("not a PLOVER mode of ASSAULT"),
        "{}",
        err.message
    );
    assert!(lexicon::Lexicon::parse("x\tV\tASSAULT\ttargeted\t-\t186\t0.9\t-\n", "ar").is_ok());
    assert!(lexicon::Lexicon::parse("x\tV\tAID\tphone\t-\t-\t0.5\t-\n", "ar").is_err());
}

#[test]
fn verbs_with_clitics_and_verbal_nouns_are_triggers() {
    let a = coded(
        "وهاجم مسلحون مركزا للشرطة في بغداد امس.",
        Some("2008-01-10"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].trigger.slice(a.text()), "وهاجم");
    assert_eq!(e[0].modality, Modality::Asserted);
    let a = coded(
        "شنت الطائرات الضربات الجوية على البلدة.",
        Some("2018-07-04"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].mode.as_deref(), Some("aerial"));
    let a = coded("أجرى الوزير اتصالا هاتفيا مع نظيره.", None);
    assert_eq!(
        of_type(&a, EventType::Consult)[0].mode.as_deref(),
        Some("phone")
    );
}

#[test]
fn future_cues() {
    for text in [
        "وسيهاجم المسلحون المدينة.",
        "ومن المتوقع أن تنطلق مظاهرات في العاصمة.",
        "سوف يتظاهر الطلاب أمام البرلمان.",
        "يتظاهر الطلاب غدا أمام البرلمان.",
        // A noun trigger carried out by a future verb.
        "وقال إن لافروف سيعقد اجتماعا ثلاثيا مع نظيريه.",
        "وستجري محادثات بين الطرفين في العاصمة.",
    ] {
        let a = coded(text, Some("2010-05-01"));
        assert!(!a.events.is_empty(), "{text}");
        assert!(
            a.events.iter().all(|e| e.modality == Modality::Future),
            "{text}: {:?}",
            a.events
        );
    }
}

#[test]
fn negation_cues() {
    for text in [
        "لم يهاجم المسلحون القافلة.",
        "نفت الشرطة وقوع هجوم على المصرف.",
        "ولن يتظاهر العمال هذا الأسبوع.",
        "احبطت الشرطة تفجير سيارة مفخخة قرب السوق.",
    ] {
        let a = coded(text, Some("2010-05-01"));
        assert!(!a.events.is_empty(), "{text}");
        assert!(
            a.events
                .iter()
                .filter(|e| matches!(e.event_type, EventType::Assault | EventType::Protest))
                .all(|e| e.modality == Modality::Negated),
            "{text}: {:?}",
            a.events
        );
    }
}

#[test]
fn hypothetical_cues() {
    for text in [
        "إذا هاجمت إسرائيل إيران فإن المنطقة ستشتعل.",
        "ويمكن أن تبدأ التفجيرات الانتحارية في أنفاق المدينة.",
        "هل يجوز تبرير القتل والاغتيال السياسي؟",
    ] {
        let a = coded(text, Some("2010-05-01"));
        let assaults = of_type(&a, EventType::Assault);
        assert!(!assaults.is_empty(), "{text}");
        assert!(
            assaults
                .iter()
                .all(|e| e.modality == Modality::Hypothetical),
            "{text}: {:?}",
            assaults
        );
    }
}

#[test]
fn qad_before_a_perfect_plural_is_no_hypothetical() {
    // Forms V and VI start with ت in the perfect too: "قد تظاهروا" has happened.
    let a = coded(
        "وكان آلاف الطلاب قد تظاهروا امس في العاصمة ضد الحكومة.",
        Some("2010-05-01"),
    );
    let protests = of_type(&a, EventType::Protest);
    assert!(!protests.is_empty());
    assert!(
        protests
            .iter()
            .all(|e| e.modality != Modality::Hypothetical),
        "{protests:?}"
    );
    let a = coded("وقد تتظاهر الاحزاب غدا في العاصمة.", Some("2010-05-01"));
    assert!(of_type(&a, EventType::Protest)
        .iter()
        .all(|e| e.modality != Modality::Asserted));
}

#[test]
fn historical_by_date() {
    // Written year well before publication.
    let a = coded(
        "في سنة 1978 اغتيل وديع حداد أحد قادة الجبهة الشعبية.",
        Some("2008-03-01"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e[0].modality, Modality::Historical);
    assert_eq!(e[0].date.as_ref().unwrap().precision, DatePrecision::Year);
    // A DATE entity (from the time stage) more than a year back.
    let mut a = analysis("قتل مسلحون ثلاثة جنود في 12 مارس 2015.", Some("2018-07-04"));
    place_date(&mut a, "12 مارس 2015", "2015-03-12");
    code_events(&mut a);
    assert_eq!(
        of_type(&a, EventType::Assault)[0].modality,
        Modality::Historical
    );
    // Yesterday is news.
    let mut a = analysis("قتل مسلحون ثلاثة جنود أمس.", Some("2018-07-04"));
    place_date(&mut a, "أمس", "2018-07-03");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(e.modality, Modality::Asserted);
    assert_eq!(e.date.as_ref().unwrap().value, "2018-07-03");
}

#[test]
fn rhetorical_attack_is_accuse() {
    let a = coded(
        "وهاجم رئيس الوزراء المعارضة بشدة في كلمة أمام البرلمان.",
        Some("2010-05-01"),
    );
    assert!(of_type(&a, EventType::Assault).is_empty(), "{:?}", a.events);
    assert_eq!(of_type(&a, EventType::Accuse).len(), 1);
    let a = coded(
        "بينما يتواصل الهجوم على الحريات الاجتماعية في طهران.",
        Some("2010-05-01"),
    );
    assert!(of_type(&a, EventType::Assault).is_empty(), "{:?}", a.events);
    // Sport is not violence.
    let a = coded("وشن الفريق هجوما قويا في المباراة.", None);
    assert!(of_type(&a, EventType::Assault).is_empty());
    let a = coded("وشن مهاجم الفريق هجوما على المرمى.", None);
    assert!(of_type(&a, EventType::Assault).is_empty());
    // But an attacker (مهاجم) or targets (أهداف) alone are the vocabulary of violence too.
    let mut a = analysis(
        "وقال مصدر امني ان المهاجم فجر نفسه وسط السوق.",
        Some("2010-05-01"),
    );
    crate::coder::code_events_by_rules(&mut a);
    assert_eq!(of_type(&a, EventType::Assault).len(), 1, "{:?}", a.events);
    let mut a = analysis(
        "وقتل 15 مدنيا في غارة جوية اخطأت اهدافها.",
        Some("2010-05-01"),
    );
    crate::coder::code_events_by_rules(&mut a);
    assert_eq!(of_type(&a, EventType::Assault).len(), 1, "{:?}", a.events);
}

#[test]
fn re_scored_types_judge_historical_events() {
    use crate::detector::{counts, model};
    assert!(counts(EventType::Assault, Modality::Asserted));
    assert!(!counts(EventType::Assault, Modality::Future));
    assert!(!counts(EventType::Assault, Modality::Negated));
    assert_eq!(
        counts(EventType::Assault, Modality::Historical),
        model(EventType::Assault).is_some()
    );
    // Types without a re-scorer keep the rules' word: historical is not happening now.
    assert!(!counts(EventType::Consult, Modality::Historical));
}

#[test]
fn reported_speech_gives_attribution_not_actor() {
    let text = "وقال مصدر في الشرطة إن مسلحين هاجموا دورية للجيش.";
    let mut a = analysis(text, Some("2010-05-01"));
    place_actor(&mut a, "الشرطة", EntityType::ORG, "IRQCOP");
    place_actor(&mut a, "مسلحين", EntityType::MISC, "IRQUAF");
    place_actor(&mut a, "للجيش", EntityType::ORG, "IRQMIL");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Assault)[0];
    let attr = e.attributed_to.as_ref().expect("attributed");
    assert_eq!(attr.span.slice(text), "مصدر في الشرطة");
    assert_eq!(attr.code.as_deref(), Some("IRQCOP"));
    assert_eq!(codes(&e.actor), vec!["IRQUAF"]);
    assert!(!codes(&e.actor).contains(&"IRQCOP".to_string()));
    // حسب X: the source of the whole sentence.
    let a = coded("تظاهر آلاف الطلاب امس حسب مصادر أمنية.", Some("2010-05-01"));
    let e = &of_type(&a, EventType::Protest)[0];
    assert!(e
        .attributed_to
        .as_ref()
        .unwrap()
        .span
        .slice(a.text())
        .starts_with("مصادر"));
}

/// The attribution text of the ASSAULT events of `text`, in order.
fn assault_sources(text: &str) -> Vec<Option<String>> {
    let a = coded(text, Some("2015-05-01"));
    of_type(&a, EventType::Assault)
        .iter()
        .map(|e| {
            e.attributed_to
                .as_ref()
                .map(|p| p.span.slice(a.text()).to_string())
        })
        .collect()
}

#[test]
fn a_speech_verb_is_never_attributed_to_a_preposition() {
    // The outlet spoken to comes between the verb and its subject.
    assert_eq!(
        assault_sources("وقال لـ«الشرق الأوسط» مسؤول في الشرطة إن مسلحين هاجموا دورية للجيش."),
        vec![Some("مسؤول في الشرطة".to_string())]
    );
    assert_eq!(
        assault_sources("وأوضح لـ \"الاقتصادية\" مسؤول في الشرطة أن مسلحين هاجموا دورية للجيش."),
        vec![Some("مسؤول في الشرطة".to_string())]
    );
    // Ali is no preposition (على and علي fold to one key).
    assert_eq!(
        assault_sources("وقال الرئيس علي عبدالله صالح إن مسلحين هاجموا دورية للجيش."),
        vec![Some("الرئيس علي عبدالله صالح".to_string())]
    );
    // A preposition ends the source.
    assert_eq!(
        assault_sources("وأشارت المصادر إلى أن مسلحين هاجموا دورية للجيش."),
        vec![Some("المصادر".to_string())]
    );
    // A title's abbreviation and its dot belong to the source.
    assert_eq!(
        assault_sources("وأضاف د. الفلاح أن مسلحين هاجموا دورية للجيش."),
        vec![Some("د. الفلاح".to_string())]
    );
    // A pronoun subject continues the speaker quoted before…
    assert_eq!(
        assault_sources(
            "وقال مصدر في الشرطة إن مسلحين هاجموا دورية للجيش. وأشار إلى أن طائرات حربية قصفت مواقع في المدينة."
        ),
        vec![
            Some("مصدر في الشرطة".to_string()),
            Some("مصدر في الشرطة".to_string())
        ]
    );
    // …and without one, nobody is named rather than "إلى" or "فيه".
    assert_eq!(
        assault_sources("وأشار إلى أن مسلحين هاجموا دورية للجيش."),
        vec![None]
    );
    assert_eq!(
        assault_sources("وأصدرت بيانا قالت فيه إن مسلحين هاجموا دورية للجيش."),
        vec![None]
    );
}

#[test]
fn an_honorific_pronoun_speaks_for_the_person_named_before() {
    let text =
        "واستقبل الأمير فيصل بن سلمان السفير في مكتبه. وأكد سموه أن مسلحين هاجموا دورية للجيش.";
    let a = coded_with_actor(
        text,
        "2015-05-01",
        "الأمير فيصل بن سلمان",
        EntityType::PER,
        "SAUGOV",
    );
    let e = &of_type(&a, EventType::Assault)[0];
    let attr = e.attributed_to.as_ref().expect("attributed");
    assert_eq!(attr.span.slice(text), "الأمير فيصل بن سلمان");
    assert_eq!(attr.code.as_deref(), Some("SAUGOV"));
}

#[test]
fn a_conjunct_continues_the_subject_and_a_possessed_noun_holds_its_doer() {
    // "وعميدها" is more of the subject, not what was condemned.
    let text = "استنكر رئيس الجالية اليمنية في منطقة عسير وعميدها العمل الإرهابي.";
    let mut a = analysis(text, Some("2015-08-10"));
    place_actor(&mut a, "رئيس الجالية اليمنية", EntityType::PER, "YEM");
    place_actor(&mut a, "وعميدها", EntityType::PER, "SAUMIL");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Accuse)[0];
    assert_eq!(codes(&e.actor), vec!["YEM"], "{e:?}");
    assert!(codes(&e.recipient).is_empty(), "{e:?}");
    // "اغتيالهم": the pronoun is the doer; the name after the noun is its object.
    let text = "وجمدت واشنطن عائدات المشتبه في اغتيالهم الرئيس رفيق الحريري.";
    let a = coded_with_actor(
        text,
        "2007-01-01",
        "الرئيس رفيق الحريري",
        EntityType::PER,
        "LBNELI",
    );
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["LBNELI"], "{e:?}");
}

#[test]
fn deaths_in_an_earthquake_or_a_road_accident_are_no_attack() {
    for text in [
        "وقال إن منزلا انهار بسبب الزلزال، مما أسفر عن مقتل امرأتين وصبي وإصابة آخرين بجروح.",
        "وأعلن الدفاع المدني مقتل خمسة أشخاص بجروح في حادث مروري على طريق المدينة.",
    ] {
        let a = coded(text, Some("2015-07-25"));
        assert!(of_type(&a, EventType::Assault).is_empty(), "{text}");
    }
    // Storms (العواصف) are weather, as the earthquake is.
    let text = "وذكرت وسائل الإعلام المحلية أن ثلاثة أشخاص قتلوا نتيجة للعواصف في مدينة توكوبيلا.";
    let a = coded(text, Some("2015-08-10"));
    assert!(of_type(&a, EventType::Assault).is_empty(), "{text}");
    // Killings beside casualty words still count.
    let a = coded(
        "وأسفر الهجوم عن مقتل خمسة جنود وإصابة آخرين بجروح.",
        Some("2015-07-25"),
    );
    assert!(!of_type(&a, EventType::Assault).is_empty());
}

#[test]
fn a_preposition_on_an_honorific_governs_the_name_after_it() {
    // "لفخامة الرئيس": the president is the one congratulated, not the sender.
    let text = "بعث الملك سلمان برقية تهنئة لفخامة الرئيس الكولومبي بمناسبة ذكرى استقلال بلاده.";
    let mut a = analysis(text, Some("2015-07-21"));
    place_actor(&mut a, "الملك سلمان", EntityType::PER, "SAUGOV");
    place_actor(&mut a, "الرئيس الكولومبي", EntityType::PER, "COLGOV");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Support)[0];
    assert_eq!(codes(&e.actor), vec!["SAUGOV"], "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["COLGOV"], "{e:?}");
    // Nor do honorifics push the visitor out of the genitive: "زيارة سمو الأمير …".
    let text = "ووضعت زيارة سمو الأمير محمد بن سلمان للقاهرة كثيرا من النقاط.";
    let a = coded_with_actor(
        text,
        "2015-07-31",
        "محمد بن سلمان",
        EntityType::PER,
        "SAUGOV",
    );
    let e = &of_type(&a, EventType::Consult)[0];
    assert_eq!(codes(&e.actor), vec!["SAUGOV"], "{e:?}");
}

#[test]
fn the_parties_after_between_are_the_actors_of_talks_and_clashes() {
    let text = "وجرت محادثات بين الوفد الروسي والفصائل في بصرى الحرير.";
    let mut a = analysis(text, Some("2018-07-04"));
    place_actor(&mut a, "الوفد الروسي", EntityType::ORG, "RUSGOV");
    place_actor(&mut a, "الفصائل", EntityType::ORG, "SYRREB");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Consult)[0];
    assert_eq!(codes(&e.actor), vec!["RUSGOV", "SYRREB"], "{e:?}");
    // A clash: both sides, past "من جهة".
    let text = "ودارت اشتباكات عنيفة أمس بين عناصر داعش من جهة والفصائل من جهة أخرى.";
    let mut a = analysis(text, Some("2015-08-10"));
    place_actor(&mut a, "عناصر داعش", EntityType::ORG, "IMGMUSISI");
    place_actor(&mut a, "الفصائل", EntityType::ORG, "SYRREB");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["IMGMUSISI", "SYRREB"], "{e:?}");
}

#[test]
fn a_social_programme_sociology_or_a_clinic_is_no_meeting() {
    for text in [
        "وقدم المهرجان للأطفال برامج خاصة ذات طابع اجتماعي وترفيهي.",
        "والرأسمالية نظام اجتماعي اقتصادي تطلق فيه حرية الفرد.",
        "وأطلق العديد من علماء الاجتماع نواقيس الخطر.",
        // A clinic receiving patients receives no delegation.
        "وأوضح أن عيادة الطب العام استقبلت 239 مراجعا خلال الأسبوع.",
    ] {
        let a = coded(text, Some("2015-08-10"));
        assert!(of_type(&a, EventType::Consult).is_empty(), "{text}");
    }
    // The plural and the dual in construct are still the nouns, and so is "my arrest".
    let a = coded(
        "وأعلن التنظيم المسؤولية عن تفجيري 11 ديسمبر في العاصمة.",
        Some("2007-12-19"),
    );
    assert!(!of_type(&a, EventType::Assault).is_empty());
    let a = coded("وقال: جرى اعتقالي على الفور في مكتبي.", Some("2015-08-01"));
    assert!(!of_type(&a, EventType::Coerce).is_empty());
}

#[test]
fn a_preposition_on_a_count_governs_the_phrase_after_it() {
    // "لتسعة مسؤولين": the officials are charged, the prosecutors charge.
    let text = "ووجهت سلطات الادعاء الأمريكية اتهامات لتسعة مسؤولين بالحصول على رشا.";
    let mut a = analysis(text, Some("2015-07-31"));
    place_actor(&mut a, "سلطات الادعاء الأمريكية", EntityType::ORG, "USAJUD");
    place_actor(&mut a, "مسؤولين", EntityType::PER, "GOV");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Accuse)[0];
    assert_eq!(codes(&e.actor), vec!["USAJUD"], "{e:?}");
    // A partitive من before a count does not: the students are the subject.
    let text = "وكانت مجموعة من حوالي ثلاثين طالبا قد اقتحمت عيادة في اسلام اباد.";
    let a = coded_with_actor(text, "2007-06-24", "طالبا", EntityType::PER, "PAKEDU");
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["PAKEDU"], "{e:?}");
}

#[test]
fn what_was_achieved_or_professed_is_no_inquiry_or_condemnation() {
    for text in [
        "وقال إن الإنجاز الكبير الذي تحقق في عدن سيأتي مردوده على اليمن.",
        "وراهن على جيش وطني مخلص يدين بالولاء للوطن.",
    ] {
        let a = coded(text, Some("2015-08-06"));
        assert!(of_type(&a, EventType::Accuse).is_empty(), "{text}");
    }
    let a = coded("وقالت إن الشرطة تحقق في الحادث.", Some("2015-08-06"));
    assert!(!of_type(&a, EventType::Accuse).is_empty());
}

#[test]
fn a_verb_lemma_after_a_preposition_is_its_noun() {
    // "في دعم ميليشيات الحوثي": the militias are supported, not supporting.
    let text = "وكشف الوزير عن أسرى تورطوا في دعم ميليشيات الحوثي.";
    let a = coded_with_actor(
        text,
        "2015-08-07",
        "ميليشيات الحوثي",
        EntityType::ORG,
        "YEMREB",
    );
    let e = &of_type(&a, EventType::Support)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["YEMREB"], "{e:?}");
    // "عن قتل الرهينة": the hostage was killed; who succeeded in a killing did it.
    let text = "وأعلنت الوزارة استعدادها للحوار فور الإعلان عن قتل الرهينة الألماني.";
    let a = coded_with_actor(
        text,
        "2007-07-22",
        "الرهينة الألماني",
        EntityType::PER,
        "DEUCVL",
    );
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["DEUCVL"], "{e:?}");
    // A supporter is the clause's subject, with no carry-out verb needed.
    let text = "ومنذ ذلك التاريخ لم تتوقف إيران عن دعم الإرهاب في العالم.";
    let a = coded_with_actor(text, "2015-08-01", "إيران", EntityType::GPE, "IRN");
    let e = &of_type(&a, EventType::Support)[0];
    assert_eq!(codes(&e.actor), vec!["IRN"], "{e:?}");
    let text = "وقالوا إن الجيش نجح في قتل العشرات من المسلحين.";
    let a = coded_with_actor(text, "2006-11-06", "الجيش", EntityType::ORG, "ISRMIL");
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["ISRMIL"], "{e:?}");
}

#[test]
fn a_vocalised_passive_and_a_colon_keep_the_victim_and_the_label_out_of_the_doers() {
    let text = "وقد قُتل الطفل الفلسطيني علي دوابشة في قرية دوما.";
    let a = coded_with_actor(
        text,
        "2015-08-01",
        "الطفل الفلسطيني",
        EntityType::PER,
        "PSECVL",
    );
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["PSECVL"], "{e:?}");
    // What precedes a colon labels the headline after it.
    let text = "رابط الخبر بصحيفة الوئام: 8 قتلى من عائلة واحدة بقصف في تعز";
    let a = coded_with_actor(
        text,
        "2015-08-01",
        "صحيفة الوئام",
        EntityType::ORG,
        "SAUMED",
    );
    for e in of_type(&a, EventType::Assault) {
        assert!(codes(&e.actor).is_empty(), "{e:?}");
    }
}

#[test]
fn the_outlet_a_speaker_told_is_not_part_of_the_source() {
    let text = "وأكد السفير السعودي لدى الأردن لـ\"الرياض\" أن مسلحين هاجموا دورية.";
    let a = coded(text, Some("2015-08-01"));
    let e = &of_type(&a, EventType::Assault)[0];
    let attr = e.attributed_to.as_ref().expect("attributed");
    assert_eq!(attr.span.slice(text), "السفير السعودي لدى الأردن");
}

#[test]
fn who_condemns_an_attack_did_not_carry_it_out() {
    let text = "وأدانت البحرين الهجوم الإرهابي على مسجد في أبها.";
    let a = coded_with_actor(text, "2015-08-07", "البحرين", EntityType::GPE, "BHR");
    let attacks = of_type(&a, EventType::Assault);
    assert!(!attacks.is_empty());
    assert!(
        attacks.iter().all(|e| codes(&e.actor).is_empty()),
        "{:?}",
        attacks
    );
    // The condemnation itself is Bahrain's.
    let accuse = of_type(&a, EventType::Accuse);
    assert_eq!(codes(&accuse[0].actor), vec!["BHR"]);
}

#[test]
fn a_relative_verb_takes_its_antecedent_not_an_earlier_name() {
    // The bombing, not the parliament that condemned it, targeted the mosque.
    let text = "أدان البرلمان العربي التفجير الإرهابي الذي استهدف مسجدا للشرطة في أبها.";
    let a = coded_with_actor(
        text,
        "2015-08-07",
        "البرلمان العربي",
        EntityType::ORG,
        "IGOMEAARL",
    );
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    // The antecedent right before the relative pronoun is the subject.
    let text = "وقال المصدر إن الوفد الروسي الذي التقى الفصائل طالب بتسليم السلاح.";
    let mut a = analysis(text, Some("2018-07-04"));
    place_actor(&mut a, "الوفد الروسي", EntityType::ORG, "RUSGOV");
    place_actor(&mut a, "الفصائل", EntityType::ORG, "SYRREB");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Consult)[0];
    assert!(codes(&e.actor).contains(&"RUSGOV".to_string()), "{e:?}");
    // A pronoun on the verb stands for the antecedent, its object; the doer follows.
    let text = "وأصبح موقف الرهائن الذين اختطفتهم حركة طالبان خطرا.";
    let mut a = analysis(text, Some("2007-07-26"));
    place_actor(&mut a, "الرهائن", EntityType::PER, "KORCVL");
    place_actor(&mut a, "حركة طالبان", EntityType::ORG, "AFGREB");
    code_events(&mut a);
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["AFGREB"], "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["KORCVL"], "{e:?}");
}

#[test]
fn a_feminine_verb_takes_a_masculine_plural_as_its_object() {
    let text = "وقال إنها رابع عملية إرهابية تستهدف المصلين وتوقع قتلى في مسجد.";
    let a = coded_with_actor(text, "2015-08-07", "المصلين", EntityType::PER, "SAUCVL");
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["SAUCVL"]);
    // After a victim-taking verb, a plural in ـين is the victim, verb or verbal noun alike.
    let text = "وقال إن استهداف بيوت الله وقتل المصلين جريمة.";
    let a = coded_with_actor(text, "2015-08-07", "المصلين", EntityType::PER, "SAUCVL");
    let e = &of_type(&a, EventType::Assault)[0];
    assert!(codes(&e.actor).is_empty(), "{e:?}");
    assert_eq!(codes(&e.recipient), vec!["SAUCVL"]);
    // Forms V and VI start with ت in the perfect: "وتظاهر المحتجون" is the protesters'.
    let text = "وتظاهر المحتجين امس في وسط العاصمة.";
    let a = coded_with_actor(text, "2015-08-07", "المحتجين", EntityType::PER, "SAUCVL");
    let e = &of_type(&a, EventType::Protest)[0];
    assert_eq!(codes(&e.actor), vec!["SAUCVL"], "{e:?}");
    // A country is feminine: "استهدفت البحرين" is Bahrain targeting.
    let text = "واستهدفت البحرين مواقع المسلحين.";
    let a = coded_with_actor(text, "2015-08-07", "البحرين", EntityType::GPE, "BHR");
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["BHR"]);
}

#[test]
fn what_an_attack_targeted_is_its_recipient() {
    let text = "وقتل 30 شخصا في هجوم انتحاري استهدف مدينة سوروتش.";
    let a = coded_with_actor(text, "2015-07-21", "سوروتش", EntityType::GPE, "TUR");
    for e in of_type(&a, EventType::Assault) {
        assert!(codes(&e.actor).is_empty(), "{e:?}");
    }
    // A name after مدينة is a place, not the doer of a verb after it.
    let text = "وأعلنت مصادر أن مدينة سوروتش شهدت هجوما قتل فيه 30 شخصا.";
    let a = coded_with_actor(text, "2015-07-21", "سوروتش", EntityType::GPE, "TUR");
    for e in &a.events {
        assert!(!codes(&e.actor).contains(&"TUR".to_string()), "{e:?}");
    }
    // A building is what was hit, not the doer.
    let text = "وأكد أن الإرهابيين فجروا المسجد وقتلوا المصلين.";
    let a = coded_with_actor(text, "2015-08-07", "المسجد", EntityType::ORG, "SAUREL");
    for e in of_type(&a, EventType::Assault) {
        assert!(!codes(&e.actor).contains(&"SAUREL".to_string()), "{e:?}");
    }
    // …but the preacher of a mosque is a person ("وخطيب المسجد").
    let text = "واعتقل خطيب المسجد اللص امس.";
    let a = coded_with_actor(text, "2015-08-07", "خطيب المسجد", EntityType::PER, "SAUREL");
    assert!(
        a.events
            .iter()
            .any(|e| codes(&e.actor).contains(&"SAUREL".to_string())),
        "{:?}",
        a.events
    );
    // A verb joined by و after the attack noun has an earlier subject.
    let text = "وأغلقت قوات الأمن منطقة الاعتداء الانتحاري واعتقلت عددا من الأشخاص.";
    let a = coded_with_actor(text, "2015-07-21", "قوات الأمن", EntityType::ORG, "IRQCOP");
    let arrest = of_type(&a, EventType::Coerce);
    assert_eq!(codes(&arrest[0].actor), vec!["IRQCOP"], "{arrest:?}");
}

#[test]
fn quoted_scripture_reports_no_event() {
    // Execution statements open with the ḥirāba verse; sermons quote verses and hadith.
    let text = "وفيما يلي نص البيان: قال الله تعالى: ((إنما جزاء الذين يحاربون الله ورسوله أن يقتلوا أو يصلبوا)). \
                وقال تعالى: ولا تقتلوا النفس التي حرم الله. \
                وفي الآية {وقاتلوا في سبيل الله الذين يقاتلونكم}. \
                {وَيَسْعَوْنَ فِي الْأَرْضِ فَسَادًا أَنْ يُقَتَّلُوا}. \
                وقال تعالى: «ولا تقتلوا النفس»، لكن مسلحين قتلوا جنديا في هجوم على الحاجز.";
    let a = coded(text, Some("2015-05-01"));
    let found: Vec<(&str, EventType)> = a
        .events
        .iter()
        .map(|e| (e.trigger.slice(a.text()), e.event_type))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, EventType::Assault, "{found:?}");
    assert!(a.events[0].attributed_to.is_none());
    // Asharq Al-Awsat writes { } for plain quotation marks.
    let a = coded(
        "وأوضح أن {مسلحين هاجموا دورية للجيش في المدينة}.",
        Some("2015-05-01"),
    );
    assert_eq!(of_type(&a, EventType::Assault).len(), 1);
}

#[test]
fn repeats_and_paraphrases_merge() {
    let text = "اجتمع الوزير مع نظيره الروسي في موسكو.\nوقتل مسلحون جنديا في هجوم على الحاجز.\nاجتمع الوزير مع نظيره الروسي في موسكو.";
    let mut a = analysis(text, Some("2018-07-04"));
    place_actor(&mut a, "الوزير", EntityType::PER, "USAGOV");
    place_actor(&mut a, "نظيره الروسي", EntityType::PER, "RUSGOV");
    mark_repeats(&mut a);
    code_events(&mut a);
    let consult = of_type(&a, EventType::Consult);
    assert_eq!(consult.len(), 1, "{:?}", a.events);
    // The repeated sentence's trigger is a mention of the same event.
    let copy = text.rfind("اجتمع").unwrap();
    assert!(consult[0].mentions.iter().any(|m| m.start == copy));
    // Reciprocal: both sides of a meeting are actors.
    assert_eq!(codes(&consult[0].actor), vec!["RUSGOV", "USAGOV"]);
    // "قتل ... في هجوم": two triggers, one happening.
    assert_eq!(of_type(&a, EventType::Assault).len(), 1);
}

/// The founding example with the entities the other stages will give.
/// The one event of `t` in `text` after placing actor entities (phrase, code).
/// `text` with `actors` placed as entities, coded, and its one event of type `t`.
fn one_event(text: &str, t: EventType, actors: &[(&str, &str)]) -> (Analysis, Event) {
    let mut a = analysis(text, Some("2008-02-14"));
    for (needle, code) in actors {
        place_actor(&mut a, needle, EntityType::PER, code);
    }
    code_events(&mut a);
    let events = of_type(&a, t);
    assert_eq!(events.len(), 1, "{text}: {:#?}", a.events);
    let event = events[0].clone();
    (a, event)
}

/// The actor and recipient codes of the one event of type `t`.
fn arguments_of(text: &str, t: EventType, actors: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let (_, e) = one_event(text, t, actors);
    (codes(&e.actor), codes(&e.recipient))
}

/// The actor and recipient phrases (text) of the one event of type `t`.
fn argument_texts(text: &str, t: EventType, actors: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let (a, e) = one_event(text, t, actors);
    let texts = |ps: &[hadath_core::Participant]| -> Vec<String> {
        ps.iter()
            .map(|p| p.span.slice(a.text()).to_string())
            .collect()
    };
    (texts(&e.actor), texts(&e.recipient))
}

#[test]
fn victims_are_recipients() {
    // Sentences of the Arabic event gold standard (dev half, its annotators' source/target).
    // A verbal noun whose verb takes its victim as object: the genitive is the recipient.
    let (a, r) = arguments_of(
        "لكن إسرائيل ردّت عبر اغتيال عماد مغنيّة.",
        EventType::Assault,
        &[("إسرائيل", "ISR"), ("عماد مغنيّة", "LBNREB")],
    );
    assert_eq!((a, r), (vec![], vec!["LBNREB".to_string()]));
    // A verb carrying its plural subject: the subject came before, the object follows.
    let (a, r) = arguments_of(
        "وأعلن الرائد أن مسلحين مجهولين اغتالوا ضابطا في الشرطة.",
        EventType::Assault,
        &[("مسلحين مجهولين", "IRQUAF"), ("ضابطا في الشرطة", "IRQCOP")],
    );
    assert_eq!(
        (a, r),
        (vec!["IRQUAF".to_string()], vec!["IRQCOP".to_string()])
    );
    // "Was subjected to an attack": the subject is the victim.
    let (a, r) = arguments_of(
        "وقالت الوكالة إن القوات الاميركية تعرضت لهجوم في الرمادي مساء الخميس.",
        EventType::Assault,
        &[("القوات الاميركية", "USAMIL")],
    );
    assert_eq!((a, r), (vec![], vec!["USAMIL".to_string()]));
    // A noun whose target takes a preposition keeps its genitive as the actor.
    let (a, r) = arguments_of(
        "وقع هجوم حماس على الشرطة امس.",
        EventType::Assault,
        &[("حماس", "PSEREB"), ("الشرطة", "ISRCOP")],
    );
    assert_eq!(
        (a, r),
        (vec!["PSEREB".to_string()], vec!["ISRCOP".to_string()])
    );
}

#[test]
fn passive_harm_and_casualties_give_the_victims() {
    // Sentences of the Arabic event gold standard (dev half), whose annotators' target is the
    // victim. A count after a harm verb is its victim, passive or not.
    let (a, r) = argument_texts(
        "وقتل 150 مدنيا افغانيا على الاقل في سلسلة من الضربات الجوية الاميركية.",
        EventType::Assault,
        &[],
    );
    // (The air strikes' nationality adjective gives the actor.)
    assert_eq!(
        (a, r),
        (
            vec!["الاميركية".to_string()],
            vec!["150 مدنيا افغانيا".to_string()]
        )
    );
    // An active verb with a counted object keeps the subject before it.
    let (a, r) = argument_texts(
        "قالت وزارة الدفاع الافغانية امس ان قوات اجنبية قتلت تسعة جنود افغان بطريق الخطأ.",
        EventType::Assault,
        &[("قوات اجنبية", "UAF")],
    );
    assert_eq!(
        (a, r),
        (
            vec!["قوات اجنبية".to_string()],
            vec!["تسعة جنود".to_string()]
        )
    );
    // A phrase before a harm verb with no object after it: passive, so the victim.
    let (a, r) = argument_texts(
        "وقال العقيد ان «جنديين عراقيين قتلا بانفجار عبوة ناسفة».",
        EventType::Assault,
        &[("جنديين عراقيين", "IRQMIL")],
    );
    assert_eq!((a, r), (vec![], vec!["جنديين عراقيين".to_string()]));
    // Casualties named by a noun elsewhere in the sentence.
    let (a, r) = argument_texts(
        "وأضافت ان عملية التفجير أسفرت عن مقتل 30 شخصا.",
        EventType::Assault,
        &[],
    );
    assert_eq!((a, r), (vec![], vec!["30 شخصا".to_string()]));
    // The object of استهدف, and the phrase after a verb that can only be passive (أُصيب).
    let (_, r) = argument_texts(
        "وقال المصدر ان هجوما انتحاريا استهدف دورية بريطانية امس.",
        EventType::Assault,
        &[],
    );
    assert_eq!(r, vec!["دورية بريطانية".to_string()]);
    let (_, r) = argument_texts(
        "واصيب جنديان امريكيان بجروح في هجوم مسلح امس.",
        EventType::Assault,
        &[],
    );
    assert_eq!(r, vec!["جنديان امريكيان".to_string()]);
    // A time phrase between a plural-marked verb and its object; an age in apposition.
    let (_, r) = argument_texts(
        "وأعلن ضابط ان مسلحين مجهولين خطفوا قبل ظهر أمس أميركيا بينما كان يسير.",
        EventType::Assault,
        &[("مسلحين مجهولين", "IRQUAF")],
    );
    assert_eq!(r, vec!["أميركيا".to_string()]);
    let (_, r) = argument_texts(
        "وأشارت المصادر الى ان المزارع ابراهيم صالحة، عشرين عاماً، قتل بينما كان يقوم بفلاحة أرضه.",
        EventType::Assault,
        &[],
    );
    assert_eq!(r, vec!["المزارع ابراهيم صالحة".to_string()]);
    // A phrase right before the verb is its subject, the one after it the object.
    let (a, r) = arguments_of(
        "قال مسؤولون امس إن حركة طالبان اختطفت حاكم منطقة بشرق أفغانستان.",
        EventType::Assault,
        &[("حركة طالبان", "AFGINS"), ("حاكم منطقة", "AFGGOV")],
    );
    assert_eq!(
        (a, r),
        (vec!["AFGINS".to_string()], vec!["AFGGOV".to_string()])
    );
    // The subject of a verb that carries the attack out ("وجهت ... ضربات جوية").
    let (a, _) = arguments_of(
        "وكانت القوات الاميركية وجهت عدة ضربات جوية داخل الصومال خلال الاشهر الماضية.",
        EventType::Assault,
        &[("القوات الاميركية", "USAMIL"), ("الصومال", "SOM")],
    );
    assert_eq!(a, vec!["USAMIL".to_string()]);
    // "نفذته امرأة": the carry-out verb with a pronoun for the attack names its doer.
    let (a, _) = argument_texts(
        "اسفر هجوم انتحاري نفذته امرأة أمس في سوق الكرادة وسط بغداد عن مقتل ثلاثة.",
        EventType::Assault,
        &[("امرأة", "IRQCVL")],
    );
    assert_eq!(a, vec!["امرأة".to_string()]);
}

#[test]
fn protesters_in_the_trigger_and_what_they_protest_against() {
    // The trigger is the protesters themselves; what they protest comes after a cue.
    let (a, r) = arguments_of(
        "وتجمع المتظاهرون امام المقر وهتفوا بشعارات ضد الحكومة.",
        EventType::Protest,
        &[("المتظاهرون", "CVL"), ("الحكومة", "SOMGOV")],
    );
    assert_eq!(
        (a, r),
        (vec!["CVL".to_string()], vec!["SOMGOV".to_string()])
    );
    // Without an actor phrase after the cue, the uncoded phrase it points at (GSR dev half).
    let (_, r) = argument_texts(
        "وشكل عدة مئات من المتظاهرين سلسلة بشرية على مشارف مطار يريفان للاحتجاج على زيارة غل.",
        EventType::Protest,
        &[("المتظاهرين", "CVL")],
    );
    assert_eq!(r, vec!["زيارة غل".to_string()]);
    // A trigger that is the protesters themselves is the actor, not a nearby nationality word.
    let (a, _) = argument_texts(
        "وحمل المتظاهرون اعلاما تركية وتجمعوا في الساحات العامة.",
        EventType::Protest,
        &[("المتظاهرون", "TURCVL"), ("تركية", "TUR")],
    );
    assert_eq!(a, vec!["المتظاهرون".to_string()]);
    // An uncoded subject after a protest verb.
    let (a, _) = argument_texts(
        "وتجمع مئات من الأقباط أمام الكاتدرائية الشهيرة.",
        EventType::Protest,
        &[],
    );
    assert_eq!(a, vec!["مئات من الأقباط".to_string()]);
    // Without a cue of what the protest is against, whom the chants are against (GSR dev
    // half): the first actor phrase right after a chant or banner word.
    let (_, r) = arguments_of(
        "وسار المتظاهرون وهم يحملون نعشا رمزيا في المدينة ورددوا هتافات معادية لإيران والولايات المتحدة.",
        EventType::Protest,
        &[("المتظاهرون", "CVL"), ("لإيران", "IRN"), ("الولايات المتحدة", "USA")],
    );
    assert_eq!(r.first().map(String::as_str), Some("IRN"));
    // A cue of what it is against comes first, even when it names no actor.
    let (_, r) = argument_texts(
        "وتظاهر آلاف الايرانيين امس ضد الغارات على قطاع غزة وهم يرددون هتافات الموت لأميركا.",
        EventType::Protest,
        &[("لأميركا", "USA")],
    );
    assert_eq!(r, vec!["الغارات".to_string()]);
}

fn daraa() -> Analysis {
    let text = include_str!("../../../examples/daraa-2018-07-04.ar.txt");
    let mut a = analysis(text, Some("2018-07-04"));
    mark_repeats(&mut a);
    use EntityType::*;
    place_actor(&mut a, "الوفد الروسي", ORG, "RUSGOV");
    place_actor(&mut a, "الفصائل", ORG, "SYRREB");
    place_actor(&mut a, "النظام", ORG, "SYRGOV");
    place_actor(&mut a, "المدنيين", MISC, "SYRCVL");
    place_actor(&mut a, "مجلس الأمن الدولي", ORG, "IGOUNO");
    place_actor(&mut a, "وزارة الخارجية الأمريكية", ORG, "USAGOV");
    place_actor(&mut a, "مايك بومبيو", PER, "USAGOV");
    place_actor(&mut a, "هيذر ناورت", PER, "USAGOV");
    place_actor(&mut a, "الإدارة الأمريكية", ORG, "USAGOV");
    place_actor(&mut a, "سيرجي لافروف", PER, "RUSGOV");
    place_actor(&mut a, "روسيا", GPE, "RUS");
    place_date(&mut a, "غدا (الخميس)", "2018-07-05");
    place_date(&mut a, "أمس (الثلاثاء)", "2018-07-03");
    place_place(&mut a, "درعا");
    place_place(&mut a, "بصرى الحرير");
    place_place(&mut a, "جنوب سورية");
    a.entities.sort_by_key(|e| e.span);
    code_events(&mut a);
    a
}

#[test]
fn founding_example_daraa() {
    let a = daraa();
    let text = a.text();
    let show = || {
        a.events
            .iter()
            .map(|e| {
                format!(
                    "{} {:?} {:?} actors={:?} rcp={:?} {:?}",
                    e.event_type.as_str(),
                    e.trigger.slice(text),
                    e.modality,
                    codes(&e.actor),
                    codes(&e.recipient),
                    e.date.as_ref().map(|d| d.value.clone())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let find = |t: EventType, pred: &dyn Fn(&Event) -> bool| -> Vec<&Event> {
        a.events
            .iter()
            .filter(|e| e.event_type == t && pred(e))
            .collect()
    };
    // Talks in Busra al-Harir: CONSULT, Russia and the factions, attributed to the source.
    let talks = find(EventType::Consult, &|e| {
        e.location
            .as_ref()
            .is_some_and(|l| l.span.slice(text) == "بصرى الحرير")
    });
    assert_eq!(talks.len(), 1, "{}", show());
    let t = talks[0];
    assert_eq!(codes(&t.actor), vec!["RUSGOV", "SYRREB"], "{}", show());
    assert_eq!(t.modality, Modality::Asserted);
    assert!(t
        .attributed_to
        .as_ref()
        .unwrap()
        .span
        .slice(text)
        .contains("مصدر"));
    // The Russian demand to leave.
    let demand = find(EventType::Request, &|e| {
        e.trigger.slice(text).contains("المطالب")
    });
    assert_eq!(demand.len(), 1, "{}", show());
    // The factions' refusal.
    let refuse = find(EventType::Reject, &|e| codes(&e.actor) == ["SYRREB"]);
    assert_eq!(refuse.len(), 1, "{}", show());
    // Expected regime attacks on civilians: future, attributed to the opposition source.
    let expected = find(EventType::Assault, &|e| e.modality == Modality::Future);
    assert_eq!(expected.len(), 1, "{}", show());
    let x = expected[0];
    assert_eq!(codes(&x.actor), vec!["SYRGOV"], "{}", show());
    assert_eq!(codes(&x.recipient), vec!["SYRCVL"], "{}", show());
    assert!(x
        .attributed_to
        .as_ref()
        .unwrap()
        .span
        .slice(text)
        .contains("مصدر"));
    // Security Council meeting on Thursday 2018-07-05: future.
    let council = find(EventType::Consult, &|e| codes(&e.actor) == ["IGOUNO"]);
    assert_eq!(council.len(), 1, "{}", show());
    assert_eq!(council[0].modality, Modality::Future);
    assert_eq!(council[0].date.as_ref().unwrap().value, "2018-07-05");
    assert_eq!(
        council[0].location.as_ref().unwrap().span.slice(text),
        "درعا"
    );
    // Pompeo–Lavrov phone call on Tuesday 2018-07-03.
    let call = find(EventType::Consult, &|e| e.mode.as_deref() == Some("phone"));
    assert_eq!(call.len(), 1, "{}", show());
    assert_eq!(
        codes(&call[0].actor),
        vec!["RUSGOV", "USAGOV"],
        "{}",
        show()
    );
    assert_eq!(call[0].date.as_ref().unwrap().value, "2018-07-03");
    assert_eq!(call[0].modality, Modality::Asserted);
    assert!(call[0].attributed_to.is_some());
    // US concern.
    let concern = find(EventType::Accuse, &|e| codes(&e.actor) == ["USAGOV"]);
    assert_eq!(concern.len(), 1, "{}", show());
    // Aid halted.
    let aid = find(EventType::Sanction, &|_| true);
    assert_eq!(aid.len(), 1, "{}", show());
    assert_eq!(aid[0].context, vec!["humanitarian"]);
    // Continuing air strikes: asserted, aerial.
    let strikes = find(EventType::Assault, &|e| e.mode.as_deref() == Some("aerial"));
    assert_eq!(strikes.len(), 1, "{}", show());
    assert_eq!(strikes[0].modality, Modality::Asserted);
    // Nothing twice: the repeated paragraphs add mentions, not events, and no ceasefire
    // ("وقف إطلاق النار") became an attack.
    assert_eq!(find(EventType::Assault, &|_| true).len(), 2, "{}", show());
    assert!(a.events.iter().all(|e| !a.in_repeated_sentence(e.trigger)));
    assert!(call[0].mentions.iter().any(|m| a.in_repeated_sentence(*m)));
}

#[test]
fn gsr_fixture_evaluates() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let report = evaluate_gsr(dir).unwrap();
    assert_eq!(report.detection.len(), 2);
    for d in &report.detection {
        assert_eq!(d.true_positive + d.false_negative, 3, "{report}");
        assert_eq!(d.false_positive + d.true_negative, 5, "{report}");
        assert_eq!(d.skipped, 1);
    }
    // The fixture's ASSAULT panels: three 3-0 `yes`, three 0-3 `easy no`, two 1-2 `difficult
    // no`, so one annotator of the panel accepts 3 true and 2/3 of a false sentence.
    let assault = report
        .detection
        .iter()
        .find(|d| d.event_type == "ASSAULT")
        .unwrap();
    let annotator = assault.annotator.expect("the fixture has vote columns");
    assert!(
        (annotator.true_positive - 3.0).abs() < 1e-9,
        "{annotator:?}"
    );
    assert!(
        (annotator.false_positive - 2.0 / 3.0).abs() < 1e-9,
        "{annotator:?}"
    );
    assert_eq!(annotator.false_negative, 0.0);
    assert!((annotator.f1() - 0.9).abs() < 1e-9);
    assert_eq!(report.spans.len(), 2);
    let shown = report.to_string();
    assert!(shown.contains("ASSAULT") && shown.contains("F1"));
    assert!(shown.contains("one annotator"), "{shown}");
    assert_eq!(
        crate::gsr::date_from_id("AAW_ARB_20071026.0026-2"),
        NaiveDate::from_ymd_opt(2007, 10, 26)
    );
}

#[test]
fn csv_quotes_commas_and_newlines() {
    let rows = crate::gsr::parse_csv("a,b\n1,\"x, \"\"y\"\"\nz\"\n");
    assert_eq!(rows, vec![vec!["a", "b"], vec!["1", "x, \"y\"\nz"]]);
}

#[test]
fn english_verbs_get_their_regular_forms() {
    use crate::lexicon::english_verb_forms;
    let forms = |l: &str| english_verb_forms(l).join(" ");
    assert_eq!(forms("demand"), "demands demanded demanding");
    assert_eq!(forms("seize"), "seizes seized seizing");
    assert_eq!(forms("ban"), "bans banned banning");
    assert_eq!(forms("stab"), "stabs stabbed stabbing");
    assert_eq!(forms("visit"), "visits visited visiting");
    assert_eq!(forms("deploy"), "deploys deployed deploying");
    assert_eq!(forms("rally"), "rallies rallied rallying");
    assert_eq!(forms("attack"), "attacks attacked attacking");
    assert_eq!(forms("launch"), "launches launched launching");
    // Already inflected lemmas get nothing.
    assert_eq!(forms("lifted"), "");
}

#[test]
fn casualties_before_the_trigger_are_victims_not_doers() {
    // GSR dev half: the coded phrase before the trigger would be its SVO subject, but a harm
    // verb names it as the one harmed.
    let (a, r) = arguments_of(
        "والثلاثاء اصيب 37 شخصا بجروح حين انفجرت قنبلة في سوق في ولاية يالا المجاورة.",
        EventType::Assault,
        &[("شخصا", "CVL")],
    );
    assert!(a.is_empty(), "{a:?}");
    assert_eq!(r, vec!["CVL".to_string()]);
}

#[test]
fn what_an_attack_is_on_is_its_target() {
    // GSR dev half: the phrase after على right after the trigger, coded or not.
    let (_, r) = argument_texts(
        "وقال مصدر امني إن عبوة ناسفة انفجرت على دورية بريطانية قرب المدينة.",
        EventType::Assault,
        &[],
    );
    assert_eq!(r, vec!["دورية بريطانية".to_string()]);
    // An idiom is no target: "على يد" names the doers.
    let (_, r) = argument_texts(
        "ووقع الهجوم على يد مسلحين مجهولين.",
        EventType::Assault,
        &[],
    );
    assert!(r.iter().all(|x| !x.contains("يد")), "{r:?}");
}

#[test]
fn an_unresolved_place_is_no_location() {
    let text = "قصفت الطائرات مواقع في الشرق الأوسط قرب درعا أمس.";
    let mut a = analysis(text, Some("2018-07-04"));
    place_place(&mut a, "درعا");
    let at = text.find("الشرق الأوسط").unwrap();
    a.entities.push(Entity {
        span: Span::new(at, at + "الشرق الأوسط".len()),
        place: Some(Place::unresolved()),
        ..test_entity(EntityType::LOC)
    });
    code_events(&mut a);
    let strikes = of_type(&a, EventType::Assault);
    assert_eq!(strikes.len(), 1);
    let location = strikes[0].location.as_ref().unwrap();
    assert_eq!(location.span.slice(text), "درعا");
    // Alone, it gives the event no location.
    a.entities.retain(|e| e.span.slice(text) != "درعا");
    code_events(&mut a);
    assert!(of_type(&a, EventType::Assault)[0].location.is_none());
}

#[test]
fn achieving_is_no_investigation() {
    // حقق / تحقيق mostly mean "achieve": investigate only with a word that says so.
    for text in [
        "وحققت الحكومة نجاحا كبيرا في الانتخابات.",
        "وتسعى الدول إلى تحقيق الاستقرار في المنطقة.",
        "وقال إن المنتخب حقق فوزا ثمينا.",
        "وأعلن مكتب التحقيقات الفيدرالي النتائج.",
    ] {
        let a = coded(text, Some("2010-05-01"));
        assert!(
            a.events
                .iter()
                .all(|e| e.mode.as_deref() != Some("investigate")),
            "{text}: {:?}",
            a.events
        );
    }
    for text in [
        "وفتحت الشرطة تحقيقا في الحادث.",
        "وقالت إن الشرطة تحقق مع المتهمين.",
        "وأحيل الضابط إلى التحقيق.",
        "وطالبت المنظمة بتحقيق دولي في الهجوم.",
    ] {
        let a = coded(text, Some("2010-05-01"));
        assert!(
            a.events
                .iter()
                .any(|e| e.event_type == EventType::Accuse
                    && e.mode.as_deref() == Some("investigate")),
            "{text}: {:?}",
            a.events
        );
    }
}

#[test]
fn the_student_demands_nothing() {
    let a = coded("وقال الطالب إن الامتحان كان صعبا.", Some("2015-08-01"));
    assert!(of_type(&a, EventType::Request).is_empty(), "{:?}", a.events);
    let a = coded("وطالب الوزير بالإفراج عن المعتقلين.", Some("2015-08-01"));
    assert_eq!(of_type(&a, EventType::Request).len(), 1, "{:?}", a.events);
}

#[test]
fn a_name_is_no_trigger() {
    // تشاد is also "she praises" (أشاد): tagged as a country it is no SUPPORT event.
    let text = "وكانت تشاد والسودان قد قررا إعادة العلاقات.";
    let mut a = analysis(text, Some("2008-05-01"));
    let tagged = Entity {
        source: "tagger".into(),
        ..test_entity(EntityType::GPE)
    };
    mark_every(&mut a, "تشاد", tagged);
    code_events(&mut a);
    assert!(of_type(&a, EventType::Support).is_empty(), "{:?}", a.events);
    // Untagged (no entity stage), the same word is a trigger.
    let a = coded(text, Some("2008-05-01"));
    assert_eq!(of_type(&a, EventType::Support).len(), 1, "{:?}", a.events);
}

#[test]
fn hands_are_no_support_and_demand_is_no_request() {
    // أيدي is "hands" (not أيّد + "my"); الطلب على النفط is market demand.
    let a = coded("وقتل الصبي على أيدي رجال الشرطة.", Some("2008-12-08"));
    assert!(of_type(&a, EventType::Support).is_empty(), "{:?}", a.events);
    assert_eq!(of_type(&a, EventType::Assault).len(), 1, "{:?}", a.events);
    let a = coded(
        "وتراجع الطلب على النفط في الأسواق الآسيوية.",
        Some("2015-07-25"),
    );
    assert!(of_type(&a, EventType::Request).is_empty(), "{:?}", a.events);
    // Written with ى, قتلى is the casualties, still an attack's word (the only one here).
    let text = "وسقط قتلى وجرحى في المدينة أمس.";
    let a = coded(text, Some("2008-12-08"));
    assert!(
        of_type(&a, EventType::Assault)
            .iter()
            .any(|e| e.trigger.slice(text) == "قتلى"),
        "{:?}",
        a.events
    );
}

#[test]
fn a_verb_is_not_its_own_subject_and_names_hold_no_triggers() {
    // The actor stage reads وطالب as طالب, a student; the verb names no participant.
    let text = "وطالب عضو لجنة الأمن بالتحقيق في الحادث.";
    let a = coded_with_actor(text, "2015-08-01", "طالب", EntityType::PER, "IRQEDU");
    let requests = of_type(&a, EventType::Request);
    assert_eq!(requests.len(), 1, "{:?}", a.events);
    assert!(
        requests[0]
            .actor
            .iter()
            .all(|p| p.code.as_deref() != Some("IRQEDU")),
        "{:?}",
        requests[0]
    );
    // التعاون inside the name of the GCC is no COOPERATE event.
    let text = "وعقد وزراء دول مجلس التعاون اجتماعا في الرياض.";
    let mut a = analysis(text, Some("2015-08-01"));
    let gcc = Entity {
        source: "actors".into(),
        actor: Some(actor("IGOMEAGCC")),
        ..test_entity(EntityType::ORG)
    };
    mark_every(&mut a, "دول مجلس التعاون", gcc);
    code_events(&mut a);
    assert!(
        of_type(&a, EventType::Cooperate).is_empty(),
        "{:?}",
        a.events
    );
    assert_eq!(of_type(&a, EventType::Consult).len(), 1, "{:?}", a.events);
}

#[test]
fn a_match_or_a_trading_session_is_no_meeting() {
    for text in [
        "وانتهى اللقاء بفوز الفريق الأول للنادي بهدفين في الدقيقة 62.",
        "وتراجع المؤشر خلال جلسة يوم امس بواقع 21 نقطة.",
        "وأعلن نادي الهلال نفاد تذاكر لقاء السوبر مع النصر.",
    ] {
        let a = coded(text, Some("2015-07-25"));
        assert!(
            of_type(&a, EventType::Consult).is_empty(),
            "{text}: {:?}",
            a.events
        );
    }
    let a = coded("وعقد الوزيران جلسة مباحثات في الرياض.", Some("2015-07-25"));
    assert!(
        !of_type(&a, EventType::Consult).is_empty(),
        "{:?}",
        a.events
    );
}

#[test]
fn a_ceasefire_is_no_shooting() {
    for text in [
        "وطرح وقف إطلاق النار في الزبداني.",
        "وطرح إيقاف إطلاق النار في الزبداني مقابل إيقاف إطلاق النار في الفوعة.",
    ] {
        let a = coded(text, Some("2015-07-25"));
        assert!(
            of_type(&a, EventType::Assault).is_empty(),
            "{text}: {:?}",
            a.events
        );
    }
}

#[test]
fn where_a_march_goes_names_its_target() {
    let text = "ونظم رجال ونساء في البلدة مسيرة احتجاجية باتجاه مقر التنفيذية أمس.";
    let a = coded(text, Some("2008-05-01"));
    let protests = of_type(&a, EventType::Protest);
    assert_eq!(protests.len(), 1, "{:?}", a.events);
    let targets: Vec<&str> = protests[0]
        .recipient
        .iter()
        .map(|p| p.span.slice(text))
        .collect();
    assert!(
        targets.iter().any(|t| t.contains("التنفيذية")),
        "{targets:?}"
    );
}

/// The trigger (and mode) of each event of type `t` in `text`.
fn triggers_of(text: &str, t: EventType) -> Vec<(String, Option<String>)> {
    let a = coded(text, Some("2015-07-25"));
    of_type(&a, t)
        .iter()
        .map(|e| (e.trigger.slice(text).to_string(), e.mode.clone()))
        .collect()
}

#[test]
fn the_types_beyond_attacks_and_protests() {
    // Sentences from SaudiNewsNet (July 2015), one per type the lexicon covers beyond ASSAULT,
    // PROTEST and CONSULT.
    let cases: &[(&str, EventType, &str, Option<&str>)] = &[
        (
            "وقال المتحدث باسم المنظمة إن المنظمة وزعت 4.6 أطنان من الأدوية في ثماني محافظات.",
            EventType::Aid,
            "وزعت 4.6 أطنان من الأدوية",
            None,
        ),
        (
            "ووفقا لمصدر أمني تشادي آخر، تم نشر نحو ألف جندي في منطقة البحيرة.",
            EventType::Mobilize,
            "نشر نحو ألف جندي",
            Some("troops"),
        ),
        (
            "ألقى رجال الهيئة بحفر الباطن القبض على شاب إثر قيامه بابتزاز فتاة.",
            EventType::Coerce,
            "القبض على",
            Some("arrest"),
        ),
        (
            "قالت مصادر قضائية إن محكمة جنايات مصرية قضت اليوم الأربعاء بسجن أحمد نظيف خمس سنوات.",
            EventType::Coerce,
            "قضت اليوم الأربعاء بسجن",
            Some("arrest"),
        ),
        (
            "واس- المنامة: استدعت مملكة البحرين سفيرها لدى إيران للتشاور.",
            EventType::Sanction,
            "استدعت مملكة البحرين سفيرها",
            Some("withdraw"),
        ),
        (
            "وكانت وزارة الخارجية في البحرين قد استدعت القائم بأعمال السفارة الإيرانية لدى البحرين.",
            EventType::Accuse,
            "استدعت القائم",
            Some("allege"),
        ),
        (
            "وأضافت «استقال لورد سيويل هذا الصباح من منصب رئيس اللجان.",
            EventType::Retreat,
            "استقال",
            Some("resign"),
        ),
        (
            "وتوعدت بملاحقة المسؤولين عنها أمام القضاء.",
            EventType::Threaten,
            "وتوعدت",
            None,
        ),
        (
            "وقعت الدول الغربية اتفاقاً نووياً مع إيران يرفع كافة العقوبات عنها.",
            EventType::Retreat,
            "يرفع كافة العقوبات",
            None,
        ),
        (
            "وأصدر الأسد المرسوم القاضي بمنح عفو عام عن جرائم الفرار الداخلي.",
            EventType::Concede,
            "عفو",
            None,
        ),
        (
            "روسيا تستخدم الفيتو ضد مشروع قرار تشكيل محكمة دولية.",
            EventType::Reject,
            "تستخدم الفيتو",
            None,
        ),
    ];
    for (text, t, trigger, mode) in cases {
        let got = triggers_of(text, *t);
        assert!(
            got.iter()
                .any(|(g, m)| g == trigger && m.as_deref() == *mode),
            "{text}: want {t:?} {trigger:?} {mode:?}, got {got:?}"
        );
    }
}

#[test]
fn a_verb_takes_no_preposition_or_article() {
    // بحثا عن (searching for) is not ب + حثّ (urged); اليدين (the hands) is not يدين
    // (condemns); بيتهم (their house) is not يتهم (accuses); بايدن is a name.
    for (text, t) in [
        (
            "وجاء المهاجرون عبر البحر بحثا عن حياة أفضل.",
            EventType::Request,
        ),
        ("ورفع الرجل اليدين إلى السماء.", EventType::Accuse),
        ("وعاد الأطفال إلى بيتهم مساء أمس.", EventType::Accuse),
        ("والتقى بايدن رئيس الوزراء أمس.", EventType::Support),
    ] {
        let got = triggers_of(text, t);
        assert!(got.is_empty(), "{text}: {t:?} {got:?}");
    }
    // The bare lemma is also the verbal noun and keeps its clitics: بقتل is "of killing".
    let got = triggers_of("واتهمت الشرطة الرجل بقتل زوجته.", EventType::Assault);
    assert!(got.iter().any(|(g, _)| g == "بقتل"), "{got:?}");
    // وحث is و + the verb.
    let got = triggers_of("وحث الوزير المواطنين على التصويت.", EventType::Request);
    assert!(got.iter().any(|(g, _)| g == "وحث"), "{got:?}");
}

#[test]
fn mobilizing_gives_way_to_the_attack_it_serves() {
    // PLOVER: a MOBILIZE reported in the context of an ASSAULT is coded as the ASSAULT only.
    let text = "واستقدمت الميليشيات تعزيزات تمركزت على أطراف القرية وقامت بقصف عشوائي للمنازل.";
    assert!(triggers_of(text, EventType::Mobilize).is_empty());
    assert!(!triggers_of(text, EventType::Assault).is_empty());
    let text = "ووصلت تعزيزات عسكرية إلى المدينة أمس.";
    assert_eq!(triggers_of(text, EventType::Mobilize).len(), 1);
}

#[test]
fn manoeuvres_and_relief_need_their_sense() {
    // مناورة in a match report is a move on the pitch; مساعدة after ل is "to help".
    assert!(triggers_of(
        "وطبق المدرب مناورة هجومية على الملعب قبل نهاية المران.",
        EventType::Mobilize
    )
    .is_empty());
    assert_eq!(
        triggers_of(
            "وأجرت القوات البحرية مناورات عسكرية في الخليج.",
            EventType::Mobilize
        )
        .len(),
        1
    );
    assert!(triggers_of(
        "والدعم الإنساني الذي يقدم لمساعدة الشعب اليمني في تجاوز أزمته.",
        EventType::Aid
    )
    .is_empty());
    // A ceasefire only when declared or in force, not when merely named.
    assert!(triggers_of(
        "ومن غير المتوقع أن تسفر الجلسة عن قرار ملزم بالالتزام بوقف إطلاق النار.",
        EventType::Retreat
    )
    .is_empty());
    assert_eq!(
        triggers_of(
            "وأعلنت قيادة التحالف هدنة إنسانية تبدأ ظهر اليوم.",
            EventType::Retreat
        )
        .len(),
        1
    );
}

#[test]
fn general_words_for_cooperation_penalties_and_threats_are_no_events() {
    // التعاون names a council or a partnership; العقوبات a regulator's penalties; التهديد a danger
    // in general; طرد a person turned away. None is an event between actors.
    for (text, t) in [
        (
            "وأكد أهمية التعاون بين منسوبي المجموعة.",
            EventType::Cooperate,
        ),
        (
            "وعقد قادة دول مجلس التعاون لقاءهم التشاوري.",
            EventType::Cooperate,
        ),
        (
            "وتأتي هذه العقوبات ضمن جهود الرئاسة في تطبيق النظام العام للبيئة.",
            EventType::Sanction,
        ),
        (
            "وقال إن التهديد ما زال قائما في المنطقة.",
            EventType::Threaten,
        ),
        (
            "مهرجان في القريات يطرد معاقا بسبب سيارته.",
            EventType::Sanction,
        ),
    ] {
        let got = triggers_of(text, t);
        assert!(got.is_empty(), "{text}: {t:?} {got:?}");
    }
    for (text, t) in [
        (
            "وقال الوزير إن الشرطة تعاونت مع الإنتربول في ملاحقة المطلوبين.",
            EventType::Cooperate,
        ),
        (
            "وفرضت واشنطن عقوبات اقتصادية جديدة على طهران.",
            EventType::Sanction,
        ),
        ("وطردت الحكومة السفير الإسرائيلي أمس.", EventType::Sanction),
        (
            "ووجه التنظيم تهديدات بقتل السكان في المدينة.",
            EventType::Threaten,
        ),
    ] {
        let got = triggers_of(text, t);
        assert_eq!(got.len(), 1, "{text}: {t:?} {got:?}");
    }
}

#[test]
fn threatening_stability_is_no_threat_and_easing_sanctions_is_no_sanction() {
    // "يهدد استقرار المنطقة" says something endangers stability; a threat names what the
    // actor will do (هدد بالانسحاب).
    assert!(triggers_of(
        "وترى الولايات المتحدة أن سورية مصدر للإرهاب بما يهدد استقرار الشرق الأوسط.",
        EventType::Threaten
    )
    .is_empty());
    assert_eq!(
        triggers_of(
            "هدد عدد من مؤسسات حجاج الداخل وزارة الحج بالانسحاب من حج هذا العام.",
            EventType::Threaten
        )
        .len(),
        1
    );
    // Easing sanctions is RETREAT, not a SANCTION (the crosswalk's mode "ease" is no longer
    // one of PLOVER's).
    let text =
        "وافق مجلس الأمن الدولي على اتفاق يحد من برنامج إيران النووي مقابل تخفيف العقوبات الدولية.";
    assert!(triggers_of(text, EventType::Sanction).is_empty());
    assert_eq!(
        triggers_of(text, EventType::Retreat),
        vec![("تخفيف العقوبات".to_string(), None)]
    );
    // قفص الاتهام is the dock.
    assert!(triggers_of(
        "وأوضح أن النظام السياسي كله هو الآن في قفص الاتهام.",
        EventType::Accuse
    )
    .is_empty());
}

#[test]
fn support_needs_whom_it_supports_and_requests_need_a_requester() {
    // دعم names SUPPORT only with a political object: not a product, a value or subsidies.
    for (text, t) in [
        (
            "وتأتي هذه الخطوة لدعم الصادرات الصناعية عبر المنافذ البرية.",
            EventType::Support,
        ),
        (
            "ويهدف البرنامج إلى دعم الأندية التي تهتم بفرق الناشئين.",
            EventType::Support,
        ),
        (
            "إن رعاية خادم الحرمين الشريفين -أيده الله- لهذه الدورة دليل وفاء.",
            EventType::Support,
        ),
        // A source asking not to be named, a count of applications, a student, seeking
        // knowledge: no request.
        (
            "وأضاف المصدر الذي طلب عدم الكشف عن اسمه أن العجلات وصلت.",
            EventType::Request,
        ),
        (
            "وبلغ عدد الطلبات المقدمة 38 الف طلب تقديم هذا العام.",
            EventType::Request,
        ),
        (
            "كما تحدث صديقه طالب الدكتوراة سعد المطيري عن الفقيد.",
            EventType::Request,
        ),
        (
            "وأطاع والدته في عدم السفر لطلب العلم فاستجاب لها.",
            EventType::Request,
        ),
    ] {
        let got = triggers_of(text, t);
        assert!(got.is_empty(), "{text}: {t:?} {got:?}");
    }
    for (text, t) in [
        (
            "وأكد الوزير أن إيران تواصل دعم الميليشيات الحوثية في اليمن.",
            EventType::Support,
        ),
        (
            "وطالبت الولايات المتحدة ودول آسيان الصين بوقف أنشطتها.",
            EventType::Request,
        ),
        ("وطلب اللاجئ اللجوء في ألمانيا.", EventType::Request),
    ] {
        let got = triggers_of(text, t);
        assert_eq!(got.len(), 1, "{text}: {t:?} {got:?}");
    }
}

#[test]
fn a_threat_says_what_will_be_done() {
    // هدد/تهديد with a ب-phrase is a threat; with only what is endangered it is not.
    assert!(triggers_of(
        "ويعترض على إقامة أي مشاريع على حوض النهر تهدد مواردها المائية.",
        EventType::Threaten
    )
    .is_empty());
    assert!(triggers_of(
        "وقال الوزير إن داعش تهديد مشترك لدول المنطقة.",
        EventType::Threaten
    )
    .is_empty());
    assert_eq!(
        triggers_of(
            "وحمل المسلحون أسلحتهم وهددوا بقتل المناديب في المدينة.",
            EventType::Threaten
        )
        .len(),
        1
    );
}

/// The event types coded in an English sentence.
fn english_types(text: &str) -> Vec<EventType> {
    let mut a = Analysis::new(Document {
        id: "t".into(),
        text: text.into(),
        published: NaiveDate::from_ymd_opt(2000, 1, 1),
        declared_language: Some("en".into()),
        ..Default::default()
    });
    hadath_language::annotate(&mut a);
    code_events(&mut a);
    a.events.iter().map(|e| e.event_type).collect()
}

#[test]
fn english_resignations_curfews_calls_and_demands() {
    // PLOVER: resignations are RETREAT (mode resign); removing a curfew or emergency measures
    // is a CONCEDE, easing sanctions or a blockade a RETREAT; "X must do Y" is a demand.
    let cases = [
        (
            "Lt. Gen. Prosper Avril resigned yesterday to allow elections to take place.",
            EventType::Retreat,
        ),
        (
            "Serbia lifted a night curfew in Montenegro on Sunday.",
            EventType::Concede,
        ),
        (
            "The European Union lifted sanctions on Belgrade on Monday.",
            EventType::Retreat,
        ),
        (
            "The Red Cross said US forces must ensure security in the city.",
            EventType::Request,
        ),
        (
            "Christopher telephoned Kozyrev on Tuesday to discuss the peace plan.",
            EventType::Consult,
        ),
    ];
    for (text, t) in cases {
        let got = english_types(text);
        assert!(got.contains(&t), "{text}: want {t:?}, got {got:?}");
    }
}

#[test]
fn lifting_a_curfew_is_a_concession_lifting_sanctions_a_retreat() {
    let got = triggers_of(
        "ورفعت السلطات حظر التجول في المدينة أمس.",
        EventType::Concede,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let got = triggers_of(
        "ورفعت الولايات المتحدة العقوبات عن الشركة أمس.",
        EventType::Retreat,
    );
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn what_is_called_for_is_not_done() {
    // The withdrawal is asked for (دعا … إلى، طالب … بـ), the negotiation urged (حثّ على).
    for (text, t) in [
        (
            "ودعا البارزاني حزب العمال الكردستاني إلى الانسحاب من الأراضي الكردية في العراق.",
            EventType::Retreat,
        ),
        (
            "وطالبت الأمم المتحدة الحوثيين بالانسحاب من صنعاء.",
            EventType::Retreat,
        ),
        ("وحث الوزير الأطراف على التفاوض.", EventType::Consult),
    ] {
        let a = coded(text, Some("2015-07-25"));
        let events = of_type(&a, t);
        assert_eq!(events.len(), 1, "{text}: {:?}", a.events);
        assert_eq!(events[0].modality, Modality::Hypothetical, "{text}");
    }
    // The request itself happened.
    let a = coded(
        "وطالبت الأمم المتحدة الحوثيين بالانسحاب من صنعاء.",
        Some("2015-07-25"),
    );
    assert_eq!(
        of_type(&a, EventType::Request)[0].modality,
        Modality::Asserted
    );
    // A على that belongs to the response, a party named الدعوة, and "مما دعا" (which led to)
    // call for nothing.
    for (text, t) in [
        (
            "وأحرق متظاهرون أعلام إسرائيل مطالبين برد أقوى على الهجوم الإسرائيلي في غزة.",
            EventType::Assault,
        ),
        (
            "انضم إلى حزب الدعوة الإسلامية مبكرا وتعرض للاعتقال من قبل النظام.",
            EventType::Coerce,
        ),
    ] {
        let a = coded(text, Some("2015-07-25"));
        let events = of_type(&a, t);
        assert!(!events.is_empty(), "{text}: {:?}", a.events);
        assert!(
            events.iter().all(|e| e.modality != Modality::Hypothetical),
            "{text}: {events:?}"
        );
    }
}

#[test]
fn a_call_names_who_calls_and_whom_across_a_long_gap() {
    let texts = |a: &Analysis, ps: &[hadath_core::Participant]| -> Vec<String> {
        ps.iter()
            .map(|p| p.span.slice(a.text()).to_string())
            .collect()
    };
    // Subject and addressee both sit between دعا and إلى (up to 8 words).
    let text = "ودعا البارزاني حزب العمال الكردستاني إلى الانسحاب من الأراضي الكردية.";
    let a = coded_with_actor(
        text,
        "2015-07-25",
        "حزب العمال الكردستاني",
        EntityType::ORG,
        "TURREB",
    );
    let calls = of_type(&a, EventType::Request);
    assert_eq!(calls.len(), 1, "{:?}", a.events);
    assert_eq!(texts(&a, &calls[0].actor), ["البارزاني"]);
    assert_eq!(codes(&calls[0].recipient), ["TURREB"]);
    // A nationality adjective belongs to the subject; the next name is the addressee.
    let text = "ودعت الحكومة اليمنية الأمم المتحدة إلى التدخل.";
    let mut a = analysis(text, Some("2015-07-25"));
    place_actor(&mut a, "اليمنية", EntityType::GPE, "YEM");
    place_actor(&mut a, "الأمم المتحدة", EntityType::ORG, "IGOUNO");
    code_events(&mut a);
    let call = &of_type(&a, EventType::Request)[0];
    assert_eq!(texts(&a, &call.actor), ["الحكومة اليمنية"]);
    assert_eq!(codes(&call.recipient), ["IGOUNO"]);
    // An accusative plural right after the verb is whom it calls on; the caller is a pronoun.
    let a = coded("ودعا المتنزهين والمصطافين الى الحذر.", Some("2015-07-25"));
    let call = &of_type(&a, EventType::Request)[0];
    assert!(call.actor.is_empty(), "{:?}", call.actor);
    assert_eq!(texts(&a, &call.recipient), ["المتنزهين"]);
}

#[test]
fn sanctions_in_force_are_no_event_imposing_them_is() {
    for (text, events) in [
        (
            "وقالت إن العقوبات المفروضة على روسيا بدأت تنعكس على الاقتصاد.",
            0,
        ),
        ("وقرر الاتحاد الأوروبي تمديد العقوبات الاقتصادية على روسيا.", 1),
        ("وفرضت الولايات المتحدة عقوبات على شركات إيرانية.", 1),
    ] {
        let got = triggers_of(text, EventType::Sanction);
        assert_eq!(got.len(), events, "{text}: {got:?}");
    }
}

#[test]
fn teams_meeting_clubs_negotiating_and_visits_to_websites_are_no_consultations() {
    for text in [
        "وستلتقي أنجولا مع جنوب إفريقيا في مباراة الدور الثاني.",
        "وأكد نادي الوحدة أنه دخل في مفاوضات نهائية مع مهاجم.",
    ] {
        let got = triggers_of(text, EventType::Consult);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let got = triggers_of(
        "والتقى وزير الخارجية نظيره الروسي في موسكو أمس.",
        EventType::Consult,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    // Visiting a website, patients or an exhibition is no consultation either.
    for text in [
        "ويمكن زيارة موقع المديرية العامة للجوازات على الرابط.",
        "وتندرج مبادرة زيارة المرضى ضمن استراتيجية البلدية.",
    ] {
        let got = triggers_of(text, EventType::Consult);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let got = triggers_of("وزار الرئيس المصري الرياض أمس.", EventType::Consult);
    assert_eq!(got.len(), 1, "{got:?}");
    // Nor is an office receiving applications, or a festival its visitors.
    for text in [
        "وتستقبل غرفة الشرقية طلبات الشركات الراغبة في المشاركة.",
        "ويستقبل المهرجان زواره بمعرض للصور.",
    ] {
        let got = triggers_of(text, EventType::Consult);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let got = triggers_of(
        "واستقبل الملك وزير الخارجية الأمريكي أمس.",
        EventType::Consult,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    // A player's demands are no REQUEST either.
    let got = triggers_of(
        "وطالب اللاعب بخمسة ملايين يورو مقابل اللعب عاما واحدا.",
        EventType::Request,
    );
    assert!(got.is_empty(), "{got:?}");
}

/// Puts a person without an actor code (a name no dictionary knows) on every occurrence.
fn place_person(a: &mut Analysis, needle: &str) {
    mark_every(a, needle, test_entity(EntityType::PER));
}

fn texts(a: &Analysis, ps: &[hadath_core::Participant]) -> Vec<String> {
    ps.iter()
        .map(|p| p.span.slice(a.text()).to_string())
        .collect()
}

#[test]
fn executions_are_targeted_assaults() {
    // PLOVER's ASSAULT `targeted` covers executions: by a state or by an armed group.
    let text = "أعدم تنظيم داعش أمس الشيخ نجم الدين الجبوري في الموصل.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "تنظيم داعش", EntityType::ORG, "IMGMUSISI");
    place_person(&mut a, "نجم الدين الجبوري");
    code_events(&mut a);
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(e[0].mode.as_deref(), Some("targeted"));
    assert_eq!(codes(&e[0].actor), vec!["IMGMUSISI"]);
    assert!(
        texts(&a, &e[0].recipient).contains(&"نجم الدين الجبوري".to_string()),
        "{:?}",
        e[0]
    );
    // A count after the verb is who was executed, not who executed.
    let a = coded(
        "وقالت المنظمة إنه في عام 2014 أعدمت 289 شخصا.",
        Some("2015-07-23"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert!(e[0].actor.is_empty(), "{:?}", e[0]);
    assert_eq!(texts(&a, &e[0].recipient), vec!["289 شخصا"]);
    // The interior ministry's formula.
    let a = coded(
        "وتم تنفيذ حكم القتل قصاصا بالجاني اليوم الخميس بمحافظة النبهانية.",
        Some("2015-07-23"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(e[0].mode.as_deref(), Some("targeted"));
    assert_eq!(e[0].modality, Modality::Asserted);
    // A sentence to death, the penalty, a postponement and عدم ("to lack") are no execution.
    for text in [
        "وكان النائب محكوم عليه بالإعدام في الكويت.",
        "وتكون العقوبة الإعدام إذا اقترن الرمي بالكفر.",
        "ولن يعدم الباحث وسيلة.",
        "وهي من أفضل سبل نقل الطاقة إلى من يعدمون سبل الحصول عليها.",
    ] {
        let mut a = analysis(text, Some("2015-06-01"));
        if text.contains("الكويت") {
            place_actor(&mut a, "الكويت", EntityType::GPE, "KWT");
        }
        code_events(&mut a);
        assert!(
            of_type(&a, EventType::Assault).is_empty(),
            "{text}: {:?}",
            a.events
        );
    }
    let a = coded(
        "وقال المدعي العام إنه تعين إرجاء تنفيذ حكم الإعدام إلى ما بعد رمضان.",
        Some("2008-08-29"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(e[0].modality, Modality::Negated);
}

#[test]
fn about_is_not_would() {
    // بشأن (about) is not من شأن (would): the strikes the statement is about happened.
    let a = coded(
        "أصدرت الوزارة بيانا بشأن الغارات الجوية على صنعاء.",
        Some("2015-06-01"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(e[0].modality, Modality::Asserted);
    let a = coded(
        "وقال إن من شأن ذلك أن يؤدي إلى هجمات على المدنيين.",
        Some("2015-06-01"),
    );
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(e[0].modality, Modality::Hypothetical);
}

#[test]
fn uncoded_names_are_recipients_not_actors() {
    // A victim no dictionary knows is still named.
    let text = "اغتال مسلحون نجم الدين الجبوري في الموصل.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "مسلحون", EntityType::PER, "IRQUAF");
    place_person(&mut a, "نجم الدين الجبوري");
    code_events(&mut a);
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&e[0].actor), vec!["IRQUAF"]);
    assert_eq!(texts(&a, &e[0].recipient), vec!["نجم الدين الجبوري"]);
    // A name right after a coded title is that title's holder, the subject; not the object.
    let text = "ورحب النائب ياسين جابر بقرار الحكومة.";
    let mut a = analysis(text, Some("2007-03-16"));
    place_actor(&mut a, "النائب", EntityType::PER, "LBNLEG");
    place_person(&mut a, "ياسين جابر");
    code_events(&mut a);
    let e = of_type(&a, EventType::Support);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&e[0].actor), vec!["LBNLEG"]);
    assert!(
        !texts(&a, &e[0].recipient).contains(&"ياسين جابر".to_string()),
        "{:?}",
        e[0]
    );
    // …also after a comma and a personal title.
    let text = "أدان مفتي مصر، الدكتور شوقي علام، العملية الإرهابية.";
    let mut a = analysis(text, Some("2015-06-30"));
    place_actor(&mut a, "مفتي مصر", EntityType::PER, "EGYREL");
    place_person(&mut a, "شوقي علام");
    code_events(&mut a);
    let e = of_type(&a, EventType::Accuse);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert!(e[0].recipient.is_empty(), "{:?}", e[0]);
    // A name in apposition after a coded title is that title's holder, not the doer.
    let text = "اغتيال الأمين العام السابق للحزب الشيوعي جورج حاوي في اعتداء بسيارة مفخخة.";
    let mut a = analysis(text, Some("2005-05-22"));
    place_actor(&mut a, "الأمين العام السابق", EntityType::PER, "LBNPTY");
    place_person(&mut a, "جورج حاوي");
    code_events(&mut a);
    for e in &a.events {
        assert!(
            !texts(&a, &e.actor).contains(&"جورج حاوي".to_string()),
            "{e:?}"
        );
    }
}

#[test]
fn a_country_after_its_places_is_where_not_who() {
    // The airports cooperate, not the state; a court's travel ban abroad is the court's.
    let text = "إن القطاعات العاملة في جميع مطارات السعودية تتعاون للخروج بأفضل الخدمات.";
    let a = coded_with_actor(text, "2015-06-01", "السعودية", EntityType::GPE, "SAU");
    let e = of_type(&a, EventType::Cooperate);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert!(e[0].actor.is_empty(), "{:?}", e[0]);
    // A country name right after an agent of that country is the agent's adjective ("الحكومة
    // السعودية", coded apart because السعودية is both the name and the adjective).
    let text = "أدانت الحكومة السعودية الهجوم على السفارة الأميركية.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "الحكومة", EntityType::ORG, "SAUGOV");
    place_actor(&mut a, "السعودية", EntityType::GPE, "SAU");
    place_actor(&mut a, "السفارة الأميركية", EntityType::ORG, "USAGOV");
    code_events(&mut a);
    let e = of_type(&a, EventType::Accuse);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&e[0].actor), vec!["SAUGOV"], "{:?}", e[0]);
    assert!(
        !codes(&e[0].recipient).contains(&"SAU".to_string()),
        "{:?}",
        e[0]
    );
    // As a recipient a country stays: rockets fired at its territory hit it.
    let text = "وشن الحوثيون هجوما على مدن السعودية.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "الحوثيون", EntityType::ORG, "YEMREB");
    place_actor(&mut a, "السعودية", EntityType::GPE, "SAU");
    code_events(&mut a);
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&e[0].actor), vec!["YEMREB"], "{:?}", e[0]);
    assert_eq!(codes(&e[0].recipient), vec!["SAU"], "{:?}", e[0]);
}

#[test]
fn a_pronoun_on_anna_is_the_subject_so_the_phrase_after_the_verb_is_the_object() {
    // The minister will visit Saudi Arabia; Saudi Arabia is not visiting.
    let text = "وأعلن وزير الخارجية الألماني أنه سيزور السعودية خلال سبتمبر.";
    let mut a = analysis(text, Some("2015-07-20"));
    place_actor(&mut a, "وزير الخارجية الألماني", EntityType::PER, "DEUGOV");
    place_actor(&mut a, "السعودية", EntityType::GPE, "SAU");
    code_events(&mut a);
    let e = of_type(&a, EventType::Consult);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&e[0].actor), vec!["DEUGOV"], "{:?}", e[0]);
    assert_eq!(codes(&e[0].recipient), vec!["SAU"], "{:?}", e[0]);
    // A weekday after the source is when it spoke, not part of it.
    for text in [
        "أعلنت الشرطة الأميركية الخميس أنها اعتقلت شابا.",
        "أعلنت الشرطة الأميركية يوم الخميس أنها اعتقلت شابا.",
    ] {
        let mut a = analysis(text, Some("2015-07-20"));
        place_actor(&mut a, "الشرطة الأميركية", EntityType::ORG, "USACOP");
        code_events(&mut a);
        let e = of_type(&a, EventType::Coerce);
        assert_eq!(e.len(), 1, "{:?}", a.events);
        assert_eq!(codes(&e[0].actor), vec!["USACOP"], "{:?}", e[0]);
        let source = e[0].attributed_to.as_ref().expect("a source");
        assert_eq!(source.span.slice(a.text()), "الشرطة الأميركية");
    }
    // A civilian speaker did not carry out the attack: "إنها اختطفت" is passive here.
    let text = "وقالت إحدى الرهائن إنها اختطفت قرب الحدود.";
    let mut a = analysis(text, Some("2015-07-20"));
    place_actor(&mut a, "إحدى الرهائن", EntityType::PER, "AFGCVL");
    code_events(&mut a);
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert!(e[0].actor.is_empty(), "{:?}", e[0]);
    // The media relay: the pronoun is whoever bombed, not the agency.
    let text = "ونقلت وسائل الإعلام أنه قصف مواقع لحزب العمال الكردستاني.";
    let mut a = analysis(text, Some("2015-07-25"));
    place_actor(&mut a, "وسائل الإعلام", EntityType::PER, "MED");
    code_events(&mut a);
    let e = of_type(&a, EventType::Assault);
    assert_eq!(e.len(), 1, "{:?}", a.events);
    assert!(e[0].actor.is_empty(), "{:?}", e[0]);
    // A source phrase without a code is no actor ("قالت في لقاء سابق مع … إنه أفرج").
    let text = "وقالت في لقاء سابق مع الصحيفة إنه أفرج عن السجناء.";
    let a = coded(text, Some("2015-07-20"));
    for e in &a.events {
        assert!(e.actor.is_empty(), "{e:?}");
    }
    // "إنه اغتيل": a passive harm verb; the pronoun is "it is that", and the site killed no one.
    let text = "وقال الموقع إنه اغتيل برصاص قناص.";
    let mut a = analysis(text, Some("2008-08-05"));
    place_actor(&mut a, "الموقع", EntityType::ORG, "SYROPP");
    place_actor(&mut a, "قناص", EntityType::PER, "SYRUAF");
    code_events(&mut a);
    for e in of_type(&a, EventType::Assault) {
        assert!(!codes(&e.actor).contains(&"SYROPP".to_string()), "{e:?}");
    }
}

#[test]
fn a_joined_verb_starts_a_clause_and_a_prepositional_genitive_is_no_subject() {
    let text = "أدانت وزارة الخارجية الهجوم وطالبت بمحاسبة المسؤولين.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "وزارة الخارجية", EntityType::ORG, "SAUGOV");
    place_actor(&mut a, "المسؤولين", EntityType::PER, "IRQGOV");
    code_events(&mut a);
    let accuse = of_type(&a, EventType::Accuse);
    assert_eq!(accuse.len(), 1, "{:?}", a.events);
    // The officials belong to the demand, not to the condemnation.
    assert!(accuse[0].recipient.is_empty(), "{:?}", accuse[0]);
    let request = of_type(&a, EventType::Request);
    assert_eq!(request.len(), 1, "{:?}", a.events);
    // Who is to be held to account is not who demands it.
    assert_eq!(
        texts(&a, &request[0].actor),
        vec!["وزارة الخارجية"],
        "{:?}",
        request[0]
    );
    // The genitive of a prepositional noun after the verb is not its subject: the security
    // men are praised, they do not praise.
    let text = "وأشاد معاليه بدور رجال الأمن البواسل في الحفاظ على الأمن.";
    let mut a = analysis(text, Some("2015-07-20"));
    place_actor(&mut a, "رجال الأمن", EntityType::PER, "SAUCOP");
    code_events(&mut a);
    let support = of_type(&a, EventType::Support);
    assert_eq!(support.len(), 1, "{:?}", a.events);
    assert!(
        !codes(&support[0].actor).contains(&"SAUCOP".to_string()),
        "{:?}",
        support[0]
    );
    // An adverb of manner with بـ keeps the subject after it.
    let text = "أدانت بشدة وزارة الخارجية الهجوم.";
    let mut a = analysis(text, Some("2015-06-01"));
    place_actor(&mut a, "وزارة الخارجية", EntityType::ORG, "SAUGOV");
    code_events(&mut a);
    let accuse = of_type(&a, EventType::Accuse);
    assert_eq!(accuse.len(), 1, "{:?}", a.events);
    assert_eq!(codes(&accuse[0].actor), vec!["SAUGOV"]);
}

#[test]
fn a_participant_inside_another_of_its_role_is_dropped() {
    use crate::coder::drop_nested_participants;
    use hadath_core::{Participant, Span};
    let p = |start, end, code: Option<&str>| Participant {
        span: Span::new(start, end),
        code: code.map(str::to_string),
    };
    // "مسجد قوات الطوارئ" (SAUREL) with its first word "مسجد" uncoded, the same coded phrase
    // twice, and a phrase of another code inside a longer one.
    let mut ps = vec![
        p(0, 30, Some("SAUREL")),
        p(0, 8, None),
        p(40, 50, Some("PSE")),
        p(40, 50, Some("PSE")),
        p(10, 30, Some("SAUMIL")),
        p(60, 70, None),
        // "معسكرات حزب العمال الكردستاني" (uncoded) around the party (TURREB): the camps
        // take the party's code.
        p(80, 110, None),
        p(88, 110, Some("TURREB")),
    ];
    drop_nested_participants(&mut ps);
    assert_eq!(
        ps,
        vec![
            p(0, 30, Some("SAUREL")),
            p(40, 50, Some("PSE")),
            p(10, 30, Some("SAUMIL")),
            p(60, 70, None),
            p(80, 110, Some("TURREB")),
        ]
    );
}

#[test]
fn pretending_is_no_protest() {
    // تظاهر ب…: "he feigned remorse", "feigning joy" (SaudiNewsNet 2015-07/08).
    for text in [
        "ويعاود نشاطه بمجرد خروجه من السجن بعد أن يبدي الندم ويتظاهر بالصلاح والتقوى.",
        "فكيف نستطيع التظاهر بالفرح ونحن نرى كل يوم ما ينغص علينا.",
        "وجلست إلى مائدة العشاء وأتظاهر بأنه لم يحدث شيء.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(of_type(&a, EventType::Protest).is_empty(), "{text}");
    }
    // Where they gathered and how many are no pretence.
    for text in [
        "وتظاهر آلاف الأشخاص أمس أمام مقر البرلمان.",
        "وتظاهر المئات بالقرب من السفارة أمس.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(!of_type(&a, EventType::Protest).is_empty(), "{text}");
    }
}

#[test]
fn a_cause_after_a_harm_verb_is_no_victim() {
    // "قتلا نتيجة انفجار": the two soldiers died of the blast; نتيجة names no victim.
    for text in [
        "وأكد المصدر أن جنديين قتلا نتيجة انفجار عبوة ناسفة في المدينة.",
        "وأكد المصدر أن جنديين قتلا بسبب انفجار عبوة ناسفة في المدينة.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        let t = a.text();
        let e = &of_type(&a, EventType::Assault)[0];
        let recipients: Vec<&str> = e.recipient.iter().map(|p| p.span.slice(t)).collect();
        assert!(
            recipients
                .iter()
                .all(|r| !r.contains("نتيجة") && !r.contains("بسبب")),
            "{text}: {recipients:?}"
        );
        assert!(
            recipients.iter().any(|r| r.contains("جنديين")),
            "{text}: {recipients:?}"
        );
    }
}

#[test]
fn a_counted_student_is_no_request() {
    // "ثلاثين طالبًا": thirty students, not "he demanded" (SaudiNewsNet 2015-08).
    for text in [
        "واحتفت المؤسسة في بوسطن بإتمام ثلاثين طالبًا وطالبة لبرنامج إعداد القادة.",
        "وقبلت الجامعة 147 طالبا في البرنامج.",
        "ويظل النفط السلعة الأهم والأكثر طلبا في الأسواق.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(of_type(&a, EventType::Request).is_empty(), "{text}");
    }
    // Sunday and "everyone" count nobody: these are requests.
    for text in [
        "ويوم الأحد حث نتنياهو المشرعين على رفض الاتفاق.",
        "وقال إن الجميع يطالب بخطة تشغيل جديدة للمستشفى.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(!of_type(&a, EventType::Request).is_empty(), "{text}");
    }
}

#[test]
fn festivals_and_manifestations_are_no_protests() {
    // SaudiNewsNet 2015-07/08: a tourism show, terrorism "in all its forms and manifestations".
    for text in [
        "وتسهم الجهات الحكومية في إنجاح هذه التظاهرة السياحية إلى جانب الشركات.",
        "وجددت الهيئة رفضها الشديد للتطرف والإرهاب في جميع أشكاله ومظاهره.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(of_type(&a, EventType::Protest).is_empty(), "{text}");
    }
    for text in [
        "وشارك الآلاف في التظاهرة أمام البرلمان أمس.",
        "وخرجت مظاهرات حاشدة في المدينة أمس.",
    ] {
        let a = coded(text, Some("2015-08-01"));
        assert!(!of_type(&a, EventType::Protest).is_empty(), "{text}");
    }
}

#[test]
fn whose_bullets_killed_names_the_doer() {
    // "مقتل المسلح برصاص الشرطة": the police shot him.
    let text = "وأكدت وسائل الإعلام مقتل المسلح برصاص الشرطة خارج الفندق.";
    let a = coded_with_actor(text, "2015-08-01", "الشرطة", EntityType::ORG, "USACOP");
    let e = &of_type(&a, EventType::Assault)[0];
    assert_eq!(codes(&e.actor), vec!["USACOP"], "{e:?}");
}
