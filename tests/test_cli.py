"""End-to-end tests of the researchers' CLI (python -m simulations)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from free_ports import free_port
from terminal_launch import popen_as_from_a_terminal

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
network = { kind = "scale_free", m = 2 }

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
        {"n": 40, "network": {"kind": "scale_free", "m": 2}},
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
    from simulations.__main__ import _build_parser

    sweep_parser = _build_parser()._subparsers._group_actions[0].choices["sweep"]
    for action in sweep_parser._actions:
        for option in action.option_strings:
            assert option in proc.stdout  # every option is documented in the help
    assert proc.stdout.startswith("usage: python -m simulations sweep [-h]")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TINY.replace('model = "hoax"', 'model = "sir"'), "unknown model 'sir'"),
        (TINY.replace("n = 40", "n = 40\ngamma = 0.1"), "unknown parameter(s) ['gamma']"),
        (TINY.replace("steps = 5", "stepz = 5"), "unknown key(s) ['stepz']"),
        (TINY.replace("steps = 5", 'steps = "five"'), "'steps' must be a whole number"),
        (TINY.replace("n = 40", "n = 40\np_verify = 0.7\np_forget = 0.5"), "must not exceed 1"),
        (
            TINY.replace('network = { kind = "scale_free", m = 2 }\n', "").replace(
                "[grid]", "[grid]\nnetwork = ['ring']"
            ),
            "unknown network kind 'ring'",
        ),
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
        params: {n: 30, alpha: 0.3, network: {kind: scale_free, m: 2}}
        """,
        name="exp.yaml",
    )
    assert load_config(path)["params"]["alpha"] == 0.3
    out = tmp_path / "res"
    code = main(["run", str(path), "--seeds", "3", "--workers", "1", "--output", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert len(pd.read_csv(out / "summary.csv")) == 3
    # The printed table is the points file: one line per metric with its mean and interval.
    points = pd.read_csv(out / "points.csv").set_index("metric")
    printed = {
        line.split()[0]: [float(x) for x in line.split()[2:5]]
        for line in captured.out.splitlines()[1:]
        if line.strip()
    }
    assert set(printed) == set(points.index)
    for metric, (mean, low, high) in printed.items():
        expected = points.loc[metric, ["mean", "ci_low", "ci_high"]].astype(float).tolist()
        assert [mean, low, high] == pytest.approx(expected, rel=1e-3, abs=1e-4)
    assert (points["n_runs"] == 3).all()


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
    # as from a terminal, whatever started this test run (tests/terminal_launch.py)
    proc = popen_as_from_a_terminal(
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
    assert proc.returncode == 130, err[-2000:]
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


# Inputs that cannot escape (issue 11): every bad value is one "error:" line and exit status 2.

BAD_VALUES = [
    ('level = "x"', "'level' must be a number strictly between 0 and 1"),
    ("level = 1.0", "'level' must be a number strictly between 0 and 1"),
    ("level = nan", "'level' must be a number strictly between 0 and 1"),
    ("level = true", "'level' must be a number strictly between 0 and 1"),
    ("workers = 0", "'workers' = 0 is outside its allowed range [1, 1024]"),
    ("root_seed = -1", "'root_seed' = -1 is outside its allowed range"),
    ("seeds = [1.5]", "'seeds' must list whole numbers >= 0, got 1.5"),
    ("seeds = [1, 1]", "'seeds' lists a replicate twice"),
    ("seeds = []", "'seeds' as a list must hold 1 to"),
    ("seeds = -3", "'seeds' must be a whole number in [1, 100000]"),
    ("seeds = 10_000_000", "'seeds' must be a whole number in [1, 100000]"),
    ("steps = 10_000_000_000_000", "'steps' = 10000000000000 is outside its allowed range"),
    ('seed_scheme = "x"', "seed_scheme 'x' must be one of ('common', 'independent')"),
    ('model = ""', "'model' must be non-empty text"),
    ("model = 3", "'model' must be non-empty text, got 3"),
    ('output = ""', "'output' must be non-empty text"),
    ('scheduler = "not a url"', "scheduler address 'not a url' is not valid"),
    ('scheduler = "tcp://host"', "scheduler address 'tcp://host' is not valid"),
    ('scheduler = "tcp://host:99999"', "scheduler address 'tcp://host:99999' is not valid"),
    ('scheduler = "http://host:8786"', "scheduler address 'http://host:8786' is not valid"),
    ('scheduler = "tcp://[::1"', "is not valid"),
    ("params = 3", "'params' must be a table of name = value"),
]


@pytest.mark.parametrize(("line", "message"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_bad_top_level_values_are_one_line_and_exit_2(tmp_path, capsys, monkeypatch, line, message):
    monkeypatch.chdir(tmp_path)
    key = line.split(" = ")[0]
    lines = [x for x in TINY.splitlines() if not x.startswith(f"{key} =")]
    if key == "params":
        lines = lines[: lines.index("[params]")] + [line] + lines[lines.index("[grid]") :]
    else:
        lines.insert(1, line)
    path = write(tmp_path, "\n".join(lines))
    assert main(["sweep", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: exp.toml") or err.startswith("error: ")
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_grid_values_must_be_non_empty_lists(tmp_path, capsys):
    path = write(tmp_path, TINY.replace("alpha = [0.2, 0.8]", "alpha = 0.2"))
    assert main(["sweep", str(path), "--quiet"]) == 2
    assert "grid value 'alpha' must be a non-empty list, got 0.2" in capsys.readouterr().err


def test_command_line_overrides_are_checked_too(tmp_path, capsys):
    path = write(tmp_path, TINY)
    assert main(["sweep", str(path), "--quiet", "--seeds", "-2"]) == 2
    err = capsys.readouterr().err
    assert "(with command-line options)" in err and "'seeds'" in err


def test_unwritable_output_is_refused_before_any_run(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # output paths are relative to the working folder
    (tmp_path / "berkas").write_text("x")
    path = write(tmp_path, TINY.replace('output = "out"', 'output = "berkas/out"'))
    assert main(["sweep", str(path), "--quiet"]) == 2
    assert "output folder 'berkas/out' cannot be written" in capsys.readouterr().err
    path = write(tmp_path, TINY.replace('output = "out"', 'output = "berkas"'))
    assert main(["sweep", str(path), "--quiet"]) == 2
    assert "(it is a file)" in capsys.readouterr().err
    # A folder the check had to create is removed again when the configuration fails later.
    path = write(
        tmp_path,
        TINY.replace('output = "out"', 'output = "baru/sub"').replace("[0.2, 0.8]", "[0.2, 1.8]"),
    )
    assert main(["sweep", str(path), "--quiet"]) == 2
    assert not (tmp_path / "baru").exists()


BOMB = """\
params:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
model: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_yaml_alias_bomb_is_refused_in_a_short_line(tmp_path):
    (tmp_path / "bom.yaml").write_text(BOMB, encoding="utf-8")
    proc = cli("run", "bom.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr == "error: bom.yaml: more than 20 YAML aliases (*name); write the values out\n"
    )


def test_few_aliases_are_fine_and_expanded_size_is_capped(tmp_path, capsys):
    few = "model: hoax\nsteps: 3\nparams: &p {n: 30}\ngrid: {alpha: &v [0.1, 0.2]}\n"
    assert load_config(write(tmp_path, few, name="ok.yaml"))["params"] == {"n": 30}
    # Under the alias limit, but 9**5 values once expanded: refused by the value count.
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, cur in zip("abcd", "bcde", strict=True):
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "params:\n" + "\n".join("  " + x for x in levels) + "\nmodel: hoax\n"
    assert main(["run", str(write(tmp_path, text, name="besar.yaml"))]) == 2
    assert "more than 20 YAML aliases" in capsys.readouterr().err
    text = "model = 'hoax'\n[params]\nx = [" + ",".join(["1"] * 20_000) + "]\n"
    assert main(["run", str(write(tmp_path, text))]) == 2
    assert "more than 10000 values" in capsys.readouterr().err


def test_unreadable_files_are_one_line(tmp_path, capsys):
    (tmp_path / "latin.toml").write_bytes('model = "hoàx"\n'.encode("latin-1"))
    assert main(["run", str(tmp_path / "latin.toml")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'latin.toml'}: not UTF-8 text\n"
    (tmp_path / "rusak.yaml").write_text("model: [\n" + "x" * 5000, encoding="utf-8")
    assert main(["run", str(tmp_path / "rusak.yaml")]) == 2
    err = capsys.readouterr().err
    assert "cannot be read: " in err and len(err) < 600


def test_unreachable_scheduler_is_one_line(tmp_path, capsys):
    pytest.importorskip("distributed")
    port = free_port()  # nobody listens there, and no kernel of the other worker takes it
    path = write(tmp_path, TINY.replace('output = "out"', f'scheduler = "tcp://127.0.0.1:{port}"'))
    assert main(["sweep", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot reach the Dask scheduler 'tcp://127.0.0.1:{port}'")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ('output = "out"', 'output = "berkas/out"'),
            "output folder 'berkas/out' cannot be written (NotADirectoryError)",
        ),
        (
            ('output = "out"', 'scheduler = "tcp://host:99999"'),
            "scheduler address 'tcp://host:99999'",
        ),
        (("steps = 5", "steps = -5"), "'steps' = -5 is outside its allowed range [1, 1000000]"),
    ],
    ids=["unwritable-output", "bad-scheduler", "bad-steps"],
)
def test_bad_configurations_in_a_subprocess_are_one_line(tmp_path, edit, message):
    (tmp_path / "berkas").write_text("x")
    write(tmp_path, TINY.replace(*edit))
    proc = cli("sweep", "exp.toml", "--quiet", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and message in proc.stderr


# A closed pipe and hostile output names (issue 17).


def test_a_closed_pipe_ends_quietly_with_141_not_as_a_configuration_error(tmp_path):
    # `python -m simulations models | head -1`: head exits after one line. A pipe whose reading
    # end is already closed makes the first write fail every time (head's timing varies).
    import os

    read, write_end = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "simulations", "models"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr  # 128 + SIGPIPE, what a shell reports
    assert proc.stderr == ""  # no "configuration was rejected: BrokenPipeError", no traceback


def test_models_piped_into_head_prints_nothing_on_stderr(tmp_path):
    shell = f"{sys.executable} -m simulations models | head -1"
    # head's timing decides whether the writer sees the closed pipe (status 141) or not (0)
    proc = subprocess.run(
        ["bash", "-c", shell + '; echo "status=${PIPESTATUS[0]}" >&2'],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith("algorithmic_bias:")
    lines = proc.stderr.strip().splitlines()
    assert lines in (["status=0"], ["status=141"]), proc.stderr


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b", "\x7f", "\x01", "\x85"])
def test_output_with_a_control_character_is_refused_naming_the_option(tmp_path, capsys, char):
    path = write(tmp_path, TINY)
    name = f"hasil{char}x"
    assert main(["sweep", str(path), "--quiet", "--output", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --output ") and f"U+{ord(char):04X}" in err
    assert err.count("\n") == 1
    assert not (tmp_path / name).exists()
    escaped = f"\\u{ord(char):04x}"  # TOML's escape
    path = write(tmp_path, TINY.replace('output = "out"', f'output = "hasil{escaped}x"'))
    assert main(["sweep", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "'output'" in err and "control character" in err and err.count("\n") == 1
