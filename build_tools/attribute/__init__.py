"""Attribution: place, themes, date and people of every story, from the reference data. Entry point:
`build_tools.attribute.stage.run`."""
