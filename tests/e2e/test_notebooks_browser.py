"""Every notebook in a real JupyterLab, driven by Debian's Chromium through Playwright.

nbval proves the code runs in a kernel; this proves a trainer *sees* working explorers: the widget
front end loads (no "Error displaying widget", no version mismatch between ipywidgets and
JupyterLab), Run All gives no error output, and moving a control of one explorer per notebook
changes its figure or summary. A screenshot per notebook lands in ``artifacts/screenshots/``.

Set-up, once per test module (so once per pytest-xdist worker under ``--dist loadscope``):

- JupyterLab from this Python environment on 127.0.0.1, a free port, a random token, temporary
  config/runtime/settings/workspace folders, autosave off, and a temporary root that holds a *copy*
  of ``notebooks/`` (the originals are never written) with links to the rest of the repository;
  it is stopped (process group: server and kernels) whatever happens.
- JupyterLab's application directory is a temporary one (``$JUPYTERLAB_DIR``: links to the
  installed ``static``, ``schemas`` and ``themes``) whose ``settings/overrides.json`` is installed
  by ``jupyter/install_overrides.py`` exactly as ``make lab`` does: the interface is Indonesian
  and asks nothing about news, as participants see it, whatever the developer's own venv holds.
- Chromium from ``/usr/bin/chromium`` (or ``$TANGGUH_CHROMIUM``), never a downloaded browser.

Without Chromium or Playwright the tests are skipped with a loud reason on a developer machine and
FAIL under CI (``CI=true``), where ``.ci/run`` installs Chromium.

Which explorer to move in each notebook is data in ``explorers.yaml`` beside this file. Run only
these tests with ``pytest tests/e2e -p no:randomly -v``; set ``TANGGUH_E2E_NOTEBOOKS=/some/dir`` to
point them at another folder of notebooks while developing.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: shared helpers
from free_ports import free_port  # noqa: E402
from lab_i18n import label  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = Path(os.environ.get("TANGGUH_E2E_NOTEBOOKS", REPO / "notebooks"))
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if not p.name.startswith("."))
SPEC = yaml.safe_load((Path(__file__).parent / "explorers.yaml").read_text(encoding="utf-8"))
SELFTEST_DIR = Path(__file__).parent / "selftest"  # deliberately broken notebooks
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("TANGGUH_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Flags the closed network here needs (see the machine notes): without the background-networking
# ones Chromium keeps trying to reach Google's hosts and its connections are refused.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

RUN_ALL_TIMEOUT_S = 300  # a notebook must run in well under a minute; this only catches hangs
CHANGE_TIMEOUT_S = 120
WIDGET_ERROR_TEXTS = (
    "Error displaying widget",
    "Click to show javascript error",  # ipywidgets 8's error view (unknown module, bad version)
    "Failed to load model class",
    "Failed to create view",
    "Error rendering output",
    "Could not render content for",
    "Traceback (most recent call last)",
    # the project's own friendly error boxes (simulations.course.notebook / simulations.widgets.base)
    "Masukan tidak valid",
    "Tidak bisa dijalankan",
)
# A pink box: a stream on stderr (warnings) rendered in the page, inside widget outputs too.
STDERR_SELECTOR = '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def _missing_browser_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium; .ci/run does this)"
    return None


def _skip_or_fail(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if IN_CI:
        pytest.fail(message + " — CI must run them", pytrace=False)
    pytest.skip(message)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def _app_dir_with_project_settings(app_dir: Path) -> Path:
    """Return a JupyterLab application directory that shares the installed build.

    Links ``static``, ``schemas`` and ``themes`` (everything but ``settings``) of this Python's
    JupyterLab, so ``settings/overrides.json`` can be installed there without touching the venv.
    jupyterlab-rise reads the same directory (``get_app_dir()``) for its slides.
    """
    from jupyterlab.commands import get_app_dir

    installed = Path(get_app_dir())
    app_dir.mkdir(parents=True)
    for entry in installed.iterdir():
        if entry.name != "settings":
            (app_dir / entry.name).symlink_to(entry)
    return app_dir


@dataclass
class Lab:
    """A running JupyterLab: base URL, token and its log file."""

    url: str
    token: str
    log: Path

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Start JupyterLab on a copy of the notebooks; stop it (and its kernels) whatever happens."""
    reason = _missing_browser_reason()
    if reason:
        _skip_or_fail(reason)
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    root.mkdir()
    for entry in REPO.iterdir():  # links keep relative paths such as ../datasets working
        if entry.name not in {".git", ".venv", "notebooks", "artifacts"}:
            (root / entry.name).symlink_to(entry)
    shutil.copytree(
        NOTEBOOK_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )

    (root / "e2e_selftest").mkdir()
    for broken in SELFTEST_DIR.glob("*.ipynb.json"):  # .json so nbval does not collect them
        shutil.copy(broken, root / "e2e_selftest" / broken.name.removesuffix(".json"))
    settings = base / "settings"
    _write_json(
        settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings",
        {"autosave": False},
    )
    _write_json(
        settings / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings",
        # "none": every cell stays in the DOM, so the checks below see all outputs
        {"windowingMode": "none", "autoStartDefaultKernel": True},
    )
    env = {
        # Participants' view: friendly Indonesian errors (the root conftest sets strict errors
        # for nbval; the browser must see what a trainer sees).
        **{k: v for k, v in os.environ.items() if k != "TANGGUH_STRICT_ERRORS"},
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "IPYTHONDIR": str(base / "ipython"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTERLAB_DIR": str(_app_dir_with_project_settings(base / "lab")),
    }
    installed = subprocess.run(  # the same step as `make lab` (and postBuild, install.sh)
        [sys.executable, str(REPO / "jupyter" / "install_overrides.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    port, token = free_port(), secrets.token_hex(16)
    log = base / "jupyterlab.log"
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: read cell models, kernel state
        "--LabApp.news_url=",
        "--ServerApp.allow_remote_access=False",
        "--allow-root",  # CI runs as root
    ]  # fmt: skip
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    lab_ = Lab(url=f"http://127.0.0.1:{port}", token=token, log=log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited with {proc.returncode}:\n{lab_.log_tail()}", pytrace=False
                )
            try:
                with urllib.request.urlopen(f"{lab_.url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"JupyterLab did not start in 90 s:\n{lab_.log_tail()}", pytrace=False
                    )
                time.sleep(0.5)
        yield lab_
    finally:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)  # the server and the kernels it started
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue


@pytest.fixture(scope="module")
def browser(lab: Lab) -> Iterator[Any]:
    """Debian's Chromium under Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        pw.stop()


# --- helpers running in the page ------------------------------------------------------------

JS_READY = """() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext || !nb.context.isReady) return false;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && nb.content.widgets.length > 0;
}"""

JS_STATE = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  let pending = 0, executed = 0;
  for (const cell of nb.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (prompt && prompt.textContent.includes('*')) pending += 1;
    if (cell.model.executionCount !== null) executed += 1;
  }
  return {status: k ? k.status : 'none', pending, executed};
}"""

