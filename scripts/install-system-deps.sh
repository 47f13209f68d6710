#!/usr/bin/env bash
# The system packages the PDF binders and the browser tests need, in one list.
#
#   scripts/install-system-deps.sh          install what is missing (Debian/Ubuntu, root or sudo)
#   scripts/install-system-deps.sh --check  exit 1 and name the command to run if anything is missing
#
# Everything comes from Debian's own archive: no browser or font download at build time.
set -euo pipefail

# The PDF binders are rendered by WeasyPrint (from PyPI), which draws text with
# Pango: libpango-1.0-0 and libpangoft2-1.0-0. fonts-freefont-otf holds the fonts
# the binders are set in (FreeSerif, FreeSans, FreeMono; conf.py ctr_print_fonts);
# fonts-dejavu-core is the stand-in font the glyph-check test expects to be caught.
# poppler-utils gives pdftotext/pdftoppm to test and look at the PDFs.
# chromium runs the browser tests (Playwright drives /usr/bin/chromium).
PACKAGES=(
  libpango-1.0-0
  libpangoft2-1.0-0
  fonts-freefont-otf
  fonts-dejavu-core
  poppler-utils
  chromium
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  echo "Missing system packages: ${missing[*]}. Install them with: sudo scripts/install-system-deps.sh" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here. Install the equivalents of: ${missing[*]} (see README, 'System packages')." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Missing system packages: ${missing[*]}. Install them with: sudo scripts/install-system-deps.sh" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "System packages installed."
