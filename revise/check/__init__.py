"""`revise check`: the engine that applies the schema and the named rules to the corpus, its cache and reports."""
