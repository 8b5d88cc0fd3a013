//! `hadath train ner`, `hadath evaluate ner` and `hadath tag --format conll`: thin wrappers
//! over the `hadath-ner` crate.
//!
//! Exit codes follow main.rs: 0 on success, 1 for a failed training or evaluation run.

use clap::{Args, Subcommand, ValueEnum};
use hadath_ner::{CorpusFormat, Tagger};
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

/// `hadath train …`: rebuild a trained artifact from public data.
#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the Arabic NER tagger (config/ner.toml) and write models/ner/.
    #[command(
        after_help = "Examples:\n  hadath train ner\n  hadath train ner --config config/ner.toml --data ../shared/data --out models/ner\n\nReproducible (seeded); about 3-6 minutes on 2 cores with the cached cluster table\n(set clusters.rebuild = true in the config to relearn it from SaudiNewsNet: +5 minutes)."
    )]
    Ner(TrainNerArgs),
}

#[derive(Args, Debug)]
pub struct TrainNerArgs {
    /// Training configuration.
    #[arg(long, default_value = "config/ner.toml")]
    pub config: PathBuf,
    /// The shared data folder (ner/, geo/, saudinewsnet/).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where the model goes (committed: models/ner).
    #[arg(long, default_value = "models/ner")]
    pub out: PathBuf,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum NerFormatArg {
    Anercorp,
    Fane,
    Aqmar,
    Wojood,
    Conll,
}

impl From<NerFormatArg> for CorpusFormat {
    fn from(f: NerFormatArg) -> CorpusFormat {
        match f {
            NerFormatArg::Anercorp => CorpusFormat::Anercorp,
            NerFormatArg::Fane => CorpusFormat::Fane,
            NerFormatArg::Aqmar => CorpusFormat::Aqmar,
            NerFormatArg::Wojood => CorpusFormat::Wojood,
            NerFormatArg::Conll => CorpusFormat::Conll,
        }
    }
}

/// `hadath evaluate ner`: exact-span P/R/F1 per type, conlleval conventions.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  hadath evaluate ner --dev ../shared/data\n  hadath evaluate ner --format aqmar ../shared/data/ner/aqmar/dev.txt\n  hadath evaluate ner --format conll gold.conll --model models/ner"
)]
pub struct EvaluateNerArgs {
    /// A labelled corpus to score on.
    pub corpus: Option<PathBuf>,
    /// Its format.
    #[arg(long, value_enum, default_value = "conll")]
    pub format: NerFormatArg,
    /// Score the training-time dev splits instead: the last 10% of ANERCorp.head.txt and
    /// AQMAR dev, from this shared data folder.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// A model directory instead of the embedded model.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// `hadath tag`: tag pre-tokenised text.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  hadath tag --format conll test.txt > predicted.txt\n  cat tokens.txt | hadath tag --format conll -\n\nInput: one `token [TAG]` per line, blank line between sentences (a tag column is ignored).\nOutput: `token TAG` per line, BIO with ANERcorp types (B-PERS I-PERS B-LOC I-LOC B-ORG I-ORG\nB-MISC I-MISC O), same tokens, same blank lines."
)]
pub struct TagArgs {
    /// Input file, or - for standard input.
    pub file: PathBuf,
    /// Input/output format (only conll for now).
    #[arg(long, default_value = "conll")]
    pub format: String,
    /// A model directory instead of the embedded model.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// The model of `--model DIR`, else the embedded one. Leaked: it lives as long as the process.
fn load(model: &Option<PathBuf>) -> anyhow::Result<&'static Tagger> {
    match model {
        Some(dir) => Ok(Box::leak(Box::new(Tagger::load(dir)?))),
        None => Ok(Tagger::embedded()),
    }
}

pub fn train_ner(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let report = hadath_ner::train(&args.config, &args.data, &args.out)?;
    println!("{report}");
    Ok(ExitCode::SUCCESS)
}

pub fn evaluate_ner(args: EvaluateNerArgs) -> anyhow::Result<ExitCode> {
    let tagger = load(&args.model)?;
    if let Some(data) = &args.dev {
        let (_, dev) = hadath_ner::train::anercorp_split(data, 0.1)?;
        println!("ANERcorp dev (last 10% of ANERCorp.head.txt):");
        print!("{}", hadath_ner::evaluate_sentences(tagger, &dev));
        let aqmar = data.join("ner/aqmar/dev.txt");
        println!("AQMAR dev:");
        print!(
            "{}",
            hadath_ner::evaluate(tagger, &aqmar, CorpusFormat::Aqmar)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let Some(corpus) = &args.corpus else {
        anyhow::bail!("give a corpus file (with --format) or --dev DATA_DIR");
    };
    print!(
        "{}",
        hadath_ner::evaluate(tagger, corpus, args.format.into())?
    );
    Ok(ExitCode::SUCCESS)
}

pub fn tag(args: TagArgs) -> anyhow::Result<ExitCode> {
    if args.format != "conll" {
        anyhow::bail!("--format {}: only conll is supported", args.format);
    }
    let tagger = load(&args.model)?;
    let stdout = std::io::stdout();
    let out = BufWriter::new(stdout.lock());
    if args.file.as_os_str() == "-" {
        hadath_ner::tag_conll(std::io::stdin().lock(), out, tagger)?;
    } else {
        let f = std::fs::File::open(&args.file)
            .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
        hadath_ner::tag_conll(BufReader::new(f), out, tagger)?;
    }
    Ok(ExitCode::SUCCESS)
}
