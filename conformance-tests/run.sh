#!/usr/bin/env bash
# Runs the Open311 GeoReport v2 conformance suite against any server.
#
#   conformance-tests/run.sh --base URL [--api-key K] [--jurisdiction J] [--discovery URL]
#                            [--lat LAT --long LONG] [--skip-recommendations] [--allow-production-posts]
#                            [--token-wait SECONDS] [--extensions [--updates-api-key K]]
#                            [-- extra Maven arguments]
#
# Prints a per-check table and "Conformance: N passed, N failed, N skipped"; writes
# conformance-tests/target/conformance-report.md and JUnit XML under conformance-tests/target/surefire-reports/.
# Exits non-zero when any check fails. --extensions also runs the opt-in checks of the GeoReport v2 extensions
# (docs section 6); without it they are skipped. See conformance-tests/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

props=()
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="${2:?--base needs a URL}"; shift 2 ;;
    --base=*) base="${1#*=}"; shift ;;
    --api-key) props+=("-Dopen311.apiKey=${2:?--api-key needs a value}"); shift 2 ;;
    --api-key=*) props+=("-Dopen311.apiKey=${1#*=}"); shift ;;
    --jurisdiction) props+=("-Dopen311.jurisdiction=${2:?--jurisdiction needs a value}"); shift 2 ;;
    --jurisdiction=*) props+=("-Dopen311.jurisdiction=${1#*=}"); shift ;;
    --discovery) props+=("-Dopen311.discovery=${2:?--discovery needs a URL}"); shift 2 ;;
    --discovery=*) props+=("-Dopen311.discovery=${1#*=}"); shift ;;
    --lat) props+=("-Dopen311.lat=${2:?--lat needs a number}"); shift 2 ;;
    --long) props+=("-Dopen311.long=${2:?--long needs a number}"); shift 2 ;;
    --token-wait) props+=("-Dopen311.tokenWait=${2:?--token-wait needs seconds}"); shift 2 ;;
    --skip-recommendations) props+=("-Dopen311.skipRecommendations=true"); shift ;;
    --allow-production-posts) props+=("-Dopen311.allowProductionPosts=true"); shift ;;
    --extensions) props+=("-Dopen311.extensions=true"); shift ;;
    --updates-api-key) props+=("-Dopen311.updatesApiKey=${2:?--updates-api-key needs a value}"); shift 2 ;;
    --updates-api-key=*) props+=("-Dopen311.updatesApiKey=${1#*=}"); shift ;;
    -h|--help) usage 0 ;;
    --) shift; props+=("$@"); break ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[ -n "$base" ] || { echo "run.sh: --base URL is required" >&2; usage 2; }

# The project's Maven Wrapper when the suite sits in the project, else the system Maven.
if [ -x "$here/../mvnw" ]; then
  mvn=("$here/../mvnw")
elif command -v mvn >/dev/null 2>&1; then
  mvn=(mvn)
else
  echo "run.sh: neither ../mvnw nor mvn found" >&2
  exit 2
fi

set +e
"${mvn[@]}" -f "$here/pom.xml" -B test "-Dopen311.base=$base" "${props[@]}"
status=$?
set -e
echo "Markdown report: $here/target/conformance-report.md"
echo "JUnit XML:       $here/target/surefire-reports/"
exit $status
