#!/usr/bin/env bash
# Install the Backprop Studio build for the current user (no root needed):
#
#   ./run.sh package && packaging/install-linux.sh            install or update
#   packaging/install-linux.sh --uninstall                      remove it again
#
#   ~/.local/opt/backprop-studio/               the onedir bundle (copied from dist/)
#   ~/.local/bin/backprop-studio                a link to its executable
#   ~/.local/share/applications/backprop-studio.desktop
#   ~/.local/share/icons/hicolor/<size>/apps/backprop-studio.png (+ scalable .svg)
#
# PREFIX (default ~/.local) moves all of it, e.g. PREFIX=/opt/bps for a lab image.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
PREFIX="${PREFIX:-$HOME/.local}"
APP=backprop-studio
BUILD="${BUILD:-$REPO/dist/$APP}"
OPT="$PREFIX/opt/$APP"
BIN="$PREFIX/bin"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
SIZES=(16 24 32 48 64 128 256)

die() { echo "install-linux.sh: $*" >&2; exit 1; }

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
}

if [[ "${1:-}" == "--uninstall" ]]; then
    rm -rf "$OPT"
    [[ -L "$BIN/$APP" ]] && rm -f "$BIN/$APP"
    rm -f "$APPS/$APP.desktop" "$ICONS/scalable/apps/$APP.svg"
    for size in "${SIZES[@]}"; do rm -f "$ICONS/${size}x${size}/apps/$APP.png"; done
    refresh_caches
    echo "Backprop Studio removed from $PREFIX"
    exit 0
fi

[[ -x "$BUILD/$APP" ]] || die "no build at $BUILD; run ./run.sh package first"

# The bundle: replace any earlier install as a whole, so no stale libraries remain.
mkdir -p "$(dirname "$OPT")" "$BIN" "$APPS"
rm -rf "$OPT.new"
cp -a "$BUILD" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"
ln -sfn "$OPT/$APP" "$BIN/$APP"

# Icons, into the hicolor theme.
for size in "${SIZES[@]}"; do
    install -Dm644 "$REPO/resources/icons/$APP-$size.png" "$ICONS/${size}x${size}/apps/$APP.png"
done
install -Dm644 "$REPO/resources/icons/$APP.svg" "$ICONS/scalable/apps/$APP.svg"

# The desktop entry, with Exec pointing at the absolute path (~/.local/bin is not always on PATH).
sed "s|^Exec=.*|Exec=\"$OPT/$APP\" %f|" "$HERE/$APP.desktop" >"$APPS/$APP.desktop"
chmod 644 "$APPS/$APP.desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$APPS/$APP.desktop" || die "the installed desktop entry does not validate"
fi
refresh_caches

echo "Backprop Studio installed in $OPT"
echo "  menu entry: $APPS/$APP.desktop"
echo "  command:    $BIN/$APP   (add $BIN to PATH if it is not there)"
