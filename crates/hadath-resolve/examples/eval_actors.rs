//! Scores hadath's actor codes on the gold source/target spans of the Arabic event gold standard.
//!
//! ```text
//! cargo run --release -p hadath-resolve --example eval_actors -- ../shared/data/events/arabic_event_gsr
//! cargo run --release -p hadath-resolve --example eval_actors -- DIR --errors tune   # list the tune half's errors
//! cargo run --release -p hadath-resolve --example eval_actors -- DIR --errors tune --in-sentence
//! ```
//!
//! Only the `tune` half's errors are meant to be read while curating the dictionary; the
//! held-out half is scored, never inspected.

use hadath_resolve::actors::evaluate_actor_spans;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut errors: Option<String> = None;
    let mut by_context = false;
    while let Some(arg) = args.next() {
        if arg == "--in-sentence" {
            by_context = true;
        } else if arg == "--errors" {
            errors = Some(args.next().unwrap_or_else(|| "tune".into()));
        } else {
            path = Some(PathBuf::from(arg));
        }
    }
    let Some(path) = path else {
        eprintln!(
            "usage: eval_actors DIR_OR_SPANS_JSON [--errors tune|held-out|all [--in-sentence]]"
        );
        std::process::exit(2);
    };
    let report = evaluate_actor_spans(&path);
    if let Some(which) = errors {
        for r in &report.results {
            let wanted = match which.as_str() {
                "tune" => !r.held_out,
                "held-out" => r.held_out,
                _ => true,
            };
            let right = if by_context {
                // The in-sentence code, compared as a whole with the gold's country + role.
                let gold = format!(
                    "{}{}",
                    r.gold_country.as_deref().unwrap_or(""),
                    r.gold_role.as_deref().unwrap_or("")
                );
                r.in_context_code.as_deref().unwrap_or("") == gold
            } else {
                r.gold_country == r.predicted_country && r.gold_role == r.predicted_role
            };
            if wanted && !right {
                println!(
                    "{}\tgold {}/{}\tgot {}\tin sentence {}\t{}",
                    r.record,
                    r.gold_country.as_deref().unwrap_or("-"),
                    r.gold_role.as_deref().unwrap_or("-"),
                    r.predicted_code.as_deref().unwrap_or("-"),
                    r.in_context_code.as_deref().unwrap_or("-"),
                    r.text
                );
            }
        }
    }
    print!("{report}");
    if !report.errors.is_empty() || report.overall.spans == 0 {
        std::process::exit(1);
    }
}