JS_CELLS = """() => {
  const STDERR_SELECTOR = '__STDERR__';
  const nb = window.jupyterapp.shell.currentWidget;
  return nb.content.widgets.map((cell, i) => {
    const m = cell.model;
    const out = {i, id: m.id, type: m.type, tags: m.getMetadata('tags') || [], count: null,
                 outputs: [], text: '', stderrBoxes: []};
    if (m.type === 'code') {
      out.count = m.executionCount;
      out.outputs = m.outputs.toJSON().map(o => ({
        type: o.output_type, name: o.name || null, ename: o.ename || null, evalue: o.evalue || null,
        mimes: Object.keys(o.data || {}),
        text: typeof o.text === 'string' ? o.text : (o.text || []).join('')}));
      const area = cell.node.querySelector('.jp-OutputArea');
      out.text = area ? area.innerText : '';
      out.widgetViews = cell.node.querySelectorAll('.jp-OutputArea .jupyter-widgets').length;
      out.widgetErrors = cell.node.querySelectorAll('.jupyter-widgets-error-widget').length;
      // inside ipywidgets Output areas (the cell's own outputs are read from the model below:
      // JupyterLab renders error tracebacks with the same stderr MIME type)
      out.stderrBoxes = [...cell.node.querySelectorAll('.widget-output ' + STDERR_SELECTOR)]
        .map(box => box.innerText.trim().slice(0, 300));
    }
    return out;
  });
}""".replace("__STDERR__", STDERR_SELECTOR)

