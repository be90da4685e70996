#!/usr/bin/env bash
# npm test: every test in one jest run (unit, emulator conformance, cloud functions, H5 components, browser
# end-to-end). Builds what the function and browser tests run against first; extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
npm run --silent build:functions
npm run --silent build:h5
npx jest --ci "$@"
