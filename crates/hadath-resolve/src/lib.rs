//! The resolution stage: which actor, which place.
//!
//! - [`places`]: the compact GeoNames gazetteer and the place resolver.
//! - [`actors`]: the actor dictionary and the composition of agents with countries.

pub mod actors;
mod fasthash;
pub mod places;
