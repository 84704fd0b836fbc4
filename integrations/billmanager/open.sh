#!/bin/bash
# BILLmanager ShellScripts module: open.sh opens a service: creates the client's VPS in the panel.
# Arguments exactly as BILLmanager passes them (--user=, --password=, --id=, --<param>=,
# --<addon>=, any order). Setup: docs/billmanager.md.
. "$(dirname "${BASH_SOURCE[0]}")/_ospab.sh" || exit 3
ospab_call open "$@"
