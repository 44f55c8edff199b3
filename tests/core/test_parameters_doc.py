"""G6: the page of the parameters, docs/parameters.md, is written from the data and current."""

from pathlib import Path

from clararules.core.parameters import PARAMETER_NAMES
from clararules.core.parameters_doc import main, page

PAGE = Path(__file__).resolve().parents[2] / "docs" / "parameters.md"


def test_g6_parameters_page_is_current():
    """G6: the committed page is what the generator writes from the data today."""
    assert PAGE.read_text(encoding="utf-8") == page(), (
        "docs/parameters.md is stale: run python -m clararules.core.parameters_doc"
    )


def test_g6_parameters_page_lists_every_parameter_and_source():
    """G6: every parameter has its section, every value its date, source and url."""
    text = page()
    assert ">>>" not in text  # a docs page's >>> would run as a doctest
    for name in PARAMETER_NAMES:
        assert f"`{name}`" in text, name
    assert "| 2019-10-01 | 10% (`1/10`) | Consumption Tax Act" in text
    assert "<https://www.nta.go.jp/taxes/shiraberu/taxanswer/shohi/6303.htm>" in text
    assert "| 0001-01-01 | ¥12,000 | EX-CLOUD domain renewal guide (D8), tax included |  |" in text


def test_g6_parameters_page_of_a_provider_file(tmp_path, capsys):
    """G6: the generator documents a provider's file merged into the defaults, or refuses it."""
    figures = tmp_path / "figures.toml"
    figures.write_text(
        '[[consumption_tax_rate]]\nsince = 2030-04-01\nvalue = "12/100"\n'
        'source = "a | b"\nurl = "https://example.com/rate"\n',
        encoding="utf-8",
    )
    out = tmp_path / "page.md"
    assert main(["--file", str(figures), "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| 2030-04-01 | 12% (`3/25`) | a \\| b | <https://example.com/rate> |" in text
    assert main(["--output", "-"]) == 0
    assert capsys.readouterr().out == page()
    figures.write_text("[[consumption_tax_rate]]\nsince = 2030-04-01\n", encoding="utf-8")
    assert main(["--file", str(figures), "--output", str(out)]) == 1
    assert "consumption_tax_rate[0].value: this key is required" in capsys.readouterr().err
