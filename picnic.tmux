#!/usr/bin/env bash
# Picnic's TPM plugin: set -g @plugin 'OWNER/picnic' in tmux.conf, then prefix I.
# Options (all optional), read with `tmux show-option -gqv`:
#   @picnic_key            capture popup key            (default T)
#   @picnic_dashboard_key  open/focus dashboard key     (default P)
#   @picnic_copy_key       copy-mode "add selection"    (default C-t)
#   @picnic_popup_width    capture popup width          (default 80%)
#   @picnic_popup_height   capture popup height         (default 12)
#   @picnic_status         'off' keeps the status line untouched (default on)
#   @picnic_command        how to run picnic            (default: picnic on PATH)
# The bindings come from `picnic tmux`, so the plugin and the printed snippet never differ.
set -u

option() {
    local value
    value=$(tmux show-option -gqv "$1")
    printf '%s' "${value:-$2}"
}

command=$(option @picnic_command picnic)
args=(tmux
      --key "$(option @picnic_key T)"
      --dashboard-key "$(option @picnic_dashboard_key P)"
      --copy-key "$(option @picnic_copy_key C-t)"
      --popup-width "$(option @picnic_popup_width 80%)"
      --popup-height "$(option @picnic_popup_height 12)"
      --command "$command")
[ "$(option @picnic_status on)" = off ] && args+=(--no-status)

if ! command -v "$command" >/dev/null 2>&1; then
    tmux display-message "picnic: '$command' not found; install picnic or set @picnic_command"
    exit 0
fi
snippet=$(mktemp "${TMPDIR:-/tmp}/picnic-tmux.XXXXXX") || exit 1
trap 'rm -f "$snippet" "$snippet.err"' EXIT
if "$command" "${args[@]}" >"$snippet" 2>"$snippet.err"; then
    tmux source-file "$snippet"
else
    tmux display-message "picnic: $(head -n1 "$snippet.err")"
fi
