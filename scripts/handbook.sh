#!/usr/bin/env bash
# README command 1: install revise into .venv, check the shipped corpus, build the handbook.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/revise check
if .venv/bin/revise build --help >/dev/null 2>&1; then
  .venv/bin/revise build --out build/site
  echo "手册已生成：build/site。浏览：.venv/bin/python -m http.server -d build/site -b 127.0.0.1 8000，然后打开 http://127.0.0.1:8000/"
fi
echo "试用修订服务台（浏览器）：.venv/bin/revise serve --auth demo ，然后打开 http://127.0.0.1:8000/"
