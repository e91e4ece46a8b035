#!/usr/bin/env bash
# The book's one entry point.
#   ./build.sh                 set up what is missing, evaluate every tab, write the HTML book
#   ./build.sh test            the same, then run every test suite
#   ./build.sh setup           only create or update the environments and kernels
#   ./build.sh --tabs a,b      any of the above for some tabs only
#   ./build.sh build --no-setup   build with the environments as they are
#   ./build.sh eval jax        evaluate one tab only (CI runs one job per tab)
#   ./build.sh html            render the book from notebooks evaluated earlier
#   ./build.sh lock            regenerate requirements/lock/ from the requirement files
#   ./build.sh test --suites colab --no-build    one test suite, on what was built before
# tools/cli.py sets up the environments (all at once), then tools/book.py does the
# work inside the toolchain environment (.envs/book).
set -euo pipefail
cd "$(dirname "$0")"

# Any Python 3.9+ can bootstrap: tools/cli.py and tools/envs.py need only the standard library.
for py in python3.11 python3 python; do
  if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 9))'; then
    break
  fi
  py=""
done
[ -n "$py" ] || { echo "error: build.sh needs Python 3.9 or newer (3.11 for the MXNet tab)" >&2; exit 1; }

# Python writes each module's bytecode (.pyc) the first time a process imports it, beside the
# module (the environments in .envs, the checkout's __pycache__/, which git ignores). Where
# PYTHONDONTWRITEBYTECODE is set (many CI images, this book's machines) every process would
# compile every module it imports again: importing TensorFlow takes 12 s instead of 4 s.
unset PYTHONDONTWRITEBYTECODE
exec "$py" -m tools.cli "$@"
