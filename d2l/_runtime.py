"""Which framework versions the book supports, and a check a notebook's first cell runs.

The ranges run from the oldest release the book is tested on (Google Colab's runtime,
requirements/colab.txt) to the newest (the book's own pins, requirements/<tab>.txt);
tests/build/test_colab.py fails when either falls outside. This is the one place the
ranges are stated: the Colab notebooks and the README read them from here.
"""
import importlib.metadata
import re

# tab -> {distribution: (lowest supported, first unsupported)}
SUPPORTED = {
    "mxnet": {"mxnet": ("1.9.1", "1.10")},
    "pytorch": {"torch": ("2.11", "2.14")},
    "tensorflow": {"tensorflow": ("2.20", "2.22"), "keras": ("3.13", "4")},
    "jax": {"jax": ("0.7.2", "0.11"), "flax": ("0.11.2", "0.13")},
}


# the same package under another distribution name (the book's environment has the CPU-only one)
ALIASES = {"tensorflow": ("tensorflow", "tensorflow-cpu")}


def installed_version(name):
    """The installed version of ``name`` (or of an alias of it); None when none is installed."""
    for dist in ALIASES.get(name, (name,)):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    return None


def _key(version):
    """'2.11.0+cu128' -> (2, 11, 0): release numbers only, enough to compare with the ranges."""
    release = re.match(r"[\d.]+", version)
    return tuple(int(x) for x in release.group(0).strip(".").split(".")) if release else ()


def describe(low, high):
    return f"{low} 이상 {high} 미만"


def problems(tab):
    """Korean sentences, one per package that is missing or outside the supported range."""
    found = []
    for name, (low, high) in SUPPORTED[tab].items():
        version = installed_version(name)
        if version is None:
            found.append(f"{name}이(가) 설치되어 있지 않습니다. 이 책은 {name} {describe(low, high)}에서 "
                         f"테스트했습니다: pip install \"{name}>={low},<{high}\"")
            continue
        if not _key(low) <= _key(version) < _key(high):
            found.append(f"이 런타임의 {name} {version}은(는) 이 책이 테스트한 범위({describe(low, high)})를 "
                         f"벗어나 예제가 다르게 동작하거나 실패할 수 있습니다.")
    return found


def check_versions(tab):
    """Stop with a clear Korean message when the runtime's framework is missing or outside
    the supported range; otherwise say which versions will run."""
    found = problems(tab)
    if found:
        raise RuntimeError(" ".join(found))
    versions = ", ".join(f"{n} {installed_version(n)}" for n in SUPPORTED[tab])
    print(f"준비되었습니다: {versions} (이 책이 테스트한 범위 안입니다)")
