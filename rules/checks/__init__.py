"""The checks: one module per check (controls, zones, siting, scale, policy, rights, attributes, indicators, clauses),
verdicts, and decision — the one place where the checks' results become a verdict."""
