//! Prints what `find_dates` makes of each line of standard input (`date<TAB>text`), for debugging.

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (date, text) = line.split_once('\t').unwrap_or(("", &line));
        let published = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        for m in hadath_time::find_dates(text, published) {
            let v = m.value.map(|v| {
                format!(
                    "{} {:?} {} rel={} {:?}",
                    v.value,
                    v.precision,
                    v.end.unwrap_or_default(),
                    v.relative,
                    v.check
                )
            });
            println!(
                "{} | {} => {}",
                date,
                m.span.slice(text),
                v.unwrap_or_default()
            );
        }
    }
}
