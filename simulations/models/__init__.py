"""The simulation models. Each one is a :class:`mesa.Model` whose people are Mesa agents.

Subpackages and modules:
    base     — the one population base every model derives from (:class:`~simulations.models.base.PopulationModel`:
               network or complete mixing, agents, per-person arrays, engines, seeding, ``run`` and
               ``results``; :class:`~simulations.models.base.DiscreteStateModel` for hoax and rumour).
    hoax     — hoax / fact-checking model (Tambuscio et al. 2015), two engines, mean field,
               and the array-only mode for millions of people (:mod:`simulations.models.hoax.arrays`).
    rumour   — Daley–Kendall and Maki–Thompson rumour models.
    opinion  — opinion dynamics and echo chambers (Deffuant, algorithmic bias, Hegselmann–Krause,
               Friedkin–Johnsen/DeGroot, Baumann et al., unfollow-and-rewire).
    registry — every model by name with its parameter table (``python -m simulations models``).
"""
