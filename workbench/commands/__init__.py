"""Sub-commands of the `workbench` CLI: each module has add_arguments(parser) and run(args) -> exit code."""
