//! Command-line definitions (clap derive). Every subcommand's `--help` ends with examples.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hadath",
    version,
    about = "Arabic-first news event engine: who did what to whom, where, when, according to whom",
    after_help = "Examples:\n  hadath extract examples/daraa-2018-07-04.ar.txt --published 2018-07-04 --pretty\n  hadath extract --input-format jsonl news.jsonl > events.jsonl\n\nExit codes: 0 = at least one input processed, 1 = nothing processed (or a failed\nevaluation/training run), 2 = usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read articles and write one JSON object per article (JSON Lines) with its events.
    #[command(
        after_help = "Examples:\n  hadath extract examples/daraa-2018-07-04.ar.txt --published 2018-07-04 --pretty\n  hadath extract --input-format jsonl news.jsonl > out.jsonl\n  hadath extract ../data/saudinewsnet/2015-07-21.zip\n  cat article.txt | hadath extract - --published 2018-07-04\n\nFormats come from the extension (.txt .jsonl .ndjson .json .html .htm .zip) unless\n--input-format says otherwise. Output fields are specified in schema/document.schema.json."
    )]
    Extract(ExtractArgs),
    /// Read files, directories or zips into the embedded store (created on first use).
    #[command(
        after_help = "Examples:\n  hadath ingest ../shared/data/saudinewsnet/\n  hadath ingest --db news.db archive.zip more.jsonl\n\nRe-ingesting adds nothing already stored; an interrupted ingest resumes where it stopped.\nThe store is $HADATH_DB, else ./hadath.db, unless --db says otherwise."
    )]
    Ingest(IngestArgs),
    /// Full-text search over stored articles (Arabic normalised: hamza, ta marbuta, clitics).
    #[command(
        after_help = "Examples:\n  hadath search \"درعا\"\n  hadath search --limit 5 --json \"مجلس الأمن\""
    )]
    Search(SearchArgs),
    /// List stored events (one line per happening, with how many outlets reported it).
    #[command(
        after_help = "Examples:\n  hadath events --type ASSAULT --actor SYRGOV --place 170905 --since 2015-07-01\n  hadath events --modality asserted --recipient SYR --json"
    )]
    Events(EventsArgs),
    /// Export stored events as JSON Lines, CSV or Parquet, in a POLECAT-like or ACLED-like layout.
    #[command(
        after_help = "Examples:\n  hadath export --format csv --layout acled > events.csv\n  hadath export --format parquet --output events.parquet --type ASSAULT\n\nColumns are documented in crates/hadath-store/EXPORT.md."
    )]
    Export(ExportArgs),
    /// Measure a stage against gold data (dates, ner, places, actors, events).
    #[command(
        subcommand,
        after_help = "Examples:\n  hadath evaluate dates --wojood ../shared/data/ner/wojood-sample/val.txt\n\nEach subcommand prints its scores as a table; `hadath evaluate SUBCOMMAND --help` says more."
    )]
    Evaluate(EvaluateCommand),
    /// Tag pre-tokenised text with the NER tagger (`token [TAG]` lines in, `token TAG` out).
    Tag(crate::commands::ner::TagArgs),
    /// Train a model from public data (the Arabic NER tagger).
    #[command(
        subcommand,
        after_help = "Examples:\n  hadath train ner --data ../shared/data"
    )]
    Train(crate::commands::ner::TrainCommand),
    /// Rebuild a committed artifact from public data (the gazetteer).
    #[command(
        subcommand,
        after_help = "Examples:\n  hadath build gazetteer --geo ../shared/data/geo --out data/gazetteer"
    )]
    Build(BuildCommand),
}

#[derive(Subcommand, Debug)]
pub enum BuildCommand {
    /// The compact GeoNames gazetteer (data/gazetteer/gazetteer.bin) from cities500 and country/region info.
    #[command(
        after_help = "Examples:\n  hadath build gazetteer --geo ../shared/data/geo --out data/gazetteer"
    )]
    Gazetteer {
        /// Folder with cities500.txt, countryInfo.tsv, regionInfo.tsv, country_translations.json.
        #[arg(long, value_name = "DIR")]
        geo: PathBuf,
        /// Where to write gazetteer.bin.
        #[arg(long, value_name = "DIR", default_value = "data/gazetteer")]
        out: PathBuf,
    },
}

/// Which store to use.
#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// The store file (default: $HADATH_DB, else ./hadath.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files, directories (read recursively) or zips.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Analysis threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Plain log lines instead of a progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress_bar: bool,
    /// Print the time spent in each analysis stage (summed over threads) at the end.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to look for (all must match).
    #[arg(required = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Filters on stored events.
