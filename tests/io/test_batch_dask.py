"""docs/batch.md's Dask recipe, run as written: a book in several Parquet files, quoted partition
by partition in worker processes, gives every contract the quote of the whole book computed in
one process (C2-C6)."""

import datetime as dt
import re
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")
pytest.importorskip("numpy")
pytest.importorskip("dask.dataframe")

from clararules import quote_cancellations  # noqa: E402

DOCS = Path(__file__).parents[2] / "docs" / "batch.md"


def _recipe_blocks():
    """The Python blocks of the docs' Dask section that are not doctests: the schema, then the
    recipe."""
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Over partitions with Dask") :]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    return [block for block in blocks if not block.lstrip().startswith(">>>")]


def _book(rows):
    """A book of ``rows`` contracts, some desired months and special terms missing."""
    utc = dt.UTC
    return {
        "contract_id": [f"C{i:05d}" for i in range(rows)],
        "monthly_fee": [500 * (1 + i % 23) for i in range(rows)],
        "activated_on": [dt.date(2025, 1 + i % 12, 1 + i % 28) for i in range(rows)],
        "minimum_term_months": [(0, 6, 12, 24)[i % 4] for i in range(rows)],
        "received_at": [
            dt.datetime(2026, 1 + i % 12, 1 + i % 28, (i * 5) % 24, tzinfo=utc)
            for i in range(rows)
        ],
        "desired_month": [None if i % 3 == 0 else f"2026-{1 + i % 12:02d}" for i in range(rows)],
        "special_agreement_term_months": [None if i % 5 else 36 for i in range(rows)],
    }


# Dask itself calls pandas with inplace=True (deprecated in pandas 3.1): not ours to fix.
@pytest.mark.filterwarnings("ignore:The inplace keyword")  # dask on pandas 3 (Pandas4Warning)
def test_docs_dask_recipe_runs_with_worker_processes(tmp_path, monkeypatch):
    """C2-C6 over Dask partitions: the docs' schema and recipe, as written, with the processes
    scheduler; every contract's quote equals the one-process quote of the whole book."""
    schema_block, recipe = _recipe_blocks()
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(schema_block, names)
    table = pa.Table.from_pydict(_book(300), schema=names["schema"])
    (tmp_path / "contracts").mkdir()
    for part, (start, size) in enumerate([(0, 80), (80, 70), (150, 90), (240, 60)]):
        pq.write_table(table.slice(start, size), f"contracts/part-{part}.parquet")

    exec(recipe, {"__name__": "__main__"})

    assert len(list((tmp_path / "quotes").glob("*.parquet"))) == 4
    got = pd.read_parquet("quotes/", dtype_backend="pyarrow").sort_index()
    whole = quote_cancellations(table.drop_columns(["contract_id"]))
    assert whole.schema.metadata[b"clararules.fallback_rows"] == b"0"
    want = whole.to_pandas(types_mapper=pd.ArrowDtype)
    want.index = pd.Index(table.column("contract_id").to_pylist(), name="contract_id")
    assert got.index.tolist() == want.index.tolist()
    assert list(got.columns) == list(want.columns)
    assert list(got.dtypes) == list(want.dtypes)
    for (key, row), (_, expected) in zip(got.iterrows(), want.iterrows(), strict=True):
        assert row.tolist() == expected.tolist(), key
    assert got["amount_with_tax"].sum() > 0 and got["shifted"].any()


@pytest.mark.filterwarnings("ignore:The inplace keyword")  # dask on pandas 3 (Pandas4Warning)
def test_direct_debits_over_dask_partitions(tmp_path):
    """D5, G4 over Dask partitions (the docs' recipe with direct_debits): every notice's debit
    is the one-process batch's, the calendar table made once in each worker."""
    import dask
    import dask.dataframe as dd

    from clararules.io.batch import direct_debits

    first = dt.date(2025, 1, 1).toordinal()
    days = [dt.date.fromordinal(first + (i * 37) % 1826) for i in range(240)]
    table = pa.table({"notice_arrived_on": pa.array(days, type=pa.date32())})
    (tmp_path / "notices").mkdir()
    for part in range(3):
        pq.write_table(table.slice(80 * part, 80), tmp_path / "notices" / f"part-{part}.parquet")
    book = dd.read_parquet(str(tmp_path / "notices"), dtype_backend="pyarrow")
    debits = book.map_partitions(direct_debits, meta=direct_debits(book._meta))
    with dask.config.set(scheduler="processes", num_workers=2, chunksize=1):
        (got,) = dask.compute(debits.optimize())
    want = direct_debits(table)
    assert got["debit_on"].tolist() == want.column("debit_on").to_pylist()
    assert got["debit_month"].tolist() == want.column("debit_month").to_pylist()
    assert got["next_month"].tolist() == want.column("next_month").to_pylist()
