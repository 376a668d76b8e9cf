#!/usr/bin/env bash
# EvidenceKit benchmark suite: our commands side by side with the tools a user would
# otherwise use, on a deterministic corpus generated into a temporary folder.
#
#   Benchmarks/run.sh [--smoke] [--runs N] [--bin PATH] [--corpus DIR] [--keep] [--results FILE] [--only WORD]
#
#   --smoke     tiny corpus (tens of MiB), one run each: checks that the script works, not speed
#   --runs N    alternating A/B runs per comparison (default 5; --smoke: 1)
#   --bin PATH  the evidence binary (default .build/release/evidence, built by `make bench`)
#   --corpus    where the corpus goes (default .build/bench-corpus; regenerated only when its
#               parameters changed)
#   --keep      keep the corpus afterwards (default: removed at the end, except --corpus given)
#   --results   also write the table (Markdown) to FILE
#   --only WORD only the rows whose label contains WORD (e.g. --only verify: the verify rows and
#               the bombs' peak RSS; --only read: the OCR rows, which need no corpus and need
#               evidence-read-bench beside --bin and the tesseract command)
#
# For each comparison the runs alternate ours, theirs, ours, theirs... and the table shows the
# median of the per-pair ratios ours/theirs, the median wall times of each side and our peak
# RSS (/usr/bin/time's "Maximum resident set size"), and the CPU time (user + system) of each
# side, which a busy machine disturbs less than wall time. Exit 0 when everything ran (targets
# missed are reported, not fatal), 1 when a command failed, 2 on usage or missing tools.
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8

root="$(cd "$(dirname "$0")/.." && pwd)"
smoke=0 runs="" bin="$root/.build/release/evidence" corpus="" keep=0 results="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --runs) runs="$2"; shift ;;
    --bin) bin="$2"; shift ;;
    --corpus) corpus="$2"; keep=1; shift ;;
    --keep) keep=1 ;;
    --results) results="$2"; shift ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$runs" ] || runs=$([ $smoke = 1 ] && echo 1 || echo 5)
[ -x "$bin" ] || { echo "bench: $bin is missing (make bench builds it)" >&2; exit 2; }
for tool in python3 openssl file bsdtar zip unzip sync curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make bench installs it)" >&2; exit 2; }
done

# bagit-python: the Makefile's pinned one (`make venv`, run by `make bench`); smoke runs
# without it skip those two rows.
bagit=""
if [ -x "$root/.build/venv/bin/bagit.py" ]; then bagit="$root/.build/venv/bin/bagit.py"; fi
if [ -z "$bagit" ] && [ $smoke = 0 ] && [[ "$only" != read* ]]; then
  echo "bench: bagit.py is missing (make venv creates .build/venv)" >&2; exit 2
fi

if [ $smoke = 1 ]; then
  sizes=(--media-mib 24 --video-mib 12 --photos 4 --many 60 --big-mib 16)
else
  sizes=(--media-mib 1024 --video-mib 600 --photos 100 --many 5000 --big-mib 2048)
