"""G1-G6: time, months, money, tax, bank days, dated parameters, the input door and explanations.

Internal: import the public names from ``clararules``."""
