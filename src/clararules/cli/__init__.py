"""The clararules command line.

Internal: import the public names from ``clararules``."""
