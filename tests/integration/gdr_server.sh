# Sourced by the GDR integration scripts (not a test itself: no _test.sh suffix): a scratch
# directory $work (removed at exit unless KEEP is set), `fail`, and `start_server FLAGS...`,
# which starts the project's OpenAI-compatible test server on a free loopback port with those
# flags, waits for its port file and sets $url (the /v1 base) and $stats_url; the server is
# killed at exit.
: "${REFINERY:?}" "${BUILD:?}"
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
start_server() {
  "$BUILD/bin/refinery-llm-test-server" --port 0 --port-file "$work/port" --quiet "$@" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
  [ -s "$work/port" ] || fail "the test server did not start"
  url="http://127.0.0.1:$(cat "$work/port")/v1"
  stats_url="http://127.0.0.1:$(cat "$work/port")/stats"
}
