"""The site from the Markdown pages: `archive site`.

Below the shard size (`settings.SHARD_SIZE`, 20,000 stories; `ARCHIVE_SHARD_SIZE` or `--shard-size`) this is one
`mkdocs build --strict`. Above it the archive builds as shards (plan.py): several MkDocs builds of story pages and
one hub build of everything else (home, cities, themes, years, entities, all stories, data), all from the same
mkdocs.yml and overrides/, run by a pool of processes or a Dask cluster (jobs.py); Pagefind indexes each shard after
its MkDocs build has exited; the parts are joined into one site (assemble.py) whose links are checked. What the
builds tell each other goes through the MkDocs hook in hooks.py (overrides/hooks/site_parts.py). build.py runs it.
"""
