"""What "파일 입출력" (read-write.md) says of every tab: where its files go. The claims
about each framework's own functions are in tab_<tab>/test_read_write_<tab>_claims.py."""
import os
import tempfile

from files import run_in_empty_cwd
from read_write import DEMOS, FILES, PATH
from section import Section


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_folder_is_a_new_empty_temporary_folder(fw, run_read_write):
    sec = run_read_write("folder")
    folder = sec.ns["folder"]
    assert os.path.dirname(folder) == tempfile.gettempdir() and os.listdir(folder) == []
    assert run_read_write("folder").ns["folder"] != folder  # a new name on every run


def test_files_only_in_the_temporary_folder_and_removed_at_the_end(fw):
    sec, left, before, after = run_in_empty_cwd(fw.tab, PATH)
    assert left == [] and after == before  # nothing in the working directory or the checkout
    assert sec.stdout[DEMOS.index("cleanup")] == f"{FILES[fw.tab]}\n"
    assert not os.path.exists(sec.ns["folder"])
    printed = "".join(sec.stdout)
    assert sec.ns["folder"] not in printed and tempfile.gettempdir() not in printed
