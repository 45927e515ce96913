//! Rejected feedback, reviews and reports (written next).