#[derive(Args, Debug, Clone)]
pub struct EventFilterArgs {
    /// PLOVER event type (ASSAULT, PROTEST, CONSULT …).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Actor code or prefix (SYR matches SYRGOV).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Recipient code or prefix.
    #[arg(long, value_name = "CODE")]
    pub recipient: Option<String>,
    /// GeoNames id of the place.
    #[arg(long, value_name = "GEONAMEID")]
    pub place: Option<u64>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    /// Only events the text asserts, expects, denies, supposes or dates years back.
    #[arg(long, value_parser = ["asserted", "future", "negated", "hypothetical", "historical"])]
    pub modality: Option<String>,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: EventFilterArgs,
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// One JSON object per happening instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Jsonl,
    Csv,
    Parquet,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportLayoutArg {
    Polecat,
    Acled,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormatArg,
    #[arg(long, value_enum, default_value = "polecat")]
    pub layout: ExportLayoutArg,
    /// Write here instead of standard output (required for parquet on a terminal).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Subcommand, Debug)]
pub enum EvaluateCommand {
    /// Time expressions: DATE-span recall on Wojood, and resolved relative dates over a corpus.
    #[command(
        after_help = "Examples:\n  hadath evaluate dates --wojood ../shared/data/ner/wojood-sample/val.txt\n  hadath evaluate dates --corpus ../shared/data/saudinewsnet/*.zip"
    )]
    Dates(EvaluateDatesArgs),
    /// Named entities: exact-span P/R/F1 per type (conlleval conventions).
    Ner(crate::commands::ner::EvaluateNerArgs),
    /// Places: accuracy and acc@161km of resolved GeoNames ids on a hand-checked gold TSV.
    #[command(
        after_help = "Examples:\n  hadath evaluate places\n  hadath evaluate places --gold data/gold/places.saudinewsnet.tsv --errors"
    )]
    Places(EvaluatePlacesArgs),
    /// Actors: country and role accuracy on gold source/target spans (arabic_event_gsr).
    #[command(
        after_help = "Examples:\n  hadath evaluate actors --gold ../shared/data/events/arabic_event_gsr"
    )]
    Actors(EvaluateActorsArgs),
    /// Events: ASSAULT/PROTEST detection P/R/F1 and actor/recipient agreement (arabic_event_gsr),
    /// or English event typing on the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt).
    #[command(
        after_help = "Examples:\n  hadath evaluate events --gold ../shared/data/events/arabic_event_gsr\n  hadath evaluate events --gold ../shared/data/events/plover/PLOVER_GSR_CAMEO.txt --errors"
    )]
    Events(EvaluateEventsArgs),
}

#[derive(Args, Debug)]
pub struct EvaluateEventsArgs {
    /// A directory of `*_gsr*.csv` and `*_spans*.json` files (arabic_event_gsr), or a PLOVER
    /// gold-standard file (a JSON array of records, as PLOVER_GSR_CAMEO.txt).
    #[arg(long, value_name = "DIR|FILE")]
    pub gold: PathBuf,
    /// With a PLOVER gold file: list the records whose gold type the coder does not emit.
    #[arg(long)]
    pub errors: bool,
}

#[derive(Args, Debug)]
pub struct EvaluatePlacesArgs {
    /// Gold TSV (doc, sentence, mention, geonameid, lat, lon).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "data/gold/places.saudinewsnet.tsv"
    )]
    pub gold: PathBuf,
    /// List every mention resolved wrongly.
    #[arg(long)]
    pub errors: bool,
}

#[derive(Args, Debug)]
pub struct EvaluateActorsArgs {
    /// A `*_spans*.json` file or a directory of them.
    #[arg(long, value_name = "PATH")]
    pub gold: PathBuf,
}

#[derive(Args, Debug)]
pub struct EvaluateDatesArgs {
    /// A Wojood file (token and nested tags per line): recall of its DATE spans.
    #[arg(long, value_name = "FILE")]
    pub wojood: Option<PathBuf>,
    /// Articles (any input format): how many carry at least one resolved relative date.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub corpus: Vec<String>,
    /// Print the missed and spurious Wojood spans too.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    Text,
    Jsonl,
    Json,
    Html,
    Zip,
}

/// How to read inputs; shared by every command that reads articles.
#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Input format, instead of guessing it from each file's extension.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Publication date (YYYY-MM-DD) for documents whose input carries none (plain text).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<NaiveDate>,
    /// Which JSON fields hold a document field, as FIELD=NAME[,NAME…] tried in order; FIELD is
    /// id, text, title, url, published, source or author. Repeatable. Defaults: id=id,
    /// text=text,content, published=published,date_extracted.
    #[arg(long = "field", value_name = "FIELD=NAMES")]
    pub fields: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files to read (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Indent the JSON (one object per document, no longer one per line).
    #[arg(long)]
    pub pretty: bool,
    /// Print the time spent in each pipeline stage to stderr at the end.
    #[arg(long)]
    pub timings: bool,
}