# What an explorer shows (figures and text), leaving out the controls themselves (slider readouts).
JS_SNAPSHOT = """(area) => {
  const parts = [];
  area.querySelectorAll('img').forEach(img => parts.push(img.src.length + ':' + img.src.slice(-200)));
  area.querySelectorAll('svg').forEach(svg => parts.push(svg.outerHTML.length));
  area.querySelectorAll('.widget-output, .widget-html-content, .jp-RenderedHTMLCommon, pre')
      .forEach(el => parts.push(el.innerText));
  return parts.join('|');
}"""


def _wait_idle(page: Any, timeout_s: float, *, min_executed: int = 1) -> dict[str, Any]:
    """Wait until the kernel is idle with no queued cell, three polls in a row."""
    deadline, stable, state = time.monotonic() + timeout_s, 0, {}
    while time.monotonic() < deadline:
        state = page.evaluate(JS_STATE)
        done = (
            state["status"] == "idle"
            and state["pending"] == 0
            and state["executed"] >= min_executed
        )
        stable = stable + 1 if done else 0
        if stable >= 3:
            return state
        page.wait_for_timeout(500)
    raise AssertionError(f"kernel not idle after {timeout_s:.0f} s: {state}")


def _problems(cells: list[dict[str, Any]]) -> list[str]:
    """Everything a trainer would see go wrong after Run All (cells as read by JS_CELLS)."""
    problems: list[str] = []
    for cell in cells:
        if cell["type"] != "code":
            continue
        expected_error = "raises-exception" in cell["tags"]
        where = f"cell {cell['i']} ({cell.get('id') or 'no id'})"
        if cell["count"] is None:
            problems.append(f"{where} did not run (Run All stopped earlier?)")
        for out in cell["outputs"]:
            if out["type"] == "error" and not expected_error:
                problems.append(f"{where}: {out['ename']}: {out['evalue']}")
            if out["type"] == "stream" and out["name"] == "stderr":  # a pink box
                problems.append(f"{where}: stderr box in the page: {out['text'].strip()[-300:]}")
        if not expected_error:
            problems += [f"{where} shows '{t}'" for t in WIDGET_ERROR_TEXTS if t in cell["text"]]
        views = sum(
            "application/vnd.jupyter.widget-view+json" in o["mimes"] for o in cell["outputs"]
        )
        if views and not cell["widgetViews"]:
            problems.append(
                f"{where}: {views} widget output(s) but no widget rendered "
                "(front-end extension missing?)"
            )
        if cell.get("widgetErrors"):
            problems.append(f"{where}: {cell['widgetErrors']} widget(s) failed to render")
        for text in cell.get("stderrBoxes", []):  # warnings: pink boxes participants read
            problems.append(f"{where}: stderr box in a widget output: {text}")
        if "Loading widget..." in cell["text"]:
            problems.append(f"{where}: widget still 'Loading widget...' after the kernel went idle")
    return problems


def _open_and_run_all(page: Any, lab: Lab, path: str) -> None:
    """Open ``path`` (relative to the lab root), Run → Run All Cells, wait for the kernel."""
    page.goto(f"{lab.url}/lab/tree/{path}?reset&token={lab.token}")
    page.wait_for_function(JS_READY, timeout=120_000, polling=500)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the notebook
    # Run → Run All Cells, through the menu as a trainer would, by the labels the Indonesian
    # language pack gives them (English where the pack has no translation).
    page.locator(".lm-MenuBar-item", has_text=label("Run", "menu")).first.click()
    page.get_by_role("menuitem", name=label("Run All Cells"), exact=True).click()
    page.wait_for_timeout(1000)
    _wait_idle(page, RUN_ALL_TIMEOUT_S)


def _shutdown_and_close(page: Any) -> None:
    """Shut down the current notebook's kernel (if any) and close the page."""
    try:
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    except Exception:  # noqa: BLE001 - the server is stopped at the end anyway
        pass
    page.close()


def _spec(stem: str) -> dict[str, Any]:
    return {**SPEC.get("_default", {}), **(SPEC.get(stem) or {})}


