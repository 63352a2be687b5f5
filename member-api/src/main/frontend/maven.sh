#!/bin/sh
# Run by the Maven build of member-api (exec-maven-plugin): checks Node.js, installs the console's
# packages when package-lock.json changed, builds the console into the jar, runs its unit tests.
set -eu
cd "$(dirname "$0")"

need() {
    echo "" >&2
    echo "ERROR: the web console needs Node.js 20 or newer and npm on PATH ($1)." >&2
    echo "       Install Node.js 20+ (https://nodejs.org or your system's packages), or build" >&2
    echo "       without the console: -Dconsole.skip=true" >&2
    echo "" >&2
    exit 1
}
command -v node >/dev/null 2>&1 || need "no 'node' found"
command -v npm >/dev/null 2>&1 || need "no 'npm' found"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || need "found Node.js $(node --version)"

# npm ci only when node_modules is missing or was installed from another package-lock.json
if ! cmp -s package-lock.json node_modules/.memberhub-package-lock.json; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.memberhub-package-lock.json
fi

case "${1:-}" in
build)
    out="${CONSOLE_OUT:?}"
    # skip the type check and bundling when nothing changed since the last build
    if [ -f "$out/index.html" ] && [ -z "$(find src public index.html package-lock.json vite.config.ts tsconfig.json \
            -newer "$out/index.html" 2>/dev/null | head -n 1)" ]; then
        echo "console is up to date: $out"
        exit 0
    fi
    npm run --silent build
    ;;
test)
    # $2: Maven's skipTests
    [ "${2:-false}" = "true" ] && exit 0
    npm test --silent
    ;;
*)
    echo "usage: maven.sh build|test" >&2
    exit 2
    ;;
esac
