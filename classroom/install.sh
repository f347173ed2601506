#!/usr/bin/env bash
# Install what the classroom server (JupyterHub) needs, into a prefix every participant can read.
# Used by `make kelas` and by .ci/run. Run as root on Debian/Ubuntu. Idempotent: a second run only
# refreshes the copy of the workbook (fast).
#
#   classroom/install.sh [--prefix /opt/tangguh-hub]
#
# Layout of the prefix (all world-readable, owned by root):
#   venv/   Python virtualenv built from Debian's /usr/bin/python3 (NOT pyenv/conda under /root, which
#           other users cannot read: their single-user servers would fail with "Permission denied")
#   src/    a copy of this repository (git-tracked files); the package is installed from it in
#           editable mode so curriculum/ and datasets/ are found next to it
#   node/   configurable-http-proxy from npm (node_modules/.bin/configurable-http-proxy)
set -euo pipefail
PREFIX=/opt/tangguh-hub
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        *) echo "usage: $0 [--prefix DIR]" >&2; exit 2 ;;
    esac
done
REPO="$(cd "$(dirname "$0")/.." && pwd)"
JUPYTERHUB_SPEC="jupyterhub>=6.1,<6.2"
CULLER_SPEC="jupyterhub-idle-culler>=2.0,<3"
CHP_VERSION="5.3.0"

if [ "$(id -u)" -ne 0 ]; then
    echo "FATAL: classroom/install.sh must run as root (it creates users and system folders)" >&2
    exit 1
fi
umask 022

need_apt=()
[ -x /usr/bin/python3 ] || need_apt+=(python3)
/usr/bin/python3 -c "import ensurepip, venv" 2>/dev/null || need_apt+=(python3-venv)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v useradd >/dev/null 2>&1 || need_apt+=(passwd)
command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    for attempt in 1 2 3; do
        if apt-get update -q && apt-get install -y -q "${need_apt[@]}"; then break; fi
        echo "apt-get failed (attempt $attempt)" >&2
        [ "$attempt" -eq 3 ] && { echo "FATAL: apt-get install ${need_apt[*]} failed" >&2; exit 1; }
        sleep 10
    done
fi

mkdir -p "$PREFIX"
chmod 0755 "$PREFIX"

echo "== copying the workbook to $PREFIX/src"
mkdir -p "$PREFIX/src"
if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
    # tracked files plus new, not-ignored ones (a working copy under test)
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard) \
        | rsync -a --delete-missing-args --from0 --files-from=- "$REPO/" "$PREFIX/src/"
else
    rsync -a --exclude .venv --exclude .git --exclude artifacts "$REPO/" "$PREFIX/src/"
fi
chmod -R a+rX "$PREFIX/src"

if [ ! -x "$PREFIX/venv/bin/python" ]; then
    echo "== creating $PREFIX/venv from /usr/bin/python3"
    /usr/bin/python3 -m venv "$PREFIX/venv"
    "$PREFIX/venv/bin/python" -m pip install --quiet --upgrade pip
fi
stamp="$PREFIX/venv/.tangguh-installed"
want="$(sha256sum "$PREFIX/src/pyproject.toml" | cut -c1-16) $JUPYTERHUB_SPEC $CULLER_SPEC"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== pip install JupyterHub, the idle culler and the workbook (a few minutes the first time)"
    "$PREFIX/venv/bin/python" -m pip install --quiet "$JUPYTERHUB_SPEC" "$CULLER_SPEC" \
        -e "$PREFIX/src[lab]"
    echo "$want" > "$stamp"
fi
# Participants' JupyterLab in Indonesian, without the news pop-up (the lab extra brought the
# language pack): the project's overrides.json into the venv's JupyterLab settings directory
"$PREFIX/venv/bin/python" "$PREFIX/src/jupyter/install_overrides.py"

if [ ! -x "$PREFIX/node/node_modules/.bin/configurable-http-proxy" ]; then
    echo "== npm install configurable-http-proxy@$CHP_VERSION"
    mkdir -p "$PREFIX/node"
    npm install --prefix "$PREFIX/node" --no-audit --no-fund --loglevel=error \
        "configurable-http-proxy@$CHP_VERSION"
fi
chmod -R a+rX "$PREFIX/venv" "$PREFIX/node"

hub_version="$("$PREFIX/venv/bin/jupyterhub" --version)"  # once: it starts Python (~2 s)
"$PREFIX/venv/bin/python" -c "import jupyterhub_idle_culler, simulations, jupyterlab_language_pack_id_ID"
"$PREFIX/venv/bin/python" "$PREFIX/src/jupyter/install_overrides.py" --check >/dev/null
echo "== classroom server installed in $PREFIX (jupyterhub $hub_version)"
