"""The plan as data: the RuleSet and its YAML reading, the schema, the vocabulary (roles, categories, verdict codes,
colours), units, minerals, application types and the error types."""
