#!/usr/bin/env bash
# README command 2: install everything the tests need (Debian's chromium, git and a Chinese font, the package
# with its [test] extras) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v chromium >/dev/null 2>&1 || need+=(chromium chromium-driver)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
# node and npm, for yaml-language-server (the editor the README promises; tests/editor/)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# Debian's faketime: the effect-evaluation tests publish a revision at a past date (as the README's archive does)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
# a Chinese font, so the browser tests' screenshots show text rather than empty boxes
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need+=(fonts-wqy-microhei)
# PostgreSQL: the records database's tests start a throw-away cluster of their own (initdb + pg_ctl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# `revise export`: WeasyPrint lays out PDFs with pango; the tests read them back with poppler (pdftotext, pdftoppm, pdffonts)
dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
# yaml-language-server at the version of tests/editor/package-lock.json (into tests/editor/node_modules)
# (three tries: the registry's proxy sometimes drops a connection)
for try in 1 2 3; do
  [ -x tests/editor/node_modules/.bin/yaml-language-server ] && break
  npm ci --prefix tests/editor --no-audit --no-fund --loglevel=error || sleep 10
done
export REVISE_REQUIRE_BROWSER=1
exec .venv/bin/python -m pytest "$@"
