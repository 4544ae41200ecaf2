#!/bin/sh
# Browser tests drive Debian's Chromium (Playwright's own browser download does not
# work offline). Install it with apt-get when it is missing and we are allowed to.
set -e
if [ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ]; then
    exit 0
fi
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
echo "error: the browser tests need Chromium. Install it (e.g. 'sudo apt-get install chromium')" >&2
echo "       or set CHROMIUM=/path/to/chromium." >&2
exit 1
