#!/usr/bin/env bash
# Times VaeLab against PyTorch on the CPU (benchmarks/pytorch/compare.py). Installs Debian's python3-torch and
# python3-numpy first when they are missing (needs root or sudo). Arguments go to compare.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Debian's interpreter, which sees Debian's python3-torch (a pyenv or venv python3 on PATH would not).
py=/usr/bin/python3; [ -x "$py" ] || py=python3
if ! "$py" -c 'import torch, numpy' 2>/dev/null; then
  echo "run.sh: installing python3-torch and python3-numpy (Debian packages)..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq python3-torch python3-numpy >/dev/null
fi
exec "$py" "$here/compare.py" "$@"
