#!/usr/bin/env bash
# Runs an example program: ./jkeras-examples/run.sh NAME [ARGS...], e.g. SeedGeneratorExample, SeedSequenceExample or FashionMnistMlp.
# Builds the modules on first use, then runs java with the Vector API enabled.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: jkeras-examples/run.sh NAME [ARGS...] (SeedGeneratorExample, SeedSequenceExample, FashionMnistMlp)}"
shift
if [ ! -d "$root/jkeras-examples/target/classes/org/jkeras/examples" ] || [ ! -d "$root/jkeras-core/target/classes" ]; then
  (cd "$root" && mvn -q -DskipTests -pl jkeras-examples -am package) >&2
fi
exec java --add-modules jdk.incubator.vector -cp "$root/jkeras-examples/target/classes:$root/jkeras-core/target/classes" \
  "org.jkeras.examples.$name" "$@"
