#!/usr/bin/env bash
# Backprop Studio: one entry point for running, testing, linting and packaging.
#
#   ./run.sh [FILE] [--lang zh_CN|en]   run the app (python main.py ARGS)
#   ./run.sh test [PYTEST ARGS]         run the test suite headless (Qt offscreen)
#   ./run.sh lint [RUFF ARGS]           ruff check
#   ./run.sh package                    build the PyInstaller bundle into dist/
#
# The first run creates .venv and installs the dependencies listed in pyproject.toml,
# pinned by constraints.txt. Later runs reinstall only when either file changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
VPY="$VENV/bin/python"

die() {
    echo "run.sh: $*" >&2
    exit 1
}

# --- Qt's system libraries -------------------------------------------------------------
# PySide6 wheels bundle Qt itself but load these from the system. Library -> Debian package.
check_qt_libs() {
    local ldconfig
    ldconfig="$(command -v ldconfig || true)"
    [[ -z "$ldconfig" && -x /sbin/ldconfig ]] && ldconfig=/sbin/ldconfig
    [[ -z "$ldconfig" ]] && return 0 # not a glibc system we know how to inspect
    local cache
    cache="$("$ldconfig" -p 2>/dev/null)" || return 0
    local -a pairs=(
        libglib-2.0.so.0:libglib2.0-0
        libEGL.so.1:libegl1
        libGL.so.1:libgl1
        libX11.so.6:libx11-6
        libdbus-1.so.3:libdbus-1-3
        libfontconfig.so.1:libfontconfig1
        libfreetype.so.6:libfreetype6
        libxkbcommon.so.0:libxkbcommon0
    )
    local pair missing_pkgs=() missing_libs=()
    for pair in "${pairs[@]}"; do
        if ! grep -qF $'\t'"${pair%%:*} (" <<<"$cache"; then
            missing_libs+=("${pair%%:*}")
            missing_pkgs+=("${pair##*:}")
        fi
    done
    if ((${#missing_pkgs[@]})); then
        die "Qt needs system libraries that are missing (${missing_libs[*]}); install them with: sudo apt-get install -y ${missing_pkgs[*]}"
    fi
}

# --- Python and the virtual environment ------------------------------------------------
find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

create_venv() {
    local py
    py="$(find_python)" || die "needs Python 3.11 or newer; install it with: sudo apt-get install -y python3 python3-venv"
    "$py" -c 'import ensurepip, venv' 2>/dev/null ||
        die "$py cannot create virtual environments; install it with: sudo apt-get install -y python3-venv"
    echo "run.sh: creating .venv with $("$py" --version 2>&1)" >&2
    # Remove the remains of a broken environment (for example, its base Python was removed).
    rm -rf "$VENV/bin" "$VENV/lib" "$VENV/lib64" "$VENV/include" "$VENV/pyvenv.cfg" "$VENV"/.deps-*
    "$py" -m venv "$VENV"
}

venv_ok() {
    [[ -x "$VPY" ]] && "$VPY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

# Ensure .venv holds the runtime dependencies plus the given extra ("" for none).
# A stamp per extra records the sha256 of pyproject.toml + constraints.txt it was installed from.
ensure_deps() {
    local extra="$1"
    local digest stamp
    [[ -f pyproject.toml && -f constraints.txt ]] || die "pyproject.toml or constraints.txt is missing"
    digest="$(cat pyproject.toml constraints.txt | sha256sum)"
    digest="${digest%% *}"
    stamp="$VENV/.deps-${extra:-runtime}"
    # Fast path: nothing changed since the last install.
    if [[ -x "$VPY" && -f "$stamp" && "$(<"$stamp")" == "$digest" ]]; then
        return 0
    fi

    mkdir -p "$VENV"
    # Serialise setup between concurrent runs sharing this checkout; the lock is released
    # before the command itself runs.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$VENV/.setup.lock"
        flock 9
    fi
    install_deps "$extra" "$digest" "$stamp"
    exec 9>&-
}

install_deps() {
    local extra="$1" digest="$2" stamp="$3"
    if [[ -f "$stamp" && "$(<"$stamp")" == "$digest" ]] && venv_ok; then
        return 0 # another run finished the same install while we waited
    fi
    venv_ok || create_venv

    local -a reqs
    mapfile -t reqs < <("$VPY" - "$extra" <<'PY'
import sys
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
deps = list(project["dependencies"])
if sys.argv[1]:
    deps += project["optional-dependencies"][sys.argv[1]]
print("\n".join(deps))
PY
    )
    ((${#reqs[@]})) || die "could not read the dependency list from pyproject.toml"
    echo "run.sh: installing ${extra:+$extra and }runtime dependencies into .venv (pinned by constraints.txt)" >&2
    "$VPY" -m pip install --disable-pip-version-check --quiet -c constraints.txt "${reqs[@]}" ||
        die "installing dependencies failed (see pip's message above)"
    # The runtime set is part of every install, so its stamp is current too.
    echo "$digest" >"$VENV/.deps-runtime"
    echo "$digest" >"$stamp"
}

command="${1:-}"
case "$command" in
    test)
        shift
        check_qt_libs
        ensure_deps test
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        exec "$VPY" -m pytest "$@"
        ;;
    lint)
        shift
        ensure_deps dev
        exec "$VPY" -m ruff check "$@"
        ;;
    package)
        shift
        [[ -f packaging/backprop-studio.spec ]] || die "packaging/backprop-studio.spec is missing"
        check_qt_libs
        ensure_deps build
        exec "$VPY" -m PyInstaller --noconfirm --clean packaging/backprop-studio.spec "$@"
        ;;
    *)
        check_qt_libs
        ensure_deps ""
        [[ -f main.py ]] || die "main.py is missing"
        exec "$VPY" main.py "$@"
        ;;
esac
