"""Translation: the translation memory first, the offline engine for what it lacks. Entry point:
`build_tools.translate.stage.run`."""
