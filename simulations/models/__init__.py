"""The simulation models. Each one is a :class:`mesa.Model` whose people are Mesa agents.

Subpackages and modules:

* ``base`` — the one template every model follows (:class:`~simulations.models.base.PopulationModel`:
  it owns ``step()``, the engines, fixed people, seeding, recording and ``run``; a
  model provides documented hooks — read its module docstring first).
* ``discrete`` — the template for a few discrete states per person (hoax, rumour, SIS, …).
* ``pairs`` — random pair meetings in rounds of disjoint pairs (exactly the sequential sweep).
* ``hoax`` — hoax / fact-checking model (Tambuscio et al. 2015), two engines, mean field,
  and the array-only mode for millions of people (:mod:`simulations.models.hoax.arrays`).
* ``rumour`` — Daley–Kendall and Maki–Thompson rumour models.
* ``opinion`` — opinion dynamics and echo chambers (Deffuant, algorithmic bias, Hegselmann–Krause,
  Friedkin–Johnsen/DeGroot, Baumann et al., unfollow-and-rewire), one results schema.
* ``registry`` — every model by name with its parameter table (``python -m simulations models``).
"""
