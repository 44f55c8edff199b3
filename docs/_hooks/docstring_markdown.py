"""Griffe extension for the API reference: docstrings made readable as Markdown.

The docstrings of clararules carry their examples as bare doctest lines (a prompt line, its
continuation lines and the expected output), which Markdown would turn into nested block
quotes, and cite names with Sphinx roles (a role name in colons before a name in backticks),
which Markdown shows with the role name in front. This extension, loaded by
mkdocstrings-python (``extensions:`` in mkdocs.yml), rewrites each docstring once griffe has
loaded the package: every run of doctest lines becomes a fenced ``pycon`` code block, and every
role becomes plain inline code (a leading ``~`` keeps the last part of the name, as in Sphinx).
The source docstrings are not changed, so ``pytest --doctest-modules`` runs them as before.

This file is not a docs page (mkdocs.yml excludes ``_hooks/`` from the site). The test suite
collects it with the rest of ``docs/`` even where the docs extra is not installed, so griffe is
imported only if present.
"""

from __future__ import annotations

import re
from typing import Any

try:
    from griffe import Extension
except ImportError:  # the test environment has no docs extra; the class is then unused
    Extension = object  # type: ignore[misc,assignment]

PROMPT = ">" * 3
FENCES = ("```", "~~~")
# The same clean-up as griffe's Examples sections (``trim_doctest_flags``).
DOCTEST_FLAGS = re.compile(r"\s*#\s*doctest:.+$")
BLANKLINE = re.compile(r"^\s*<BLANKLINE>\s*$")
ROLE = re.compile(r":(?:py:)?(?:attr|class|const|data|exc|func|meth|mod|obj):`(~?)([^`]+)`")


def _role_to_code(match: re.Match[str]) -> str:
    name = match.group(2).rsplit(".", 1)[-1] if match.group(1) else match.group(2)
    return f"`{name}`"


def to_markdown(text: str) -> str:
    """``text`` with its doctest runs fenced as ``pycon`` blocks and its Sphinx roles as code.

    A run starts at a line whose first non-blank characters are the prompt and goes on until
    the first blank line, as doctest reads it. Lines inside doctest runs and existing fenced
    blocks are kept as they are.
    """
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if fence is not None:
            out.append(line)
            if stripped.startswith(fence):
                fence = None
            i += 1
            continue
        if stripped.startswith(FENCES):
            fence = stripped[:3]
            out.append(line)
            i += 1
            continue
        if not stripped.startswith(PROMPT):
            out.append(ROLE.sub(_role_to_code, line))
            i += 1
            continue
        indent = line[: len(line) - len(stripped)]
        block: list[str] = []
        while i < len(lines) and lines[i].strip():
            code = lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip()
            if code.startswith((PROMPT, "...")):
                code = DOCTEST_FLAGS.sub("", code)
            block.append("" if BLANKLINE.match(code) else code)
            i += 1
        if out and out[-1].strip():
            out.append("")
        # The run ended at a blank line (or the end): the fence needs no blank line after it.
        out.extend([f"{indent}```pycon", *(f"{indent}{c}" if c else "" for c in block)])
        out.append(f"{indent}```")
    return "\n".join(out).rstrip("\n")


class DocstringMarkdown(Extension):
    """Fence the doctest examples and unwrap the Sphinx roles of every docstring griffe loads."""

    def on_object(self, *, obj: Any, **kwargs: Any) -> None:
        """Rewrite the object's docstring (``obj.docstring.value``) once the tree is built."""
        docstring = obj.docstring
        if docstring is not None:
            docstring.value = to_markdown(docstring.value)
