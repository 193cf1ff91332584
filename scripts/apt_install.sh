# Sourced by the scripts that install Debian packages: `apt_install PACKAGE…` installs them
# with apt-get, with sudo when not root.
#
# On some machines apt's unprivileged sandbox user (_apt) cannot run gpgv, and apt then calls
# every repository unsigned ("gpgv, gpgv2 or gpgv1 required for verification, but neither seems
# installed") although gpgv is there. The update is then tried once more with the sandbox user
# root: gpgv still checks every signature, only as root.
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    local apt=(apt-get)
    if ! $sudo apt-get update -qq 2>/dev/null; then
        echo "apt_install: apt-get update failed; trying again with APT::Sandbox::User=root" >&2
        apt=(apt-get -o APT::Sandbox::User=root)
        $sudo "${apt[@]}" update -qq
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "$@" >/dev/null
}
