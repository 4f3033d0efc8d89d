"""Process supervision (Qt-free, host-free): a run contained as a tree the workbench owns (keeper.py says what that
guarantees on Linux, macOS and Windows), capped output, the served port found by asking, and the process tree."""
