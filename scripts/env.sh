# Sourced by scripts/start and scripts/test: make sure .venv holds the project and its tests'
# dependencies, creating or updating it when pyproject.toml has changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=${PYTHON:-python3}
stamp=.venv/.installed-from
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)

if [ ! -x .venv/bin/python ]; then
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
        || { echo "tsa-registry needs Python 3.10 or newer (set PYTHON=...)" >&2; exit 1; }
    echo "Creating .venv ..." >&2
    "$python" -m venv .venv
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing tsa-registry and its dependencies into .venv ..." >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    # The CPU build of PyTorch first: a bare `torch` requirement would pull a CUDA build of several GB.
    .venv/bin/python -m pip install --quiet "torch==2.13.0"
    .venv/bin/python -m pip install --quiet -e ".[test]"
    echo "$wanted" > "$stamp"
fi
