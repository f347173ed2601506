"""Tangguh Digital: simulations for the Bimtek *Pengelolaan Ketahanan Sosial Publik di Era Digital*.

Subpackages and modules:
    networks  — seeded network builders, CSV edge lists, CSR adjacency.
    hoax      — hoax / fact-checking model (Tambuscio et al. 2015), two engines, mean field.
    opinion   — opinion dynamics, echo chambers, rumours (Deffuant, HK, algorithmic bias, Baumann et al.).
    metrics   — polarisation and echo-chamber measures.
    experiments — many seeds, parameter sweeps, confidence intervals, any Executor (Dask);
              ``python -m simulations`` is the researchers' CLI.
    large     — array-only hoax model and fast scale-free generator for millions of people.
    params    — parameter tables (validation, widgets, CLI, docs).
    errors    — errors with English and Indonesian messages.
    plots     — matplotlib figures with text summaries.
    widgets   — ipywidgets explorers for the notebooks.
    notebook  — one-call notebook set-up (friendly errors, version print-out).
"""

from .errors import DataError, NetworkError, ParameterError, SimulationInputError
from .hoax import HoaxModel, State

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "HoaxModel",
    "NetworkError",
    "ParameterError",
    "SimulationInputError",
    "State",
    "__version__",
]
