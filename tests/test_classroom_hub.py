"""The classroom server end to end: a real JupyterHub + configurable-http-proxy on 127.0.0.1.

What a class does, through the hub's own HTTP interface: participants (codes from a list) log in
with the passwords ``classroom/kelas.py`` set, start their servers (each as its own OS user), run
notebook 00's pre-test cells in a kernel and save; the answers arrive in the drop box, which other
participants can neither list nor read; wrong codes/passwords get 403; the trainer's evaluation
reads every answer; the hub restarts without losing anything; the idle culler stops an idle server;
and one participant logs in with Chromium and runs notebook 00.

Needs root (``useradd``) and the hub installed by ``classroom/install.sh`` (``.ci/run`` does both).
Skipped loudly otherwise on a developer machine; under ``CI=true`` these tests fail instead.
Accounts created here start with ``ztgt`` and are removed at the end, whatever happens.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "classroom"))

import kelas  # noqa: E402

PREFIX = Path(os.environ.get("TANGGUH_HUB_PREFIX", "/opt/tangguh-hub"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("TANGGUH_CHROMIUM", "/usr/bin/chromium")
CODES = ["ZTGT01", "ZTGT02"]
TRAINER = "ztgt-pelatih"
CULL_TIMEOUT, CULL_EVERY = 20, 5  # seconds, only for the culler check (production: >= 3600)

pytestmark = pytest.mark.timeout(600)


def _skip_or_fail(reason: str) -> None:
    message = f"CLASSROOM HUB TESTS NOT RUN: {reason}"
    if IN_CI:
        pytest.fail(message + " — CI must run them (.ci/run installs the hub)", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cleanup_accounts() -> None:
    """Remove every account a previous (crashed) run of these tests left."""
    leftovers = [
        e.pw_name
        for e in pwd.getpwall()
        if e.pw_name.startswith("ztgt") and e.pw_gecos.startswith(kelas.MARKER)
    ]
    kelas.remove(users=leftovers)


class Hub:
    """A classroom hub on 127.0.0.1 started the way ``kelas.py start`` does (umask 027)."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.settings = json.loads((state / "settings.json").read_text())
        self.url = f"http://127.0.0.1:{self.settings['port']}"
        self.passwords = json.loads((state / "passwords.json").read_text())
        self.proc: subprocess.Popen | None = None
        self.log = state / "hub.log"

    def start(self, timeout: float = 60) -> None:
        cmd, env = kelas.hub_command(self.state)
        with self.log.open("a") as log:
            self.proc = subprocess.Popen(
                cmd,
                env=env,
                cwd=self.state,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=lambda: os.umask(0o027),
                start_new_session=True,
            )
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"hub exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise AssertionError(f"hub not answering after {timeout} s:\n{self.tail()}")

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the hub (it stops the proxy and the servers), then kill what is left."""
        if self.proc is None:
            return
        try:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        finally:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the proxy runs in the hub's group
            except ProcessLookupError:
                pass
            self.proc = None

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def participant(self, code: str, password: str | None = None):
        from client import Participant

        pw = self.passwords[code.lower()] if password is None else password
        return Participant(self.url, code, pw)


@pytest.fixture(scope="module")
def hub():
    """Install check, accounts, drop box, a running hub; everything removed afterwards."""
    if os.geteuid() != 0:
        _skip_or_fail("they need root (useradd, PAM passwords, one process per OS user)")
    if not (PREFIX / "venv" / "bin" / "jupyterhub").exists():
        _skip_or_fail(f"the hub is not installed in {PREFIX} (run: sudo classroom/install.sh)")
    # the hub runs the workbook from PREFIX/src: refresh it from this checkout (fast when installed)
    subprocess.run(
        ["bash", str(REPO / "classroom" / "install.sh"), "--prefix", str(PREFIX)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    _cleanup_accounts()
    base = Path(tempfile.mkdtemp(prefix="ztgt-"))
    base.chmod(0o711)  # participants must be able to traverse to the drop box, not list
    state = base / "state"
    codes = base / "peserta.txt"
    codes.write_text("# kode peserta, satu per baris\n" + "\n".join(CODES) + "\n")
    hub = None
    try:
        kelas.setup(
            codes,
            state=state,
            trainer=TRAINER,
            dropbox=base / "kotak",
            ip="127.0.0.1",
            port=_free_port(),
            hub_port=_free_port(),
            proxy_api_port=_free_port(),
            prefix=PREFIX,
        )
        settings = json.loads((state / "settings.json").read_text())
        settings["spawner_args"] = ["--LabApp.expose_app_in_browser=True"]  # for the browser check
        (state / "settings.json").write_text(json.dumps(settings))
        hub = Hub(state)
        hub.start()
        yield hub
    finally:
        if hub is not None:
            hub.stop()
        kelas.remove(state)
        _cleanup_accounts()
        shutil.rmtree(base, ignore_errors=True)


def _as_user(user: str, code: str, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run Python code as ``user`` with the hub's interpreter (the participant's own rights)."""
    entry = pwd.getpwnam(user)
    return subprocess.run(
        [str(PREFIX / "venv" / "bin" / "python"), "-c", code],
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        cwd=cwd or entry.pw_dir,
        env={"HOME": entry.pw_dir, "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---------------------------------------------------------------------------------------------


def test_setup_accounts_homes_and_dropbox(hub: Hub) -> None:
    """Homes are 0700 with a copy of the notebooks; the drop box is 3733 and owned by the trainer."""
    for code in CODES:
        entry = pwd.getpwnam(code.lower())
        home = Path(entry.pw_dir)
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        nb = home / kelas.WORKSPACE / "00_mulai_di_sini.ipynb"
        assert nb.stat().st_uid == entry.pw_uid
        assert nb.read_bytes() == (PREFIX / "src" / "notebooks" / nb.name).read_bytes()
    box = Path(hub.settings["dropbox"])
    st = box.stat()
    assert stat.S_IMODE(st.st_mode) == 0o3733
    assert pwd.getpwuid(st.st_uid).pw_name == TRAINER
    cards = (hub.state / "kartu_peserta.txt").read_text()
    assert all(code in cards and hub.passwords[code.lower()] in cards for code in CODES)
    assert stat.S_IMODE((hub.state / "kartu_peserta.html").stat().st_mode) == 0o600


def test_wrong_code_or_password_gets_403(hub: Hub) -> None:
    assert hub.participant(CODES[0], "salah-sandi").login() == 403
    assert hub.participant("ZTGT99", hub.passwords[CODES[0].lower()]).login() == 403
    # a real account that is not on the list (the trainer's password, another name) is refused too
    assert hub.participant("root", hub.passwords[TRAINER]).login() == 403


def _pretest_cells(p) -> dict[str, str]:
    """The set-up and pre-test cells of the participant's own copy of notebook 00 (by cell id)."""
    r = p.contents(f"{kelas.WORKSPACE}/00_mulai_di_sini.ipynb")
    assert r.status_code == 200, r.text[:200]
    cells = {c["id"]: c["source"] for c in r.json()["content"]["cells"]}
    return {k: "".join(v) if isinstance(v, list) else v for k, v in cells.items()}


FILL = """
quiz = _
quiz.code.value = {code!r}
for item, inp in zip(quiz.items, quiz.inputs):
    if item.kind == "pilihan_ganda":
        right = item.key
        wrong = next(k for k in item.options if k != item.key)
        inp.value = right if {correct} else wrong
    else:
        inp.value = str(item.key if {correct} else item.key + 10 * item.tolerance + 7)
print("SAVED", quiz.save())
"""


@pytest.fixture(scope="module")
def answered(hub: Hub) -> dict[str, object]:
    """Both participants log in, start their servers and run notebook 00's pre-test in a kernel.

    ZTGT01 answers everything wrong on the pre-test and right on the post-test; ZTGT02 the other
    way round, so the evaluation has known scores to find.
    """
    people = {}
    for n, code in enumerate(CODES):
        p = hub.participant(code)
        assert p.login() == 302, hub.tail()
        p.start_server()
        cells = _pretest_cells(p)
        p.start_kernel(f"{kelas.WORKSPACE}/00_mulai_di_sini.ipynb")  # runs in the notebook's folder
        for cid in ("nb00-02", "nb00-pretest"):
            r = p.execute(cells[cid])
            assert r["status"] == "ok", (cid, r)
        r = p.execute(FILL.format(code=code, correct=n == 1))
        assert r["status"] == "ok" and "SAVED" in r["stdout"], r
        post = cells["nb00-pretest"].replace('phase="pre"', 'phase="post"')
        post = post.replace("pretest.csv", "posttest.csv")
        assert 'phase="post"' in post
        assert p.execute(post)["status"] == "ok"
        r = p.execute(FILL.format(code=code, correct=n == 0))
        assert r["status"] == "ok" and "SAVED" in r["stdout"], r
        people[code] = p
    return people


def test_servers_run_as_their_own_user(hub: Hub, answered) -> None:
    for code, p in answered.items():
        r = p.execute(
            "import os; print(os.getuid(), oct(os.umask(0o027)), os.environ['TANGGUH_DROPBOX'])"
        )
        uid, umask, box = r["stdout"].split()
        assert int(uid) == pwd.getpwnam(code.lower()).pw_uid
        assert umask == "0o27"
        assert box == hub.settings["dropbox"]


def _submitted(box: Path, user: str, kind: str, name: str) -> list[Path]:
    """The copies of one file in the drop box (each save is a new file with a random part)."""
    return sorted(box.glob(f"{user}__{kind}__*__{name}"), key=lambda f: f.stat().st_mtime)


def test_pretest_answers_arrive_in_the_dropbox(hub: Hub, answered) -> None:
    box = Path(hub.settings["dropbox"])
    trainer_gid = pwd.getpwnam(TRAINER).pw_gid
    for code in CODES:
        user = code.lower()
        for kind, name in (("jawaban-pre", "pretest.csv"), ("jawaban-post", "posttest.csv")):
            copies = _submitted(box, user, kind, name)
            assert len(copies) == 1, copies  # saved once
            f = copies[0]
            st = f.stat()
            assert pwd.getpwuid(st.st_uid).pw_name == user
            assert st.st_gid == trainer_gid  # setgid folder: the trainer's group can read it
            assert stat.S_IMODE(st.st_mode) == 0o640
            home_copy = Path(pwd.getpwnam(user).pw_dir) / kelas.WORKSPACE / name
            assert f.read_bytes() == home_copy.read_bytes()
            assert f.read_text().splitlines()[1].startswith(f"{code},{kind.split('-')[1]},prepost,")


PROBE = """
import os
def attempt(label, fn):
    try:
        fn()
        print(label, "ALLOWED")
    except PermissionError:
        print(label, "DENIED")
attempt("home", lambda: os.listdir({home!r}))
attempt("notebook", lambda: open({notebook!r}, "rb").read())
attempt("answers", lambda: open({answers!r}, "rb").read())
attempt("list-box", lambda: os.listdir({box!r}))
attempt("read-box", lambda: open({boxfile!r}, "rb").read())
attempt("write-box", lambda: open({boxfile!r}, "ab").write(b"x"))
attempt("delete-box", lambda: os.unlink({boxfile!r}))
"""


def test_participant_cannot_read_others_or_the_dropbox(hub: Hub, answered) -> None:
    """Tried for real, from participant 2's own kernel (the process the hub started for them)."""
    victim = CODES[0].lower()
    home = pwd.getpwnam(victim).pw_dir
    box = hub.settings["dropbox"]
    code = PROBE.format(
        home=home,
        notebook=f"{home}/{kelas.WORKSPACE}/00_mulai_di_sini.ipynb",
        answers=f"{home}/{kelas.WORKSPACE}/pretest.csv",
        box=box,
        boxfile=str(_submitted(Path(box), victim, "jawaban-pre", "pretest.csv")[0]),
    )
    r = answered[CODES[1]].execute(code)
    lines = dict(line.split() for line in r["stdout"].splitlines())
    assert lines == {
        "home": "DENIED",
        "notebook": "DENIED",
        "answers": "DENIED",
        "list-box": "DENIED",
        "read-box": "DENIED",
        "write-box": "DENIED",
        "delete-box": "DENIED",
    }, r
    # and the participant can still read their own submission (owner bits)
    own = str(_submitted(Path(box), CODES[1].lower(), "jawaban-pre", "pretest.csv")[0])
    r = answered[CODES[1]].execute(f"print(len(open({own!r}).read()) > 0)")
    assert r["stdout"].strip() == "True"


EVALUATE = """
import json
from simulations.course.dropbox import answers_from_dropbox, read_submissions
from simulations.course.evaluation import evaluate
pre, post = answers_from_dropbox("none.csv", "none.csv")
report = evaluate(pre, post)
print(json.dumps({
    "users": sorted({s.user for s in read_submissions()}),
    "pre": report.participants["pre_persen"].to_dict(),
    "post": report.participants["post_persen"].to_dict(),
}))
"""


def _as_trainer(hub: Hub, script: str) -> dict:
    """Run ``script`` as the trainer's OS user (group rights only) with the hub's drop-box setting."""
    entry = pwd.getpwnam(TRAINER)
    r = subprocess.run(
        [str(PREFIX / "venv" / "bin" / "python"), "-c", script],
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        cwd=entry.pw_dir,
        env={"HOME": entry.pw_dir, "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg",
             "TANGGUH_DROPBOX": hub.settings["dropbox"]},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_trainer_evaluation_reads_every_answer(hub: Hub, answered) -> None:
    """As the trainer's OS user (group rights only), with the drop-box setting the hub gives."""
    got = _as_trainer(hub, EVALUATE)
    assert got["users"] == [c.lower() for c in CODES]
    assert got["pre"] == {CODES[0]: 0.0, CODES[1]: 100.0}
    assert got["post"] == {CODES[0]: 100.0, CODES[1]: 0.0}


def test_participant_cannot_read_the_dropbox_with_the_evaluation(hub: Hub, answered) -> None:
    r = _as_user(
        CODES[1].lower(),
        "import os; os.environ['TANGGUH_DROPBOX'] = " + repr(hub.settings["dropbox"]) + "\n"
        "from simulations.core.errors import DataError\n"
        "from simulations.course.dropbox import read_submissions\n"
        "try:\n    read_submissions()\nexcept DataError as e:\n    print('DITOLAK', e.pesan)\n",
    )
    assert r.stdout.startswith("DITOLAK"), (r.stdout, r.stderr[-500:])


FORGE = """
import os, csv, io
box = os.environ["TANGGUH_DROPBOX"]
victim = {victim!r}
rows = io.StringIO()
w = csv.writer(rows)
w.writerow(["kode_peserta", "fase", "modul", "waktu", *{ids!r}])
w.writerow([victim.upper(), "pre", "prepost", "2025-01-06T08:00:00+00:00", *{keys!r}])
data = rows.getvalue().encode()
def attempt(label, fn):
    try:
        fn()
        print(label, "WRITTEN")
    except OSError as exc:
        print(label, "DENIED", exc.errno)
# 1. rows with the victim's code in a file of one's own
attempt("rows", lambda: open(f"{{box}}/{me}__jawaban-pre__0123456789abcdef__pretest.csv", "wb").write(data))
# 2. a sub-folder named after the victim
def folder():
    os.mkdir(f"{{box}}/{{victim}}")
    open(f"{{box}}/{{victim}}/{me}__jawaban-pre__0123456789abcdef__pretest.csv", "wb").write(data)
attempt("folder", folder)
# 3. a symbolic link named after the victim, to a file the victim owns
attempt("link", lambda: os.symlink({victim_file!r}, f"{{box}}/{{victim}}__jawaban-pre__x.csv"))
# 4. a file planted under the victim's (old, fixed) submission name
attempt("plant", lambda: open(f"{{box}}/{{victim}}__jawaban-post__posttest.csv", "wb").write(data))
"""

SAVE_AGAIN = """
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    path = quiz.save()
print("SAVED", path is not None, "WARNINGS", sum("kotak kumpul" in str(c.message) for c in caught))
"""

EVALUATE_NOTES = EVALUATE.replace(
    '"post": report.participants["post_persen"].to_dict(),',
    '"post": report.participants["post_persen"].to_dict(), "notes": report.notes,',
)


def test_forgeries_and_planted_files_are_refused_on_the_hub(hub: Hub, answered) -> None:
    """Issue 19, for real: participant 2 tries the four drop-box forgeries against participant 1."""
    from simulations.course.quiz import load_bank

    bank = load_bank()  # the hub runs PREFIX/src, refreshed from this checkout by the fixture
    ids = list(bank.ids)
    keys = [
        (bank[i].key if bank[i].kind == "pilihan_ganda" else f"{bank[i].key:g}")
        if bank[i].prepost
        else ""
        for i in ids
    ]
    victim, attacker = CODES[0].lower(), CODES[1].lower()
    victim_file = f"{pwd.getpwnam(victim).pw_dir}/{kelas.WORKSPACE}/pretest.csv"
    box = Path(hub.settings["dropbox"])
    forged = [
        box / f"{attacker}__jawaban-pre__0123456789abcdef__pretest.csv",
        box / victim,
        box / f"{victim}__jawaban-pre__x.csv",
        box / f"{victim}__jawaban-post__posttest.csv",
    ]
    try:
        _forge_and_check(hub, answered, bank, ids, keys, victim, attacker, victim_file, box)
    finally:  # the later tests compare the drop box before and after: leave only real saves
        for path in forged:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def _forge_and_check(hub, answered, bank, ids, keys, victim, attacker, victim_file, box) -> None:
    r = answered[CODES[1]].execute(
        FORGE.format(victim=victim, me=attacker, ids=ids, keys=keys, victim_file=victim_file)
    )
    tried = dict(line.split()[:2] for line in r["stdout"].splitlines())
    assert tried == {
        "rows": "WRITTEN",
        "folder": "WRITTEN",
        "link": "WRITTEN",
        "plant": "WRITTEN",
    }, r
    # the planted file does not block the victim's next save
    r = answered[CODES[0]].execute(SAVE_AGAIN)
    assert "SAVED True WARNINGS 0" in r["stdout"], r
    assert len(_submitted(box, victim, "jawaban-post", "posttest.csv")) == 2
    got = _as_trainer(hub, EVALUATE_NOTES)
    assert got["pre"] == {
        CODES[0]: 0.0,
        CODES[1]: 100.0,
    }  # the forged all-correct pre-test is not read
    assert got["post"] == {CODES[0]: 100.0, CODES[1]: 0.0}
    notes = "\n".join(got["notes"])
    assert f"kode peserta '{CODES[0]}' bukan milik pengirim berkas ({CODES[1]})" in notes
    assert f"{victim}: folder milik {attacker}" in notes
    assert "tautan simbolik" in notes
    assert f"atas nama {victim} tetapi pemilik berkasnya {attacker}" in notes


JS_READY = """() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext || !nb.context.isReady) return false;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && nb.content.widgets.length > 0;
}"""

JS_DONE = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  let pending = 0, executed = 0, errors = [], images = 0;
  for (const cell of nb.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (prompt && prompt.textContent.includes('*')) pending += 1;
    if (cell.model.executionCount !== null) executed += 1;
    const tags = cell.model.getMetadata('tags') || [];
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error' && !tags.includes('raises-exception')) errors.push(o.ename + ': ' + o.evalue);
    }
    images += cell.node.querySelectorAll('.jp-OutputArea img').length;
  }
  return {status: k ? k.status : 'none', pending, executed, errors, images};
}"""


def test_browser_login_and_run_notebook_00(hub: Hub) -> None:
    """Chromium: the hub's login page with a code and password, then Run All on notebook 00."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("the Python package 'playwright' is not installed")
    if not Path(CHROMIUM).exists():
        _skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]  # fmt: skip
    code = CODES[1]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{hub.url}/hub/login")
            page.fill("#username_input", code)
            page.fill("#password_input", hub.passwords[code.lower()])
            page.click("#login_submit")
            # the hub spawns the server and lands on the participant's copy of notebook 00
            try:
                page.wait_for_function(JS_READY, timeout=180_000, polling=500)
            except Exception:
                shot = REPO / "artifacts" / "screenshots" / "classroom_hub_login.png"
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot))
                raise AssertionError(
                    f"JupyterLab not ready at {page.url} (see {shot}):\n{hub.tail()}"
                ) from None
            assert (
                f"/user/{code.lower()}/lab/tree/{kelas.WORKSPACE}/00_mulai_di_sini.ipynb"
                in page.url
            )
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            deadline, stable, state = time.monotonic() + 240, 0, {}
            while time.monotonic() < deadline and stable < 3:
                page.wait_for_timeout(500)
                state = page.evaluate(JS_DONE)
                done = state["status"] == "idle" and state["pending"] == 0 and state["executed"] > 5
                stable = stable + 1 if done else 0
            assert stable >= 3, f"notebook 00 did not finish: {state}"
            assert state["errors"] == [], state
            assert state["images"] >= 1, state  # the explorer drew its figure
        finally:
            browser.close()


