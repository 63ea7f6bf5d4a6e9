"""Shared helper for the enrichment tests: enrich one line the way the pipeline does, with loaded resources."""

from agendakaart.enrich.engine import enrich_fields
from agendakaart.settings import Settings


def enrich_title(res, title, *, location=None, description=None, label=None, settings=None):
    """(resources, title, optional fields) -> Enrichment."""
    return enrich_fields(title=title, description=description, location_text=location, type_label=label,
                         gazetteer=res.gazetteer, rules=res.rules, settings=settings or Settings())
