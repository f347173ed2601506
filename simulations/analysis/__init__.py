"""Analysis of model runs and of real data.

Modules:
    experiments       — many seeds, parameter sweeps, confidence intervals, any Executor (Dask).
    metrics           — polarisation and echo-chamber measures.
    cohesion          — cohesion of a network (groups, bridges).
    resilience_index  — OECD/JRC composite indices with sensitivity analysis.
"""
