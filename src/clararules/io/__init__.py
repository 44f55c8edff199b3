"""JSON, iCalendar and batch columns: the ways results leave and books enter.

Internal: import the public names from ``clararules``."""
