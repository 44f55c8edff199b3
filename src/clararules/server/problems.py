"""Refusals as RFC 9457 problem details (``application/problem+json``), in the language of
``Accept-Language``, and the reading of a request body within its size limit.

Internal.  A refusal of the library (:class:`~clararules.ClaraRulesError`) keeps its own class
name (``error``), message key (``key``) and message (``detail``, ``ClaraRulesError.text``).  A
document that does not fit an endpoint's input schema is refused with the command line's own
``cli.json.*`` message (``clararules.cli.inputs.problem``) as ``InvalidInput``.  What only the
service refuses (a body that is not JSON, too large, of another media type, an unknown route)
is said by the message catalogs (``server.*`` in ``locales/*/server.po``), in English and Japanese.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from clararules.cli.errors import Message
from clararules.core.errors import ClaraRulesError
from clararules.core.i18n import render

__all__ = [
    "BODY_LIMIT",
    "PROBLEM_TYPE",
    "Problem",
    "problem_document",
    "request_lang",
]

BODY_LIMIT: Final = 1_000_000
"""The largest request body read, in bytes (1 MB); a larger one is refused before it is read."""

PROBLEM_TYPE: Final = "https://clararules.example/problems/"
"""The ``type`` of a problem is this URI followed by the error's class name."""

MEDIA_TYPE: Final = "application/problem+json"

TITLE_STATUSES: Final = (400, 404, 405, 413, 415, 422, 500)
"""The statuses whose ``title`` the catalogs hold (``server.title.<status>``, en and ja)."""


def request_lang(header: str | None) -> str:
    """The language an ``Accept-Language`` header prefers of ``ja`` and ``en`` (``en`` when it
    names neither).

    >>> request_lang("ja-JP,ja;q=0.9,en;q=0.8"), request_lang("en;q=0.5, ja;q=0.2")
    ('ja', 'en')
    >>> request_lang(None), request_lang("fr"), request_lang("*")
    ('en', 'en', 'en')
    """
    best, best_q = "en", 0.0
    for index, part in enumerate((header or "").split(",")):
        tag, _, rest = part.strip().partition(";")
        lang = tag.strip().casefold().split("-")[0]
        if lang not in ("en", "ja"):
            continue
        q = 1.0
        for item in rest.split(";"):
            name, _, value = item.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        q -= index * 1e-6  # the first of equal weights wins
        if q > best_q:
            best, best_q = lang, q
    return best


_ERRORS: Final[Mapping[int, str]] = {
    400: "BadRequest",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "ContentTooLarge",
    415: "UnsupportedMediaType",
    500: "InternalError",
}
"""The ``error`` of the service's own refusals (no library error class says them)."""


class Problem(Exception):
    """A refusal answered as problem details: its status, the error class name and key, and
    its message (a library error, a command-line :class:`Message` or a service message)."""

    def __init__(
        self,
        status: int,
        key: str,
        figures: Mapping[str, object] | None = None,
        *,
        error: str = "InvalidInput",
        said: Message | ClaraRulesError | None = None,
    ) -> None:
        super().__init__(key)
        if error == "InvalidInput" and said is None:
            error = _ERRORS.get(status, error)
        self.status, self.key, self.error = status, key, error
        self.figures = dict(figures or {})
        self.said = said

    @classmethod
    def of(cls, error: ClaraRulesError, status: int = 422) -> Problem:
        """The problem of a library refusal."""
        return cls(status, error.key or "", error=type(error).__name__, said=error)

    @classmethod
    def invalid(cls, message: Message) -> Problem:
        """The problem of a document that does not fit an input schema."""
        return cls(422, message.key, said=message)

    def text(self, lang: str) -> str:
        if self.said is not None:
            return self.said.text(lang)
        return render(self.key, self.figures, lang)


def problem_document(problem: Problem, lang: str, instance: str | None = None) -> dict[str, Any]:
    """The RFC 9457 document of ``problem`` in ``lang``."""
    status = problem.status if problem.status in TITLE_STATUSES else 500
    document: dict[str, Any] = {
        "type": PROBLEM_TYPE + problem.error,
        "title": render(f"server.title.{status}", {}, lang),
        "status": problem.status,
        "detail": problem.text(lang),
        "error": problem.error,
        "key": problem.key,
    }
    if instance is not None:
        document["instance"] = instance
    return document


def parse_json(body: bytes) -> Any:
    """The JSON value of a request body, else a 400 :class:`Problem`."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Problem(400, "server.not_utf8", {"position": error.start + 1}) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        figures = {"line": error.lineno, "column": error.colno}
        raise Problem(400, "server.not_json", figures) from None
    except RecursionError:
        raise Problem(400, "server.nested") from None
