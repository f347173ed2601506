"""Core building blocks shared by every model: errors, parameter tables, networks, the Mesa space.

Modules:

* ``errors`` — errors with English and Indonesian messages (``SimulationInputError``, ``DataError``).
* ``params`` — parameter tables: validation, widgets, CLI and docs from one declaration.
* ``networks`` — seeded network builders, CSV edge lists, CSR adjacency.
* ``limits`` — work, memory, grid and process limits checked before a batch of runs starts.
* ``space`` — a Mesa ``Network`` space connected in one pass from a CSR adjacency.
* ``formatting`` — Indonesian number formatting (decimal comma, thousands dot).
"""