fi
if [ -z "$corpus" ]; then
  # (not `$([ $smoke = 1 ] && echo -smoke)`: under `set -e` its failure ended the script)
  corpus="$root/.build/bench-corpus"
  if [ $smoke = 1 ]; then corpus="$corpus-smoke"; fi
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/evidence-bench.XXXXXX")"
tsa_pid="" serve_pid=""
cleanup() {
  if [ -n "$tsa_pid" ]; then exec 8>&-; wait "$tsa_pid" 2>/dev/null || true; fi
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  if [ $keep = 0 ]; then rm -rf "$corpus"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- the machine
cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $cores cores, $cpu, $memory RAM, $(uname -sr)"
echo "load average at start (1/5/15 min): $load_start"
echo "tools: $(openssl version | cut -d' ' -f1-2), $(file --version | head -1), $(bsdtar --version | cut -d' ' -f1-2)," \
     "$(zip -v | sed -n 2p | sed 's/^ *//' | cut -d' ' -f1-4), bagit-python $([ -n "$bagit" ] && "$bagit" --version 2>&1 | tail -1 | awk '{print $NF}' || echo absent)"
echo "runs per comparison: $runs (alternating ours/theirs)"

# ---------------------------------------------------------------- the corpus
# The read rows (--only read) need no corpus: it is neither generated nor read for them.
corpus_rows=1
if [[ "$only" == read* ]] || [[ "$only" == serve* ]]; then corpus_rows=0; fi
if [ $corpus_rows = 1 ]; then
stamp="$corpus/.parameters"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${sizes[*]} $(sha256sum "$root/Benchmarks/make_corpus.py" | cut -c1-16)" ]; then
  echo "generating the corpus in $corpus ..."
  rm -rf "$corpus"
  mkdir -p "$corpus"
  started=$(date +%s)
  python3 "$root/Benchmarks/make_corpus.py" "$corpus" "${sizes[@]}"
  echo "${sizes[*]} $(sha256sum "$root/Benchmarks/make_corpus.py" | cut -c1-16)" > "$stamp"
  echo "corpus generated in $(( $(date +%s) - started )) s"
fi
fi  # corpus_rows
media="$corpus/media" many="$corpus/many" big="$corpus/big"
media_files=() many_files=()
if [ $corpus_rows = 1 ]; then
for f in "$media"/*; do [ "$(basename "$f")" = case.yaml ] || media_files+=("$f"); done
media_bytes=$(cat "${media_files[@]}" | wc -c)
many_files=("$many"/*)
echo "corpus: media $(( media_bytes >> 20 )) MiB in ${#media_files[@]} files; many ${#many_files[@]} files" \
     "($(( $(cat "${many_files[@]}" | wc -c) >> 10 )) KiB); big $(( $(stat -c %s "$big/big.mp4") >> 20 )) MiB"
# Everything is read once before timing, so every side starts from the page cache.
cat "${media_files[@]}" "${many_files[@]}" > /dev/null
fi  # corpus_rows

# ---------------------------------------------------------------- timing
samples="$work/samples.tsv"
: > "$samples"
# measure LABEL SIDE NAME: runs $work/cmd/NAME under /usr/bin/time, output to /dev/null,
# records wall seconds (from date, ns) and peak RSS (KiB). Exit codes 0 and 3 (pack/check:
# incomplete evidence) count as success for our commands.
measure() {
  local label="$1" side="$2"; shift 2
  local rusage="$work/rusage" start end status
  start=$(date +%s%N)
  set +e
  /usr/bin/time -f '%M %U %S' -o "$rusage" "$work/cmd/$1" > "$work/stdout" 2> "$work/stderr"
  status=$?
  set -e
  end=$(date +%s%N)
  if [ $status -ne 0 ] && ! { [ "$side" = ours ] && [ $status -eq 3 ]; }; then
    echo "bench: '$label' ($side) failed with exit $status: $(tail -1 "$work/cmd/$1" | cut -c1-300)" >&2
    sed -n '1,20p' "$work/stderr" >&2
    exit 1
  fi
  read -r rss user system < <(tail -1 "$rusage")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$side" "$(( (end - start) / 1000 ))" "$rss" "$user $system" >> "$samples"
}

# selected LABEL: whether --only (when given) lets this row run.
selected() { [ -z "$only" ] || [[ "$1" == *"$only"* ]]; }

# compare LABEL PREPARE OURS THEIRS: alternates A and B `runs` times; PREPARE (a function name
# or :) runs untimed before each side with the side as argument.
compare() {
  local label="$1" prepare="$2" ours="$3" theirs="$4" i
  selected "$label" || return 0
  printf '%-44s' "$label"
  for ((i = 0; i < runs; i++)); do
    $prepare ours; measure "$label" ours $ours
    $prepare theirs; measure "$label" theirs $theirs
    printf '.'
  done
  echo
}

out="$work/out"
mkdir -p "$out"
bundle="$work/media-bundle.zip"

# Each command is a small script in $work/cmd (so /usr/bin/time can run it); single commands
# `exec`, so the peak RSS is the command's own.
mkdir -p "$work/cmd"
q() { local quoted; quoted=$(printf '%q ' "$@"); printf '%s' "${quoted% }"; }
define() { printf '#!/usr/bin/env bash\nset -e\n%s\n' "$2" > "$work/cmd/$1"; chmod +x "$work/cmd/$1"; }
media_names=("${media_files[@]##*/}")
# A: ours
define pack_media "exec $(q "$bin" pack "$media" -o "$out/media.zip" --force --allow-incomplete --lang en)"
define verify_media "exec $(q "$bin" verify "$bundle" --lang en)"
define inspect_many "exec $(q "$bin" inspect "$many" --lang en)"
define check_many "exec $(q "$bin" check "$many" --lang en --today 2026-11-10)"
# The same pack with the bundle file's own SHA-256 (--sha256: a second hashing pass): no target.
define pack_media_sha "exec $(q "$bin" pack "$media" -o "$out/media.zip" --force --allow-incomplete --lang en --sha256)"
define pack_big "exec $(q "$bin" pack "$big" -o "$out/big.zip" --force --allow-incomplete --lang en)"
# B: theirs
define openssl_media "exec $(q openssl dgst -sha256 "${media_files[@]}")"
define openssl_bundle "exec $(q openssl dgst -sha256 "$bundle")"
define bsdtar_media "cd $(q "$media") && exec $(q bsdtar --format zip --options zip:compression=store -cf "$out/bsdtar.zip" -- "${media_names[@]}")"
define bagit_zip_media "cd $(q "$out/bag") && $(q "$bagit" --quiet --sha256 --processes 2 .) && cd $(q "$out") && exec $(q zip -q -0 -r "$out/bagit.zip" bag)"
define unzip_bagit_bundle "unzip -q $(q "$bundle") -d $(q "$out/unzipped") && exec $(q "$bagit" --quiet --validate --processes 2 "$out/unzipped/media-bundle")"
define file_many "exec $(q file --mime-type -- "${many_files[@]}")"
# The floor of writing a bundle durably, as pack does (fsync before the rename): a plain copy
# of the same bytes, then fdatasync (coreutils sync -d). Shown for reference, no target.
define copy_sync_media "cat $(q "${media_files[@]}") > $(q "$out/copy") && exec sync -d $(q "$out/copy")"

