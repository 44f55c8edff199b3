"""P1: the ordered steps to cancel an additional IP address; the IP address is cancelled last.

Each step is a message of the catalogs (``P1.step.*``), so it reads in English and Japanese:

>>> plan = additional_ip_cancellation_plan(IpIntent.DELETE_DOMAIN, DnsPattern.A, Panel.PLESK)
>>> [(s.actor.value, s.action.en[:40]) for s in plan.steps]  # doctest: +NORMALIZE_WHITESPACE
[('customer', 'Delete the domain in Plesk (its web cont'),
 ('customer', "Delete the domain's zone on the provider"),
 ('customer', 'After all the work above, apply to cance')]
>>> print(plan.steps_text("ja"))
1. （お客様）Plesk上からドメインを削除してください（対象ドメインのWebコンテンツや関連データベースも削除されます）。
2. （お客様）弊社のセカンダリDNSの対象ドメインのゾーンを削除してください（マニュアルの「セカンダリ DNS ゾーンを削除する」の項目をご参照ください）。
3. （お客様）全ての作業完了後に、弊社まで追加IPアドレスのご解約をお申し込みください。
"""

from __future__ import annotations

import enum

import attrs

from clararules.core import door as check
from clararules.core.calls import Call, recorded
from clararules.core.errors import InvalidInput
from clararules.core.explain import Explained, Figure, Step
from clararules.core.i18n import render

__all__ = [
    "Actor",
    "DnsPattern",
    "IpIntent",
    "Panel",
    "Procedure",
    "ProcedureStep",
    "additional_ip_cancellation_plan",
]


class IpIntent(enum.Enum):
    """What becomes of the domain on the additional IP address (P1)."""

    DELETE_DOMAIN = "delete_domain"
    """The domain will not be used any more."""
    MOVE_TO_MAIN_IP = "move_to_main_ip"
    """The domain moves to the server's main IP address."""


class DnsPattern(enum.Enum):
    """Where the domain's primary DNS runs (P1)."""

    A = "A"
    """On the contracted server."""
    B = "B"
    """At another company."""
    C = "C"
    """On the provider's own name servers."""


class Panel(enum.Enum):
    """The server's control panel (P1, pattern A)."""

    PLESK = "plesk"
    WEBMIN = "webmin"
    NONE = "none"


class Actor(enum.Enum):
    """Who does a step (P1)."""

    CUSTOMER = "customer"
    PROVIDER = "provider"
    OTHER_COMPANY = "other_company"
    REGISTRAR = "registrar"


@attrs.frozen
class ProcedureStep:
    """One step of a procedure (P1): who does it, what (a catalog message), and if it is paid.

    ``action`` is a :class:`~clararules.Step` whose key names the sentence (``P1.step.*``):
    ``action.en``, ``action.ja`` and ``action.text(lang)`` read it; :meth:`text` adds the actor
    and the paid mark.

    >>> plan = additional_ip_cancellation_plan("move_to_main_ip", "C")
    >>> print(plan.steps[0].text("en"))
    (customer) [paid] Apply for the record change with the name-server record change form.
    >>> print(plan.steps[0].text("ja"))
    （お客様）［有償］ネームサーバレコード内容変更申込書で、レコード変更をお申し込みください。
    """

    actor: Actor
    action: Step
    paid: bool = False
    rule: str = "P1"

    def text(self, lang: str = "en") -> str:
        """The step as one line in ``lang``: the actor, the paid mark, the action."""
        key = "P1.line.paid" if self.paid else "P1.line"
        return render(key, {"actor": self.actor.value, "action": self.action.text(lang)}, lang)


@attrs.frozen
class Procedure(Explained):
    """An ordered list of steps (P1), with the explanation of how it was chosen.

    :meth:`table` lists the numbered steps (``"1."`` and the step's line), as the command line
    shows them; :meth:`steps_text` is the same as text.
    """

    steps: tuple[ProcedureStep, ...]
    explanation: tuple[Step, ...]
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def steps_text(self, lang: str = "en") -> str:
        """The numbered steps, one a line: ``1. (customer) [paid] …``."""
        return "\n".join(f"{label} {text}" for label, text in self.table(lang))

    def table(self, lang: str = "en") -> tuple[tuple[str, str], ...]:
        """The numbered steps as (number, line) pairs in ``lang``."""
        return tuple((f"{number}.", step.text(lang)) for number, step in enumerate(self.steps, 1))


