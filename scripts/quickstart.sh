#!/usr/bin/env bash
# sqla: scripts/quickstart.sh. The main job: builds and runs examples/quickstart on SQLite.
# SPDX-License-Identifier: MIT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sqla_setup
sqla_build release --target quickstart
cd "$sqla_root/build/release/examples/quickstart"
exec ./quickstart "$@"
