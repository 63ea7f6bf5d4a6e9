"""The replica's POST /api/search: an index file written with the site, and the engine the server runs on it.

Request shape (SITE.md, captured from the browser): {"requestState": {"current", "resultsPerPage", "filters",
"searchTerm", "sortDirection", "sortField", "sortList"}, "queryConfig": {"filters", "result_fields", "facets",
"disjunctiveFacets", "sortList"}}. Answer: Search UI's response state — `results` (each field {"raw": v}),
`totalResults`, `totalPages`, `facets` {NAME: [{"field", "type", "data": [{"value", "count"}]}]} — plus
`rawResponse` {"meta": {"page"}, "rawResults"}. Strict like the real engine: a malformed body, an unknown field,
resultsPerPage above the maximum or a page starting at or past the paging cap answer 400 {"error": "Invalid
search request"}; a range value that is not a full ISO instant (e.g. "2026-03-01") answers 500. Range filters
include `from` and exclude `to`. Results past the cap are unreachable: a page that straddles it is cut short.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import datetime, timezone

INDEX_NAME = "search-index.json"
DEFAULT_CAP = 100
MAX_PAGE_SIZE = 100
VALUE_FIELDS = ("information_type", "ministry", "activity_type", "author")
RANGE_FIELDS = ("sort_date", "activity_start_date", "activity_end_date")
SORT_FIELDS = ("sort_date", "activity_start_date", "page_title")
FILTER_TYPES = ("all", "any", "none")
INVALID = {"error": "Invalid search request"}


class SearchRequestError(Exception):
    """A request the engine refuses: status 400 (invalid) or 500 (it broke on a value)."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def doc_id(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:16]


def index_file(documents: list[dict], cap: int = DEFAULT_CAP) -> dict:
    """The hidden file the server answers from; `cap` = reachable results per query (edit it to change)."""
    return {
        "engine": "rijksoverheid-replica",
        "cap": cap,
        "max_page_size": MAX_PAGE_SIZE,
        "documents": sorted(documents, key=lambda d: d["id"]),
    }


