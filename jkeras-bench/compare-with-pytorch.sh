#!/usr/bin/env bash
# Thin wrapper over `bench compare` (jkeras-bench's CompareMain): runs jkeras, the PyTorch peer and (when built) the
# DJL peer interleaved on every workload and prints each figure with its jkeras/peer ratio. The workloads are the
# table in CompareMain.WORKLOADS. The machines are shared and noisy: compare ratios from one run, never absolute
# figures across runs.
#   usage: jkeras-bench/compare-with-pytorch.sh [epochs (default 3)] [rounds (default 2)] [more compare options]
#   needs: Debian's PyTorch with OpenBLAS (apt-get install -y python3-torch libopenblas0-pthread; without OpenBLAS
#          torch falls back to reference BLAS and runs ~30x slower) and a built bench jar
#          (mvn -q -DskipTests -pl jkeras-bench -am package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-3}"
rounds="${2:-2}"
shift $(( $# < 2 ? $# : 2 ))
exec java --add-modules jdk.incubator.vector -jar "$root/jkeras-bench/target/jkeras-bench.jar" compare \
  --shared "$root/../shared" --epochs "$epochs" --rounds "$rounds" "$@"
