"""The overlap engine: constraint layers loaded into indexes on demand (constraints, control_index), the overlap
measures of features against them (engine) and the per-pair accounting (pairs)."""
