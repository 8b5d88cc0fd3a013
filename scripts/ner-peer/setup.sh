#!/usr/bin/env bash
#! Sets up the Python CRF peer for the NER benchmark: a venv with sklearn-crfsuite.
# Why a venv: the benchmark must not depend on (or change) the system Python's packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${NER_PEER_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'sklearn-crfsuite==0.5.0' >&2
echo "$venv/bin/python"
