#!/usr/bin/env bash
# Reproduces the DFSA before/after table, the stability ablation and the art determinism check.
# Usage: bench/dfsa/before-after.sh [OUTDIR] [STEPS]   (needs a built CLI: BASIN="dotnet path/to/basin.dll" or dotnet run)
set -euo pipefail
OUT=${1:-out/dfsa-bench}; STEPS=${2:-1000}
BASIN=${BASIN:-"dotnet run --project src/Basin.Cli -c Release --"}
mkdir -p "$OUT"
common="--arch mlp --in 16 --hidden 32 --layers 2 --init-gain 1 --input bits --seed 1"
for preset in generic crypto obfuscation generative; do
  $BASIN dfsa train --preset "$preset" $common --steps 0 --out "$OUT/$preset-init.safetensors" > /dev/null
  $BASIN dfsa train --preset "$preset" $common --steps "$STEPS" --out "$OUT/$preset.safetensors" > "$OUT/$preset.log"
  $BASIN dfsa measure "$OUT/$preset-init.safetensors" --json > "$OUT/$preset-init.json"
  $BASIN dfsa measure "$OUT/$preset.safetensors" --json > "$OUT/$preset.json"
done
$BASIN dfsa train --preset generic $common --steps "$STEPS" --no-stability --out "$OUT/generic-nostab.safetensors" > "$OUT/generic-nostab.log"
$BASIN dfsa measure "$OUT/generic-nostab.safetensors" --json > "$OUT/generic-nostab.json"
$BASIN art --seed 7 --out "$OUT/art-a.png" > /dev/null
$BASIN art --seed 7 --out "$OUT/art-b.png" > /dev/null
cmp "$OUT/art-a.png" "$OUT/art-b.png" && echo "art: two runs with seed 7 are byte-identical"
$BASIN art --seed 1 --count 16 --out "$OUT/contact-sheet.png" > /dev/null
python3 - "$OUT" <<'PY' 2>/dev/null || echo "(python3 absent: read the JSON files in $OUT)"
import json, sys, os
out = sys.argv[1]
keys = ["avalanche", "sac_deviation", "distance_correlation"]
terms = ["sensitivity", "entropy", "mutual_information", "norm_discontinuity", "invertibility", "orthogonality", "redundancy", "distance", "output_norm"]
print("| run | " + " | ".join(keys + terms) + " |")
print("|---" * (1 + len(keys) + len(terms)) + "|")
for name in ["generic", "crypto", "obfuscation", "generative", "generic-nostab"]:
    rows = [("init", f"{name.split('-')[0]}-init")] if name != "generic-nostab" else []
    rows.append(("trained", name))
    for label, f in rows:
        d = json.load(open(os.path.join(out, f + ".json")))
        def g(k):
            v = d.get(k, d["metrics"].get(k))
            if isinstance(v, dict): v = v.get("mean")
            return "—" if v is None else f"{v:.3g}"
        print(f"| {name} {label} | " + " | ".join(g(k) for k in keys) + " | " + " | ".join(g(t) for t in terms) + " |")
PY
