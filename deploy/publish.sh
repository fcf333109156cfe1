#!/usr/bin/env bash
# Publishes the Prober, its migrate step (the Migrator), the Api and the Gateway as production runs them
# (Release, linux-x64) into OUT:
#
#   deploy/publish.sh OUT [dotnet publish arguments...]   publish (or reuse OUT if it is current)
#   deploy/publish.sh --current OUT [arguments...]        exit 0 if OUT holds a publish of these very sources
#   deploy/publish.sh --check                             exit 1, saying what to install, if a tool is missing
#
# Each project decides what its publish is: NativeAOT (<PublishAot>true</PublishAot>), ReadyToRun or trimmed, or
# plain IL; the SDK makes an AOT or trimmed publish self-contained. OUT/<service>/AmoHealth.<Service> is the program
# to start (a native binary, or the apphost of a framework-dependent build): the systemd units, deploy/smoke.sh and
# bench/run.sh start it directly. install.sh and bench/run.sh both publish through this script.
#
# OUT/.source records what was published (a hash of src/, the build files, this script, the SDK's version and the
# arguments): a second call with nothing changed reuses the output instead of publishing again (a NativeAOT or
# ReadyToRun publish takes minutes on a small machine).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
services=(Prober Migrator Api Gateway)

aot_services() { # the services whose project publishes NativeAOT, read from their csproj
  local s
  for s in "${services[@]}"; do
    grep -Eq '<PublishAot>[[:space:]]*true[[:space:]]*</PublishAot>' "$repo/src/AmoHealth.$s/AmoHealth.$s.csproj" && echo "$s"
  done
  return 0
}

check_tools() {
  command -v dotnet >/dev/null || {
    echo "publish: the .NET 10 SDK is needed (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2; return 1; }
  local aot; aot=$(aot_services | tr '\n' ' ')
  [ -n "$aot" ] || return 0
  # NativeAOT links the program with the platform's C toolchain (clang, or gcc as the ILCompiler's fallback) and zlib.
  local missing=()
  command -v clang >/dev/null || command -v gcc >/dev/null || missing+=(clang)
  [ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "publish: ${aot% } publish(es) NativeAOT, which links with clang and zlib; missing: ${missing[*]}." >&2
    echo "publish: install them first: sudo apt-get install clang zlib1g-dev" >&2
    return 1
  fi
}

source_hash() { # arguments: the extra publish arguments (part of what was published)
  (
    cd "$repo"
    dotnet --version
    printf 'arg %s\n' "$@"
    find src Directory.Build.props Directory.Packages.props global.json deploy/publish.sh \
      \( -name node_modules -o -name bin -o -name obj -o -name dist -o -name wwwroot -o -name .data \) -prune \
      -o -type f ! -name '*.db' ! -name '*.db-*' -print0 | sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -d' ' -f1
}

is_current() { # out, arguments...
  local out=$1; shift
  [ -f "$out/.source" ] && [ "$(cat "$out/.source")" = "$(source_hash "$@")" ] || return 1
  local s
  for s in "${services[@]}"; do [ -x "$out/${s,,}/AmoHealth.$s" ] || return 1; done
}

case "${1:-}" in
  --check) check_tools; exit $? ;;
  --current) shift; out=$1; shift; is_current "$out" "$@"; exit $? ;;
  ''|-h|--help) sed -n '2,16p' "$0"; exit 2 ;;
esac

out=$1; shift
if is_current "$out" "$@"; then
  echo "publish: reused $out (sources unchanged since it was published)"
  exit 0
fi
check_tools
hash=$(source_hash "$@")
rm -rf "$out.new"; mkdir -p "$out.new"
for s in "${services[@]}"; do
  started=$SECONDS
  dotnet publish "$repo/src/AmoHealth.$s" -c Release -r linux-x64 -o "$out.new/${s,,}" -nologo -v q "$@"
  [ -x "$out.new/${s,,}/AmoHealth.$s" ] || { echo "publish: no executable AmoHealth.$s in $out.new/${s,,}" >&2; exit 1; }
  kind=jit; [ -f "$out.new/${s,,}/AmoHealth.$s.dll" ] || kind=native
  echo "publish: AmoHealth.$s ($kind) in $((SECONDS - started)) s"
done
echo "$hash" > "$out.new/.source"
rm -rf "$out"; mv "$out.new" "$out"
