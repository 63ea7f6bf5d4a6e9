"""Benchmark of `agendakaart figure` at scale: 100,000 synthetic activities on ~2,000 real places (as bench/map.py),
drawn as PNG (300 dpi), SVG and PDF at each size; prints the time of each and the file size.

    .venv/bin/python bench/figure.py [--n 100000]

Prints the figures; it asserts nothing (the tests do that).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from agendakaart.pipeline.outputs import build_figure, build_report  # noqa: E402
from agendakaart.store import open_db  # noqa: E402
from agendakaart.store.queries import load_rows  # noqa: E402
from map import bench_places  # noqa: E402
from synthetic import populate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-figure-"))
    conn = open_db(work / "bench.db")
    t = time.perf_counter()
    places = bench_places()
    populate(conn, n=args.n, seed=1, places=places, n_persons=40)
    print(f"synthetic: {args.n} activities on {len(places)} places, generated in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    rows = load_rows(conn)
    print(f"load_rows: {time.perf_counter() - t:.2f} s")
    for size in ("a4", "kamerbrief", "dia"):
        for fmt in ("png", "svg", "pdf"):
            out = work / f"figuur-{size}.{fmt}"
            t = time.perf_counter()
            build_figure(conn, out, size=size, rows=rows)
            print(
                f"figure {size:10s} {fmt}: {time.perf_counter() - t:5.2f} s (rows loaded), "
                f"{out.stat().st_size / 1e3:7.0f} kB"
            )
    t = time.perf_counter()
    build_figure(conn, work / "cli-like.png")
    print(f"figure a4 png incl. load_rows (what the CLI does): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    build_report(conn, work / "rapport.html")
    print(f"build_report (with the NPVR answer and the embedded figure): {time.perf_counter() - t:.2f} s")
    print(f"files in {work}")


if __name__ == "__main__":
    main()