def _instant(value, field: str) -> datetime:
    """A range bound -> datetime; a date-only or garbled value breaks the engine (500), as on the real site."""
    if not isinstance(value, str) or "T" not in value:
        raise SearchRequestError(500, f"{field}: kan '{value}' niet als tijdstip lezen")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise SearchRequestError(500, f"{field}: {exc}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _need(condition: bool, reason: str) -> None:
    if not condition:
        raise SearchRequestError(400, reason)


def _int(value, lo: int, hi: int | None, name: str) -> int:
    _need(
        isinstance(value, int) and not isinstance(value, bool) and value >= lo and (hi is None or value <= hi),
        f"{name}: {value!r}",
    )
    return value


def _filter_predicate(flt) -> callable:
    """One Search UI filter -> predicate(doc)."""
    _need(
        isinstance(flt, dict) and isinstance(flt.get("field"), str) and isinstance(flt.get("values"), list),
        f"filter {flt!r}",
    )
    field, values, kind = flt["field"], flt["values"], flt.get("type", "all")
    _need(kind in FILTER_TYPES and values, f"filter type {kind!r}")
    if field in RANGE_FIELDS:
        _need(all(isinstance(v, dict) and ("from" in v or "to" in v) for v in values), f"range {field}")
        ranges = [
            (
                _instant(v["from"], field) if v.get("from") is not None else None,
                _instant(v["to"], field) if v.get("to") is not None else None,
            )
            for v in values
        ]

        def hit(doc: dict, lo, hi) -> bool:
            raw = doc.get(field)
            if raw is None:
                return False
            moment = _instant(raw, field)
            return (lo is None or moment >= lo) and (hi is None or moment < hi)

        tests = [lambda d, lo=lo, hi=hi: hit(d, lo, hi) for lo, hi in ranges]
    else:
        _need(field in VALUE_FIELDS and all(isinstance(v, str) for v in values), f"field {field}")
        tests = [lambda d, v=v: d.get(field) == v for v in values]
    if kind == "all":
        return lambda d: all(t(d) for t in tests)
    if kind == "any":
        return lambda d: any(t(d) for t in tests)
    return lambda d: not any(t(d) for t in tests)


def _sort_key(request: dict) -> tuple[str, bool]:
    state, config = request["requestState"], request["queryConfig"]
    sort_list = state.get("sortList") or config.get("sortList") or []
    if sort_list:
        first = sort_list[0]
        _need(isinstance(first, dict) and first.get("field") in SORT_FIELDS, f"sort {first!r}")
        return first["field"], first.get("direction", "desc") != "asc"
    if state.get("sortField"):
        _need(state["sortField"] in SORT_FIELDS, "sortField")
        return state["sortField"], state.get("sortDirection", "desc") != "asc"
    return "sort_date", True


def _facets(docs: list[dict], request: dict, filters: list[tuple[str, callable]]) -> dict:
    """Value facets count the matching documents; a disjunctive facet ignores its own field's filters."""
    config = request["queryConfig"]
    spec = config.get("facets") or {}
    _need(isinstance(spec, dict), "facets")
    disjunctive = set(config.get("disjunctiveFacets") or [])
    out = {}
    for name, facet in spec.items():
        _need(isinstance(facet, dict) and (name in VALUE_FIELDS or name in RANGE_FIELDS), f"facet {name}")
        pool = [d for d in docs if all(p(d) for f, p in filters if not (name in disjunctive and f == name))]
        if facet.get("type", "value") == "range":
            ranges = facet.get("ranges") or []
            data = []
            for r in ranges:
                pred = _filter_predicate({"field": name, "values": [r], "type": "all"})
                data.append(
                    {**{k: r[k] for k in ("from", "to", "name") if k in r}, "count": sum(1 for d in pool if pred(d))}
                )
            out[name] = [{"field": name, "type": "range", "data": data}]
            continue
        size = _int(facet.get("size", 10), 1, 250, f"facet size {name}")
        counts: dict[str, int] = {}
        for d in pool:
            if d.get(name) is not None:
                counts[d[name]] = counts.get(d[name], 0) + 1
        data = [{"value": v, "count": c} for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        out[name] = [{"field": name, "type": "value", "data": data[:size]}]
    return out


def _project(doc: dict, fields: dict) -> dict:
    out = {"id": {"raw": doc["id"]}}
    for name in fields:
        if doc.get(name) is not None:
            out[name] = {"raw": doc[name]}
    out["_meta"] = {"id": doc["id"], "engine": "rijksoverheid", "score": 1.0}
    return out


def search(index: dict, request) -> dict:
    """The engine: a parsed request -> the answer dict; raises SearchRequestError (400/500)."""
    _need(
        isinstance(request, dict)
        and isinstance(request.get("requestState"), dict)
        and isinstance(request.get("queryConfig"), dict),
        "requestState/queryConfig",
    )
    state, config = request["requestState"], request["queryConfig"]
    cap, max_size = int(index.get("cap", DEFAULT_CAP)), int(index.get("max_page_size", MAX_PAGE_SIZE))
    current = _int(state.get("current", 1), 1, None, "current")
    size = _int(state.get("resultsPerPage", 20), 1, max_size, "resultsPerPage")
    fields = config.get("result_fields")
    _need(isinstance(fields, dict) and fields, "result_fields")
    raw_filters = (state.get("filters") or []) + (config.get("filters") or [])
    _need(isinstance(raw_filters, list), "filters")
    filters = [(f.get("field") if isinstance(f, dict) else None, _filter_predicate(f)) for f in raw_filters]
    term = state.get("searchTerm") or ""
    _need(isinstance(term, str), "searchTerm")
    words = term.lower().split()
    docs = [
        d
        for d in index["documents"]
        if all(w in f"{d.get('page_title', '')} {d.get('meta_description', '')}".lower() for w in words)
    ]
    matched = [d for d in docs if all(p(d) for _, p in filters)]
    key, descending = _sort_key(request)
    matched.sort(key=lambda d: d["id"])
    matched.sort(key=lambda d: d.get(key) or "", reverse=descending)
    offset = (current - 1) * size
    _need(offset < cap, f"page {current} x {size} past the cap of {cap}")
    page = [_project(d, fields) for d in matched[offset : min(offset + size, cap)]]
    reachable = min(len(matched), cap)
    total_pages = math.ceil(reachable / size) if reachable else 0
    return {
        "results": page,
        "totalResults": len(matched),
        "totalPages": total_pages,
        "requestId": hashlib.sha1(json.dumps(request, sort_keys=True).encode()).hexdigest()[:32],
        "facets": _facets(docs, request, filters),
        "rawResponse": {
            "meta": {
                "page": {"current": current, "size": size, "total_results": len(matched), "total_pages": total_pages}
            },
            "rawResults": page,
        },
    }


def answer_search(index: dict, body: bytes) -> tuple[int, dict]:
    """Request body bytes -> (status, JSON answer): 200, 400 {"error": "Invalid search request"} or 500."""
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return 400, INVALID
    try:
        return 200, search(index, request)
    except SearchRequestError as exc:
        if exc.status == 500:
            return 500, {"error": "Internal Server Error"}
        return 400, INVALID