# The seal rows: a local RFC 3161 authority (Benchmarks/local_tsa.py) on 127.0.0.1, which ends
# when the script closes its standard input (fd 8) at the end.
if selected "seal"; then
  mkfifo "$work/tsa.in"
  python3 "$root/Benchmarks/local_tsa.py" "$work/tsa" < "$work/tsa.in" > "$work/tsa.port" &
  tsa_pid=$!
  exec 8> "$work/tsa.in"
  i=0
  while [ ! -s "$work/tsa.port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$work/tsa.port" ] || { echo "bench: the local timestamp authority did not start" >&2; exit 1; }
  tsa_url="http://127.0.0.1:$(head -1 "$work/tsa.port")/"
  openssl ts -query -data "$root/Benchmarks/local_tsa.py" -sha256 -cert -out "$work/query.tsq" 2> /dev/null
  define seal_media "exec $(q "$bin" seal "$bundle" --tsa "$tsa_url" --tsa-ca "$work/tsa/ca.pem" -o "$out/sealed.zip" --lang en)"
  # The authority alone: one request and its answer over HTTP (curl), against making the request.
  define tsa_request "exec $(q curl -sf --data-binary "@$work/query.tsq" -H 'Content-Type: application/timestamp-query' -o /dev/null "$tsa_url")"
  define tsa_query "exec $(q openssl ts -query -data "$root/Benchmarks/local_tsa.py" -sha256 -cert -out /dev/null)"
fi