def test_restart_loses_nothing_and_culler_stops_idle_servers(hub: Hub, answered) -> None:
    """Stop the hub, restart it (with a short culler timeout), log in again: files are all there."""
    for p in answered.values():
        p.close_kernel()
    box = Path(hub.settings["dropbox"])
    before = {f.name: f.read_bytes() for f in box.iterdir()}
    hub.stop()
    settings = dict(hub.settings, cull_timeout=CULL_TIMEOUT, cull_every=CULL_EVERY)
    (hub.state / "settings.json").write_text(json.dumps(settings))
    hub.start()
    assert {f.name: f.read_bytes() for f in box.iterdir()} == before
    p = hub.participant(CODES[0].lower())  # the code in any case
    assert p.login() == 302
    p.start_server()
    r = p.contents(f"{kelas.WORKSPACE}/pretest.csv")
    assert r.status_code == 200 and CODES[0] in r.json()["content"]
    # idle culler: nothing touches this server now; it must be stopped after ~CULL_TIMEOUT s
    deadline = time.monotonic() + CULL_TIMEOUT + 4 * CULL_EVERY + 30
    while time.monotonic() < deadline:
        if not (p.api("GET", f"/users/{p.user}").json().get("servers") or {}):
            break
        time.sleep(2)
    else:
        raise AssertionError(f"idle server not culled:\n{hub.tail()}")


