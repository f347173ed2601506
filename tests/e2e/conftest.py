"""Register the marker of the browser tests (pyproject.toml is shared; this keeps it local)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end-to-end test in JupyterLab + Chromium (slow-ish)")
