"""Every error clararules raises.

One base, :class:`ClaraRulesError`, so that a caller can catch everything this library
refuses.  Errors about bad input also subclass :class:`ValueError` (or :class:`TypeError`
for a value of the wrong type), so that code that already catches the builtin keeps working.
Each message says what was wrong and what is accepted.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CalendarNotCovered",
    "ClaraRulesError",
    "InvalidDomainName",
    "InvalidInput",
    "InvalidInputType",
    "InvalidMoney",
    "InvalidMonth",
    "NaiveDateTimeError",
    "ParameterNotInForce",
    "PaymentMethodNotAllowed",
    "PlanChangeNotAllowed",
    "UnknownService",
]

EXCERPT_LIMIT: Final = 60
"""The most characters of an input that a message echoes."""


def excerpt(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """A short, safe rendering of ``value`` for an error message.

    The cut is marked with symbols only, so the excerpt reads the same in every language.

    >>> excerpt("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…[+940]"
    >>> excerpt(10**5000)
    '~10^5000'
    >>> excerpt(5.5), excerpt(None)
    ('5.5', 'None')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 190:
        # str() of an int past 4,300 digits raises; the size is what the reader needs.
        sign = "-" if value < 0 else ""
        return f"{sign}~10^{int(value.bit_length() * 0.30103)}"
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…[+{len(value) - limit}]"
    try:
        text = repr(value)
    except Exception:  # a caller's object whose repr fails is still refused cleanly
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else text[:limit] + "…"


def type_name(value: object) -> str:
    """The type of ``value`` followed by an excerpt of it, for messages."""
    return f"{type(value).__name__} {excerpt(value)}"


class ClaraRulesError(Exception):
    """Base of every error raised by clararules.

    An error is a message of the catalogs (``key``) with its figures, so that it reads in
    every language: ``str(error)`` is English, :meth:`text` any language.

    >>> error = InvalidInput(key="error.language", lang="'fr'")
    >>> str(error)
    "language 'fr' is not available; use one of en, ja"
    >>> error.text("ja")
    "言語 'fr' は使えません。en、ja のいずれかを指定してください"
    """

    def __init__(self, message: str = "", /, *, key: str | None = None, **figures: object):
        self.key = key
        self.figures = figures
        self.row: int | None = None
        super().__init__(message if key is None else self._render("en"))

    def _render(self, lang: str) -> str:
        from clararules.core.i18n import render  # the catalogs import this module

        if self.key is None:
            return super().__str__()
        return render(self.key, self.figures, lang)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"ja"``), with its row number in a batch."""
        from clararules.core.i18n import render

        message = self._render(lang) if self.key is not None else self.args[0] if self.args else ""
        if self.row is None:
            return str(message)
        return render("error.row", {"row": self.row, "message": message}, lang)

    def __str__(self) -> str:
        return self.text("en")

    def at_row(self, row: int) -> ClaraRulesError:
        """The same refusal, for row ``row`` of a batch book."""
        copy = (
            type(self)(*self.args, key=self.key, **self.figures)
            if self.key
            else type(self)(*self.args)
        )
        copy.row = row
        return copy


class InvalidInput(ClaraRulesError, ValueError):
    """An argument has an acceptable type but a value no rule accepts.

    Subclasses ``ValueError`` because that is what Python code expects for a bad value.
    """


class InvalidInputType(InvalidInput, TypeError):
    """An argument has a type the rule does not accept (e.g. a float where yen are needed).

    Also a ``TypeError``, the builtin for a wrong type; still an :class:`InvalidInput` so that
    one ``except ValueError`` covers every refusal of input.
    """


class NaiveDateTimeError(InvalidInput):
    """A datetime without a time zone was given (G1): it could be JST or UTC, so it is refused."""


class InvalidMoney(InvalidInputType):
    """An amount of money that is not a whole number of yen (G2): a float, a bool, a string."""


class InvalidMonth(InvalidInput):
    """A calendar month outside 1..12 or outside the years 1..9999."""


class CalendarNotCovered(InvalidInput):
    """G4: the national holidays of the year asked about are not known to the calendar source.

    Weekends and 12/31-1/3 are known in every year; a weekday outside the covered years could
    be a national holiday, so the answer is refused rather than guessed.
    """


class ParameterNotInForce(InvalidInput):
    """A dated parameter (G6) has no value on the requested date."""


class UnknownService(InvalidInput):
    """A service name that the rule does not know (e.g. a plan change for a non-annual plan)."""


class PlanChangeNotAllowed(ClaraRulesError, ValueError):
    """C10: the service's OS support has ended, so its plan cannot be changed.

    A ``ValueError`` because the request itself is what cannot be accepted.
    """


class PaymentMethodNotAllowed(ClaraRulesError, ValueError):
    """D5: the payment method is not open to this customer (domain-only: credit card only)."""


class InvalidDomainName(InvalidInput):
    """A domain name that cannot be registered: empty or too long labels, bad characters..."""