def test_setup_again_keeps_passwords_and_work_and_adds_codes(hub: Hub, answered) -> None:
    """Running `kelas.py setup` again (a code was forgotten) changes nothing for the others."""
    codes = hub.state.parent / "peserta.txt"
    codes.write_text(codes.read_text() + "ZTGT03\n")
    s = hub.settings
    box_before = sorted(p.name for p in Path(s["dropbox"]).iterdir())
    kelas.setup(
        codes,
        state=hub.state,
        trainer=TRAINER,
        dropbox=Path(s["dropbox"]),
        ip="127.0.0.1",
        port=s["port"],
        hub_port=s["hub_port"],
        proxy_api_port=s["proxy_api_port"],
        prefix=PREFIX,
    )
    passwords = json.loads((hub.state / "passwords.json").read_text())
    assert {k: passwords[k] for k in hub.passwords} == hub.passwords
    assert set(passwords) == set(hub.passwords) | {"ztgt03"}
    home = Path(pwd.getpwnam(CODES[0].lower()).pw_dir)
    assert (home / kelas.WORKSPACE / "pretest.csv").read_text().count(CODES[0]) == 1
    assert stat.S_IMODE(Path(s["dropbox"]).stat().st_mode) == 0o3733
    assert sorted(p.name for p in Path(s["dropbox"]).iterdir()) == box_before  # untouched
    assert "ZTGT03" in (hub.state / "kartu_peserta.txt").read_text()