def _step(name: str, actor: Actor = Actor.CUSTOMER, *, paid: bool = False) -> ProcedureStep:
    return ProcedureStep(actor, Step("P1", f"P1.step.{name}"), paid)


def _pattern_a(intent: IpIntent, panel: Panel) -> list[ProcedureStep]:
    on_plesk = panel is Panel.PLESK
    if intent is IpIntent.DELETE_DOMAIN:
        first = "plesk_delete" if on_plesk else "config_delete"
        return [_step(first), _step("secondary_delete")]
    first = "plesk_move" if on_plesk else "config_move"
    return [_step(first), _step("secondary_move")]


def _pattern_b_or_c(intent: IpIntent, pattern: DnsPattern) -> list[ProcedureStep]:
    if pattern is DnsPattern.B:
        name = "other_delete" if intent is IpIntent.DELETE_DOMAIN else "other_move"
        return [_step(name, Actor.OTHER_COMPANY)]
    if intent is IpIntent.DELETE_DOMAIN:
        return [_step("ask_provider_delete"), _step("provider_deletes", Actor.PROVIDER)]
    return [
        _step("record_change_apply", paid=True),
        _step("provider_changes_record", Actor.PROVIDER, paid=True),
    ]


def _registrar_step(what: str, provider_is_registrar: bool | None) -> ProcedureStep:
    """A step done at the registrar: with the provider's form when the provider is it."""
    if provider_is_registrar:
        return _step(f"{what}.provider")
    if provider_is_registrar is None:
        return _step(f"{what}.unknown", Actor.REGISTRAR)
    return _step(f"{what}.registrar", Actor.REGISTRAR)


@recorded(memo=256)  # a decision over a few enum members and flags
def additional_ip_cancellation_plan(
    intent: IpIntent | str,
    dns_pattern: DnsPattern | str,
    panel: Panel | str | None = None,
    *,
    end_registration: bool = False,
    provider_is_registrar: bool | None = None,
    mail_client_uses_additional_ip: bool | None = None,
    host_record_on_additional_ip: bool | None = None,
) -> Procedure:
    """P1: the ordered steps to cancel an additional IP address; the cancellation comes last.

    ``panel`` is needed for DNS pattern A (the work is on the contracted server).  For a move to
    the main IP, the mail-client and host-record checks are listed unless the caller says they do
    not apply (``False``).  ``end_registration`` adds ending the domain registration itself.

    >>> plan = additional_ip_cancellation_plan("move_to_main_ip", "C")
    >>> [(s.actor.value, s.paid) for s in plan.steps]
    [('customer', True), ('provider', True), ('customer', False), ('registrar', False), ('customer', False)]
    """
    end_registration = check.flag(end_registration, "end_registration")
    provider_is_registrar = check.optional_flag(provider_is_registrar, "provider_is_registrar")
    mail_client_uses_additional_ip = check.optional_flag(
        mail_client_uses_additional_ip, "mail_client_uses_additional_ip"
    )
    host_record_on_additional_ip = check.optional_flag(
        host_record_on_additional_ip, "host_record_on_additional_ip"
    )
    kind = check.member(intent, IpIntent, "intent")
    pattern = check.member(dns_pattern, DnsPattern, "dns_pattern")
    board = None if panel is None else check.member(panel, Panel, "panel")
    if pattern is DnsPattern.A:
        if board is None:
            raise InvalidInput(key="P1.error.panel_needed")
        steps = _pattern_a(kind, board)
    else:
        steps = _pattern_b_or_c(kind, pattern)
    if kind is IpIntent.MOVE_TO_MAIN_IP:
        if mail_client_uses_additional_ip is not False:
            steps.append(
                _step("mail_check" if mail_client_uses_additional_ip is None else "mail_change")
            )
        if host_record_on_additional_ip is not False:
            what = (
                "host_record_check"
                if host_record_on_additional_ip is None
                else "host_record_change"
            )
            steps.append(_registrar_step(what, provider_is_registrar))
    if kind is IpIntent.DELETE_DOMAIN and end_registration:
        steps.append(_registrar_step("end_registration", provider_is_registrar))
    steps.append(_step("cancel_ip"))
    shown_panel = board if pattern is DnsPattern.A else None
    figures: dict[str, Figure] = {
        "intent": kind.value,
        "pattern": pattern.value,
        "panel": None if shown_panel is None else shown_panel.value,
        "count": len(steps),
    }
    key = "P1.plan" if shown_panel is None else "P1.plan.panel"
    return Procedure(tuple(steps), (Step("P1", key, figures),))
