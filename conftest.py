"""Repository-wide pytest set-up (applies to tests/ and to the notebooks collected by nbval)."""

import os

# Notebook kernels inherit this: simulations.course.notebook.setup() then keeps real tracebacks, so nbval
# fails on any cell that raises and is not tagged raises-exception (the friendly Indonesian
# handler would otherwise turn the error into ordinary output that nbval cannot see).
os.environ.setdefault("TANGGUH_STRICT_ERRORS", "1")
