"""Hypothesis strategies shared by the tests."""

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
from hypothesis import strategies as st

from clararules import Contract, Month, Yen

JST = ZoneInfo("Asia/Tokyo")

# Up to 2099-11: a debit (D5) or business day (G4) after 2099 is refused (no holidays known).
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 11, 30))
pdates = dates.map(lambda d: pendulum.Date(d.year, d.month, d.day))
months = st.builds(Month, st.integers(1990, 2099), st.integers(1, 12))
yen = st.integers(0, 10_000_000).map(Yen)
any_yen = st.integers(-10_000_000, 10_000_000).map(Yen)
terms = st.integers(0, 60)

# Aware datetimes in any zone (including odd offsets), as the stdlib or pendulum gives them.
aware_datetimes = st.datetimes(
    min_value=dt.datetime(1990, 1, 2),
    max_value=dt.datetime(2099, 12, 30),
    timezones=st.timezones(),
)
fixed_offset_datetimes = st.builds(
    lambda naive, minutes: naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))),
    st.datetimes(min_value=dt.datetime(1990, 1, 2), max_value=dt.datetime(2099, 12, 30)),
    st.integers(-14 * 60, 14 * 60),
)
instants = st.one_of(aware_datetimes, fixed_offset_datetimes)

# Instants in zones that every supported pyarrow reads back from a table (pyarrow 15 goes
# through pytz, which knows no "posix/..." or recently added names).
_ARROW_ZONES = ["UTC", "Asia/Tokyo", "America/New_York", "Europe/London", "Australia/Lord_Howe"]
arrow_instants = st.one_of(
    st.datetimes(
        min_value=dt.datetime(1990, 1, 2),
        max_value=dt.datetime(2099, 12, 30),
        timezones=st.sampled_from([ZoneInfo(zone) for zone in _ARROW_ZONES]),
    ),
    fixed_offset_datetimes,
)

contracts = st.builds(
    Contract,
    service=st.sampled_from(["Flex Web", "Clara Cloud Flex", "専用サーバ"]),
    monthly_fee=yen,
    activated_on=pdates,
    minimum_term_months=terms,
)

# ---------------------------------------------------------------- domains

_jp_names = st.sampled_from(
    ["example.jp", "例え.jp", "shop.co.jp", "city.or.jp", "ex.tokyo.jp", "例.大阪.jp", "a.lg.jp"]
)
_other_names = st.sampled_from(
    ["example.com", "example.net", "例え.みんな", "example.tokyo", "ex.uk"]
)
domain_names = st.one_of(_jp_names, _other_names)
jp_expiries = months.map(lambda m: m.last_day)
any_expiries = pdates


@st.composite
def domain_and_expiry(draw):
    """A domain name with a registry expiry valid for its kind (.jp expiries are month ends)."""
    name = draw(domain_names)
    expiry = draw(jp_expiries if name.endswith(".jp") else any_expiries)
    return name, expiry
