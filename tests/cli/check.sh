# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the CLI tests: BIN CORPUS arguments, with the counted checks
# and scratch directory of tests/checks.sh.
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"
bin=$1
corpus=$2
