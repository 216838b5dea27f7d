# Debian's Chromium and the Noto CJK fonts for the browser tests and the web benchmark, sourced by test.sh and bench.sh.
# Installed with apt-get when running as root; otherwise the missing package is named and what needs it will fail.

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        || echo "   could not install chromium; the browser tests will fail"
    else
      echo "   /usr/bin/chromium is missing (install Debian's chromium package); the browser tests will fail"
    fi
  fi
  [ -x /usr/bin/chromium ] && echo "   $(/usr/bin/chromium --version 2>/dev/null)"
  # The staff app's screenshots (test artifacts under .test-data/screenshots) show Chinese: Noto CJK renders it.
  if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 \
        || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; } \
        || echo "   could not install fonts-noto-cjk; the screenshot test will fail"
    else
      echo "   fonts-noto-cjk is missing (install Debian's fonts-noto-cjk package); the screenshot test will fail"
    fi
  fi
  return 0
}
