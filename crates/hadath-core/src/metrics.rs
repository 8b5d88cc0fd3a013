//! The few formulas every `evaluate` command shares, so each scores the same way.

/// `numerator / denominator`, or 0 when there is nothing to divide by (conlleval's convention).
pub fn ratio(numerator: usize, denominator: usize) -> f64 {
    share(numerator as f64, denominator as f64)
}

/// [`ratio`] of fractional counts (expected counts, weights).
pub fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// The harmonic mean of precision and recall; 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_and_f1_handle_empty_counts() {
        assert_eq!(ratio(3, 4), 0.75);
        assert_eq!(ratio(3, 0), 0.0);
        assert_eq!(share(1.5, 3.0), 0.5);
        assert_eq!(share(1.5, 0.0), 0.0);
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(f1(0.0, 0.0), 0.0);
    }
}
