"""agendakaart: where do Dutch bewindspersonen go? Collect, enrich and map their public agendas."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/agendakaart/agendakaart"
USER_AGENT = f"agendakaart/{__version__} (+{PROJECT_URL})"
