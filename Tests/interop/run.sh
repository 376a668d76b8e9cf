#!/usr/bin/env bash
# Interoperability check of evidence bundles with third-party readers.
#
#   Tests/interop/run.sh BUNDLE.zip|BUNDLE.tar.gz ...
#
# For each bundle:
#   1. Python's zipfile lists every entry: UTF-8 flag on every non-ASCII name (libarchive
#      sets it only where it matters), names NFC, no `..`/absolute names,
#      one top-level folder, every CRC correct (testzip); the names equal what bsdtar lists.
#   2. Info-ZIP unzip (or bsdtar for tar.gz) extracts it into a temporary folder.
#   3. bagit-python (the Makefile's pinned `bagit` in .build/venv, made by `make venv`) validates
#      the extracted bag: bagit.py --validate.
#   4. sha256sum -c over manifest-sha256.txt inside the bag (names without %, CR or LF).
# Exit 0 when every bundle passes, 1 on any failure, 2 on usage / missing tools.
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8

if [ $# -eq 0 ]; then
  echo "usage: $0 BUNDLE..." >&2
  exit 2
fi
for tool in python3 unzip bsdtar sha256sum; do
  command -v "$tool" >/dev/null || { echo "interop: $tool is missing (make deps installs it)" >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/venv"
# Tests run in parallel and may call this script at the same time: one creates the venv under
# a lock while the others wait for it.
mkdir -p "$root/.build"
exec 9>"$root/.build/venv.lock"
flock 9
if [ ! -x "$venv/bin/bagit.py" ]; then
  # The Makefile's pinned environment (PY_PACKAGES), never an unpinned install.
  echo "interop: creating $venv (make venv)" >&2
  make -s -C "$root" venv >&2
fi
flock -u 9

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

for bundle in "$@"; do
  bundle="$(cd "$(dirname "$bundle")" && pwd)/$(basename "$bundle")"
  echo "== $bundle"
  out="$work/$(basename "$bundle").d"
  mkdir -p "$out"
  case "$bundle" in
    *.zip)
      if ! python3 - "$bundle" "$work/names.py" <<'PY'
import sys, unicodedata, zipfile
path = sys.argv[1]
problems = []
with zipfile.ZipFile(path) as z:
    infos = z.infolist()
    names = [i.filename for i in infos]
    for i in infos:
        if not i.filename.isascii() and not i.flag_bits & 0x800:
            problems.append(f"{i.filename!r}: non-ASCII name without the UTF-8 flag")
        if unicodedata.normalize("NFC", i.filename) != i.filename:
            problems.append(f"{i.filename!r}: not NFC")
        if i.filename.startswith("/") or ".." in i.filename.split("/"):
            problems.append(f"{i.filename!r}: unsafe path")
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) != 1:
        problems.append(f"expected one top-level folder, found {sorted(tops)}")
    bad = z.testzip()
    if bad is not None:
        problems.append(f"{bad!r}: CRC error")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\0".join(names))
for p in problems:
    print("zipfile:", p)
print(f"zipfile: {len(names)} entries" + ("" if problems else ", all names intact"))
sys.exit(1 if problems else 0)
PY
      then status=1; fi
      # bsdtar must list the very same names (NUL-free comparison through Python).
      if ! bsdtar -tf "$bundle" > "$work/bsdtar.txt" || ! python3 - "$work/names.py" "$work/bsdtar.txt" <<'PY'
import sys
names = open(sys.argv[1], encoding="utf-8").read().split("\0")
listed = open(sys.argv[2], encoding="utf-8").read()
if listed.split("\n")[:-1] != names:
    print("bsdtar: names differ from zipfile's:", sorted(set(listed.split("\n")[:-1]) ^ set(names)))
    sys.exit(1)
print("bsdtar: same names")
PY
      then status=1; fi
      unzip -q "$bundle" -d "$out" || { echo "unzip: failed"; status=1; }
      ;;
    *.tar.gz|*.tgz)
      bsdtar -xf "$bundle" -C "$out" || { echo "bsdtar: failed"; status=1; }
      ;;
    *) echo "interop: $bundle is neither .zip nor .tar.gz" >&2; exit 2 ;;
  esac
  bags=("$out"/*)
  if [ ${#bags[@]} -ne 1 ] || [ ! -d "${bags[0]}" ]; then
    echo "layout: expected exactly one folder in the bundle"
    status=1
    continue
  fi
  bag="${bags[0]}"
  if "$venv/bin/bagit.py" --validate "$bag" 2>"$work/bagit.log"; then
    echo "bagit.py: valid"
  else
    echo "bagit.py: INVALID"; cat "$work/bagit.log"; status=1
  fi
  if grep -q '%' "$bag/manifest-sha256.txt"; then
    echo "sha256sum: skipped (percent-encoded names)"
  elif (cd "$bag" && sha256sum --quiet -c manifest-sha256.txt && sha256sum --quiet -c tagmanifest-sha256.txt); then
    echo "sha256sum: every payload and tag file matches"
  else
    echo "sha256sum: MISMATCH"; status=1
  fi
done
exit $status
