//! The pipeline: one document in, one analysis out, stages in the order the data flows.
//!
//! sources → language → cleaning → time → entities → resolution → events. Each stage reads
//! the layers the earlier ones assigned and adds its own; none reaches into another's
//! internals. Analysis never fails: problems become [`hadath_core::Diagnostic`]s on the analysis.

use hadath_cleaning::RepeatOptions;
use hadath_core::{Analysis, Document, Entity, EntityType};

/// What the pipeline does, as opposed to how it is run.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    pub repeats: RepeatOptions,
}

/// The stages, with whatever they loaded (models, gazetteers, dictionaries) held once.
pub struct Pipeline {
    options: PipelineOptions,
}

impl Pipeline {
    pub fn new(options: PipelineOptions) -> Pipeline {
        Pipeline { options }
    }

    /// Runs every stage on one document.
    pub fn analyze(&self, document: Document) -> Analysis {
        let mut analysis = Analysis::new(document);
        // Language: language id, sentences, tokens with clitics.
        hadath_language::annotate(&mut analysis);
        // Cleaning: repeated paragraphs and sentences are marked and skipped from here on.
        hadath_cleaning::mark_repeats(&mut analysis, &self.options.repeats);
        // Time: a dateline stands in for a missing publication date; then DATE entities.
        if analysis.document.published.is_none() {
            analysis.document.published =
                hadath_time::dateline_date(analysis.text()).map(|(date, _)| date);
        }
        let dates = hadath_time::find_dates(analysis.text(), analysis.document.published);
        for mention in dates {
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
        analysis
    }
}
