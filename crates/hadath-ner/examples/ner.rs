//! Command-line driver for the NER crate until `hadath train|evaluate|tag` call it.
//!
//! ```text
//! ner train CONFIG DATA_DIR OUT_DIR
//! ner evaluate [--model DIR] FORMAT CORPUS
//! ner evaluate-dev [--model DIR] DATA_DIR          (ANERcorp dev split and AQMAR dev)
//! ner tag [--model DIR] FILE|-                     (CoNLL in, CoNLL out)
//! ner split DATA_DIR OUT_PREFIX                    (writes the train/dev split as CoNLL)
//! ner bench [--model DIR] FILE                     (tokens/s tagging FILE, one thread)
//! ```

use hadath_ner::{corpus, CorpusFormat, Tagger};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

fn tagger(args: &mut Vec<String>) -> Tagger {
    if let Some(i) = args.iter().position(|a| a == "--model") {
        let dir = args.remove(i + 1);
        args.remove(i);
        Tagger::load(Path::new(&dir)).unwrap_or_else(|e| panic!("{dir}: {e}"))
    } else {
        let t = Tagger::embedded();
        Tagger::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/ner"
        )))
        .unwrap_or_else(|_| {
            // Fall back to a clone-free path: the embedded tagger is static, reload from bytes.
            assert!(t.is_trained(), "no model: pass --model DIR");
            panic!("embedded model only; pass --model DIR")
        })
    }
}

fn write_conll(path: &str, sentences: &[corpus::Sentence]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for s in sentences {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            writeln!(f, "{t} {g}").unwrap();
        }
        writeln!(f).unwrap();
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = if args.is_empty() {
        String::new()
    } else {
        args.remove(0)
    };
    match cmd.as_str() {
        "train" => {
            let r = hadath_ner::train(
                Path::new(&args[0]),
                Path::new(&args[1]),
                Path::new(&args[2]),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            println!("{r}");
        }
        "evaluate" => {
            let t = tagger(&mut args);
            let format =
                CorpusFormat::parse(&args[0]).expect("format: anercorp|fane|aqmar|wojood|conll");
            let s = hadath_ner::evaluate(&t, Path::new(&args[1]), format)
                .unwrap_or_else(|e| panic!("{e}"));
            print!("{s}");
        }
        "evaluate-dev" => {
            let t = tagger(&mut args);
            let data = Path::new(&args[0]);
            let (_, dev) = hadath_ner::train::anercorp_split(data, 0.1).unwrap();
            println!("ANERcorp dev (last 10% of ANERCorp.head.txt):");
            print!("{}", hadath_ner::evaluate_sentences(&t, &dev));
            println!("AQMAR dev:");
            print!(
                "{}",
                hadath_ner::evaluate(&t, &data.join("ner/aqmar/dev.txt"), CorpusFormat::Aqmar)
                    .unwrap()
            );
        }
        "split" => {
            let (train, dev) = hadath_ner::train::anercorp_split(Path::new(&args[0]), 0.1).unwrap();
            write_conll(&format!("{}train.conll", args[1]), &train);
            write_conll(&format!("{}dev.conll", args[1]), &dev);
        }
        "tag" => {
            let t = tagger(&mut args);
            let stdout = std::io::stdout();
            let out = std::io::BufWriter::new(stdout.lock());
            if args[0] == "-" {
                hadath_ner::tag_conll(std::io::stdin().lock(), out, &t).unwrap();
            } else {
                let f = BufReader::new(std::fs::File::open(&args[0]).unwrap());
                hadath_ner::tag_conll(f, out, &t).unwrap();
            }
        }
        "bench" => {
            let t = tagger(&mut args);
            let f = BufReader::new(std::fs::File::open(&args[0]).unwrap());
            let text: Vec<String> = f.lines().map(|l| l.unwrap()).collect();
            let start = std::time::Instant::now();
            let mut sink = Vec::with_capacity(text.len() * 20);
            hadath_ner::tag_conll(text.join("\n").as_bytes(), &mut sink, &t).unwrap();
            let secs = start.elapsed().as_secs_f64();
            let tokens = text.iter().filter(|l| !l.trim().is_empty()).count();
            println!(
                "tokens {tokens} seconds {secs:.3} tokens_per_second {:.0}",
                tokens as f64 / secs
            );
        }
        _ => {
            eprintln!("usage: ner train|evaluate|evaluate-dev|tag|split|bench …");
            std::process::exit(2);
        }
    }
}
