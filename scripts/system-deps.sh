#!/bin/sh
# System packages the test suite uses: Debian's Chromium and ChromeDriver for the
# browser tests. Installed with apt-get when running as root; otherwise the browser
# tests skip with a reason.
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver with apt-get ..." >&2
    apt-get update -qq >/dev/null && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
    echo "note: chromium is not installed and this is not root; the browser tests will skip." >&2
    echo "      Install it with: sudo apt-get install chromium chromium-driver" >&2
fi
