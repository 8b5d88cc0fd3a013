//! The pipeline: one document in, one analysis out, stages in the order the data flows.
//!
//! sources → language → cleaning → time → entities → resolution → events. Each stage reads
//! the layers the earlier ones assigned and adds its own; none reaches into another's
//! internals. Analysis never fails: problems become [`hadath_core::Diagnostic`]s on the analysis.

use hadath_cleaning::RepeatOptions;
use hadath_core::{Analysis, Document, Entity, EntityType};
use hadath_ner::Tagger;
use hadath_resolve::actors::ActorDictionary;
use hadath_resolve::places::Gazetteer;
use std::time::{Duration, Instant};

/// What the pipeline does, as opposed to how it is run.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    pub repeats: RepeatOptions,
}

/// The stages, with whatever they loaded (models, gazetteers, dictionaries) held once.
pub struct Pipeline {
    options: PipelineOptions,
    gazetteer: &'static Gazetteer,
    actors: &'static ActorDictionary,
    tagger: &'static Tagger,
}

/// Time spent in each stage, summed over documents (for `--timings` and benchmarks).
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub documents: usize,
    pub stages: Vec<(&'static str, Duration)>,
}

impl StageTimes {
    fn add(&mut self, stage: &'static str, elapsed: Duration) {
        match self.stages.iter_mut().find(|(name, _)| *name == stage) {
            Some((_, total)) => *total += elapsed,
            None => self.stages.push((stage, elapsed)),
        }
    }

    pub fn merge(&mut self, other: &StageTimes) {
        self.documents += other.documents;
        for (stage, elapsed) in &other.stages {
            self.add(stage, *elapsed);
        }
    }
}

impl std::fmt::Display for StageTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        writeln!(
            f,
            "{:<12} {:>10} {:>7} {:>12}",
            "stage", "seconds", "share", "µs/document"
        )?;
        for (stage, elapsed) in &self.stages {
            let share = if total.is_zero() {
                0.0
            } else {
                elapsed.as_secs_f64() / total.as_secs_f64() * 100.0
            };
            let per_doc = elapsed.as_secs_f64() * 1e6 / self.documents.max(1) as f64;
            writeln!(
                f,
                "{stage:<12} {:>10.3} {share:>6.1}% {per_doc:>12.1}",
                elapsed.as_secs_f64()
            )?;
        }
        write!(
            f,
            "{:<12} {:>10.3} {:>7} ({} documents)",
            "total",
            total.as_secs_f64(),
            "",
            self.documents
        )
    }
}

impl Pipeline {
    pub fn new(options: PipelineOptions) -> Pipeline {
        Pipeline {
            options,
            gazetteer: Gazetteer::embedded(),
            actors: ActorDictionary::embedded(),
            tagger: Tagger::embedded(),
        }
    }

    /// Runs every stage on one document.
    pub fn analyze(&self, document: Document) -> Analysis {
        let mut analysis = Analysis::new(document);
        self.run_stages(&mut analysis, |_| {});
        analysis
    }

    /// Runs every stage before event coding (language to actors) on one document: what the
    /// event coder reads, for scoring and training it on gold sentences.
    pub fn analyze_before_events(&self, document: Document) -> Analysis {
        let mut analysis = Analysis::new(document);
        self.run_stages_until(&mut analysis, false, |_| {});
        analysis
    }

    /// Runs every stage on one document, adding each stage's time to `times`.
    pub fn analyze_timed(&self, document: Document, times: &mut StageTimes) -> Analysis {
        let mut analysis = Analysis::new(document);
        let mut last = Instant::now();
        self.run_stages(&mut analysis, |stage| {
            let now = Instant::now();
            times.add(stage, now - last);
            last = now;
        });
        times.documents += 1;
        analysis
    }

    /// The stages in order; `done(stage)` is called as each one finishes.
    fn run_stages(&self, analysis: &mut Analysis, done: impl FnMut(&'static str)) {
        self.run_stages_until(analysis, true, done)
    }

    /// The stages in order, event coding only if `events`.
    fn run_stages_until(
        &self,
        analysis: &mut Analysis,
        events: bool,
        mut done: impl FnMut(&'static str),
    ) {
        // Language: language id, sentences, tokens with clitics.
        hadath_language::annotate(analysis);
        done("language");
        // Cleaning: repeated paragraphs and sentences are marked and skipped from here on.
        hadath_cleaning::mark_repeats(analysis, &self.options.repeats);
        done("cleaning");
        // Time: a dateline stands in for a missing publication date; then DATE entities.
        if analysis.document.published.is_none() {
            analysis.document.published =
                hadath_time::dateline_date(analysis.text()).map(|(date, _)| date);
        }
        for mention in hadath_time::find_dates(analysis.text(), analysis.document.published) {
            if !analysis.in_repeated_sentence(mention.span) {
                analysis.entities.push(Entity {
                    span: mention.span,
                    kind: EntityType::DATE,
                    source: "dates".into(),
                    actor: None,
                    place: None,
                    date: mention.value,
                });
            }
        }
        done("time");
        // Entities: the Arabic tagger hadath trains itself (PER/ORG/GPE/LOC/MISC).
        let tagged = hadath_ner::recognize(analysis, self.tagger);
        analysis.entities.extend(tagged);
        done("entities");
        // Resolution: places (spotted with the gazetteer or from tagged entities), then actors
        // (the dictionary, agents composed with countries, the story's country for bare agents).
        // The dictionary's named organisations come first, as entities: the places stage then
        // reads a name inside one as part of it, not as a place, as it does inside a tagged
        // ORG ("White House" is USAGOV, not Casablanca, one of whose GeoNames names it is).
        // Its time counts with the places stage.
        hadath_resolve::actors::name_organisations(analysis, self.actors);
        hadath_resolve::places::resolve_places(analysis, self.gazetteer);
        done("places");
        hadath_resolve::actors::resolve_actors(analysis, self.actors);
        done("actors");
        // Events: PLOVER triggers, arguments, modality, attribution; one per happening.
        if events {
            hadath_events::code_events(analysis);
            done("events");
        }
        // Entities in text order, longer first where two start together, for readers.
        analysis.entities.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hadath_core::Span;

    fn analyze(text: &str, published: &str) -> Analysis {
        Pipeline::new(PipelineOptions::default()).analyze(Document {
            id: "test".into(),
            text: text.into(),
            published: published.parse().ok(),
            ..Document::default()
        })
    }

    /// A name the actor dictionary knows as an organisation is that organisation only, even
    /// when GeoNames also has it as a place name ("White House" is a name of Casablanca).
    #[test]
    fn an_organisation_of_the_actor_dictionary_is_not_also_a_place() {
        let text = "The United States and Jordan have agreed upon a new free-trade pact between \
                    the two countries, the White House announced Tuesday.";
        let analysis = analyze(text, "2000-01-05");
        let at = text.find("White House").unwrap();
        let span = Span::new(at, at + "White House".len());
        let over: Vec<&Entity> = analysis
            .entities
            .iter()
            .filter(|e| e.span.overlaps(span))
            .collect();
        assert_eq!(over.len(), 1, "{over:#?}");
        assert_eq!(over[0].kind, EntityType::ORG);
        assert_eq!(over[0].place, None);
        assert_eq!(
            over[0].actor.as_ref().map(|a| a.code.as_str()),
            Some("USAGOV")
        );
        // The two countries are still places.
        let places: Vec<&str> = analysis
            .entities
            .iter()
            .filter(|e| e.place.is_some())
            .map(|e| e.span.slice(text))
            .collect();
        assert_eq!(places, ["United States", "Jordan"]);
    }
}
