"""Writing: the story records → the site's Markdown pages, indexes, exports and citations. Entry point:
`build_tools.write.stage.run`."""