# Untimed set-up before each side: fresh output folder; bagit gets hard links of the inputs
# (bagit.py moves files into data/ in place).
fresh() {
  rm -rf "$out"; mkdir -p "$out"
  if [ "$1" = theirs ] && [ "$current" = bagit ]; then
    mkdir -p "$out/bag"; ln "${media_files[@]}" "$out/bag/"
  fi
  sync -f "$work" 2>/dev/null || true
}

current=""
compare "pack (media) vs openssl dgst -sha256" fresh pack_media openssl_media
current=bagit
if [ -n "$bagit" ]; then
  compare "pack (media) vs bagit.py + zip -0 -r" fresh pack_media bagit_zip_media
fi
current=""
compare "pack (media) vs bsdtar --format zip (store)" fresh pack_media bsdtar_media
compare "pack (media) vs cat > file + fdatasync (floor)" fresh pack_media copy_sync_media
compare "pack --sha256 (media) vs openssl dgst -sha256" fresh pack_media_sha openssl_media
[ $corpus_rows = 0 ] || "$bin" pack "$media" -o "$bundle" --force --allow-incomplete --lang en > /dev/null || [ $? -eq 3 ]
compare "verify (media bundle) vs openssl dgst -sha256" fresh verify_media openssl_bundle
if [ -n "$bagit" ]; then
  compare "verify (media bundle) vs unzip + bagit.py --validate" fresh verify_media unzip_bagit_bundle
fi
if selected "seal"; then
  compare "seal (media bundle) vs verify (media bundle)" fresh seal_media verify_media
  compare "seal: local authority, one request (curl) vs openssl ts -query" : tsa_request tsa_query
fi
compare "inspect (many) vs file --mime-type" : inspect_many file_many

# Type AND integrity, on real files: what a careful user runs instead of `inspect` on a mixed
# folder drawn from the shared corpus (photos, screenshots, PDFs, video, text): `file
# --mime-type`, then by type `jpeginfo -c`, `pngcheck` or `qpdf --check` (Debian's jpeginfo,
# pngcheck, qpdf; video and text get the type only). Needs ../shared/corpus; skipped without it.
shared="$root/../shared/corpus"
real="$work/real"
if selected "inspect (real mixed)" && [ -d "$shared" ] && command -v jpeginfo > /dev/null && command -v pngcheck > /dev/null \
   && command -v qpdf > /dev/null; then
  mkdir -p "$real"
  # Intact, ordinary files only (the hostile ones are the slowest-file measurement's business).
  for f in "$shared"/images/exif/*.jpg "$shared"/images/heic/*.HEIC "$shared"/images/pngsuite/[bcfgipst]*.png \
           "$shared"/minimal-files/small_*.* "$shared"/minimal-files/corkami_pdf_*.pdf "$shared"/pdf/pdfjs/{alphatrans,basicapi}.pdf \
           "$shared"/video/{minimal,metadata,video_rotation_90,h264_white_frame_sar_16_9,tiny_av1}.mp4 \
           "$root"/Tests/Fixtures/screenshots/*.png "$root"/Tests/Fixtures/screenshots/*.jpg \
           "$root"/Tests/Fixtures/screenshots/*.pdf "$root"/Samples/*/*.{png,jpg,heic,pdf,txt}; do
    [ -f "$f" ] && cp "$f" "$real/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  define inspect_real "$(q "$bin" inspect "$real" --lang en) > /dev/null || [ \$? -le 1 ]"
  define careful_real "for f in $(q "$real")/*; do
  case \"\$(file --mime-type -b -- \"\$f\")\" in
    image/jpeg) jpeginfo -c \"\$f\" ;;
    image/png) pngcheck -q \"\$f\" ;;
    application/pdf) qpdf --check \"\$f\" ;;
  esac > /dev/null 2>&1 || true
