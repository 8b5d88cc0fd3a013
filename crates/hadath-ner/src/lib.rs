//! Arabic named-entity recognition (placeholder until the tagger lands).
