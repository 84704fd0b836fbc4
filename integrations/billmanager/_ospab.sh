# Shared by open.sh, resume.sh, suspend.sh, close.sh and setparam.sh (sourced, not run).
# Passes the script's arguments, exactly as BILLmanager gave them, to the panel, which
# parses them and answers one line: `OK ...` (printed, exit 0) or `ERROR <message>`.
# Needs bash and curl only. Exit codes: 0 done, 1 the panel refused (bad or missing value,
# unknown id, wrong key), 2 the panel could not be reached, 3 local configuration problem.
# Settings: the environment, else panel.env beside the scripts (see panel.env.example).
set -u -o pipefail

OSPAB_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OSPAB_KEYS='OSPAB_PANEL_URL VPS_SYNC_API_KEY OSPAB_PARAM_CPU OSPAB_PARAM_RAM OSPAB_PARAM_DISK OSPAB_PARAM_OS OSPAB_PARAM_NAME OSPAB_PARAM_EMAIL OSPAB_RAM_UNIT OSPAB_DEFAULT_OS OSPAB_TIMEOUT OSPAB_RETRIES'

ospab_fail() { # <exit code> <message>
  printf 'ospab %s: %s\n' "${OSPAB_ACTION:-?}" "$2" >&2
  exit "$1"
}

# KEY=value lines; `#` comments, optional `export `, optional quotes. Never executed as code.
# A variable already set in the environment wins over the file.
ospab_load_settings() {
  local file=${OSPAB_ENV_FILE:-$OSPAB_HERE/panel.env} line key val
  [ -f "$file" ] || return 0
  [ -r "$file" ] || ospab_fail 3 "cannot read $file"
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    case $line in '' | '#'*) continue ;; esac
    line=${line#export }
    key=${line%%=*}
    val=${line#*=}
    key=${key%"${key##*[![:space:]]}"}
    case " $OSPAB_KEYS " in *" $key "*) ;; *) continue ;; esac
    if [[ $val == \"*\" && ${#val} -ge 2 ]] || [[ $val == \'*\' && ${#val} -ge 2 ]]; then val=${val:1:${#val}-2}; fi
    if [ -z "${!key:-}" ]; then printf -v "$key" '%s' "$val"; fi
  done <"$file"
}

# A value for curl's config syntax: double-quoted, with \ " and control characters escaped.
ospab_quote() {
  local v=$1
  v=${v//\\/\\\\}
  v=${v//\"/\\\"}
  v=${v//$'\n'/\\n}
  v=${v//$'\r'/\\r}
  v=${v//$'\t'/\\t}
  printf '"%s"' "$v"
}

# The request as a curl config on stdin, so neither the API key nor the service password
# shows up in the process list.
ospab_request_config() {
  local a
  printf 'url = %s\n' "$(ospab_quote "${OSPAB_PANEL_URL%/}/api/integrations/billmanager/$OSPAB_ACTION")"
  printf 'header = %s\n' "$(ospab_quote "X-API-Key: $VPS_SYNC_API_KEY")"
  printf 'header = "Accept: text/plain"\n'
  # Always a body, even with no arguments, so the request is a form POST.
  printf 'data = "script=%s"\n' "$OSPAB_ACTION"
  for a in "$@"; do printf 'data-urlencode = %s\n' "$(ospab_quote "arg=$a")"; done
  [ -n "${OSPAB_PARAM_CPU:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_cpu=$OSPAB_PARAM_CPU")"
  [ -n "${OSPAB_PARAM_RAM:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_ram=$OSPAB_PARAM_RAM")"
  [ -n "${OSPAB_PARAM_DISK:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_disk=$OSPAB_PARAM_DISK")"
  [ -n "${OSPAB_PARAM_OS:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_os=$OSPAB_PARAM_OS")"
  [ -n "${OSPAB_PARAM_NAME:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_name=$OSPAB_PARAM_NAME")"
  [ -n "${OSPAB_PARAM_EMAIL:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "map_email=$OSPAB_PARAM_EMAIL")"
  [ -n "${OSPAB_RAM_UNIT:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "ram_unit=$OSPAB_RAM_UNIT")"
  [ -n "${OSPAB_DEFAULT_OS:-}" ] && printf 'data-urlencode = %s\n' "$(ospab_quote "default_os=$OSPAB_DEFAULT_OS")"
  return 0
}

ospab_call() { # <action> "$@"
  OSPAB_ACTION=$1
  shift
  ospab_load_settings
  command -v curl >/dev/null 2>&1 || ospab_fail 3 "curl is not installed on this server"
  [ -n "${OSPAB_PANEL_URL:-}" ] || ospab_fail 3 "OSPAB_PANEL_URL is not set (environment or $OSPAB_HERE/panel.env)"
  [ -n "${VPS_SYNC_API_KEY:-}" ] || ospab_fail 3 "VPS_SYNC_API_KEY is not set (environment or $OSPAB_HERE/panel.env)"
  case $OSPAB_PANEL_URL in http://* | https://*) ;; *) ospab_fail 3 "OSPAB_PANEL_URL must start with http:// or https:// (got \"$OSPAB_PANEL_URL\")" ;; esac
  local timeout=${OSPAB_TIMEOUT:-60} retries=${OSPAB_RETRIES:-2} out rc status body first
  [[ $timeout =~ ^[0-9]+$ && $retries =~ ^[0-9]+$ ]] || ospab_fail 3 "OSPAB_TIMEOUT and OSPAB_RETRIES must be whole numbers"

  # Every action is idempotent on the panel's side, so retrying a lost request is safe.
  out=$(ospab_request_config "$@" | curl --config - --silent --show-error \
    --connect-timeout 10 --max-time "$timeout" --retry "$retries" --retry-delay 1 --retry-connrefused \
    --write-out '\n%{http_code}' 2>&1)
  rc=$?
  if [ "$rc" -ne 0 ]; then
    out=${out%$'\n'*} # the status code curl wrote (000)
    out=${out//$'\n'/ }
    case $rc in
      6) ospab_fail 2 "panel unreachable: cannot resolve the host of $OSPAB_PANEL_URL ($out)" ;;
      7) ospab_fail 2 "panel unreachable: connection refused at $OSPAB_PANEL_URL ($out)" ;;
      28) ospab_fail 2 "panel unreachable: no answer from $OSPAB_PANEL_URL within ${timeout}s ($out)" ;;
      *) ospab_fail 2 "panel unreachable at $OSPAB_PANEL_URL: $out (curl exit $rc)" ;;
    esac
  fi
  status=${out##*$'\n'}
  body=${out%$'\n'*}
  first=${body%%$'\n'*}
  first=${first%$'\r'}
  if [[ $status == 2?? && $first == OK* ]]; then
    printf '%s\n' "$first"
    exit 0
  fi
  if [[ $first == 'ERROR '* ]]; then
    [ "$status" = 401 ] && ospab_fail 1 "the panel refused the API key: ${first#ERROR } (check VPS_SYNC_API_KEY)"
    ospab_fail 1 "${first#ERROR } (HTTP $status)"
  fi
  ospab_fail 1 "unexpected answer from the panel (HTTP $status) at $OSPAB_PANEL_URL: is OSPAB_PANEL_URL the panel's address? ${first:0:120}"
}
