# Sourced by the scripts that install packages: `as_root CMD…` runs CMD as root, directly
# when we are root and through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "$(basename "$0"): need root (or sudo) to run: $*" >&2
        exit 1
    fi
}
