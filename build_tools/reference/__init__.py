"""Reference data below the stages: the gazetteer, the theme taxonomy, the outlets and the byline roles. Every stage
reads them from here; they read only the data files (build_tools/data/)."""
