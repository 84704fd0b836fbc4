#!/bin/bash
# BILLmanager ShellScripts module: resume.sh resumes a suspended service.
# Arguments exactly as BILLmanager passes them (--user=, --password=, --id=, --<param>=,
# --<addon>=, any order). Setup: docs/billmanager.md.
. "$(dirname "${BASH_SOURCE[0]}")/_ospab.sh" || exit 3
ospab_call resume "$@"
