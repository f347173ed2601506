"""End-to-end tests of the researchers' CLI (python -m simulations)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from simulations.__main__ import load_config, main
from simulations.analysis.experiments import sweep

TINY = """
model = "hoax"
steps = 5
seeds = 2
root_seed = 7
workers = 2
output = "out"

[params]
n = 40
network_params = { m = 2 }

[grid]
alpha = [0.2, 0.8]
"""


def write(tmp_path, text, name="exp.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "simulations", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sweep_end_to_end_in_a_subprocess(tmp_path):
    write(tmp_path, TINY)
    proc = cli("sweep", "exp.toml", "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    points = pd.read_csv(out / "points.csv")
    summary = pd.read_csv(out / "summary.csv")
    assert set(points["alpha"]) == {0.2, 0.8} and set(points["n_runs"]) == {2}
    assert len(summary) == 4 and len(pd.read_csv(out / "runs.csv")) == 4 * 6
    config = json.loads((out / "config.json").read_text())
    assert config["root_seed"] == 7 and config["complete"] is True
    # Same numbers as the Python API with the same root seed.
    api = sweep(
        "hoax",
        {"n": 40, "network_params": {"m": 2}},
        {"alpha": [0.2, 0.8]},
        seeds=2,
        steps=5,
        root_seed=7,
        executor="serial",
        progress=False,
    )
    pd.testing.assert_series_equal(summary["seed"], api.summary["seed"])
    pd.testing.assert_series_equal(
        summary["final_share_believer"], api.summary["final_share_believer"]
    )


def test_bad_value_fails_with_a_clear_message_and_exit_status(tmp_path):
    write(tmp_path, TINY.replace("alpha = [0.2, 0.8]", "alpha = [0.2, 1.8]"))
    proc = cli("sweep", "exp.toml", "--quiet", cwd=tmp_path)
    assert proc.returncode == 2
    assert "alpha=1.8 is outside its allowed range [0, 1]" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_help_is_in_english():
    proc = subprocess.run(
        [sys.executable, "-m", "simulations", "sweep", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert "Run every combination" in proc.stdout and "--scheduler" in proc.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TINY.replace('model = "hoax"', 'model = "sir"'), "unknown model 'sir'"),
        (TINY.replace("n = 40", "n = 40\ngamma = 0.1"), "unknown parameter(s) ['gamma']"),
        (TINY.replace("steps = 5", "stepz = 5"), "unknown key(s) ['stepz']"),
        (TINY.replace("steps = 5", 'steps = "five"'), "'steps' must be a whole number"),
        (TINY.replace("n = 40", "n = 40\np_verify = 0.7\np_forget = 0.5"), "must not exceed 1"),
        (TINY.replace("[grid]", "[grid]\nnetwork = ['ring']"), "unknown network kind 'ring'"),
        ('format = "xlsx"\n' + TINY, "output format 'xlsx' must be one of"),
        ("model = [", "not valid TOML"),
    ],
)
def test_configuration_errors(tmp_path, capsys, text, message):
    path = write(tmp_path, text)
    assert main(["sweep", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err


def test_run_rejects_a_grid_and_missing_files(tmp_path, capsys):
    path = write(tmp_path, TINY)
    assert main(["run", str(path), "--quiet"]) == 2
    assert "'run' takes no [grid]" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "missing.toml")]) == 2
    assert "not found" in capsys.readouterr().err


def test_run_with_yaml_and_command_line_overrides(tmp_path, capsys):
    path = write(
        tmp_path,
        """
        model: hoax
        steps: 3
        params: {n: 30, alpha: 0.3, network_params: {m: 2}}
        """,
        name="exp.yaml",
    )
    assert load_config(path)["params"]["alpha"] == 0.3
    out = tmp_path / "res"
    code = main(["run", str(path), "--seeds", "3", "--workers", "1", "--output", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert "final_share_believer" in captured.out  # summary table printed
    assert len(pd.read_csv(out / "summary.csv")) == 3


def test_models_lists_registered_models(capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "hoax:" in out and "hoax_arrays:" in out and "p_verify" in out


def test_ctrl_c_exits_130_and_writes_the_finished_runs(tmp_path):
    # A sweep far longer than the test; SIGINT once the progress bar shows the pool has started.
    # Whatever finished is written and config.json says the result is incomplete.
    import signal
    import time

    long = TINY.replace("seeds = 2", "seeds = 500").replace("steps = 5", "steps = 100")
    write(tmp_path, long.replace("n = 40", "n = 200"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulations", "sweep", "exp.toml"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert "hoax" in proc.stderr.read(6)  # tqdm's first line: the runs have been submitted
    time.sleep(1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    config = json.loads((tmp_path / "out" / "config.json").read_text())
    assert config["complete"] is False and config["finished_runs"] < 1000


def test_scheduler_address_runs_on_dask(tmp_path, capsys):
    distributed = pytest.importorskip("dask.distributed")
    path = write(tmp_path, TINY.replace('output = "out"', ""))
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        code = main(
            [
                "sweep",
                str(path),
                "--quiet",
                "--scheduler",
                cluster.scheduler_address,
                "--output",
                str(tmp_path / "dask"),
            ]
        )
    assert code == 0, capsys.readouterr().err
    assert len(pd.read_csv(tmp_path / "dask" / "summary.csv")) == 4
