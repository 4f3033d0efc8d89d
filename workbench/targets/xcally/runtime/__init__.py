"""XCALLY App Zone at run time: the Motion frame with the plugin views, script plugins under Node (imports Qt)."""
