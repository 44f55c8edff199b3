"""Refusals as RFC 9457 problem details (``application/problem+json``), in the language of
``Accept-Language``, and the reading of a request body within its size limit.

Internal.  A refusal of the library (:class:`~clararules.ClaraRulesError`) keeps its own class
name (``error``), message key (``key``) and message (``detail``, ``ClaraRulesError.text``).  A
document that does not fit an endpoint's input schema is refused with the command line's own
``cli.json.*`` message (``clararules.cli.inputs.problem``) as ``InvalidInput``.  What only the
service refuses (a body that is not JSON, too large, of another media type, an unknown route)
is said by the messages of :data:`MESSAGES`, in English and Japanese.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from clararules.cli.errors import Message
from clararules.core.errors import ClaraRulesError

__all__ = [
    "BODY_LIMIT",
    "MESSAGES",
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

TITLES: Final[Mapping[int, tuple[str, str]]] = {
    400: ("Bad request", "不正なリクエスト"),
    404: ("Not found", "見つかりません"),
    405: ("Method not allowed", "許可されていないメソッド"),
    413: ("Content too large", "リクエストが大きすぎます"),
    415: ("Unsupported media type", "サポートされていないメディアタイプ"),
    422: ("Input refused", "入力を受け付けられません"),
    500: ("Internal server error", "サーバー内部のエラー"),
}
"""The ``title`` of a problem by its status, in English and Japanese."""

MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "server.not_json": (
        "the body is not valid JSON: line {line}, column {column}",
        "本文が JSON として正しくありません（{line} 行 {column} 列目）",
    ),
    "server.not_utf8": (
        "the body is not UTF-8 text (byte {position})",
        "本文は UTF-8 のテキストではありません（{position} バイト目）",
    ),
    "server.nested": (
        "the body nests arrays or objects too deeply to be read",
        "本文は配列やオブジェクトの入れ子が深すぎるため読み込めません",
    ),
    "server.too_large": (
        "the body is larger than {limit} bytes; at most {limit} bytes are read",
        "本文が {limit} バイトを超えています。読み込めるのは {limit} バイトまでです",
    ),
    "server.media_type": (
        "the body's media type {got} is not accepted here; send {accepted}",
        "本文のメディアタイプ {got} はここでは受け付けられません。{accepted} で送ってください",
    ),
    "server.not_found": (
        "no endpoint at {path}; GET /openapi.json lists them",
        "{path} というエンドポイントはありません。一覧は GET /openapi.json にあります",
    ),
    "server.method": (
        "{method} is not allowed at {path}; allowed: {allowed}",
        "{path} では {method} は使えません。使えるのは {allowed} です",
    ),
    "server.missing": (
        "{where} is required",
        "{where} を指定してください",
    ),
    "server.query": (
        "the query parameter {name} must be one of {choices}; got {got}",
        "クエリパラメータ {name} には {choices} のいずれかを指定してください。指定された値: {got}",
    ),
    "server.rows": (
        "the body must be a JSON array of objects (one per row); row {row} is not an object",
        "本文は行ごとのオブジェクトを並べた JSON の配列にしてください。{row} 行目がオブジェクトではありません",
    ),
    "server.csv": (
        "the CSV body cannot be read at line {line}",
        "CSV の本文を {line} 行目で読み込めません",
    ),
    "server.csv_header": (
        "the CSV body has no header line naming its columns",
        "CSV の本文に列名の見出し行がありません",
    ),
    "server.csv_cells": (
        "line {line} of the CSV body has {got} cells; the header names {expected}",
        "CSV の本文の {line} 行目のセルは {got} 個です。見出し行の列は {expected} 個です",
    ),
    "server.internal": (
        "an unexpected error happened ({kind}); it is a bug, please report it",
        "予期しないエラーが発生しました（{kind}）。不具合ですので報告してください",
    ),
}
"""The messages of the service's own refusals: ``(English, Japanese)`` templates."""


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
        english, japanese = MESSAGES[self.key]
        return (japanese if lang == "ja" else english).format(**self.figures)


def problem_document(problem: Problem, lang: str, instance: str | None = None) -> dict[str, Any]:
    """The RFC 9457 document of ``problem`` in ``lang``."""
    english, japanese = TITLES.get(problem.status, ("Error", "エラー"))
    document: dict[str, Any] = {
        "type": PROBLEM_TYPE + problem.error,
        "title": japanese if lang == "ja" else english,
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
