# Builds the solution and publishes the gateway with the staff web app, sourced by run.sh, test.sh and bench.sh.
# The build serves tests and tools; the publish is what staff load: the web app trimmed (about 60 assemblies instead of
# 210) and pre-compressed (Brotli and gzip), which is what makes its cold load fit on a shop-floor tablet.

# build_system <configuration>: exits non-zero when either step fails; sets GATEWAY_DIR to the published gateway.
build_system() {
  local config="$1"
  GATEWAY_DIR="client/Dealership.Gateway/bin/$config/net10.0/publish"
  dotnet build Dealership.sln -c "$config" -nologo -v quiet -clp:ErrorsOnly || return 1
  rm -rf "$GATEWAY_DIR"   # fingerprinted files of an earlier publish would stay beside the new ones
  dotnet publish client/Dealership.Gateway/Dealership.Gateway.csproj -c "$config" --no-build -o "$GATEWAY_DIR" \
    -nologo -v quiet -clp:ErrorsOnly || return 1
}
