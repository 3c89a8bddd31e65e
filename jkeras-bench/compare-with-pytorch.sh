#!/usr/bin/env bash
# Runs jkeras's FitBenchmark and the PyTorch peer (../shared/peers/torch_peer.py) alternately on this machine and
# prints each figure with the jkeras/PyTorch ratio. The machines are shared and noisy: compare ratios from one
# run of this script, never absolute figures across runs.
#   usage: jkeras-bench/compare-with-pytorch.sh [epochs (default 3)] [rounds (default 2)] [workloads (default "A B C")]
#   needs: Debian's PyTorch with OpenBLAS (apt-get install -y python3-torch libopenblas0-pthread; without OpenBLAS
#          torch falls back to reference BLAS and runs ~30x slower) and a built bench jar
#          (mvn -q -DskipTests -pl jkeras-bench -am package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${JKERAS_SHARED:-$root/../shared}"   # the shared folder (datasets, peers); override for worktrees
data="$shared/datasets/fashion-mnist"
epochs="${1:-3}"
rounds="${2:-2}"
workloads="${3:-A B C}"
jar="$root/jkeras-bench/target/jkeras-bench.jar"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for w in $workloads; do
  for r in $(seq "$rounds"); do
    echo "# $(date -u +%FT%TZ) jkeras $w round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
    java --add-modules jdk.incubator.vector -jar "$jar" fit --workload "$w" --epochs "$epochs" --data "$data" 2>/dev/null \
      | grep '^RESULT' | sed 's/^RESULT/JKERAS/' | tee -a "$out"
    echo "# $(date -u +%FT%TZ) pytorch $w round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
    # PyTorch's best configuration on these machines (see ../shared/peers/README.md)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_MAX_=0 OMP_WAIT_POLICY=PASSIVE \
      /usr/bin/python3 "$shared/peers/torch_peer.py" "$w" "$epochs" "$data" 2>/dev/null \
      | grep '^RESULT' | sed 's/^RESULT/PYTORCH/' | tee -a "$out"
  done
done
echo "# medians over $rounds rounds; ratio = jkeras / PyTorch"
python3 - "$out" <<'PY'
import sys, statistics, collections
vals = collections.defaultdict(list)
for line in open(sys.argv[1]):
    who, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    metric = d["metric"].replace("test_accuracy_after_", "test_accuracy@").split("@")[0] if d["metric"].startswith("test_accuracy") else d["metric"]
    vals[(d["workload"], metric, who)].append(float(d["value"]))
for (w, m, who) in sorted(k for k in vals if k[2] == "JKERAS"):
    j = statistics.median(vals[(w, m, "JKERAS")])
    p = vals.get((w, m, "PYTORCH"))
    if p:
        p = statistics.median(p)
        print(f"workload={w} metric={m} jkeras={j:.4f} pytorch={p:.4f} ratio={j / p:.2f}")
    else:
        print(f"workload={w} metric={m} jkeras={j:.4f}")
PY
