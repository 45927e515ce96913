//! Feedback, reviews, history and the report.