def _find_explorer(page: Any, spec: dict[str, Any]) -> tuple[Any, Any | None]:
    """Return (output area, run button or None) of the explorer the spec names."""
    areas = page.locator(".jp-Notebook .jp-Cell .jp-OutputArea")
    button_text = str(spec.get("button") or "")
    if button_text:
        with_button = areas.filter(
            has=page.locator("button.jupyter-button", has_text=button_text)  # case-insensitive
        )
        if with_button.count() > spec["explorer"]:
            area = with_button.nth(spec["explorer"])
            return area, area.locator("button.jupyter-button", has_text=button_text).first
    with_control = areas.filter(
        has=page.locator(".jupyter-widgets .noUi-handle, .jupyter-widgets select")
    )
    if with_control.count() > spec["explorer"]:
        area = with_control.nth(spec["explorer"])
        buttons = area.locator("button.jupyter-button")  # a Run button with another label
        return area, (buttons.first if buttons.count() else None)
    raise AssertionError(
        f"no explorer found (no widget area with a '{button_text}' button, slider or dropdown); "
        "add one, or set skip_interaction with a reason in tests/e2e/explorers.yaml"
    )


def _move_control(page: Any, area: Any, spec: dict[str, Any]) -> str:
    """Change one control of the explorer; return a description of what was done."""
    control, index = spec.get("control", "slider"), int(spec.get("index", 0))
    if control == "slider":
        handles = area.locator(".noUi-handle")
        if handles.count() <= index:
            control = "dropdown"  # explorer without sliders: try a dropdown
        else:
            handle = handles.nth(index)
            track = area.locator(".noUi-target").nth(index)
            track.scroll_into_view_if_needed()
            before = handle.get_attribute("aria-valuenow")
            # Click the track (noUiSlider's "tap"), as a trainer would: away from the handle.
            box, knob = track.bounding_box(), handle.bounding_box()
            assert box and knob, f"slider {index} is not visible"
            frac = (knob["x"] + knob["width"] / 2 - box["x"]) / box["width"]
            target = frac - 0.25 if frac > 0.5 else frac + 0.25
            page.mouse.click(box["x"] + target * box["width"], box["y"] + box["height"] / 2)
            after = handle.get_attribute("aria-valuenow")
            if after == before:  # fall back to the keyboard
                handle.focus()
                for _ in range(int(spec.get("steps", 3))):
                    handle.press("ArrowRight" if frac < 0.5 else "ArrowLeft")
                after = handle.get_attribute("aria-valuenow")
            assert after != before, f"slider {index} did not move ({before})"
            return f"slider {index}: {before} -> {after}"
    if control == "dropdown":
        selects = area.locator("select")
        assert selects.count() > index, "explorer has neither a slider nor a dropdown to move"
        select = selects.nth(index)
        options = select.locator("option")
        current = select.evaluate("s => s.selectedIndex")
        target = (current + 1) % options.count()
        select.select_option(index=target)
        return f"dropdown {index}: option {current} -> {target}"
    return "no control moved"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_explorer_responds(notebook: Path, lab: Lab, browser: Any) -> None:
    """Open, Run All, check outputs and widgets, move one explorer, save a screenshot (00: answer its forms)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    spec = _spec(notebook.stem)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    page.set_default_timeout(60_000)
    try:
        _open_and_run_all(page, lab, f"notebooks/{notebook.name}")

        problems = _problems(page.evaluate(JS_CELLS))
        assert not problems, "\n".join(problems + ["console errors:", *console_errors[-10:]])

        if spec.get("skip_interaction"):
            note = f"interaction skipped: {spec['skip_interaction']}"
            figures = page.locator(".jp-Notebook .jp-OutputArea img")
            if figures.count():  # screenshot the first figure rather than the last cell
                figures.first.scroll_into_view_if_needed()
        else:
            area, button = _find_explorer(page, spec)
            area.scroll_into_view_if_needed()
            before = area.evaluate(JS_SNAPSHOT)
            assert before, "the explorer shows no figure or summary before it is moved"
            note = _move_control(page, area, spec)
            if button is not None:
                button.click()
                note += ", pressed Run"
            page.wait_for_timeout(500)
            deadline = time.monotonic() + CHANGE_TIMEOUT_S
            while area.evaluate(JS_SNAPSHOT) == before:
                assert time.monotonic() < deadline, f"explorer did not change after: {note}"
                page.wait_for_timeout(500)
            _wait_idle(page, CHANGE_TIMEOUT_S)
            after_text = area.inner_text()
            for text in WIDGET_ERROR_TEXTS:
                assert text not in after_text, f"explorer shows '{text}' after: {note}"
            boxes = area.locator(STDERR_SELECTOR).all_inner_texts()
            assert not boxes, f"explorer shows a stderr box after {note}: {boxes}"
            area.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}.png"))
        if notebook.stem == "00_mulai_di_sini":  # its exercise forms, on the same page
            note += "; " + _answer_exercise_forms_00(page)
        print(f"{notebook.stem}: {note}; screenshot {SCREENSHOTS / (notebook.stem + '.png')}")
    except BaseException:
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}-FAILED.png"))
        except Exception:  # noqa: BLE001 - the original failure matters more
            pass
        print(f"JupyterLab log tail:\n{lab.log_tail()}")
        raise
    finally:
        _shutdown_and_close(page)


def test_checks_catch_a_broken_notebook(lab: Lab, browser: Any) -> None:
    """Self-test: a notebook with a broken widget and an untagged error must be reported."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        _open_and_run_all(page, lab, "e2e_selftest/broken.ipynb")
        problems = "\n".join(_problems(page.evaluate(JS_CELLS)))
    finally:
        _shutdown_and_close(page)
    assert "cell 1 (ae38b3cf): 1 widget(s) failed to render" in problems, problems
    assert "cell 2 " not in problems, problems  # tagged raises-exception
    # a warning printed by the cell and one inside an ipywidgets Output: both pink boxes
    assert "cell 3 (e2e-stderr): stderr box in the page: UserWarning: printed" in problems
    assert "cell 3 (e2e-stderr): stderr box in a widget output: UserWarning: in a" in problems
    assert "cell 4 (1743d12c): ZeroDivisionError" in problems, problems
    assert "cell 5 (36cc81de) did not run" in problems, problems


