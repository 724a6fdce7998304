#!/usr/bin/env bash
# Remakes the chart's bundled fonts (assets/fonts) from DejaVu Sans Condensed 2.37: Latin (with its
# extensions), Greek, Cyrillic, punctuation, currency, letter-like symbols, arrows and geometric shapes;
# kerning kept. The full font (680 KB) made resvg spend about three times as long laying out the chart's
# text (it parses the font's layout tables for every text run). Needs fontTools (Debian: python3-fonttools)
# and the full fonts (Debian: fonts-dejavu-extra). Not run by the build: the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/usr/share/fonts/truetype/dejavu}
for w in "" "-Bold"; do
  /usr/bin/python3 -m fontTools.subset "$src/DejaVuSansCondensed$w.ttf" \
    --unicodes="U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20BF,U+2100-214F,U+2190-21FF,U+2212,U+2215,U+2248,U+2260,U+2264,U+2265,U+25A0-25FF" \
    --layout-features='kern,liga,locl,mark,mkmk,ccmp' \
    --output-file="assets/fonts/DejaVuSansCondensed$w.ttf"
done
