"""The review pipeline: one FeatureReview per feature from the overlap, zones, clauses and indicators, decided by
rules.checks.decision; rows turns a FeatureReview into output values."""
