//! Export of happenings as JSON Lines, CSV or Parquet, in a POLECAT-like or ACLED-like layout.
//!
//! One row per happening (not per mention): that is the unit both datasets count. The column
//! mapping is documented in EXPORT.md next to this crate's Cargo.toml; the column lists here
//! and that table must agree (a test checks the headers).

use crate::happenings::Happening;
use crate::{EventQuery, Store, StoreError};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    /// Needs the `parquet` cargo feature.
    Parquet,
}

impl ExportFormat {
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Some(ExportFormat::Jsonl),
            "csv" => Some(ExportFormat::Csv),
            "parquet" => Some(ExportFormat::Parquet),
            _ => None,
        }
    }

    /// Whether this build can write the format.
    pub fn available(&self) -> bool {
        !matches!(self, ExportFormat::Parquet) || cfg!(feature = "parquet")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportLayout {
    /// Columns named after POLECAT's weekly files (PLOVER types, actor/recipient, GeoNames).
    Polecat,
    /// Columns named after ACLED's export (event_date, disorder_type, actor1, …).
    Acled,
}

impl ExportLayout {
    pub fn parse(name: &str) -> Option<ExportLayout> {
        match name.to_ascii_lowercase().as_str() {
            "polecat" | "plover" => Some(ExportLayout::Polecat),
            "acled" => Some(ExportLayout::Acled),
            _ => None,
        }
    }

    /// Column names and types, in order.
    pub fn columns(&self) -> &'static [(&'static str, Kind)] {
        match self {
            ExportLayout::Polecat => POLECAT,
            ExportLayout::Acled => ACLED,
        }
    }
}

/// The type of an exported column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Real,
}

/// One exported value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
}

use Kind::{Int, Real, Text};

const POLECAT: &[(&str, Kind)] = &[
    ("Event ID", Text),
    ("Event Date", Text),
    ("Event End Date", Text),
    ("Date Precision", Text),
    ("Event Type", Text),
    ("Event Mode", Text),
    ("Modality", Text),
    ("PLOVER Type", Text),
    ("PLOVER Mode", Text),
    ("Contexts", Text),
    ("Actor Name", Text),
    ("Actor Country", Text),
    ("Actor Code", Text),
    ("Recipient Name", Text),
    ("Recipient Country", Text),
    ("Recipient Code", Text),
    ("Placename", Text),
    ("State", Text),
    ("Country", Text),
    ("Latitude", Real),
    ("Longitude", Real),
    ("GeoNames ID", Int),
    ("Feature Type", Text),
    ("CAMEO Code", Text),
    ("Confidence", Real),
    ("Publication Date", Text),
    ("Headline", Text),
    ("Trigger", Text),
    ("Sources", Text),
    ("Num Sources", Int),
    ("Num Documents", Int),
    ("Num Mentions", Int),
    ("Story IDs", Text),
    ("Version", Text),
];

const ACLED: &[(&str, Kind)] = &[
    ("event_id_cnty", Text),
    ("event_date", Text),
    ("year", Int),
    ("time_precision", Int),
    ("disorder_type", Text),
    ("event_type", Text),
    ("sub_event_type", Text),
    ("actor1", Text),
    ("assoc_actor_1", Text),
    ("actor2", Text),
    ("assoc_actor_2", Text),
    ("country", Text),
    ("admin1", Text),
    ("location", Text),
    ("latitude", Real),
    ("longitude", Real),
    ("geo_precision", Int),
    ("geonameid", Int),
    ("source", Text),
    ("source_scale", Text),
    ("notes", Text),
    ("fatalities", Int),
    ("tags", Text),
    ("modality", Text),
    ("plover_type", Text),
    ("plover_mode", Text),
    ("cameo", Text),
    ("num_sources", Int),
    ("num_mentions", Int),
];

/// The output format version written in POLECAT's `Version` column.
const VERSION: &str = "hadath-store-1";

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    Cell::Text(if s.is_empty() { None } else { Some(s) })
}

fn opt(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().filter(|s| !s.is_empty()))
}

