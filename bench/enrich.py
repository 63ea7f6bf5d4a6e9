"""Benchmark of the enricher: accuracy on tests/eval/agenda_lines.jsonl and speed at 100,000 activities.

Run: .venv/bin/python bench/enrich.py [--eval FILE] [--n 100000] [--errors 40] [--no-speed] [--pipeline]
                                      [--workers N]
     .venv/bin/python bench/enrich.py --sets        (every set in tests/eval/: score now beside its before-score)
     .venv/bin/python bench/enrich.py --process     (`agendakaart locate` and `agendakaart enrich` as whole processes
                                                    on --n unique activities, against a bare JSONL read+write process)
Prints accuracy per field and per case, the errors, gazetteer build/cache-load times and the speed ratios:
wall time serial and parallel (N worker processes, default all CPUs) against the bare pass, and CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from agendakaart.enrich.engine import enrich_fields, load_resources
from agendakaart.enrich.evaluation import FIGURES, load_lines, set_figures, set_misses
from agendakaart.enrich.gazetteer import build_gazetteer, load_gazetteer
from agendakaart.enrich.parallel import CHUNK, chunked, map_chunks, worker_count
from agendakaart.pipeline.enrich import enrich
from agendakaart.settings import Settings
from agendakaart.store import open_db, transaction

ROOT = Path(__file__).resolve().parent.parent


def score(lines: list[dict], res, settings: Settings, show_errors: int) -> None:
    """Print the four target figures, accuracy per case and the first errors."""
    tot = Counter()
    per_case: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for row in lines:
        exp = row["expected"]
        e = enrich_fields(
            title=row.get("title"),
            description=row.get("description"),
            location_text=row.get("location_text"),
            type_label=row.get("type_label"),
            gazetteer=res.gazetteer,
            rules=res.rules,
            settings=settings,
        )
        case = per_case[row.get("case", "?")]
        checks = {
            "type": e.activity_type.value == exp["activity_type"],
            "npvr": e.npvr_region == exp["npvr_region"],
            "country": e.country == exp["country"],
            "precision": e.precision.value == exp["precision"],
        }
        if exp["gm_code"]:
            checks["gemeente"] = e.gm_code == exp["gm_code"]
        if exp["precision"] == "none":
            checks["no_den_haag"] = e.gm_code != "GM0518"
        for key, ok in checks.items():
            tot[key + "_n"] += 1
            tot[key] += ok
            case[key + "_n"] += 1
            case[key] += ok
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            errors.append((row["id"], row.get("case"), bad, row, e))
    _print_totals(tot, per_case)
    for rid, case, bad, row, e in errors[:show_errors]:
        text = " | ".join(
            str(row.get(k)) for k in ("type_label", "title", "location_text", "description") if row.get(k)
        )
        print(f"  {rid} [{case}] {','.join(bad)}: {text[:110]}")
        print(
            f"      got {e.gm_code} {e.country} {e.npvr_region} {e.activity_type.value} {e.precision.value}"
            f"  want {row['expected']}  — {e.reason[:150]}"
        )


LABELS = {
    "gemeente": "gemeente",
    "den_haag": "Den Haag herkend",
    "false_den_haag": "onterecht Den Haag",
    "abroad": "buitenland (land)",
    "type": "type",
    "npvr": "NPVR-regio",
    "precision": "precisie",
}
EVAL_DIR = ROOT / "tests" / "eval"
BEFORE = EVAL_DIR / "before_scores.json"
MISSES = EVAL_DIR / "known_misses.json"


def _cell(key: str, got: list[int] | None) -> str:
    if not got or not got[1]:
        return "-"
    if key == "false_den_haag":
        return f"{got[0]}/{got[1]}"
    return f"{100 * got[0] / got[1]:.1f}%"


def score_sets(res, settings: Settings, record: bool, write_misses: bool) -> None:
    """Every tests/eval/*_lines.jsonl: each figure now, beside the before-score recorded when the set was first
    scored (before any change made for it). record: store the before-score of sets that have none yet;
    write_misses: rewrite tests/eval/known_misses.json with today's misses (tests compare it exactly)."""
    before = json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    misses = {}
    for path in sorted(EVAL_DIR.glob("*_lines.jsonl")):
        lines = load_lines(path)
        now = set_figures(lines, res, settings)
        misses[path.name] = set_misses(lines, res, settings)
        if record and path.name not in before:
            before[path.name] = now
        was = before.get(path.name, {})
        sealed = " (VERZEGELD: alleen scoren, nooit op getuned)" if path.name.startswith("sealed") else ""
        print(f"{path.name}: {len(lines)} regels, {len(misses[path.name])} met een fout{sealed}")
        for key in FIGURES:
            print(
                f"  {LABELS[key]:20s} nu {_cell(key, now[key]):>8s}   voor {_cell(key, was.get(key)):>8s}"
                f"   ({now[key][0]}/{now[key][1]})"
            )
    if record:
        BEFORE.write_text(_compact(before), encoding="utf-8")
    if write_misses:
        MISSES.write_text(_compact(misses), encoding="utf-8")


def _compact(data: dict) -> str:
    """{set: {key: value}} as JSON with one line per key (diffs stay readable)."""
    parts = []
    for name, inner in data.items():
        rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in inner.items())
        parts.append(f" {json.dumps(name)}: {{\n{rows}\n }}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _print_totals(tot: Counter, per_case: dict) -> None:
    def pct(c, k):
        return f"{100 * c[k] / c[k + '_n']:.1f}% ({c[k]}/{c[k + '_n']})" if c[k + "_n"] else "-"

    print("gemeente correct where a place exists:", pct(tot, "gemeente"), "(target >= 97%)")
    dh = tot["no_den_haag_n"] - tot["no_den_haag"]
    print(f"no-evidence lines placed in Den Haag: {dh} of {tot['no_den_haag_n']} (target 0)")
    print("NPVR region correct:", pct(tot, "npvr"), "(target >= 95%)")
    print("activity type correct:", pct(tot, "type"), "(target >= 92%)")
    print("country correct:", pct(tot, "country"), " precision correct:", pct(tot, "precision"))
    print("per case (gemeente / npvr / type / precision):")
    for case in sorted(per_case):
        c = per_case[case]
        print(
            f"  {case:22s} {pct(c, 'gemeente'):>18s} {pct(c, 'npvr'):>18s} {pct(c, 'type'):>18s}"
            f" {pct(c, 'precision'):>18s}"
        )


def speed(lines: list[dict], res, settings: Settings, n: int) -> None:
    """Enrich n activities vs a bare JSONL read + write of the same file, twice: with every text unique (the
    worst case: a serial number in each title and description defeats every per-run memo) and with the eval
    lines repeated as they are (identical texts enriched once, as weekly recurring agenda items are).
    Each time serially and with worker processes; the two outputs must be byte-identical."""
    workers = worker_count(settings)
    with tempfile.TemporaryDirectory() as tmp:
        for label, unique in (("all texts unique", True), ("eval lines repeated", False)):
            src = Path(tmp) / "in.jsonl"
            _write_input(src, lines, n, unique)
            bare, bare_cpu = min(_timed_pass(src, Path(tmp) / "bare.jsonl", None) for _ in range(3))
            res.memo.clear()
            full, full_cpu = _timed_pass(src, Path(tmp) / "full.jsonl", (res, settings))
            res.memo.clear()
            par, par_cpu = _parallel_pass(src, Path(tmp) / "par.jsonl", res, settings, workers)
            same = (Path(tmp) / "full.jsonl").read_bytes() == (Path(tmp) / "par.jsonl").read_bytes()
            print(f"speed ({label}): {n} activities; bare JSONL read+write {bare:.2f} s (CPU {bare_cpu:.2f} s)")
            print(
                f"  serial enrich:   {full:.2f} s wall, wall ratio {full / bare:.1f}x (target <= 5x); "
                f"{1e6 * full / n:.0f} us each; CPU {full_cpu:.2f} s, CPU-time ratio {full_cpu / bare_cpu:.1f}x"
            )
            print(
                f"  parallel enrich ({workers} worker processes, {os.cpu_count()} CPUs): {par:.2f} s wall, "
                f"wall ratio {par / bare:.1f}x (target <= 5x); CPU of all processes {par_cpu:.2f} s, "
                f"CPU-time ratio {par_cpu / bare_cpu:.1f}x (the work done, not the waiting); "
                f"output {'byte-identical to' if same else 'DIFFERS from'} serial"
            )


def _write_input(src: Path, lines: list[dict], n: int, unique: bool) -> None:
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(_input_row(lines[i % len(lines)], i, unique), ensure_ascii=False) + "\n")


# a trailing "(Terneuzen)" with what follows it: the serial goes before it, so the hint stays trailing
_TAIL = re.compile(r"\s*\([^()]*\)\W*$")


def _input_row(line: dict, i: int, unique: bool) -> dict:
    """An eval line as input row i; unique: "Werkbezoek (Terneuzen)" -> "Werkbezoek #17 (Terneuzen)" and a
    description gets "Kenmerk 2026-000017." (the words that decide place and type stay as they are)."""
    row = {k: v for k, v in line.items() if k not in ("expected", "case")}
    row["id"] = f"a{i}"
    if unique:
        title = row.get("title") or ""
        tail = _TAIL.search(title)
        cut = tail.start() if tail else len(title)
        row["title"] = f"{title[:cut]} #{i}{title[cut:]}"
        if row.get("description"):
            row["description"] = f"{row['description']} Kenmerk 2026-{i:06d}."
    return row


def pipeline_speed(lines: list[dict], settings: Settings, n: int) -> None:
    """pipeline.enrich on a SQLite store of n activities with unique texts, serially and with worker processes."""
    for workers in (1, worker_count(settings)):
        _pipeline_once(lines, replace(settings, enrich_workers=workers), n)


def _fill_activities(conn, lines: list[dict], n: int) -> None:
    """n activities made from the eval lines (unique texts), in one transaction, as `enrich` finds them stored."""
    rows = [_input_row(lines[i % len(lines)], i, True) for i in range(n)]
    with transaction(conn):
        conn.executemany(
            "INSERT INTO activities (id, page_url, date, title, description, location_text, type_label)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r["id"],
                    f"https://example.invalid/agenda/{i // 40}",
                    "2026-01-05",
                    r.get("title") or "",
                    r.get("description"),
                    r.get("location_text"),
                    r.get("type_label"),
                )
                for i, r in enumerate(rows)
            ],
        )


def _pipeline_once(lines: list[dict], settings: Settings, n: int) -> None:
    """One pipeline.enrich run: fetch in batches, enrich, one executemany upsert in one transaction."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_db(Path(tmp) / "bench.sqlite")
        _fill_activities(conn, lines, n)
        started = time.perf_counter()
        summary = enrich(replace(settings, db_path=Path(tmp) / "bench.sqlite"), conn)
        took = time.perf_counter() - started
        written = conn.execute("SELECT COUNT(*) FROM enrichments").fetchone()[0]
        conn.close()
    print(
        f"pipeline.enrich on SQLite, {settings.enrich_workers} worker(s): {n} activities (unique texts) in {took:.2f} s "
        f"({1e6 * took / n:.0f} us each); {written} rows written, {summary['placed']} placed"
    )


BATCH = 1000  # lines read, parsed, (enriched,) dumped and written together, in both passes alike


def _timed_pass(src: Path, dst: Path, enrich) -> tuple[float, float]:
    """One pass over src -> (wall seconds, CPU seconds of this process); the bare pass when enrich is None.
    Both passes work batch by batch (parse all, enrich all, dump all): the enricher's tables stay in the CPU
    caches instead of being pushed out by the JSON work after every line."""
    started, cpu = time.perf_counter(), time.process_time()
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for lines in chunked(fin, BATCH):
            rows = [json.loads(line) for line in lines]
            if enrich is not None:
                rows = _enriched(rows, *enrich)
            fout.writelines([json.dumps(row, ensure_ascii=False) + "\n" for row in rows])
    return time.perf_counter() - started, time.process_time() - cpu


def _enriched(rows: list[dict], res, settings: Settings) -> list[dict]:
    """Input rows -> output rows (id, gm_code, precision, activity_type, reason)."""
    out = []
    for row, e in zip(
        rows,
        [
            enrich_fields(
                title=row.get("title"),
                description=row.get("description"),
                location_text=row.get("location_text"),
                type_label=row.get("type_label"),
                gazetteer=res.gazetteer,
                rules=res.rules,
                settings=settings,
                activity_id=row["id"],
                memo=res.memo,
            )
            for row in rows
        ],
    ):
        out.append(
            {
                "id": row["id"],
                "gm_code": e.gm_code,
                "precision": e.precision.value,
                "activity_type": e.activity_type.value,
                "reason": e.reason,
            }
        )
    return out


def _bench_chunk(res, settings: Settings, lines: list[str]) -> list[str]:
    """Input JSON lines -> output JSON lines, as the serial pass writes them (runs in a worker process)."""
    out = []
    for batch in chunked(lines, BATCH):
        rows = _enriched([json.loads(line) for line in batch], res, settings)
        out += [json.dumps(row, ensure_ascii=False) + "\n" for row in rows]
    return out


def _parallel_pass(src: Path, dst: Path, res, settings: Settings, workers: int) -> tuple[float, float]:
    """The enrich pass with worker processes -> (wall seconds, CPU seconds of this process and the workers,
    pool start-up included)."""
    started, before = time.perf_counter(), os.times()
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for out in map_chunks(_bench_chunk, chunked(fin, CHUNK), res, settings, workers):
            fout.writelines(out)
    after = os.times()
    cpu = sum(after[i] - before[i] for i in range(4))  # user, system, children's user, children's system
    return time.perf_counter() - started, cpu


_BARE = (
    "import json, sys\n"
    "out = sys.stdout\n"
    "for line in sys.stdin:\n"
    "    row = json.loads(line)\n"
    "    out.write(json.dumps(row, ensure_ascii=False) + '\\n')\n"
)


def process_speed(lines: list[dict], n: int) -> None:
    """As a user meets it: each command a whole process on n activities with unique texts (interpreter start,
    imports, gazetteer cache load, reading, writing), the best of three runs, against a bare JSONL read+write
    process of the same lines. `enrich` runs on a SQLite store holding the same n activities."""
    import subprocess

    exe = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        _write_input(src, lines, n, True)
        db = Path(tmp) / "bench.sqlite"
        conn = open_db(db)
        _fill_activities(conn, lines, n)
        conn.close()

        def timed(cmd: list[str]) -> tuple[float, float]:
            """Best of three: (wall seconds, CPU seconds of the process and its worker processes)."""
            best, cpu = 1e9, 1e9
            for _ in range(3):
                with open(src, "rb") as fin, open(Path(tmp) / "out.jsonl", "wb") as fout:
                    started = time.perf_counter()
                    proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
                    _, status, usage = os.wait4(proc.pid, 0)
                    best = min(best, time.perf_counter() - started)
                    cpu = min(cpu, usage.ru_utime + usage.ru_stime)
                    if status != 0:
                        raise SystemExit(f"{cmd} failed ({status})")
            return best, cpu

        bare, bare_cpu = timed([sys.executable, "-c", _BARE])
        print(
            f"process speed: {n} unique activities; bare JSONL read+write process {bare:.2f} s (CPU {bare_cpu:.2f} s)"
        )
        print(f"  load now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other jobs make the wall ratio worse)")
        for label, cmd in (
            ("agendakaart locate", [str(exe / "agendakaart"), "locate"]),
            ("agendakaart locate --workers 1", [str(exe / "agendakaart"), "locate", "--workers", "1"]),
            ("agendakaart enrich", [str(exe / "agendakaart"), "enrich", "--db", str(db)]),
            ("agendakaart enrich --workers 1", [str(exe / "agendakaart"), "enrich", "--db", str(db), "--workers", "1"]),
        ):
            took, cpu = timed(cmd)
            print(
                f"  {label:32s} {took:6.2f} s  ratio {took / bare:.1f}x (target <= 5x); "
                f"CPU of all its processes {cpu:.2f} s ({cpu / bare_cpu:.1f}x the bare pass's CPU)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=ROOT / "tests" / "eval" / "agenda_lines.jsonl")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--errors", type=int, default=40)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--pipeline", action="store_true", help="also time pipeline.enrich on a SQLite store")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all CPUs)")
    parser.add_argument(
        "--process", action="store_true", help="time `agendakaart locate` and `enrich` as whole processes, then stop"
    )
    parser.add_argument("--sets", action="store_true", help="score every eval set beside its before-score, then stop")
    parser.add_argument(
        "--record-before",
        action="store_true",
        help="with --sets: store the before-score of sets that have none yet (never overwrites)",
    )
    parser.add_argument(
        "--write-misses",
        action="store_true",
        help="with --sets: rewrite tests/eval/known_misses.json with the misses of today",
    )
    args = parser.parse_args()
    settings = Settings(enrich_workers=args.workers)
    started = time.perf_counter()
    build_gazetteer()
    print(f"gazetteer build (no cache): {time.perf_counter() - started:.2f} s")
    load_gazetteer(settings.cache_dir)  # make sure the cache exists
    started = time.perf_counter()
    res = load_resources(settings)
    print(
        f"gazetteer + rules load from cache: {time.perf_counter() - started:.3f} s "
        f"({len(res.gazetteer.names)} names, {len(res.gazetteer.places)} places)"
    )
    if args.process:
        process_speed(load_lines(args.eval), args.n)
        return 0
    if args.sets:
        score_sets(res, settings, args.record_before, args.write_misses)
        return 0
    lines = [json.loads(ln) for ln in args.eval.read_text(encoding="utf-8").splitlines() if ln.strip()]
    print(f"eval set: {args.eval} ({len(lines)} lines)")
    score(lines, res, settings, args.errors)
    if not args.no_speed:
        speed(lines, res, settings, args.n)
    if args.pipeline:
        pipeline_speed(lines, settings, args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