done"
  echo "real mixed folder: $(ls "$real" | wc -l) files, $(( $(cat "$real"/* | wc -c) >> 10 )) KiB" \
       "($(ls "$real" | grep -ciE '\.(jpe?g|heic|png)$') images, $(ls "$real" | grep -ci '\.pdf$') PDFs," \
       "$(ls "$real" | grep -ci '\.mp4$') videos)"
  cat "$real"/* > /dev/null
  compare "inspect (real mixed) vs file + jpeginfo + pngcheck + qpdf" : inspect_real careful_real
  # The slowest single file, each inspected in its own process: the real folder, the whole
  # shared corpus and generated decoder bombs (Benchmarks/slowest_inspect.py; 1 s of CPU is the limit).
  echo "slowest single files (CPU of one inspect process each):"
  sweep=("$real" "$shared")
  if [ $smoke = 1 ]; then sweep=("$real"); fi  # the smoke run checks the script, not the corpus
  python3 "$root/Benchmarks/slowest_inspect.py" --bin "$bin" --top 5 --bombs "$work/bombs" "${sweep[@]}" \
    | tee "$work/slowest.txt" || echo "bench: a file took more than 1 s of CPU" >&2
fi
compare "check (many, one case) vs file --mime-type" : check_many file_many

# Peak memory: the 2 GiB pack (twice, the larger peak is kept) and each bomb.
if selected "peak RSS: pack (big)"; then
  printf '%-44s' "peak RSS: pack (big)"
  for ((i = 0; i < (runs > 1 ? 2 : 1); i++)); do fresh ours; measure "rss pack big" ours pack_big; printf '.'; done
  echo
fi
rm -rf "$out"; mkdir -p "$out"
bombs=("$corpus"/bombs/*.zip)
# The shared test corpus's bombs too, when it is there (CI and this project's machines).
shared_bombs="$root/../shared/corpus/archives/zip-bombs"
if [ -d "$shared_bombs" ]; then bombs+=("$shared_bombs"/*.zip); fi
selected "peak RSS: verify (bombs)" || bombs=()
[ ${#bombs[@]} -eq 0 ] || printf '%-44s' "peak RSS: verify (bombs)"
for b in "${bombs[@]}"; do
  # A bomb is refused: exit 1 (invalid) is the expected outcome here.
  set +e
  /usr/bin/time -f '%M' -o "$work/rusage" "$bin" verify "$b" --lang en > /dev/null 2> "$work/stderr"
  status=$?
  set -e
  if [ $status -ne 1 ]; then echo "bench: verify $b exited $status (expected 1: refused)" >&2; sed -n '1,20p' "$work/stderr" >&2; exit 1; fi
  printf '%s\t%s\t%s\t%s\t0\n' "rss verify bomb $(basename "$b")" ours 0 "$(tail -1 "$work/rusage")" >> "$samples"
  printf '.'
done
echo

# ---------------------------------------------------------------- reading (issue 12)
# OCR of 1080x2340 phone screenshots: one evidence-read-bench process (one reader, cache off,
# what `inspect` does per worker) vs the `tesseract` command run on each image (Debian
# tesseract-ocr, same chi_sim+eng data, --psm 6 as ours, one OpenMP thread as each of our
# workers); then the cached re-read per file (the cache filled first) and the reader's start-up.
read_bench="$(dirname "$bin")/evidence-read-bench"
shots=()
for name in order-01 logistics-01 alipay-01 chat-light-green-01 chat-dark-blue-01 listing-01 licence-01 refund-01; do
  shots+=("$root/Tests/Fixtures/screenshots/$name.png")
done
if selected "read: OCR 8 screenshots vs tesseract CLI"; then
  [ -x "$read_bench" ] || { echo "bench: $read_bench is missing (swift build -c release builds it)" >&2; exit 2; }
  command -v tesseract >/dev/null || { echo "bench: tesseract is missing (make deps installs tesseract-ocr)" >&2; exit 2; }
  define read_ours "exec $(q "$read_bench" read "${shots[@]}")"
  define read_tesseract "export OMP_THREAD_LIMIT=1; for f in $(q "${shots[@]}"); do tesseract \"\$f\" - -l chi_sim+eng --psm 6 > /dev/null 2>&1; done"
  compare "read: OCR 8 screenshots vs tesseract CLI" : read_ours read_tesseract
fi
if selected "read: cached re-read per screenshot"; then
  printf '%-44s' "read: cached re-read per screenshot"
  "$read_bench" time --repeat 5 --cache "$work/read-cache" "${shots[@]}" > "$work/read-cached.txt"
  per_file=$(awk '/^mean/ {print $2}' "$work/read-cached.txt")
  startup=$(awk '/^start-up/ {print $2}' "$work/read-cached.txt")
  printf '%s\t%s\t%s\t%s\t0\n' "ms read cached" ours "$(python3 -c "print(int($per_file * 1e6))")" 0 >> "$samples"
  printf '%s\t%s\t%s\t%s\t0\n' "ms read start-up" ours "$(python3 -c "print(int($startup * 1e6))")" 0 >> "$samples"
  echo .
fi
# ---------------------------------------------------------------- serve (issue 15)
# 20 uploads of 10 MB photos at once to a running `evidence serve` (each streamed to the case
# folder, then inspected, as the page does) vs `evidence inspect` of the same files; both
# without OCR (the photos are noise: nothing to read). The server's peak RSS is its VmHWM
# (/proc/PID/status) after all runs, target <= 128 MiB. A fresh case for each run.
if selected "serve: 20 concurrent uploads (10 MB photos) vs inspect"; then
  photos="$work/serve-photos"
  # (--smoke: 4 photos of 1 MB, which checks the row, not the speed)
  if [ $smoke = 1 ]; then serve_photos=(4 1); else serve_photos=(20 10); fi
  "$root/.build/venv/bin/python" "$root/Benchmarks/make_photos.py" "$photos" "${serve_photos[@]}"
  serve_files=("$photos"/*.jpg)
  "$bin" serve --no-open --no-ocr --port 0 "$work/serve-cases" > "$work/serve.out" 2> /dev/null &
  serve_pid=$!
  i=0
  while ! grep -q 'token=' "$work/serve.out" 2> /dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  serve_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[A-Za-z0-9_-]*' "$work/serve.out" | head -1)
  [ -n "$serve_url" ] || { echo "bench: evidence serve did not start" >&2; exit 1; }
  serve_base=${serve_url%%/\?token=*} serve_token=${serve_url##*token=}
  serve_case() {
    [ "$1" = ours ] || return 0
    curl -sf -H "Authorization: Bearer $serve_token" -H 'Content-Type: application/json' --data '{"category": "quality"}' \
      "$serve_base/api/v1/cases" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' > "$work/serve-case"
  }
  define serve_uploads "case=\$(cat $(q "$work/serve-case")); pids=()
for f in $(q "${serve_files[@]}"); do
  curl -sf -o /dev/null -H $(q "Authorization: Bearer $serve_token") -H 'Content-Type: image/jpeg' --data-binary \"@\$f\" \\
    \"$serve_base/api/v1/cases/\$case/files?name=\$(basename \"\$f\")\" & pids+=(\$!)
done
for p in \"\${pids[@]}\"; do wait \"\$p\"; done"
  define inspect_photos "exec $(q "$bin" inspect --no-ocr "$photos" --lang en)"
  cat "${serve_files[@]}" > /dev/null
  compare "serve: 20 concurrent uploads (10 MB photos) vs inspect" serve_case serve_uploads inspect_photos
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$serve_pid/status")
  printf '%s\t%s\t%s\t%s\t0\n' "rss serve (uploads)" ours 0 "$hwm" >> "$samples"
  kill "$serve_pid"; wait "$serve_pid" || true; serve_pid=""
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average at end (1/5/15 min): $load_end"

# ---------------------------------------------------------------- the table
python3 - "$samples" "$smoke" "$results" "$cores" "$cpu" "$memory" "$load_start" "$load_end" "$runs" <<'PY'
import statistics, sys
path, smoke, results, cores, cpu_model, memory, load_start, load_end, runs = sys.argv[1:]
rows = {}
order = []
for line in open(path):
    label, side, micros, rss, cpu_times = line.rstrip("\n").split("\t")
    if label not in rows:
        rows[label] = {"ours": [], "theirs": []}
        order.append(label)
    rows[label][side].append((int(micros) / 1e6, int(rss) / 1024, sum(map(float, cpu_times.split()))))
targets = {
    "pack (media) vs openssl dgst -sha256": 1.3,
    "pack (media) vs bagit.py + zip -0 -r": 0.5,
    "pack (media) vs bsdtar --format zip (store)": 1.3,
    "verify (media bundle) vs openssl dgst -sha256": 1.3,
    "verify (media bundle) vs unzip + bagit.py --validate": 0.5,
    "seal (media bundle) vs verify (media bundle)": 1.2,
    "inspect (many) vs file --mime-type": 1.0,
    "inspect (real mixed) vs file + jpeginfo + pngcheck + qpdf": 0.5,
    "check (many, one case) vs file --mime-type": 1.2,
    "read: OCR 8 screenshots vs tesseract CLI": 1.0,
}
lines = [
    f"machine: {cores} cores, {cpu_model}, {memory} RAM; load average {load_start} at start, {load_end} at end; {runs} runs per comparison",
    "",
    "| comparison (ours vs theirs) | median ratio ours/theirs | target | ours median | theirs median | ours peak RSS | verdict | CPU ours / theirs |",
    "|---|---|---|---|---|---|---|---|",
]
for label in order:
    ours, theirs = rows[label]["ours"], rows[label]["theirs"]
    peak = max(r[1] for r in ours)
    if label.startswith("ms "):
        value = statistics.median(r[0] for r in ours) * 1000
        if label == "ms read cached":
            lines.append(f"| read: cached re-read per screenshot (in process, cache filled) | | <= 20 ms | {value:.1f} ms | | | {'met' if value <= 20 else 'MISSED'} | |")
        else:
            lines.append(f"| read: reader start-up (language data load, once per worker) | | (reference) | {value:.0f} ms | | | | |")
        continue
    if label.startswith("rss "):
        name = {"rss pack big": "peak RSS, pack of the big file"}.get(label, "peak RSS, " + label[4:])
        limit = 128 if label == "rss serve (uploads)" else 64
        verdict = "met" if peak <= limit else "MISSED"
        extra = {"rss pack big": f"{statistics.median(r[0] for r in ours):.2f} s", "rss serve (uploads)": "VmHWM"}.get(label, "refused")
        lines.append(f"| {name} | | <= {limit} MiB | {extra} | | {peak:.1f} MiB | {verdict} | |")
        continue
    ratios = [a[0] / b[0] for a, b in zip(ours, theirs)]
    ratio = statistics.median(ratios)
    target = targets.get(label)
    verdict = "" if target is None else ("met" if ratio <= target else "MISSED")
    cpu = f"{statistics.median(r[2] for r in ours):.2f} s / {statistics.median(r[2] for r in theirs):.2f} s"
    lines.append(f"| {label} | {ratio:.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) | "
                 f"{'<= ' + str(target) if target else '(reference)'} | "
                 f"{statistics.median(r[0] for r in ours):.3f} s | {statistics.median(r[0] for r in theirs):.3f} s | "
                 f"{peak:.1f} MiB | {verdict} | {cpu} |")
if smoke == "1":
    lines.append("")
    lines.append("(smoke run: tiny corpus, one run; the ratios say nothing about speed)")
import os
slowest = os.path.join(os.path.dirname(path), "slowest.txt")
if os.path.exists(slowest):
    lines += ["", "Slowest single files (`Benchmarks/slowest_inspect.py`: the real folder, ../shared/corpus and generated decoder bombs, one inspect process each):", "", "```"]
    lines += open(slowest).read().rstrip("\n").split("\n") + ["```"]
text = "\n".join(lines)
print()
print(text)
if results:
    with open(results, "w") as out:
        out.write(text + "\n")
PY
