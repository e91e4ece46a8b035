"""The first cell of the book's Colab notebooks calls this: ``d2l_ko.check_versions("pytorch")``.

d2l-ko and the English edition's ``d2l`` both install a package named ``d2l`` (the same
files: d2l/__init__.py, d2l/torch.py, ...), so in one environment the later install wins
and ``import d2l`` may load the English one. This module's name is d2l-ko's alone: it
stays importable whichever ``d2l`` is on disk, tells in Korean when it is not this book's
and how to fix it, and otherwise runs the book's framework check (d2l/_runtime.py).
"""
import importlib
import importlib.metadata
import sys

MARKER = "d2l-ko"  # d2l/__init__.py's __distribution__


def _fix():
    try:
        requirement = f"d2l-ko=={importlib.metadata.version('d2l-ko')}"
    except importlib.metadata.PackageNotFoundError:
        requirement = "d2l-ko"
    return f"pip install --force-reinstall --no-deps {requirement}"


def not_ours_message(module):
    """One Korean sentence: the ``d2l`` imported is not this book's, and how to fix it."""
    where = getattr(module, "__file__", None) or "?"
    return (f"지금 불러온 d2l({where})은 이 책의 도우미 패키지 d2l-ko가 아니라 다른 d2l(영어판 d2l 등)의 "
            f"파일이니, 다음 명령으로 d2l-ko를 다시 설치한 뒤 런타임(커널)을 다시 시작하세요: {_fix()}")


def check_versions(tab):
    """Stop with one Korean sentence when ``import d2l`` finds another package's files;
    otherwise check the runtime's framework against the book's range (d2l.check_versions)."""
    try:
        d2l = sys.modules.get("d2l") or importlib.import_module("d2l")
    except ImportError:
        raise RuntimeError(f"d2l을 불러올 수 없으니 다음 명령으로 d2l-ko를 설치하세요: {_fix()}") from None
    if getattr(d2l, "__distribution__", None) != MARKER:
        raise RuntimeError(not_ours_message(d2l))
    return d2l.check_versions(tab)
