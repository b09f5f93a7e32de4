# Sourced by the scripts that need Debian packages (pg.sh, browser.sh, cluster.sh): installs them as root, or
# says the one apt-get line to run. Usage: install_debian_packages "<who is asking>" package…
install_debian_packages() {
  local who="$1"; shift
  if [ "$(id -u)" = 0 ]; then
    echo "${who}: installing $* (Debian packages)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "${who}: $* not installed. Run once: sudo apt-get install -y $*" >&2
    return 1
  fi
}
