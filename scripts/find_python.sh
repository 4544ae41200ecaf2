#!/bin/sh
# Print the path of a Python 3.12+ interpreter, or explain what is missing.
# Tries python3.13 and python3.12 on PATH, then pyenv's installed versions.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && ok "$candidate"; then
        command -v "$candidate"
        exit 0
    fi
done
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for candidate in "$root"/versions/3.14*/bin/python3 "$root"/versions/3.13*/bin/python3 "$root"/versions/3.12*/bin/python3; do
        if [ -x "$candidate" ] && ok "$candidate"; then
            echo "$candidate"
            exit 0
        fi
    done
fi
echo "error: Python 3.12 or newer is required (Django 6 does not run on older versions)." >&2
echo "       Install python3.13 or python3.12, or set PYTHON=/path/to/python3.12+." >&2
exit 1
