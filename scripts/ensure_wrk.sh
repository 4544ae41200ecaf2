#!/bin/sh
# `make bench-http` loads the pages with Debian's wrk. Install it with apt-get when it is
# missing and we are allowed to.
set -e
if command -v wrk >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's wrk for the HTTP benchmark..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    exit 0
fi
echo "error: the HTTP benchmark needs wrk. Install it (e.g. 'sudo apt-get install wrk')." >&2
exit 1
