#!/usr/bin/env bash
# The Debian packages `make ingest`, `make test` and .ci/run need, installed when missing.
#
#   scripts/system-deps.sh test              # the test suite: LibreOffice always (a parity test converts a .doc)
#   scripts/system-deps.sh ingest [DIR ...]  # ingest: LibreOffice only when a .doc/.wps/.rtf is in DIR
#
# Also python3-venv, when the virtualenv ($VENV, default .venv) is still to be made and Python
# cannot make one (Debian ships python3 without ensurepip). What is missing is installed with
# apt-get when this user may install system packages (root, or sudo without a password);
# otherwise the script stops at once, printing the one command to run, and exits 1.
# It only reads PATH, `id -u` and `sudo -n true`, so a test can fake all three.
set -euo pipefail

PURPOSE=${1:-}
[ $# -gt 0 ] && shift
case "$PURPOSE" in
    test) ;;
    ingest) [ $# -gt 0 ] || set -- raw_docs ;;
    *)
        echo "usage: $0 test | ingest [DIR ...]" >&2
        exit 2
        ;;
esac

packages=()
why=()

if ! command -v soffice >/dev/null 2>&1; then
    if [ "$PURPOSE" = test ]; then
        packages+=(libreoffice-writer-nogui)
        why+=("LibreOffice (soffice): a test converts a legacy .doc file")
    else
        legacy=$(find "$@" -type f \( -iname '*.doc' -o -iname '*.wps' -o -iname '*.rtf' \) -print -quit 2>/dev/null || true)
        if [ -n "$legacy" ]; then
            packages+=(libreoffice-writer-nogui)
            why+=("LibreOffice (soffice): legacy Word/WPS/RTF files such as ${legacy} are converted with it")
        fi
    fi
fi

if [ ! -x "${VENV:-.venv}/bin/python" ]; then
    if ! command -v python3 >/dev/null 2>&1; then
        packages+=(python3 python3-venv)
        why+=("Python 3 to make the virtualenv")
    elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
        packages+=(python3-venv)
        why+=("python3-venv: python3 cannot make a virtualenv without it")
    fi
fi

[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    {
        echo "system packages are missing:"
        printf '  - %s\n' "${why[@]}"
        echo "this user cannot install them (not root, and sudo asks for a password); run:"
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}"
        echo "then run make again."
    } >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    {
        echo "system packages are missing:"
        printf '  - %s\n' "${why[@]}"
        echo "this is not a Debian-like system (no apt-get): install them with its package manager."
    } >&2
    exit 1
fi

{
    echo "installing ${packages[*]}:"
    printf '  - %s\n' "${why[@]}"
} >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
