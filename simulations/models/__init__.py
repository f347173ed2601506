"""The simulation models. Each one is a :class:`mesa.Model` whose people are Mesa agents.

Subpackages and modules:
    hoax     — hoax / fact-checking model (Tambuscio et al. 2015), two engines, mean field,
               and the array-only mode for millions of people (:mod:`simulations.models.hoax.arrays`).
    rumour   — Daley–Kendall and Maki–Thompson rumour models.
    opinion  — opinion dynamics and echo chambers (Deffuant, algorithmic bias, Hegselmann–Krause,
               Friedkin–Johnsen/DeGroot, Baumann et al., unfollow-and-rewire).
"""