/// The country part of CAMEO-style codes (first three letters), deduplicated.
fn countries(codes: &[String]) -> String {
    let mut out: Vec<&str> = codes.iter().filter_map(|c| c.get(..3)).collect();
    out.dedup();
    out.join(";")
}

/// ACLED's disorder type, event type and sub-event type for a happening's type and mode.
/// ACLED records what took place: what is announced, predicted, supposed or denied is never
/// violence, a demonstration or an agreement reached, only a strategic development.
pub fn acled_types(h: &Happening) -> (&'static str, &'static str, &'static str) {
    let took_place = matches!(h.modality.as_str(), "asserted" | "historical");
    if !took_place {
        return ("Strategic developments", "Strategic developments", "Other");
    }
    let mode = h.mode.as_deref().unwrap_or("").to_ascii_lowercase();
    let civilian_target = h.recipient_codes.iter().any(|c| c.contains("CVL"));
    match h.event_type.as_str() {
        "ASSAULT" => {
            if ["aerial", "air", "drone"].iter().any(|m| mode.contains(m)) {
                (
                    "Political violence",
                    "Explosions/Remote violence",
                    "Air/drone strike",
                )
            } else if ["shell", "artillery", "missile"]
                .iter()
                .any(|m| mode.contains(m))
            {
                (
                    "Political violence",
                    "Explosions/Remote violence",
                    "Shelling/artillery/missile attack",
                )
            } else if ["explos", "bomb", "ied"].iter().any(|m| mode.contains(m)) {
                (
                    "Political violence",
                    "Explosions/Remote violence",
                    "Remote explosive/landmine/IED",
                )
            } else if civilian_target {
                ("Political violence", "Violence against civilians", "Attack")
            } else {
                ("Political violence", "Battles", "Armed clash")
            }
        }
        "PROTEST" => {
            if mode.contains("riot") {
                ("Demonstrations", "Riots", "Violent demonstration")
            } else {
                ("Demonstrations", "Protests", "Peaceful protest")
            }
        }
        "COERCE" if mode.contains("arrest") => (
            "Strategic developments",
            "Strategic developments",
            "Arrests",
        ),
        "MOBILIZE" => (
            "Strategic developments",
            "Strategic developments",
            "Change to group/activity",
        ),
        "AGREE" => (
            "Strategic developments",
            "Strategic developments",
            "Agreement",
        ),
        _ => ("Strategic developments", "Strategic developments", "Other"),
    }
}

/// ACLED's time_precision: 1 day, 2 week (or a few days), 3 month or coarser.
fn time_precision(p: Option<&str>) -> i64 {
    match p {
        Some("week") | Some("range") => 2,
        Some("month") | Some("year") => 3,
        _ => 1,
    }
}

/// ACLED's geo_precision from the GeoNames feature code: 1 a town, 2 a region, 3 a country.
fn geo_precision(h: &Happening) -> Option<i64> {
    let feature = h.place_feature.as_deref()?;
    Some(if feature.starts_with("PCL") {
        3
    } else if feature.starts_with("ADM") || feature.starts_with("RGN") {
        2
    } else {
        1
    })
}

