//! Actors: dictionary and composition (placeholder until it lands).
