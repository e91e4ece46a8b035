"""The four frameworks as data: every difference between tabs that the build, the
environments, the Colab notebooks or the tests need is a column of this one table.

Standard library only (``build.sh`` reads it before any environment exists).
"""
import collections

Framework = collections.namedtuple("Framework", [
    "tab",        # the tab's name in config.ini and in %%tab lines
    "display",    # how the book names it
    "module",     # d2l/<module>.py, ``from d2l import <module> as d2l``, and the import name
    "python",     # the Python its environment must be built with (None: the preferred one)
    "packages",   # the distributions its notebooks need from a runtime (pinned by the book, Colab's on Colab)
    "colab",      # None when its notebooks run on Google Colab; else why they cannot (Korean)
    "preload",    # modules the build's kernel zygote imports once (tools/zygote.py)
    "compile_cache",  # environment of a persistent compiler cache in "{folder}", shared by
                      # every process of the build and tests (envs.kernel_env); {} for none
])

# JAX compiles every operation for its shapes, in every new process (~0.1 s each, most of a
# JAX notebook's time); its persistent cache lets the build, nbval, the claims and the Colab
# run reuse what one of them compiled. It changes no result, so it is no input of a notebook.
# No size limit: JAX needs the filelock package to enforce one (and warns into every cell
# without it); the seven sections' entries take about 2 MB.
JAX_CACHE = {"JAX_COMPILATION_CACHE_DIR": "{folder}", "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
             "JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES": "0"}

MXNET_NOT_ON_COLAB = (
    "MXNet은 2023년에 개발이 끝났고(Apache에서 보관 처리), 마지막 릴리스 1.9.1은 numpy 1.23.5가 "
    "필요한데 이 numpy는 Python 3.11까지만 설치됩니다. Colab은 Python 3.13을 쓰므로 MXNet 노트북은 "
    "Colab에서 실행할 수 없습니다.")

TABLE = {f.tab: f for f in [
    # MXNet 1.9.1 needs numpy<1.24, whose last release (1.23.5) has wheels up to Python 3.11.
    Framework("mxnet", "MXNet", "mxnet", "3.11", ("mxnet", "numpy", "pandas", "matplotlib"), MXNET_NOT_ON_COLAB,
              ("numpy", "mxnet", "mxnet.gluon"), {}),
    Framework("pytorch", "PyTorch", "torch", None, ("torch", "numpy", "pandas", "matplotlib"), None, ("numpy", "torch"), {}),
    Framework("tensorflow", "TensorFlow", "tensorflow", None, ("tensorflow", "keras", "numpy", "pandas", "matplotlib"), None,
              ("numpy", "tensorflow"), {}),
    Framework("jax", "JAX", "jax", None, ("jax", "jaxlib", "flax", "numpy", "pandas", "matplotlib"), None,
              ("numpy", "jax", "jax.numpy", "flax.linen"), JAX_CACHE),
]}

TABS = tuple(TABLE)
DISPLAY = {tab: f.display for tab, f in TABLE.items()}
COLAB_TABS = tuple(tab for tab, f in TABLE.items() if f.colab is None)
# Colab's runtime (requirements/colab.txt records it); its environments are built with this Python.
COLAB_PYTHON = "3.13"
