"""Every error clararules raises.

One base, :class:`ClaraRulesError`, so that a caller can catch everything this library
refuses.  Errors about bad input also subclass :class:`ValueError` (or :class:`TypeError`
for a value of the wrong type), so that code that already catches the builtin keeps working.
Each message says what was wrong and what is accepted.
"""

from __future__ import annotations

__all__ = [
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


class ClaraRulesError(Exception):
    """Base of every error raised by clararules."""


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
