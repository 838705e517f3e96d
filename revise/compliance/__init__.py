"""Compliance checks (闭环管理): measurable targets of the corpus evaluated on a ticket export.

`load` reads the export into DuckDB, `metrics` holds the SQL of every metric of the vocabulary
(the one place), `targets` finds the measurable targets of the corpus, `evaluate` runs them,
`report` and `charts` render the result, `handbook` adds the monthly report to the handbook,
`propose` files revision requests for targets that keep failing, `generate` makes test data.
"""
