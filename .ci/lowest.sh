#!/usr/bin/env bash
# The test suite against the LOWEST versions that pyproject.toml allows for the direct
# dependencies (runtime and the "test" extra), so that the declared floors stay true.
# uv's --resolution lowest-direct takes each direct dependency at its floor and resolves the
# indirect ones to their newest. Needs .venv (README's first command): uv is installed there.
set -euo pipefail
cd "$(dirname "$0")/.."

python=.venv/bin/python
uv=.venv/bin/uv
lowest=.venv-lowest

"$python" -m pip install --quiet uv

# uv reads no pip configuration: hand it pip's index, if pip has one configured (from
# PIP_INDEX_URL or a pip.conf), and pip's CA bundle. Both default to PyPI otherwise. pip's
# extra indexes and find-links are not passed on: uv would take every version of a package
# that they hold from them alone (its first-index strategy), and a local mirror that holds
# only the newest release would hide the floors.
index_url="${PIP_INDEX_URL:-}"
if [ -z "$index_url" ]; then
    index_url="$("$python" -m pip config list 2>/dev/null \
        | sed -n "s/^[^=]*\.index-url='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" | head -n 1)"
fi
index_args=()
if [ -n "$index_url" ]; then
    index_args=(--index-url "$index_url")
fi
cert="${PIP_CERT:-$("$python" -m pip config list 2>/dev/null \
    | sed -n "s/^[^=]*\.cert='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" | head -n 1)}"
if [ -n "$cert" ] && [ -z "${SSL_CERT_FILE:-}" ]; then
    export SSL_CERT_FILE="$cert"
fi
echo "index for uv: ${index_url:-uv's default (PyPI), as pip's}"

rm -rf "$lowest"
UV_PYTHON_DOWNLOADS=never "$uv" venv --quiet --python "$(command -v python3)" "$lowest"
"$uv" pip install --quiet --python "$lowest/bin/python" "${index_args[@]}" \
    --resolution lowest-direct -e ".[test]"

echo "installed (direct dependencies):"
"$uv" pip freeze --quiet --python "$lowest/bin/python" | "$python" -c '
import re, sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
requirements = project["dependencies"] + project["optional-dependencies"]["test"]
normal = lambda name: re.sub(r"[-_.]+", "-", name).lower()
direct = {normal(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}
for line in sys.stdin:
    if normal(line.split("==")[0]) in direct:
        print("    " + line.strip())
'

# README's test command, in the lowest environment.
"$lowest/bin/python" -m pytest
