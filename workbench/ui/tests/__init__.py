"""The test panel: the project's scenarios run in the visible preview, step by step, with the runner of
`workbench test`."""
