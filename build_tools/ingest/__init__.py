"""Ingestion: source files → pages and articles (read, clean, segment, sidecar, identifiers). Entry point:
`build_tools.ingest.stage.run`."""
