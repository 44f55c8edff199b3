"""D1-D9: domain names, renewal timelines, direct debit, status and restore.

Internal: import the public names from ``clararules``."""
