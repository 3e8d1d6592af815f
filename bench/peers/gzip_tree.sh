#!/bin/sh
# Compress a tree into another folder with a stock compressor fanned out by xargs:
# the shell-pipeline peer of `engine run SRC DST --stage gzip`.
# Usage: gzip_tree.sh SRC DST JOBS COMPRESSOR [ARGS...]   e.g. gzip_tree.sh in out 2 gzip -6
# Every file f becomes DST/f.gz (the compressor's -c output, which keeps the name and mtime
# in the gzip header); folders are made first. xargs keeps JOBS shells busy, each looping
# over up to 32 names, so the cost is one compressor process per file, as with
# `find | xargs gzip`.
set -eu
src=$1 dst=$2 jobs=$3
shift 3
COMPRESSOR="$*"
export COMPRESSOR
mkdir -p "$dst"
dst=$(cd "$dst" && pwd)
cd "$src"
find . -type d -print0 | (cd "$dst" && xargs -0 mkdir -p)
find . -type f -print0 | xargs -0 -P "$jobs" -n 32 sh -c '
    dst=$1
    shift
    for f; do
        $COMPRESSOR -c -- "$f" > "$dst/$f.gz"
    done
' sh "$dst"
