"""The pure core: the fields of one activity -> one Enrichment (no database, no network).

enrich_fields(title="Werkbezoek aan Leiden", gazetteer=gaz, rules=rules, settings=s)
    -> Enrichment(activity_type="werkbezoek", precision="woonplaats", gm_code="GM0546", …)
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import MISSING, dataclass, field, fields, replace

from agendakaart.enrich.activity import ActivityRules, classify_activity, load_rules
from agendakaart.enrich.context import apply_context
from agendakaart.enrich.gazetteer import Gazetteer, load_gazetteer
from agendakaart.enrich.location import Located, resolve_location
from agendakaart.enrich.regions import is_abroad, is_den_haag
from agendakaart.enrich.scan import scan_text, scanner_for
from agendakaart.enrich.text import clean_text
from agendakaart.enrich.weights import weight
from agendakaart.enrich.words import alternation
from agendakaart.models import ActivityType, Enrichment, Precision
from agendakaart.settings import Settings

_ROLLUP_LEAD_WORDS = weight("threshold", "rollup_lead_words")  # "Werkbezoek: …": a label of at most this many words
_NO_TYPE = weight("type_conf", "none")  # the confidence of "overig, no type word": a lead above it names a type
RULE_FILES = ("activity_rules.csv", "context_rules.csv", "context_words.csv", "enrich_weights.csv")


def rules_version() -> str:
    """A hash of what makes an enrichment: the enrich package's code and its rule and data files (the gazetteer's
    own files are in its key, which Resources.version adds). A stored enrichment names the rules that made it;
    a rule or code change gives a new version, and `enrich` writes every activity again under it."""
    from pathlib import Path

    from agendakaart.enrich.gazetteer import DATA_FILES, knowledge_files
    from agendakaart.enrich.regions import data_path

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for name in RULE_FILES + DATA_FILES + knowledge_files():
        digest.update(name.encode() + data_path(name).read_bytes())
    return "r" + digest.hexdigest()[:8]


ENRICHER_VERSION = rules_version()
MAX_FIELD = 100_000
MEMO_LIMIT = 200_000
_TYPES = {t.value: t for t in ActivityType}
_PRECISIONS = {p.value: p for p in Precision}


class RunMemo(dict):
    """Per-run memo for texts that recur: an entry is stored from its key's second sighting on.

    A run of unique texts then keeps only the keys' hashes (plain ints, no garbage-collector work) instead of
    100,000 results nobody asks for again; weekly "Ministerraad" is enriched twice, then remembered.
    memo["k"] = 1 -> not stored; memo["k"] = 1 again -> stored. Full at `limit` entries: cleared.
    """

    def __init__(self, limit: int = MEMO_LIMIT):
        super().__init__()
        self.limit = limit
        self._seen: set[int] = set()

    def __setitem__(self, key, value) -> None:
        h = hash(key)
        if h not in self._seen:
            if len(self._seen) >= 4 * self.limit:
                self._seen.clear()
            self._seen.add(h)
            return
        if len(self) >= self.limit:
            super().clear()
        super().__setitem__(key, value)

    def clear(self) -> None:
        super().clear()
        self._seen.clear()


@dataclass
class Resources:
    gazetteer: Gazetteer
    rules: ActivityRules
    load_seconds: float = 0.0
    memo: dict = field(default_factory=RunMemo)  # identical texts recur (weekly "Ministerraad"): enrich once

    @property
    def version(self) -> str:
        """Enricher version + data key: "1-3fa9c2" (new data files give a new version)."""
        return f"{ENRICHER_VERSION}-{self.gazetteer.key[:6]}"


def load_resources(settings: Settings) -> Resources:
    """Gazetteer (from the disk cache when valid) and activity rules, loaded once per run."""
    started = time.perf_counter()
    gaz = load_gazetteer(settings.cache_dir)
    return Resources(gaz, load_rules(), time.perf_counter() - started)


_LABEL_RE = re.compile(r"^\s*([A-ZÀ-Ý][^:()\n]{1,60}?)\s*:\s+(\S.*)$", re.S)
_TAIL_RE = re.compile(r"^(.*\S)\s*\(([^()]{1,120})\)\s*[.;]?\s*$", re.S)


# "aan Vlieland", "in 's-Gravenhage", ", Genève": a lead that names where, not only what
# (the words: lead_place_prep and place_name_prefix of data/context_words.csv)
_LEAD_PLACE_RE = re.compile(
    r"(?:\b(?:"
    + alternation("lead_place_prep")
    + r")\s+|,\s*)(?:"
    + alternation("place_name_prefix")
    + r")?[A-Z\u00c0-\u024f]"
)


# a capitalised word after the lead's first word: a name ("Werkbezoek Pieterburen", "Wurkbesite oan Drachten")
_LEAD_NAME_RE = re.compile(r"\s[A-Z\u00c0-\u024f]")


def _keeps_lead(label: str) -> bool:
    """A lead that names a place (or any name) stays in the title too: "Bezoek aan Vlieland" -> True,
    "VN-Mensenrechtenraad, Genève" -> True, "Werkbezoek Pieterburen" -> True; "Werkbezoek", "Gesprek met de
    burgemeester" -> False. The title is then the line as a page would give it."""
    return _LEAD_PLACE_RE.search(label) is not None or _LEAD_NAME_RE.search(label) is not None


