"""Procedures (P1-P6): additional-IP cancellation plans and request checks.

>>> plan = additional_ip_cancellation_plan(IpIntent.DELETE_DOMAIN, DnsPattern.A, Panel.PLESK)
>>> [(s.actor.value, s.action.en[:40]) for s in plan.steps]  # doctest: +NORMALIZE_WHITESPACE
[('customer', 'Delete the domain in Plesk (its web cont'),
 ('customer', "Delete the domain's zone on the provider"),
 ('customer', 'After all the work above, apply to cance')]
"""

from __future__ import annotations

import enum

import attrs

from clararules.core import door as check
from clararules.core.decisions import Decision
from clararules.core.errors import InvalidInput
from clararules.core.explain import Step

__all__ = [
    "Actor",
    "Bilingual",
    "DnsPattern",
    "IpIntent",
    "Panel",
    "Procedure",
    "ProcedureStep",
    "SealDecision",
    "SealKind",
    "additional_ip_cancellation_plan",
    "check_contact_change",
    "check_dealer_certificate_request",
    "check_delegation_release",
    "check_seal",
    "resale_policy",
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
class Bilingual:
    """A sentence in English and Japanese."""

    en: str
    ja: str

    def text(self, lang: str = "en") -> str:
        """The sentence in ``"en"`` or ``"ja"``."""
        if lang not in ("en", "ja"):
            raise InvalidInput(f"language {lang!r} is not available; use 'en' or 'ja'")
        return self.en if lang == "en" else self.ja


@attrs.frozen
class ProcedureStep:
    """One step of a procedure: who, what, and whether it is paid."""

    actor: Actor
    action: Bilingual
    paid: bool = False
    rule: str = "P1"


@attrs.frozen
class Procedure:
    """An ordered list of steps (P1), with the explanation of how it was chosen."""

    steps: tuple[ProcedureStep, ...]
    explanation: tuple[Step, ...]


_T = Bilingual
_SECONDARY = _T(
    "Delete the domain's zone on the provider's secondary DNS (manual: 'delete a secondary DNS "
    "zone').",
    "弊社のセカンダリ DNS から対象ドメインのゾーンを削除する（マニュアル「セカンダリ DNS ゾーンを削除する」）。",
)
_SECONDARY_CHANGE = _T(
    "Change the domain's zone on the provider's secondary DNS from the additional IP to the main "
    "IP.",
    "弊社のセカンダリ DNS の対象ドメインのゾーンを、追加 IP アドレスから本体 IP アドレスへ変更する。",
)
_LAST = ProcedureStep(
    Actor.CUSTOMER,
    _T(
        "After all the work above, apply to cancel the additional IP address.",
        "上記の作業がすべて完了した後、追加 IP アドレスの解約を申し込む。",
    ),
)


_INTENT_JA = {IpIntent.DELETE_DOMAIN: "ドメインを削除", IpIntent.MOVE_TO_MAIN_IP: "本体 IP へ移行"}


def _pattern_a(intent: IpIntent, panel: Panel) -> list[ProcedureStep]:
    if intent is IpIntent.DELETE_DOMAIN:
        if panel is Panel.PLESK:
            first = _T(
                "Delete the domain in Plesk (its web content and databases are deleted with it).",
                "Plesk 上からドメインを削除する（対象ドメインの Web コンテンツや関連データベースも削除されます）。",
            )
        else:
            first = _T(
                "Remove the additional IP and the domain's settings from the web server's "
                "configuration files, and delete the domain's zone file on the name server.",
                "Web サーバ等の設定ファイルから追加 IP アドレスと対象ドメインの記述を削除し、"
                "ネームサーバのゾーンファイルも削除する。",
            )
        return [ProcedureStep(Actor.CUSTOMER, first), ProcedureStep(Actor.CUSTOMER, _SECONDARY)]
    if panel is Panel.PLESK:
        first = _T(
            "Change the domain's IP address in Plesk from the additional IP to the main IP.",
            "Plesk 上で対象ドメインの IP アドレスを追加 IP アドレスから本体 IP アドレスへ変更する。",
        )
    else:
        first = _T(
            "Change the additional IP in the web server's configuration files and in the "
            "domain's zone file to the main IP.",
            "Web サーバの設定ファイルとネームサーバのゾーンファイルの追加 IP アドレスを本体 IP "
            "アドレスへ変更する。",
        )
    return [ProcedureStep(Actor.CUSTOMER, first), ProcedureStep(Actor.CUSTOMER, _SECONDARY_CHANGE)]


def _registrar_step(
    provider_is_registrar: bool | None, en: str, ja: str, form: Bilingual
) -> ProcedureStep:
    if provider_is_registrar:
        return ProcedureStep(Actor.CUSTOMER, _T(f"{en} {form.en}", f"{ja}{form.ja}"))
    return ProcedureStep(
        Actor.REGISTRAR, _T(f"{en} (ask the registrar).", f"{ja}（取得元会社へ依頼）。")
    )


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
    if pattern is DnsPattern.A and board is None:
        raise InvalidInput(
            "DNS pattern A (primary DNS on the contracted server) needs the control panel: "
            "panel must be one of 'plesk', 'webmin' or 'none'"
        )
    steps: list[ProcedureStep] = []
    if pattern is DnsPattern.A:
        assert board is not None
        steps.extend(_pattern_a(kind, board))
    elif pattern is DnsPattern.B:
        action = (
            _T(
                "Ask the company running the primary DNS to delete the domain's zone file.",
                "ネームサーバの管理会社に該当ドメインのゾーンファイルの削除を依頼する。",
            )
            if kind is IpIntent.DELETE_DOMAIN
            else _T(
                "Ask the company running the primary DNS to change the domain's record from the "
                "additional IP to the main IP.",
                "ネームサーバの管理会社に該当ドメインのレコードを追加 IP アドレスから本体 IP アドレスへ"
                "変更するよう依頼する。",
            )
        )
        steps.append(ProcedureStep(Actor.OTHER_COMPANY, action))
    elif kind is IpIntent.DELETE_DOMAIN:
        steps.append(
            ProcedureStep(
                Actor.CUSTOMER,
                _T(
                    "E-mail support asking the provider to delete the domain's zone file.",
                    "メール（サポート宛）で対象ドメインのゾーンファイルの削除を弊社に依頼する。",
                ),
            )
        )
        steps.append(
            ProcedureStep(
                Actor.PROVIDER,
                _T("The provider deletes the zone file.", "弊社がゾーンファイルを削除する。"),
            )
        )
    else:
        steps.append(
            ProcedureStep(
                Actor.CUSTOMER,
                _T(
                    "Apply for a record change (paid) with the name-server record change form.",
                    "ネームサーバレコード内容変更申込書でレコード変更を申し込む（有償）。",
                ),
                paid=True,
            )
        )
        steps.append(
            ProcedureStep(
                Actor.PROVIDER,
                _T(
                    "The provider changes the record to the main IP (paid application).",
                    "弊社がレコードを本体 IP アドレスへ変更する（有償）。",
                ),
                paid=True,
            )
        )
    if kind is IpIntent.MOVE_TO_MAIN_IP:
        if mail_client_uses_additional_ip is not False:
            steps.append(
                ProcedureStep(
                    Actor.CUSTOMER,
                    _T(
                        ("Check" if mail_client_uses_additional_ip is None else "Change")
                        + " mail clients whose incoming or outgoing server is the additional IP: "
                        "use a host name such as mail.<domain>, or the main IP.",
                        "メールソフトの送信・受信メールサーバに追加 IP アドレスが入力されている場合は、"
                        "mail.ドメイン名 等または本体 IP アドレスへ変更する"
                        + ("（要確認）。" if mail_client_uses_additional_ip is None else "。"),
                    ),
                )
            )
        if host_record_on_additional_ip is not False:
            prefix = (
                "Check host (glue) records"
                if host_record_on_additional_ip is None
                else ("Change the host (glue) records")
            )
            steps.append(
                _registrar_step(
                    provider_is_registrar,
                    f"{prefix} registered with the additional IP to the main IP",
                    "追加 IP アドレスで登録されているホスト情報を本体 IP アドレスへ変更する",
                    _T(
                        "with the provider's host-registration change form (the provider is the "
                        "registrar).",
                        "（弊社が取得元のため、弊社フォームから依頼）。",
                    ),
                )
            )
    if kind is IpIntent.DELETE_DOMAIN and end_registration:
        steps.append(
            _registrar_step(
                provider_is_registrar,
                "End the domain registration",
                "ドメインの廃止を依頼する",
                _T(
                    "with the provider's cancellation form (service, option, domain).",
                    "（弊社が取得元のため、解約申込書（サービス・オプション・ドメイン解約）で依頼）。",
                ),
            )
        )
    steps.append(_LAST)
    panel_en = f", panel {board.value}" if board is not None and pattern is DnsPattern.A else ""
    explanation = (
        Step(
            "P1",
            "P1.plan",
            {
                "intent": kind.value,
                "intent_ja": _INTENT_JA[kind],
                "pattern": pattern.value,
                "panel": panel_en,
                "panel_ja": panel_en.replace(", panel", "、コントロールパネル"),
                "count": len(steps),
            },
        ),
    )
    return Procedure(tuple(steps), explanation)


# ---------------------------------------------------------------- P2


class SealKind(enum.Enum):
    """The seal stamped on an application form (P2)."""

    COMPANY_SEAL = "company_seal"
    """社印（角印）."""
    OFFICIAL_SEAL = "official_seal"
    """公印."""
    TITLE_HOLDER_SEAL = "title_holder_seal"
    """役職者印."""
    STAFF_SEAL = "staff_seal"
    """担当者印: a staff member's personal seal."""


@attrs.frozen
class SealDecision(Decision):
    """Whether a seal is accepted on a form (P2), with the reasons."""


def _reason(rule: str, key: str, en: str, ja: str) -> Step:
    return Step(rule, key, {"reason": en, "reason_ja": ja})


def check_seal(
    kind: SealKind | str,
    shows_full_legal_name: bool | None = None,
    electronic: bool = False,
    registered: bool | None = None,
) -> SealDecision:
    """P2: is this seal accepted on an application form?

    A company or official seal must show the full official name including the legal form
    (e.g. 株式会社); a title-holder's seal is accepted; a staff member's seal never.  The seal
    need not be registered, and an electronic seal is accepted.

    >>> check_seal("company_seal", shows_full_legal_name=True, electronic=True).accepted
    True
    >>> d = check_seal(SealKind.STAFF_SEAL)
    >>> d.accepted, d.reasons[0]
    (False, "A staff member's personal seal (担当者印) is not accepted.")
    """
    seal = check.member(kind, SealKind, "kind")
    shows_full_legal_name = check.optional_flag(shows_full_legal_name, "shows_full_legal_name")
    electronic = check.flag(electronic, "electronic")
    registered = check.optional_flag(registered, "registered")
    steps: list[Step] = []
    missing: list[str] = []
    if seal is SealKind.STAFF_SEAL:
        accepted = False
        steps.append(
            _reason(
                "P2",
                "P2.refused",
                "A staff member's personal seal (担当者印) is not accepted.",
                "担当者印でのお申し込みはお受けできません。",
            )
        )
    elif seal is SealKind.TITLE_HOLDER_SEAL:
        accepted = True
        steps.append(
            _reason(
                "P2",
                "P2.accepted",
                "A title-holder's seal (役職者印) is accepted.",
                "役職者印もご使用いただけます。",
            )
        )
    elif shows_full_legal_name:
        accepted = True
        steps.append(
            _reason(
                "P2",
                "P2.accepted",
                "A company or official seal showing the full official name with the legal form "
                "is accepted.",
                "法人格までを含む正式な会社名（組織名）が表示されている社印（角印）・公印は使用できます。",
            )
        )
    else:
        accepted = False
        if shows_full_legal_name is None:
            missing.append("shows_full_legal_name")
        steps.append(
            _reason(
                "P2",
                "P2.refused",
                "A company or official seal must show the full official name including the legal "
                "form (e.g. 株式会社)"
                + (
                    ": not confirmed." if shows_full_legal_name is None else "; this one does not."
                ),
                "社印・公印は法人格（株式会社など）までを含む正式名称が表示されている必要があります"
                + ("（未確認）。" if shows_full_legal_name is None else "。"),
            )
        )
    if registered is False or registered is None:
        steps.append(
            _reason(
                "P2",
                "P2.note",
                "The seal need not be registered.",
                "社印・公印は印鑑登録がされている必要はありません。",
            )
        )
    if electronic:
        steps.append(
            _reason(
                "P2",
                "P2.note",
                "An electronic seal is accepted.",
                "電子印鑑もご捺印にご使用いただけます。",
            )
        )
    return SealDecision("seal", accepted, steps, missing)


# ---------------------------------------------------------------- P3-P6


def check_delegation_release(
    representative_in_contracting_org: bool, via_release_form: bool
) -> Decision:
    """P3: releasing a representative who does not belong to the contracting organisation.

    >>> check_delegation_release(False, True).accepted
    True
    """
    representative_in_contracting_org = check.flag(
        representative_in_contracting_org, "representative_in_contracting_org"
    )
    via_release_form = check.flag(via_release_form, "via_release_form")
    steps = []
    accepted = True
    if representative_in_contracting_org:
        accepted = False
        steps.append(
            _reason(
                "P3",
                "P3.check",
                "Delegation release is for representatives outside the contracting organisation "
                "(contractors, web agencies); a member of the organisation is changed with the "
                "registration-change form (P4).",
                "委任解除承諾は、ご契約者様の組織に所属しないご担当者様（委託業者様や Web 制作会社様等）"
                "を解除する手続きです。組織内のご担当者様の変更は登録情報変更届出フォーム（P4）です。",
            )
        )
    else:
        steps.append(
            _reason(
                "P3",
                "P3.check",
                "The representative is outside the contracting organisation: delegation release applies.",
                "ご契約者様の組織外のご担当者様のため、委任解除承諾の手続きとなります。",
            )
        )
    if not via_release_form:
        accepted = False
        steps.append(
            _reason(
                "P3",
                "P3.check",
                "Use the delegation-release form (委任承諾解除届出フォーム).",
                "委任承諾解除届出フォームよりお手続きください。",
            )
        )
    return Decision("delegation_release", accepted, steps)


def check_contact_change(from_registered_contact: bool, via_change_form: bool) -> Decision:
    """P4: a change of contact details, or adding/removing contacts.

    >>> check_contact_change(True, True).accepted, check_contact_change(False, True).accepted
    (True, False)
    """
    from_registered_contact = check.flag(from_registered_contact, "from_registered_contact")
    via_change_form = check.flag(via_change_form, "via_change_form")
    steps = []
    accepted = True
    if from_registered_contact:
        steps.append(
            _reason(
                "P4",
                "P4.check",
                "The request comes from a registered contact.",
                "弊社にご登録のあるご担当者様からのお手続きです。",
            )
        )
    else:
        accepted = False
        steps.append(
            _reason(
                "P4",
                "P4.check",
                "The request must come from a contact already registered with the provider.",
                "お手続きは弊社にご登録のあるご担当者様からいただく必要があります。",
            )
        )
    if not via_change_form:
        accepted = False
        steps.append(
            _reason(
                "P4",
                "P4.check",
                "Use the registration-change form (登録情報変更届出フォーム).",
                "登録情報変更届出フォームよりお手続きください。",
            )
        )
    return Decision("contact_change", accepted, steps)


DEALER_CERTIFICATE_SUBJECT = "古物商許可申請について"


def check_dealer_certificate_request(
    subject: str | None,
    head_office_address: str | None,
    registered_address: str | None,
    by_email_to_support: bool = True,
) -> Decision:
    """P5: a request for the second-hand dealer (古物商) URL certificate.

    >>> d = check_dealer_certificate_request("古物商許可申請について", "東京都千代田区1-1", None)
    >>> d.accepted, d.missing
    (False, ('registered_address',))
    """
    by_email_to_support = check.flag(by_email_to_support, "by_email_to_support")
    for name, value in (
        ("subject", subject),
        ("head_office_address", head_office_address),
        ("registered_address", registered_address),
    ):
        check.optional_text(value, name)
    steps = []
    missing = [
        name
        for name, value in (
            ("head_office_address", head_office_address),
            ("registered_address", registered_address),
        )
        if value is None or not str(value).strip()
    ]
    accepted = not missing
    if not by_email_to_support:
        accepted = False
        steps.append(
            _reason(
                "P5",
                "P5.check",
                "Send the request by e-mail to support.",
                "サポート宛にメールでご依頼ください。",
            )
        )
    if (subject or "").strip() != DEALER_CERTIFICATE_SUBJECT:
        accepted = False
        steps.append(
            _reason(
                "P5",
                "P5.check",
                f"The subject must be 「{DEALER_CERTIFICATE_SUBJECT}」.",
                f"件名は「{DEALER_CERTIFICATE_SUBJECT}」としてください。",
            )
        )
    if missing:
        steps.append(
            _reason(
                "P5",
                "P5.check",
                "The body must give the head-office address (where the business is run) "
                "and the registered corporate address; missing: " + ", ".join(missing) + ".",
                "本文に本社所在住所（当該古物営業を行う営業所）および法人登記地住所を記載してください。",
            )
        )
    steps.append(
        _reason(
            "P5",
            "P5.check",
            "The certificate is issued for a fee; submit it to the police station for the head office.",
            "証明書の発行は有償です。発行後、本店所在地の所轄の警察署にご提出ください。",
        )
    )
    return Decision("dealer_certificate", accepted, steps, missing)


def resale_policy() -> Decision:
    """P6: resale is allowed at the customer's own responsibility.

    >>> resale_policy().accepted
    True
    """
    return Decision(
        "resale",
        True,
        [
            _reason(
                "P6",
                "P6.policy",
                "Resale is allowed within the customer's own responsibility.",
                "お客さまの責任の範囲でご利用いただく分には制限をおこなっておりません。",
            ),
            _reason(
                "P6",
                "P6.policy",
                "The customer manages its end users; the provider takes no part in disputes from resale.",
                "エンドユーザ様の管理はご契約者様にて実施いただき、再販により生じた紛争・トラブルについて"
                "弊社は一切関知いたしません。",
            ),
        ],
    )