/// The row of one happening in a layout.
pub fn row(layout: ExportLayout, h: &Happening) -> Vec<Cell> {
    let list = |v: &[String]| text(v.join(";"));
    match layout {
        ExportLayout::Polecat => vec![
            text(h.id.clone()),
            opt(&h.date_start),
            opt(&h.date_end),
            opt(&h.date_precision),
            text(h.event_type.clone()),
            opt(&h.mode),
            text(h.modality.clone()),
            text(h.plover_type.clone()),
            opt(&h.plover_mode),
            list(&h.context),
            list(&h.actor_text),
            text(countries(&h.actor_codes)),
            list(&h.actor_codes),
            list(&h.recipient_text),
            text(countries(&h.recipient_codes)),
            list(&h.recipient_codes),
            opt(&h.place_name),
            opt(&h.place_admin1),
            opt(&h.place_country),
            Cell::Real(h.lat),
            Cell::Real(h.lon),
            Cell::Int(h.place_geonameid),
            opt(&h.place_feature),
            opt(&h.cameo),
            Cell::Real(Some(h.confidence)),
            opt(&h.first_published),
            opt(&h.headline),
            text(h.trigger_text.clone()),
            list(&h.source_list),
            Cell::Int(Some(h.sources as i64)),
            Cell::Int(Some(h.documents as i64)),
            Cell::Int(Some(h.mentions as i64)),
            list(&h.document_list),
            text(VERSION),
        ],
        ExportLayout::Acled => {
            let (disorder, event_type, sub_event) = acled_types(h);
            let first_rest = |v: &[String]| -> (Cell, Cell) {
                match v.split_first() {
                    Some((first, rest)) => (text(first.clone()), text(rest.join("; "))),
                    None => (Cell::Text(None), Cell::Text(None)),
                }
            };
            // Actors: the words of the text, with the code in brackets when there is one.
            let named = |texts: &[String], codes: &[String]| -> Vec<String> {
                if texts.is_empty() {
                    return codes.to_vec();
                }
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| match codes.get(i) {
                        Some(c) if texts.len() == codes.len() => format!("{t} ({c})"),
                        _ => t.clone(),
                    })
                    .collect()
            };
            let (actor1, assoc1) = first_rest(&named(&h.actor_text, &h.actor_codes));
            let (actor2, assoc2) = first_rest(&named(&h.recipient_text, &h.recipient_codes));
            let year = h
                .date_start
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok());
            let notes = match &h.headline {
                Some(headline) => format!("{} — {}", h.trigger_text, headline),
                None => h.trigger_text.clone(),
            };
            vec![
                text(h.id.clone()),
                opt(&h.date_start),
                Cell::Int(year),
                Cell::Int(Some(time_precision(h.date_precision.as_deref()))),
                text(disorder),
                text(event_type),
                text(sub_event),
                actor1,
                assoc1,
                actor2,
                assoc2,
                opt(&h.place_country),
                opt(&h.place_admin1),
                opt(&h.place_name),
                Cell::Real(h.lat),
                Cell::Real(h.lon),
                Cell::Int(geo_precision(h)),
                Cell::Int(h.place_geonameid),
                text(h.source_list.join("; ")),
                Cell::Text(None),
                text(notes),
                Cell::Int(None),
                list(&h.context),
                text(h.modality.clone()),
                text(h.plover_type.clone()),
                opt(&h.plover_mode),
                opt(&h.cameo),
                Cell::Int(Some(h.sources as i64)),
                Cell::Int(Some(h.mentions as i64)),
            ]
        }
    }
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(v) => v.clone().unwrap_or_default(),
        Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        Cell::Real(v) => v.map(|v| v.to_string()).unwrap_or_default(),
    }
}

fn cell_json(cell: &Cell) -> serde_json::Value {
    match cell {
        Cell::Text(v) => v.clone().into(),
        Cell::Int(v) => (*v).into(),
        Cell::Real(v) => (*v).into(),
    }
}

/// Writes rows in a format; returns how many rows.
pub fn write_rows<W: Write + Send>(
    mut out: W,
    format: ExportFormat,
    layout: ExportLayout,
    happenings: &[Happening],
) -> Result<usize, StoreError> {
    let columns = layout.columns();
    match format {
        ExportFormat::Csv => {
            let header: Vec<String> = columns.iter().map(|(n, _)| csv_field(n)).collect();
            // CRLF as RFC 4180 says; every CSV reader accepts it.
            write!(out, "{}\r\n", header.join(","))?;
            for h in happenings {
                let cells: Vec<String> = row(layout, h)
                    .iter()
                    .map(|c| csv_field(&cell_text(c)))
                    .collect();
                write!(out, "{}\r\n", cells.join(","))?;
            }
        }
        ExportFormat::Jsonl => {
            for h in happenings {
                // Written field by field to keep the layout's column order.
                let mut line = String::from("{");
                for (i, ((name, _), cell)) in columns.iter().zip(row(layout, h)).enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    line.push_str(&serde_json::to_string(name).unwrap_or_default());
                    line.push(':');
                    line.push_str(&cell_json(&cell).to_string());
                }
                line.push_str("}\n");
                out.write_all(line.as_bytes())?;
            }
        }
        ExportFormat::Parquet => {
            #[cfg(feature = "parquet")]
            {
                crate::export::parquet_out::write(&mut out, layout, happenings)?;
            }
            #[cfg(not(feature = "parquet"))]
            {
                return Err(StoreError::Export(
                    "this hadath was built without Parquet support: rebuild with \
                     `--features parquet`, or export csv or jsonl"
                        .into(),
                ));
            }
        }
    }
    out.flush()?;
    Ok(happenings.len())
}

