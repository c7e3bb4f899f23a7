#!/usr/bin/env bash
# Runs the README's two commands on a fresh Debian 12: a minimal system made with debootstrap
# (nothing but Debian's essential packages, no compiler, no git) holding a clone of this
# repository's committed HEAD, entered with chroot. It checks that scripts/install-deps.sh names
# every package the build, the quickstart and the tests need. Needs root and Debian's mirror;
# about 10 minutes on 2 cores. The new system is removed at the end unless --keep is given.
#
# Usage: scripts/fresh-debian.sh [--keep] [MIRROR]   (default http://deb.debian.org/debian)
set -euo pipefail

keep=false
if [ "${1:-}" = "--keep" ]; then
  keep=true
  shift
fi
mirror=${1:-http://deb.debian.org/debian}
repo=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-debian.sh: run as root: debootstrap and chroot need it" >&2
  exit 64
fi
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-debian.sh: note: uncommitted changes are not checked; the clone holds HEAD" >&2
fi
if ! command -v debootstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

root=$(mktemp -d /tmp/policysim-debian12.XXXXXX)
cleanup() {
  # The system's own mounts first; they are slaves, so unmounting them leaves the host's alone.
  for mount in proc sys dev; do
    if mountpoint -q "$root/$mount"; then umount -R "$root/$mount"; fi
  done
  if [ "$keep" = true ]; then
    echo "fresh-debian.sh: the system is kept in $root (chroot $root /bin/bash)" >&2
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

echo "fresh-debian.sh: making a minimal Debian 12 in $root" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
  { cat "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
git clone -q "$repo" "$root/root/policysim"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
for mount in sys dev; do
  mount --rbind "/$mount" "$root/$mount"
  mount --make-rslave "$root/$mount"
done

echo "fresh-debian.sh: scripts/quickstart.sh, then scripts/test.sh, in the new system" >&2
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/bash -c 'cd /root/policysim && scripts/quickstart.sh && scripts/test.sh'
echo "fresh-debian.sh: both commands passed on a fresh Debian 12 ($(git -C "$repo" rev-parse --short HEAD))" >&2
