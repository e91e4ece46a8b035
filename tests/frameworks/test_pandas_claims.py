"""Claims of "데이터 전처리" (pandas.md), the same in every tab (its pandas cells are %%tab all),
run in each tab's own environment; tab_<tab>/test_pandas_<tab>_claims.py checks the type of the
tab's tensors. Expected values come from reading the section's CSV text with the csv module."""
import csv
import io
import os
import re
import shutil
import tempfile

import numpy as np
import pytest

from section import ROOT, Section, chapter

PATH = chapter("pandas")
DEMOS = ["imports", "write", "read", "count_missing", "drop", "fill", "dummies", "tensors", "cleanup"]


@pytest.fixture
def run(fw):
    """run(demo): a fresh run of the section through ``demo``; its temporary folder is removed after."""
    made = []

    def through(demo):
        sec = Section(fw.tab, PATH)
        sec.run_through(DEMOS.index(demo))
        if "folder" in sec.ns:
            made.append(sec.ns["folder"])
        return sec
    yield through
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


def rows():
    """The CSV the section writes, read with the csv module: (header, rows of strings)."""
    cell = Section("pytorch", PATH).cells[DEMOS.index("write")]  # %%tab all: the same text in every tab
    text = "".join(eval(s) for s in re.findall(r"'[^'\n]*\\n'", cell))
    header, *body = list(csv.reader(io.StringIO(text)))
    return header, body


def column(name):
    header, body = rows()
    return [r[header.index(name)] for r in body]


def numeric(name):
    return np.array([np.nan if v == "NA" else float(v) for v in column(name)])


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_the_file_goes_to_a_new_temporary_folder(run):
    sec = run("write")
    folder = os.path.realpath(sec.ns["folder"])
    assert folder.startswith(os.path.realpath(tempfile.gettempdir()) + os.sep)
    assert not folder.startswith(os.path.realpath(ROOT)) and os.listdir(folder) == ["homes.csv"]


def test_na_is_read_as_missing_and_numeric_columns_become_float64(run):
    data = run("read").ns["data"]
    header, body = rows()
    assert list(data.columns) == header and len(data) == len(body) == 5
    for name in ("area", "floor", "price"):
        assert data[name].dtype == np.float64
        np.testing.assert_array_equal(data[name].to_numpy(), numeric(name))
    assert [v == "NA" for v in column("facing")] == data["facing"].isna().tolist()


def test_missing_counts_per_column(run):
    counts = run("count_missing").ns["data"].isna().sum()
    header, _ = rows()
    assert counts.to_dict() == {name: column(name).count("NA") for name in header} == \
        {"area": 1, "facing": 1, "floor": 1, "price": 0}


def test_dropna_keeps_only_complete_rows(run):
    sec = run("drop")
    kept = sec.ns["data"].dropna()
    _, body = rows()
    assert kept.index.tolist() == [i for i, r in enumerate(body) if "NA" not in r] == [0, 4]


def test_fillna_uses_the_mean_of_the_values_present(run):
    inputs = run("fill").ns["inputs"]
    for name, mean in (("area", 79.0), ("floor", 6.75)):
        assert np.nanmean(numeric(name)) == mean
        expected = np.where(np.isnan(numeric(name)), mean, numeric(name))
        np.testing.assert_array_equal(inputs[name].to_numpy(), expected)
    assert inputs["facing"].isna().sum() == 1  # the text column is left alone
    assert "price" not in inputs and run("fill").ns["targets"].name == "price"


def test_get_dummies_makes_one_indicator_per_category_and_one_for_nan(run):
    inputs = run("dummies").ns["inputs"]
    facing = column("facing")
    categories = sorted(set(facing) - {"NA"})
    assert list(inputs.columns) == ["area", "floor", *[f"facing_{c}" for c in categories], "facing_nan"]
    assert len(inputs.columns) == 6
    for c in categories:
        assert inputs[f"facing_{c}"].tolist() == [v == c for v in facing]
    assert inputs["facing_nan"].tolist() == [v == "NA" for v in facing]
    assert (inputs.filter(like="facing_").sum(axis=1) == 1).all()


def expected_inputs():
    facing = column("facing")
    area, floor = (np.where(np.isnan(numeric(n)), np.nanmean(numeric(n)), numeric(n)) for n in ("area", "floor"))
    indicators = [[v == c for v in facing] for c in ("남", "동", "서", "NA")]
    return np.column_stack([area, floor, *indicators]).astype(np.float32)


def test_the_table_becomes_float32_tensors(fw, run):
    sec = run("tensors")
    X, y = np.asarray(fw.to_numpy(sec.ns["X"])), np.asarray(fw.to_numpy(sec.ns["y"]))
    assert X.shape == (5, 6) and y.shape == (5,) and X.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(X, expected_inputs())
    np.testing.assert_array_equal(y, numeric("price").astype(np.float32))


def test_cleanup_removes_the_folder(run):
    sec = run("cleanup")
    assert not os.path.exists(sec.ns["folder"])