impl Store {
    /// Exports the happenings matching `query` (finalizing first when needed).
    pub fn export<W: Write + Send>(
        &mut self,
        out: W,
        format: ExportFormat,
        layout: ExportLayout,
        query: &EventQuery,
    ) -> Result<usize, StoreError> {
        let happenings = self.events(query)?;
        write_rows(out, format, layout, &happenings)
    }
}

#[cfg(feature = "parquet")]
mod parquet_out {
    //! Parquet through the `parquet` crate's low-level column writers (no Arrow): one row
    //! group, every column optional.
    use super::{row, Cell, ExportLayout, Kind};
    use crate::happenings::Happening;
    use crate::StoreError;
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;
    use std::io::Write;
    use std::sync::Arc;

    fn err(e: parquet::errors::ParquetError) -> StoreError {
        StoreError::Export(e.to_string())
    }

    pub(super) fn write<W: Write + Send>(
        out: W,
        layout: ExportLayout,
        happenings: &[Happening],
    ) -> Result<(), StoreError> {
        use parquet::basic::{LogicalType, Repetition, Type as Physical};
        let columns = layout.columns();
        let fields = columns
            .iter()
            .map(|(name, kind)| {
                let builder = match kind {
                    Kind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                        .with_logical_type(Some(LogicalType::String)),
                    Kind::Int => Type::primitive_type_builder(name, Physical::INT64),
                    Kind::Real => Type::primitive_type_builder(name, Physical::DOUBLE),
                };
                builder
                    .with_repetition(Repetition::OPTIONAL)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let schema = Type::group_type_builder("happening")
            .with_fields(fields)
            .build()
            .map_err(err)?;
        let props = Arc::new(WriterProperties::builder().build());
        let mut writer = SerializedFileWriter::new(out, Arc::new(schema), props).map_err(err)?;
        let rows: Vec<Vec<Cell>> = happenings.iter().map(|h| row(layout, h)).collect();
        let mut group = writer.next_row_group().map_err(err)?;
        let mut c = 0;
        while let Some(mut column) = group.next_column().map_err(err)? {
            let cells = rows.iter().map(|r| &r[c]);
            let defs: Vec<i16> = cells
                .clone()
                .map(|cell| match cell {
                    Cell::Text(v) => v.is_some() as i16,
                    Cell::Int(v) => v.is_some() as i16,
                    Cell::Real(v) => v.is_some() as i16,
                })
                .collect();
            match columns[c].1 {
                Kind::Text => {
                    let values: Vec<ByteArray> = cells
                        .filter_map(|cell| match cell {
                            Cell::Text(Some(s)) => Some(ByteArray::from(s.as_bytes().to_vec())),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&defs), None)
                        .map_err(err)?;
                }
                Kind::Int => {
                    let values: Vec<i64> = cells
                        .filter_map(|cell| match cell {
                            Cell::Int(v) => *v,
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&defs), None)
                        .map_err(err)?;
                }
                Kind::Real => {
                    let values: Vec<f64> = cells
                        .filter_map(|cell| match cell {
                            Cell::Real(v) => *v,
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<DoubleType>()
                        .write_batch(&values, Some(&defs), None)
                        .map_err(err)?;
                }
            }
            column.close().map_err(err)?;
            c += 1;
        }
        group.close().map_err(err)?;
        writer.close().map_err(err)?;
        Ok(())
    }
}
