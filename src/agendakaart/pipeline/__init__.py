"""The library API the CLI calls: one module per stage.

- `pipeline.collect`: collect(), import_file(), doctor()       (sources + parse + store)
- `pipeline.enrich`:  enrich()                                   (enrich + store)
- `pipeline.outputs`: build_map(), build_report(), export()      (store + outputs)
- `pipeline.run`:     run(), demo()                              (all of the above)
- `pipeline.database`: open_store() — read-only for reading commands, checked before writing
- `pipeline.status`:  database_status(), review_groups(), known_person_slugs()
- `pipeline.lock`:    collect_lock() — one collect at a time per database

Import the stage module you need (`from agendakaart.pipeline.collect import collect`); nothing here does work
at import time.
"""
