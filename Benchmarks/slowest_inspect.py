#!/usr/bin/env python3
"""CPU time of `evidence inspect` on each file, one process per file; reports the slowest.

    Benchmarks/slowest_inspect.py [--bin PATH] [--bombs DIR] [--limit SECONDS] [--top N] PATH...

Every regular file under the PATHs is inspected on its own (`evidence inspect --json FILE`),
and the user + system CPU of that child (from getrusage) is recorded. --bombs DIR first writes
generated decoder bombs into DIR (Benchmarks/decoder_bombs.py) and adds them. Prints the
slowest files with their status and codes; exits 1 when one took more than --limit seconds of
CPU (default 1.0), so the issue's "no file takes more than 1 s of CPU" is checked by a
measurement here, not by a wall-clock assertion in a unit test.
"""
import argparse, json, os, resource, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--bin", default=os.path.join(here, "..", ".build", "release", "evidence"))
parser.add_argument("--bombs")
parser.add_argument("--limit", type=float, default=1.0)
parser.add_argument("--top", type=int, default=8)
parser.add_argument("paths", nargs="*")
args = parser.parse_args()

files = []
if args.bombs:
    subprocess.run([sys.executable, os.path.join(here, "decoder_bombs.py"), args.bombs], check=True)
    args.paths.append(args.bombs)
for path in args.paths:
    if os.path.isfile(path):
        files.append(path)
    for folder, _, names in os.walk(path):
        files += [os.path.join(folder, n) for n in sorted(names) if os.path.isfile(os.path.join(folder, n))
                  and not os.path.islink(os.path.join(folder, n))]

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

rows = []
for f in files:
    before = cpu()
    done = subprocess.run([args.bin, "inspect", "--json", f], capture_output=True, timeout=600)
    spent = cpu() - before
    status, codes = "?", []
    try:
        entry = json.loads(done.stdout)["files"][0]
        status, codes = entry["status"], [x["code"] for x in entry["findings"]]
    except Exception:
        status = "exit %d" % done.returncode
    rows.append((spent, f, status, codes))

rows.sort(reverse=True)
total = sum(r[0] for r in rows)
print("%d files, %.2f s CPU in all (process start included, ~%.3f s each)" % (len(rows), total, min(r[0] for r in rows) if rows else 0))
for spent, f, status, codes in rows[:args.top]:
    print("%7.3f s  %-10s %s  %s" % (spent, status, f, " ".join(codes)))
slow = [r for r in rows if r[0] > args.limit]
if slow:
    print("%d file(s) over %.1f s of CPU" % (len(slow), args.limit))
    sys.exit(1)
