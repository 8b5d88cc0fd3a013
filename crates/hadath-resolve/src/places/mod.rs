//! Places: gazetteer and resolver (placeholder until it lands).
