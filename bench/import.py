"""Benchmark of `import`: N synthetic CSV rows (real bewindspersonen by name, made-up titles) imported into a fresh
database, against a bare read of the same file (csv.reader over every row) and the peak memory of both.

    .venv/bin/python bench/import.py [--n 100000] [--format csv|jsonl]

Prints the figures; it asserts nothing (the tests do that).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from agendakaart.sources.files import import_file
from agendakaart.store import open_db
from agendakaart.store.persons import read_seed

TITLES = (
    "Werkbezoek aan {p}",
    "Gesprek met de burgemeester van {p}",
    "Opening van een school in {p}",
    "Toespraak op een congres in {p}",
    "Overleg met bewoners in {p}",
)
PLACES = ("Leiden", "Zwolle", "Assen", "Middelburg", "Enschede", "Maastricht", "Groningen", "Almere")


def write_file(path: Path, n: int, fmt: str, seed: int = 7) -> None:
    rng = random.Random(seed)
    names = [p.name for p in read_seed()]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";") if fmt == "csv" else None
        if writer:
            writer.writerow(["datum", "titel", "personen", "starttijd", "locatie"])
        for i in range(n):
            place = rng.choice(PLACES)
            row = [
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                rng.choice(TITLES).format(p=place) + f" ({i})",
                "|".join(rng.sample(names, rng.choice((1, 1, 2)))),
                f"{8 + i % 10:02d}:{(i * 7) % 60:02d}",
                place,
            ]
            if writer:
                writer.writerow(row)
            else:
                fh.write(
                    json.dumps(
                        dict(zip(("date", "title", "persons", "start_time", "location"), row)), ensure_ascii=False
                    )
                    + "\n"
                )


def bare_read(path: Path, fmt: str) -> int:
    with open(path, encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return sum(1 for _ in csv.reader(fh, delimiter=";")) - 1
        return sum(1 for line in fh if json.loads(line))


def measure(fn, trace: bool):
    """(value, seconds, peak traced bytes): time without tracing; memory in a second, traced run."""
    t0 = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - t0
    if not trace:
        return value, seconds, 0
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return value, seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    ap.add_argument("--memory", action="store_true", help="also trace peak Python memory (slower)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench.{args.format}"
        write_file(path, args.n, args.format)
        size = path.stat().st_size / 1e6
        rows, bare_s, bare_peak = measure(lambda: bare_read(path, args.format), args.memory)
        conn = open_db(Path(tmp) / "bench.db")
        result, import_s, import_peak = measure(lambda: import_file(path, conn, name="bench"), False)
        if args.memory:  # a second import of the same file (all unchanged), traced
            import_peak = measure(lambda: import_file(path, conn, name="bench"), True)[2]
        conn.close()
    print(f"import bench: {args.n:,} rows, {args.format}, {size:.1f} MB")
    print(f"  bare read:  {bare_s:6.2f} s  ({rows:,} rows)")
    print(
        f"  import:     {import_s:6.2f} s  ({result['activities']:,} activities, {result['problems']} problems"
        + (f", peak {import_peak / 1e6:6.1f} MB traced)" if args.memory else ")")
    )
    print(f"  import / bare read: {import_s / bare_s:.1f}x;  {1e6 * import_s / max(args.n, 1):.0f} µs per row")
    print(f"  process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
