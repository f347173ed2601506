"""Figures for the notebooks: each function returns a matplotlib Figure and never calls ``show``.

One module per model family (``plots.hoax``, ``plots.opinion``, …); shared colours and markers in
:mod:`simulations.plots.style`. Every figure in a notebook is paired with a text summary (for screen
readers and colour-blind readers), produced by the matching ``summarise_*`` function.
"""
