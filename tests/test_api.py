"""The public API: names, ``__all__`` and the error hierarchy."""

import clararules
from clararules import (
    ClaraRulesError,
    InvalidDomainName,
    NaiveDateTimeError,
    PaymentMethodNotAllowed,
    PlanChangeNotAllowed,
)


def test_all_is_unique_and_importable():
    """Every name in ``__all__`` exists and is listed once (ruff's RUF022 keeps it sorted)."""
    assert len(clararules.__all__) == len(set(clararules.__all__))
    for name in clararules.__all__:
        assert hasattr(clararules, name), name


def test_all_covers_public_names():
    """Every public attribute of the package is listed in ``__all__``."""
    public = {
        n
        for n in dir(clararules)
        if not n.startswith("_") and not isinstance(getattr(clararules, n), type(clararules))
    }
    assert public == set(clararules.__all__)


def test_errors_are_value_errors():
    """The API's named input errors are ClaraRulesError and ValueError at once."""
    for error in (
        NaiveDateTimeError,
        PlanChangeNotAllowed,
        PaymentMethodNotAllowed,
        InvalidDomainName,
    ):
        assert issubclass(error, ClaraRulesError)
        assert issubclass(error, ValueError)


def test_package_never_reads_shared():
    """The package's sources never refer to the ../shared folder (users do not have it)."""
    from pathlib import Path

    root = Path(clararules.__file__).parent
    for path in root.rglob("*.py"):
        assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_no_module_is_much_over_400_lines():
    """Layout: a module stays small enough to read in one sitting (~400 lines; the split of a
    growing one is due when it passes 420)."""
    from pathlib import Path

    root = Path(clararules.__file__).parent
    long = {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 420
    }
    assert long == {}


def test_lazy_names_are_the_modules_names():
    """Each name found on first use (``__getattr__``) is the very object of its module, and
    the package lists it."""
    import importlib

    for name, module in clararules._LAZY.items():
        assert name in clararules.__all__, name
        assert getattr(clararules, name) is getattr(importlib.import_module(module), name)
