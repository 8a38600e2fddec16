"""Foundations every other room of core/ may use: the log, bilingual messages, HTML escaping, the translation context
(tr/label) and the Qt 5/6 compatibility shims."""
