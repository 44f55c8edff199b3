"""Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` (the default under CI) runs more examples."""

import os

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
