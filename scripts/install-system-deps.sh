#!/usr/bin/env bash
# The system packages the PDF binders and the browser tests need, in one list.
#
#   scripts/install-system-deps.sh          install what is missing (Debian/Ubuntu, root or sudo)
#   scripts/install-system-deps.sh --check  exit 1 and name the command to run if anything is missing
#
# Everything comes from Debian's own archive: no browser or font download at build time.
set -euo pipefail

# TeX Live for Sphinx's LaTeX builder under xelatex, with latexmk and xindy
# (the back-of-book index); texlive-pictures carries qrcode.sty; tex-gyre and
# fonts-freefont-otf are the fonts the PDFs are set in.
# poppler-utils gives pdftotext/pdftoppm to test and look at the PDFs.
# chromium runs the browser tests (Playwright drives /usr/bin/chromium).
PACKAGES=(
  latexmk
  texlive-latex-recommended
  texlive-latex-extra
  texlive-fonts-recommended
  texlive-xetex
  texlive-pictures
  tex-gyre
  fonts-freefont-otf
  xindy
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
