#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the testkit's own tests and the integration tests
# against real loopback servers. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn "$@" verify
