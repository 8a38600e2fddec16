"""Processing provider ``mineplan``: one module per algorithm, all thin over rules/ and core/."""
