#!/usr/bin/env bash
# Submits the sharded study as a job array of N tasks and the merge as a job that starts when all of them succeeded.
#   N=16 MODELS="pretrained:mnist $HOME/basin-work/mlp.safetensors" deploy/slurm/submit.sh
set -euo pipefail
cd "$(dirname "$0")"
N=${N:-8}
mkdir -p logs
jid=$(sbatch --parsable --array=1-"$N" --export=ALL accurate-or-stable.sbatch)
mid=$(sbatch --parsable --dependency=afterok:"$jid" --export=ALL merge.sbatch)
echo "array job $jid ($N shards), merge job $mid"