def split_text_line(text: str, rules: ActivityRules | None = None) -> tuple[str | None, str, str | None]:
    """A roll-up bullet -> (type label, title, location hint).

    "Werkbezoek: opening van de sluis (Terneuzen)" -> ("Werkbezoek", "opening van de sluis", "Terneuzen")
    A lead that names a place also stays in the title ("Bezoek aan Vlieland: gesprek met …").
    With rules, a lead that names no activity type stays in the title ("Groningen: bezoek …").
    """
    label = None
    match = _LABEL_RE.match(text)
    if match and len(match.group(1).split()) <= _ROLLUP_LEAD_WORDS:
        if rules is None or classify_activity(None, match.group(1), rules)[1] > _NO_TYPE:
            label = match.group(1).strip()
            if not _keeps_lead(label):
                text = match.group(2)
    tail = _TAIL_RE.match(text)
    if tail:
        return label, tail.group(1).strip(), tail.group(2).strip()
    return label, text.strip(), None


def enrich_fields(
    *,
    title: str | None,
    description: str | None = None,
    location_text: str | None = None,
    type_label: str | None = None,
    gazetteer: Gazetteer,
    rules: ActivityRules,
    settings: Settings,
    activity_id: str = "",
    version: str = ENRICHER_VERSION,
    memo: dict | None = None,
) -> Enrichment:
    """One activity's text fields -> Enrichment: place, regions, type, confidence and reason.

    `memo` (e.g. Resources.memo) remembers results of identical texts within one run.
    """
    shared = enrich_shared(
        title=title,
        description=description,
        location_text=location_text,
        type_label=type_label,
        gazetteer=gazetteer,
        rules=rules,
        settings=settings,
        version=version,
        memo=memo,
    )
    return _with_id(shared, activity_id)


def enrich_shared(
    *,
    title: str | None,
    description: str | None = None,
    location_text: str | None = None,
    type_label: str | None = None,
    gazetteer: Gazetteer,
    rules: ActivityRules,
    settings: Settings,
    version: str = ENRICHER_VERSION,
    memo: dict | None = None,
) -> Enrichment:
    """enrich_fields without the activity id: the Enrichment as the enricher remembers it, one object shared by
    every activity with the same result (its activity_id is "" or another activity's: read it only through
    enrich_fields; never change it). For callers that write the id themselves (locate, the database rows)."""
    fields = (_text(title), _text(description), _text(location_text), _text(type_label))
    if memo is not None:
        key = (*fields, settings.include_uncertain_npvr, version)
        hit = memo.get(key)
        if hit is not None:
            return hit
    result = _enrich(*fields, gazetteer, rules, settings, version, memo)
    if memo is not None:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = result
    return result