def test_rise_slideshow_renders(lab: Lab, browser: Any) -> None:
    """jupyterlab-rise is loaded in the real JupyterLab and renders the first notebook as slides."""
    if not NOTEBOOKS:
        pytest.skip("no notebooks")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{lab.url}/lab/tree/notebooks/{NOTEBOOKS[0].name}?reset&token={lab.token}")
        page.wait_for_function(JS_READY, timeout=120_000, polling=500)
        has = page.evaluate("() => window.jupyterapp.commands.hasCommand('RISE:preview')")
        assert has, "RISE commands missing: jupyterlab-rise is not loaded in JupyterLab"
        page.evaluate("() => window.jupyterapp.commands.execute('RISE:preview')")
        frame = page.frame_locator("iframe").first
        frame.locator(".reveal .slides section").first.wait_for(timeout=60_000)
        slides = frame.locator(".reveal .slides section").count()
        assert slides >= 1, "RISE preview shows no slide"
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / f"{NOTEBOOKS[0].stem}-slides.png"))
    finally:
        _shutdown_and_close(page)


def test_interface_is_indonesian_without_news(lab: Lab, browser: Any) -> None:
    """The project's overrides make JupyterLab Indonesian and silent about news (screenshot kept).

    Labels come from the installed language pack (tests/lab_i18n.py): the pack translates menu
    items such as Run → "Run All Cells" but, at 4.5.post3, not the menu-bar titles themselves.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for plugin, key, value in (
        ("@jupyterlab/translation-extension:plugin", "locale", "id_ID"),
        ("@jupyterlab/apputils-extension:notification", "fetchNews", "false"),
        ("@jupyterlab/apputils-extension:notification", "checkForUpdates", False),
    ):
        url = f"{lab.url}/lab/api/settings/{plugin}?token={lab.token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            schema = json.load(response)["schema"]  # overrides.json sets the schema defaults
        assert schema["properties"][key]["default"] == value, (plugin, key)
    run_all = label("Run All Cells")
    assert run_all != "Run All Cells", "the language pack no longer translates 'Run All Cells'"
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{lab.url}/lab/tree/notebooks/{NOTEBOOKS[0].name}?reset&token={lab.token}")
        page.wait_for_function(JS_READY, timeout=120_000, polling=500)
        header = page.locator(".jp-DirListing-headerItem.jp-id-name").first
        assert label("Name") in header.inner_text(), header.inner_text()
        page.wait_for_timeout(3000)  # the news question would be a toast by now
        toasts = page.locator(".Toastify__toast").all_inner_texts()
        assert not toasts, f"notifications shown to participants: {toasts}"
        page.locator(".lm-MenuBar-item", has_text=label("Run", "menu")).first.click()
        item = page.get_by_role("menuitem", name=run_all, exact=True)
        item.wait_for(state="visible")
        kernel_items = {label("Interrupt Kernel"), label("Restart Kernel…")}
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab_bahasa_indonesia.png"))
        page.keyboard.press("Escape")
        page.locator(".lm-MenuBar-item", has_text=label("Kernel", "menu")).first.click()
        shown = set(page.locator(".lm-Menu .lm-Menu-itemLabel").all_inner_texts())
        assert kernel_items <= shown, (kernel_items, shown)
        page.keyboard.press("Escape")
    finally:
        _shutdown_and_close(page)


def test_notebooks_exist() -> None:
    """The browser tests are parametrised by glob: make sure the glob found something."""
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOK_DIR}"


def _wait_for_text(page: Any, locator: Any, text: str, timeout_s: float = 60) -> str:
    """Poll ``locator`` (re-queried each time: a widget re-renders its HTML) until it shows ``text``."""
    deadline = time.monotonic() + timeout_s
    while True:
        shown = locator.inner_text() if locator.count() else ""
        if text in shown:
            return shown
        assert time.monotonic() < deadline, f"{text!r} not shown after {timeout_s:.0f} s: {shown!r}"
        page.wait_for_timeout(300)


def _answer_exercise_forms_00(page: Any) -> str:
    """Answer Latihan 0.1 and 0.2 of notebook 00 after its Run All, with mouse and keyboard.

    What a participant does, nothing else: a number with a decimal comma goes into the form's text
    box (the form echoes the value it read), **Periksa** in the check cell gives Indonesian
    feedback, the participant code and **Simpan jawaban** give an answer code ``TDX1.…``; in 0.2 a
    text with quotes and an apostrophe goes into a text area whose word counter follows the
    typing. Screenshots in ``artifacts/screenshots/``: ``latihan_form.png`` (the saved form and its
    code), ``latihan_form_periksa.png`` (the feedback), ``latihan_form_teks.png`` (the text form).
    Called by the notebook test of 00 on its page (one Run All of the notebook, not two).
    """
    form = page.locator(".jp-OutputArea", has=page.locator("h4", has_text="Latihan 0.1"))
    check = page.locator(
        ".jp-OutputArea", has=page.locator(".td-umpan-balik", has_text="Puncak percaya hoaks")
    )
    number = form.locator("input[placeholder^='angka']")
    number.scroll_into_view_if_needed()
    number.fill("71,8")
    form.locator("text=terbaca: 71,8").wait_for()
    check.locator("button.jupyter-button", has_text="Periksa").click()
    feedback = check.locator(".td-umpan-balik")
    text = _wait_for_text(page, feedback, "tepat")  # "tepat!" or "belum tepat — …"
    assert "Puncak percaya hoaks" in text and "belum diisi" not in text, text
    assert "Traceback" not in text and "Tidak bisa dijalankan" not in text, text
    check.screenshot(path=str(SCREENSHOTS / "latihan_form_periksa.png"))
    form.locator("input[placeholder^='mis. P07']").fill("P07")
    form.locator("button.jupyter-button", has_text="Simpan jawaban").click()
    form.locator(".td-kode-teks").wait_for()
    code = form.locator(".td-kode-teks").input_value()
    assert code.startswith("TDX1.P07.0-1."), code
    form.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "latihan_form.png"))

    second = page.locator(".jp-OutputArea", has=page.locator("h4", has_text="Latihan 0.2"))
    second.locator("input[type='radio']").nth(1).check()  # "Laptop sendiri (make lab)"
    area = second.locator("textarea")
    area.fill('Unduh notebook lewat "File → Download"; jangan lupa kode jawaban Ibu\'s grup.')
    second.locator(".td-kata", has_text="11 kata").wait_for()
    assert second.locator("input[placeholder^='mis. P07']").input_value() == "P07"  # shared code
    check2 = page.locator(
        ".jp-OutputArea", has=page.locator(".td-umpan-balik", has_text="Bagaimana Anda tahu")
    )
    check2.locator("button.jupyter-button", has_text="Periksa").click()
    _wait_for_text(page, check2.locator(".td-umpan-balik"), "terisi (11 kata)")
    second.locator("button.jupyter-button", has_text="Simpan jawaban").click()
    second.locator("text=Tersimpan").wait_for()
    second.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "latihan_form_teks.png"))
    return "Latihan 0.1 and 0.2 answered, checked and saved"
