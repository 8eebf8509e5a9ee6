#!/usr/bin/env bash
# Creates scripts/.venv-spark with pyspark (local mode needs Java 17+ on PATH).
# pyspark 4.x on PyPI is a large source package (~450 MB) that pip builds; allow minutes.
#
#   scripts/spark_setup.sh            # latest pyspark
#   PYSPARK_VERSION=4.0.1 scripts/spark_setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-spark
command -v java >/dev/null || { echo "java not found: pyspark local mode needs a JDK (17+)" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade pip
spec=pyspark
[ -n "${PYSPARK_VERSION:-}" ] && spec="pyspark==$PYSPARK_VERSION"
"$VENV/bin/pip" install -q "$spec"
"$VENV/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__, 'ready in $VENV')"
