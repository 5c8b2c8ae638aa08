#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (a real headless
# Chromium for the accessibility audits), so `npm test` works on a fresh
# machine. Idempotent and quiet when everything is already present.
#
# Each entry is "package:command": the package is installed when the
# command it provides is not on PATH. Add later tools here, e.g.
#   poppler-utils:pdftoppm  liblouis-bin:lou_translate  epubcheck:epubcheck
set -euo pipefail

PACKAGES=(
  chromium:chromium
  liblouis-bin:lou_translate
  epubcheck:epubcheck
)

missing=()
for entry in "${PACKAGES[@]}"; do
  pkg="${entry%%:*}"
  cmd="${entry#*:}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done

[ "${#missing[@]}" -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "ensure-test-tools: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "ensure-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

status=0
for entry in "${PACKAGES[@]}"; do
  pkg="${entry%%:*}"
  cmd="${entry#*:}"
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "ensure-test-tools: '$cmd' (package $pkg) is still not on PATH after apt-get install" >&2
    status=1
  fi
done
exit "$status"
