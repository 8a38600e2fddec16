"""Checking a rule file against the schema and the plan's text (validate, textcheck)."""
