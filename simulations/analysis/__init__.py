"""Analysis of model runs and of real data.

Modules:

* ``experiments`` — many seeds, parameter sweeps, confidence intervals, any Executor (Dask).
* ``metrics`` — polarisation and echo-chamber measures.
* ``cohesion`` — cohesion of a network (groups, bridges).
* ``resilience_index`` — OECD/JRC composite indices with sensitivity analysis.
* ``opinion`` — sweeps of the bounded-confidence models (clusters against a parameter).
* ``hoax`` — the hoax model's runs for the explorer and notebook 03: one run, seeds,
  the eradication-threshold sweep, the Indonesian summary.
"""
