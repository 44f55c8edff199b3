"""Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` (the default under CI) runs more examples."""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation testing runs the suite once per mutant: fewer, derandomised examples.
settings.register_profile("mutmut", max_examples=40, deadline=None, derandomize=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True, scope="session")
def _fresh_caches():
    """Start each test session with empty caches of derived values (parsed names, holiday
    calendars, month lengths), so that what the tests see is computed by the code under test
    (mutation testing forks test sessions from a process that has filled them)."""
    import clararules
    from clararules.core import bankdays as _calendar
    from clararules.core import parameter_reader as _parameter_reader
    from clararules.core import parameters as _parameters
    from clararules.domains import names as _domain_names

    # The defaults are read again from the package's data, through the file reader (G6).
    _parameters.default_parameters.cache_clear()
    _parameter_reader._converter.cache_clear()
    for module in (clararules, _parameters):
        vars(module).pop("DEFAULT_PARAMETERS", None)
    _domain_names._parse.cache_clear()
    _calendar._national_holidays.cache_clear()
    _calendar.days_in_month.cache_clear()
    _calendar.clear_caches()
    from clararules.core import months as _months

    _months.clear_caches()
    from clararules.core import calls as _calls

    for forget in _calls.MEMOS:
        forget()
    from clararules.domains import debit as _debit

    _debit._debit_of.cache_clear()
    from clararules.contracts import cancellation as _cancellation

    _cancellation._deadline_of.cache_clear()
    from clararules.io import batch_debit as _batch_debit

    _batch_debit.business_days.cache_clear()
    from clararules.core import dated as _dated

    _dated._normalised.cache_clear()
    from clararules.domains import timeline as _timeline

    _timeline._dates.cache_clear()
    from clararules.domains import restore as _restore

    _restore.clear_caches()
