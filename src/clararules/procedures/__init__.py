"""P1-P6: additional-IP cancellation plans, seals and request checks.

Internal: import the public names from ``clararules``."""
