#!/usr/bin/env bash
# Installs the Debian 12 packages policysim needs. Idempotent and silent when all is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build git pkg-config clang-format
  libtbb-dev libeigen3-dev libyaml-cpp-dev catch2 librandom123-dev libcli11-dev
  nlohmann-json3-dev libssl-dev libsqlite3-dev sqlite3 zlib1g-dev
  libsleef-dev libboost-dev
  openmpi-bin libopenmpi-dev  # the MPI build of sweeps (POLICYSIM_MPI)
  clang libclang-rt-14-dev clang-tidy
  python3 python3-pandas python3-matplotlib python3-scipy python3-pytest python3-yaml
  chromium  # headless, for the test of the interactive report page
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "policysim: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
