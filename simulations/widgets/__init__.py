"""ipywidgets 8 explorers for the notebooks.

Pattern (see :mod:`simulations.widgets.base`): every explorer derives from
:class:`~simulations.widgets.base.Explorer`, whose callbacks are wrapped with
:func:`~simulations.widgets.base.guarded` (one error path: the package error's Indonesian ``.pesan``,
or a short Indonesian sentence for anything else); explicit controls built from a model's parameter
table, a Run button for anything slower than ~0.3 s, ``continuous_update=False`` on sliders, an
``Output`` of fixed height cleared with ``clear_output(wait=True)``, a text summary beside every
figure, and errors shown in Indonesian (never a traceback). The logic lives in pure functions
(``run_*``, ``summarise_*``) so tests drive an explorer headlessly by setting ``.value`` and calling
``.update()``.
"""
