"""Tangguh Digital: simulations for the Bimtek *Pengelolaan Ketahanan Sosial Publik di Era Digital*.

Subpackages (the folders show the architecture):

* ``core`` — errors, parameter tables, networks, the Mesa network space, number formatting.
* ``models`` — the models: hoax (with the array-only mode), rumour, opinion dynamics.
* ``analysis`` — experiments (seeds, sweeps, confidence intervals, Dask), metrics, cohesion,
  resilience index.
* ``response`` — interventions, monitor placement, alarms, policy sandbox, collaboration,
  regional action plan.
* ``data`` — real public tables and synthetic data: loaders and validation.
* ``course`` — syllabus, quizzes, evaluation, notebook set-up, answer checks.
* ``plots`` — matplotlib figures with text summaries.
* ``widgets`` — ipywidgets explorers for the notebooks.

``python -m simulations`` is the researchers' CLI.
"""

from simulations.core.errors import DataError, NetworkError, ParameterError, SimulationInputError
from simulations.models.hoax import HoaxModel, State

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
