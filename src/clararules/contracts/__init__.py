"""C1-C12: cancellation, the minimum term, change requests and plan changes.

Internal: import the public names from ``clararules``."""