def _enrich(
    title, description, location_text, type_label, gazetteer, rules, settings, version, memo=None
) -> Enrichment:
    body = f"{title} {description}" if title and description else (title or description or "")
    cleaned = clean_text(body, 4000)
    scan = scan_text(cleaned, scanner_for(gazetteer, rules)) if cleaned else None  # one pass for both
    kind, kind_conf, kind_reason = classify_activity(body, type_label, rules, scan)
    if not (title or description or location_text):
        located = Located(None, "none", 0.0, "lege tekst")
    else:
        located = resolve_location(
            title=title,
            description=description,
            location_text=location_text,
            type_label=type_label,
            gaz=gazetteer,
            memo=memo,
            body=(cleaned, scan) if scan is not None else None,
        )
        located = apply_context(located, title, description, location_text, gazetteer)
    # (id(located), type decision, …) -> (located, Enrichment without id), in the gazetteer's memo: the located is
    # kept in the entry, so its id is not reused while the entry lives; Located objects recur through the memo
    key = (id(located), kind, kind_conf, kind_reason, settings.include_uncertain_npvr, version)
    results = gazetteer.memo.results
    found = results.get(key)
    if found is None or found[0] is not located:
        found = gazetteer.memo.put(
            "results",
            key,
            (
                located,
                to_enrichment(
                    located, kind, kind_conf, f"{located.reason}; type: {kind_reason}", gazetteer, settings, "", version
                ),
            ),
        )
    return found[1]


def _with_id(hit: Enrichment, activity_id: str) -> Enrichment:
    """A remembered result under another activity id (dataclasses.replace, without its per-field work)."""
    if hit.activity_id == activity_id:
        return hit
    if not _FAST_BUILD:
        return replace(hit, activity_id=activity_id)
    new = object.__new__(Enrichment)
    new.__dict__.update(hit.__dict__)
    new.__dict__["activity_id"] = activity_id
    return new


def _text(value) -> str | None:
    """Untrusted field -> str or None (numbers become text, over-long text is cut)."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    return value[:MAX_FIELD]


def to_enrichment(
    located: Located,
    kind: str,
    kind_conf: float,
    reason: str,
    gaz: Gazetteer,
    settings: Settings,
    activity_id: str,
    version: str,
) -> Enrichment:
    """Located place + type -> Enrichment with provincie, NPVR region and the Den Haag / abroad flags."""
    p = located.place
    confidence = round(min(located.confidence, kind_conf) if p else kind_conf * 0.5, 2)
    if p is None:
        return _build(
            {
                "activity_id": activity_id,
                "version": version,
                "activity_type": _TYPES[kind],
                "precision": Precision.NONE,
                "confidence": confidence,
                "reason": reason,
            }
        )
    region = p.npvr_region if p.kind == "regio" else gaz.npvr.region_for(p.gm_code, settings.include_uncertain_npvr)
    country = p.country or None
    return _build(
        {
            "activity_id": activity_id,
            "version": version,
            "activity_type": _TYPES[kind],
            "precision": _PRECISIONS[located.precision],
            "confidence": confidence,
            "reason": reason,
            "place": p.name,
            "gm_code": p.gm_code,
            "gemeente": p.gemeente,
            "province": p.province,
            "country": country,
            "lat": p.lat,
            "lon": p.lon,
            "is_den_haag": is_den_haag(p.gm_code),
            "is_abroad": is_abroad(country),
            "npvr_region": region,
        }
    )


_FIELDS = fields(Enrichment)
_DEFAULTS = {f.name: f.default for f in _FIELDS if f.default is not MISSING}
# the frozen dataclass's __init__ sets 17 fields one object.__setattr__ at a time; filling __dict__ directly
# gives an equal object at a third of the cost, as long as Enrichment stays a plain (non-slots) dataclass
_FAST_BUILD = (
    all(f.default_factory is MISSING for f in _FIELDS)
    and "__slots__" not in vars(Enrichment)
    and not hasattr(Enrichment, "__post_init__")
)


def _build(values: dict) -> Enrichment:
    """Field values (the required ones at least) -> Enrichment, defaults filled in for the rest."""
    if not _FAST_BUILD:
        return Enrichment(**values)
    e = object.__new__(Enrichment)
    e.__dict__.update(_DEFAULTS)
    e.__dict__.update(values)
    return e
