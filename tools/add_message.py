"""Add a message to the catalogs of both locales (a maintenance helper, not shipped).

    python tools/add_message.py FAMILY KEY "English text" "日本語"
    python tools/add_message.py FAMILY KEY --plural "{n} day" "{n} days" "{n} 日"

Appends to ``src/clararules/locales/{en,ja}/LC_MESSAGES/FAMILY.po``; refuses a key that is
already in any catalog of the locale.
"""

from __future__ import annotations

import sys
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "src" / "clararules" / "locales"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def add(family: str, key: str, en: str | tuple[str, str], ja: str) -> None:
    for lang in ("en", "ja"):
        for po in (LOCALES / lang / "LC_MESSAGES").glob("*.po"):
            if f"msgid {_quote(key)}\n" in po.read_text(encoding="utf-8"):
                raise SystemExit(f"{key} is already in {po}")
    for lang, text in (("en", en), ("ja", ja)):
        path = LOCALES / lang / "LC_MESSAGES" / f"{family}.po"
        if isinstance(en, tuple):
            forms = en if lang == "en" else (ja,)
            entry = f"msgid {_quote(key)}\nmsgid_plural {_quote(key + '.plural')}\n" + "".join(
                f"msgstr[{i}] {_quote(form)}\n" for i, form in enumerate(forms)
            )
        else:
            entry = (
                f"msgid {_quote(key)}\nmsgstr {_quote(text if isinstance(text, str) else '')}\n"
            )
        with path.open("a", encoding="utf-8") as fp:
            fp.write("\n" + entry)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 6 and args[2] == "--plural":
        add(args[0], args[1], (args[3], args[4]), args[5])
    elif len(args) == 4:
        add(args[0], args[1], args[2], args[3])
    else:
        raise SystemExit(__doc__)
