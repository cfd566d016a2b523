#!/usr/bin/env bash
# sqla: scripts/test.sh. Builds sqla under AddressSanitizer and UndefinedBehaviorSanitizer
# (the dev preset) and runs every test with ctest, so each run is also a memory-safety check.
# SPDX-License-Identifier: MIT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sqla_setup
sqla_build dev
cd "$sqla_root"
ctest --preset dev "$@"
