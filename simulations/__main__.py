"""Researchers' command line: run and sweep the package's models from a small TOML or YAML file.

Usage::

    python -m simulations models                 # list models and their parameters
    python -m simulations run    experiment.toml  # one parameter set × seeds
    python -m simulations sweep  experiment.toml  # a parameter grid × seeds
    tangguh-sim sweep experiment.toml --workers 2 --output results/ --format parquet

Configuration file (TOML; YAML with the same keys if the name ends in .yaml/.yml)::

    model = "hoax"          # see `python -m simulations models` (also "kebijakan_anggaran")
    steps = 100             # steps per run
    seeds = 20              # replicates per grid point (or a list of replicate indices)
    root_seed = 42          # all run seeds derive from it (numpy SeedSequence)
    workers = 2             # processes (default: one per core); 1 = no subprocesses
    output = "results"      # directory for runs/summary/points files and config.json
    format = "csv"          # or "parquet" (needs pyarrow)
    # max_work = 100_000_000_000   # optional: allow more than 10^10 person-steps on purpose
    # scheduler = "tcp://10.0.0.5:8786"   # optional: run on this Dask cluster instead

    [params]                # shared by all runs
    n = 1000
    network = { kind = "scale_free", m = 4 }   # or just network = "scale_free"
    beta = 0.5

    [grid]                  # `sweep` only: every combination of these values
    alpha = [0.2, 0.4, 0.6]
    p_verify = [0.05, 0.1]

Limits (checked before any run; README, "Limits"): at most 10^10 person-steps (people × steps ×
runs) unless ``max_work`` / ``--max-work`` allows more on purpose; result rows that fit in half of
the memory; at most 100,000 grid points; no more worker processes than runs or CPU cores.

Exit status: 0 on success, 2 on a bad command line or configuration (the message names the file,
key, allowed values or range), 130 when interrupted (finished runs are still written), 141 (128 +
SIGPIPE) without a message when the reader of the output went away (``... | head -1``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from simulations.core import limits
from simulations.core.errors import SimulationInputError

CONFIG_KEYS = {
    "model": "registered model name",
    "params": "table of parameters shared by all runs",
    "grid": "table of parameter -> list of values (sweep only)",
    "seeds": "number of replicates per grid point, or a list of replicate indices",
    "steps": "steps per run",
    "root_seed": "root seed of all run seeds",
    "seed_scheme": "'common' (same seeds at every grid point) or 'independent'",
    "workers": "number of worker processes",
    "output": "output directory",
    "format": "'csv' or 'parquet'",
    "scheduler": "Dask scheduler address, e.g. tcp://host:8786",
    "level": "confidence level of the intervals, e.g. 0.95",
    "max_work": "most person-steps (people x steps x runs) to allow, default 10^10",
}


MAX_CONFIG_BYTES = 2**20
"""Largest configuration file read (1 MiB)."""
MAX_CONFIG_ITEMS = 10_000
"""Most values (counting every element of every list/table, aliases expanded) a configuration may hold."""
MAX_YAML_ALIASES = 20
"""Most YAML aliases (``*name``) a configuration may use; 'billion laughs' files need far more."""
MAX_STEPS = 1_000_000
MAX_SEEDS = 100_000
MAX_WORKERS = limits.MAX_WORKERS
MAX_GRID_POINTS = limits.MAX_GRID_POINTS
MAX_WORK = 2**63 - 1
"""Largest ``max_work`` a file can hold (TOML integers are 64-bit)."""
MAX_ERROR_CHARS = 500
"""An error line printed by the CLI never grows past this, whatever the file holds."""
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")


SANDBOXES = {"kebijakan_anggaran": "simulations.response.policy:BudgetPolicyModel"}
"""Runnable classes that are not models of the registry (they combine a model with interventions)."""


def model_for(name: str) -> Any:
    """Return what :func:`~simulations.analysis.experiments.sweep` runs for ``name``.

    A registered model's name stays a name; a sandbox name becomes its
    :class:`~simulations.models.registry.ModelSpec`.
    """
    if name not in SANDBOXES:
        return name
    import importlib

    from simulations.models.registry import spec_of

    module, _, cls = SANDBOXES[name].partition(":")
    return spec_of(getattr(importlib.import_module(module), cls), name)


class ConfigError(SimulationInputError):
    """The configuration file is missing, unreadable or holds an unknown or badly typed key."""


def short(value: Any, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters (for error messages about file contents)."""
    import reprlib

    r = reprlib.Repr()
    r.maxstring = r.maxother = limit
    r.maxlist = r.maxdict = r.maxtuple = r.maxset = 6
    r.maxlevel = 3
    text = r.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_loader():
    import yaml

    class _ConfigLoader(yaml.SafeLoader):
        """PyYAML's safe loader that refuses more than :data:`MAX_YAML_ALIASES` aliases."""

        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_YAML_ALIASES:
                    raise ConfigError(
                        f"more than {MAX_YAML_ALIASES} YAML aliases (*name); write the values out",
                        field="yaml",
                    )
            return super().compose_node(parent, index)

    return _ConfigLoader


def _count_items(data: Any, path: str) -> None:
    """Raise ConfigError if ``data`` holds more than :data:`MAX_CONFIG_ITEMS` values (shared parts counted each time)."""
    count = 0
    stack = [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_CONFIG_ITEMS:
            raise ConfigError(
                f"{path}: the configuration holds more than {MAX_CONFIG_ITEMS} values", field="file"
            )
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _whole(config: Mapping[str, Any], key: str, lo: int, hi: int, path: str) -> None:
    value = config[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{path}: '{key}' must be a whole number, got {short(value)}", field=key)
    if not lo <= value <= hi:
        raise ConfigError(
            f"{path}: '{key}' = {value} is outside its allowed range [{lo}, {hi}]", field=key
        )


def check_scheduler(address: str) -> str:
    """Check a Dask scheduler address (``tcp://host:port`` and the like) without connecting.

    Raises:
        ConfigError: naming the address (cut short) and the accepted forms.
    """
    from urllib.parse import urlsplit

    hint = f"use e.g. tcp://10.0.0.5:8786 (schemes: {', '.join(SCHEDULER_SCHEMES)})"
    try:
        parts = urlsplit(address)
        ok = parts.scheme in SCHEDULER_SCHEMES and bool(parts.netloc)
        if ok and parts.scheme != "inproc":
            ok = bool(parts.hostname) and parts.port is not None and 0 < parts.port
            ok = ok and not parts.path.strip("/") and not parts.query
    except ValueError:  # a port outside 0-65535 or a malformed IPv6 address
        ok = False
    if not ok or any(c.isspace() for c in address):
        raise ConfigError(
            f"scheduler address {short(address)} is not valid: {hint}", field="scheduler"
        )
    return address


def check_config(config: Mapping[str, Any], path: str | Path = "configuration") -> dict[str, Any]:
    """Check the types and ranges of every top-level key of an experiment configuration.

    Model parameters (``[params]``, ``[grid]``) are checked by the model itself when the sweep
    starts (before any run); here only their shape is.

    Raises:
        ConfigError: naming the file and key, and quoting at most a short snippet of the value.
    """
    path = str(path)
    if not isinstance(config, Mapping):
        raise ConfigError(f"{path}: the file must hold a table of keys (model, params, grid, ...)")
    unknown = sorted(str(k) for k in set(config) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {short(unknown, 200)}; allowed keys: {sorted(CONFIG_KEYS)} "
            "(model parameters go in the [params] or [grid] table)",
            field=unknown[0][:60],
        )
    for key in ("params", "grid"):
        if key in config:
            table = config[key]
            if not isinstance(table, Mapping) or not all(isinstance(k, str) for k in table):
                raise ConfigError(f"{path}: '{key}' must be a table of name = value", field=key)
    points = 1
    for name, values in (config.get("grid") or {}).items():
        if not isinstance(values, list) or not values:
            raise ConfigError(
                f"{path}: grid value '{name[:60]}' must be a non-empty list, got {short(values)}",
                field=name[:60],
            )
        points *= len(values)
        if points > MAX_GRID_POINTS:
            raise ConfigError(
                f"{path}: the grid has more than {MAX_GRID_POINTS} points", field="grid"
            )
    for key, lo, hi in (
        ("steps", 1, MAX_STEPS),
        ("workers", 1, MAX_WORKERS),
        ("root_seed", 0, 2**63 - 1),
        ("max_work", 1, MAX_WORK),
    ):
        if key in config:
            _whole(config, key, lo, hi, path)
    if "seeds" in config:
        seeds = config["seeds"]
        if isinstance(seeds, list):
            if not seeds or len(seeds) > MAX_SEEDS:
                raise ConfigError(
                    f"{path}: 'seeds' as a list must hold 1 to {MAX_SEEDS} replicate indices",
                    field="seeds",
                )
            for s in seeds:
                if isinstance(s, bool) or not isinstance(s, int) or s < 0:
                    raise ConfigError(
                        f"{path}: 'seeds' must list whole numbers >= 0, got {short(s)}",
                        field="seeds",
                    )
            if len(set(seeds)) != len(seeds):
                raise ConfigError(f"{path}: 'seeds' lists a replicate twice", field="seeds")
        else:
            try:
                _whole(config, "seeds", 1, MAX_SEEDS, path)
            except ConfigError:
                raise ConfigError(
                    f"{path}: 'seeds' must be a whole number in [1, {MAX_SEEDS}] or a list of "
                    f"replicate indices, got {short(seeds)}",
                    field="seeds",
                ) from None
    for key in ("model", "output", "format", "scheduler", "seed_scheme"):
        if key in config and (not isinstance(config[key], str) or not config[key].strip()):
            raise ConfigError(
                f"{path}: '{key}' must be non-empty text, got {short(config[key])}", field=key
            )
    if "output" in config:
        _no_control(config["output"], f"{path}: 'output'", "output")
    choices = {"format": ("csv", "parquet"), "seed_scheme": ("common", "independent")}
    for key, allowed in choices.items():
        if key in config and config[key] not in allowed:
            raise ConfigError(
                f"{path}: {'output format' if key == 'format' else key} {short(config[key])} "
                f"must be one of {allowed}",
                field=key,
            )
    if "level" in config:
        level = config["level"]
        if (
            isinstance(level, bool)
            or not isinstance(level, (int, float))
            or not 0 < float(level) < 1
        ):
            raise ConfigError(
                f"{path}: 'level' must be a number strictly between 0 and 1 (e.g. 0.95), got "
                f"{short(level)}",
                field="level",
            )
    if "scheduler" in config:
        try:
            check_scheduler(config["scheduler"])
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}", field="scheduler") from None
    return dict(config)


def _no_control(text: str, where: str, field: str) -> None:
    """Raise ConfigError naming ``where`` if ``text`` holds a control character (newline, ESC, …)."""
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise ConfigError(
            f"{where} {short(text)} contains the control character U+{ord(bad):04X}; choose a "
            "name without control characters",
            field=field,
        )


def check_output(output: str) -> Path:
    """Check, before any run, that files can be written in the output folder.

    Folders that do not exist yet are created for the check and removed again, so a
    configuration that fails later leaves nothing behind
    (:func:`simulations.analysis.experiments.check_output_dir`).

    Raises:
        ConfigError: when it is a file, cannot be created, is not writable or its name holds a
            control character.
    """
    from simulations.analysis.experiments import check_output_dir

    try:
        return check_output_dir(output)
    except SimulationInputError as exc:
        raise ConfigError(str(exc), exc.pesan, field="output") from None


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a TOML (or YAML) experiment file and check its top-level keys, types and ranges.

    YAML is read with PyYAML's safe loader, at most :data:`MAX_YAML_ALIASES` aliases and
    :data:`MAX_CONFIG_ITEMS` values, so an alias bomb is refused instead of expanded.

    Raises:
        ConfigError: naming the file and key.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{short(str(path), 200)}: configuration file not found", field="file")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: the configuration file is larger than {MAX_CONFIG_BYTES} bytes", field="file"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.load(text, Loader=_yaml_loader()) or {}  # noqa: S506 - a SafeLoader
        else:
            data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text", field="file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {short(str(exc), 200)}", field="file") from None
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}", field=exc.field) from None
    except Exception as exc:  # yaml.YAMLError, RecursionError and friends
        raise ConfigError(
            f"{path}: cannot be read: {type(exc).__name__}: {short(str(exc), 200)}", field="file"
        ) from None
    _count_items(data, str(path))
    return check_config(data, path)


def _prog_name() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m simulations" if name in ("", "__main__.py", "-c") else name


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog_name(),
        description=(
            "Run Tangguh Digital simulations for many seeds and sweep parameter grids, locally on "
            "all cores or on a Dask cluster, with confidence intervals per grid point."
        ),
        epilog="Example: python -m simulations sweep experiment.toml --workers 2 --output results/",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("config", help="experiment file (.toml, or .yaml/.yml)")
        p.add_argument("--seeds", type=int, help="replicates per grid point (overrides the file)")
        p.add_argument("--steps", type=int, help="steps per run (overrides the file)")
        p.add_argument("--root-seed", type=int, help="root seed (overrides the file)")
        p.add_argument(
            "--workers",
            type=int,
            help="worker processes (default: one per core; never more than runs or cores)",
        )
        p.add_argument("--output", help="output directory (overrides the file)")
        p.add_argument("--format", choices=("csv", "parquet"), help="output format (default csv)")
        p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786")
        p.add_argument(
            "--max-work",
            type=int,
            help="allow more than 10^10 person-steps (people x steps x runs) on purpose",
        )
        p.add_argument("--quiet", action="store_true", help="no progress bar, no summary table")

    run = sub.add_parser(
        "run",
        help="run one parameter set for many seeds",
        description="Run one parameter set ([params]) for many seeds; a [grid] table is an error.",
    )
    add_common(run)
    swp = sub.add_parser(
        "sweep",
        help="sweep a parameter grid x seeds",
        description="Run every combination of the [grid] values (over [params]) for many seeds.",
    )
    add_common(swp)
    sub.add_parser(
        "models",
        help="list the registered models and their parameters",
        description="List the registered models with their parameters, ranges and defaults.",
    )
    return parser


def _list_models(out) -> None:
    from simulations.models.registry import MODELS

    specs = {**MODELS, **{name: model_for(name) for name in SANDBOXES}}
    for name, spec in sorted(specs.items()):
        print(f"{name}: {spec.description}", file=out)
        for p in spec.params:
            print(
                f"    {p.name:<24} default {p.default!r:<8} range {p.range_text():<14} {p.description}",
                file=out,
            )
        others = spec.other_arguments()
        if others:
            print(f"    other arguments: {', '.join(others)}", file=out)


def _experiment(args: argparse.Namespace) -> int:
    from simulations.analysis.experiments import sweep

    if args.output is not None:
        _no_control(args.output, "--output", "output")
    config = load_config(args.config)
    options = (
        "seeds",
        "steps",
        "root_seed",
        "workers",
        "output",
        "format",
        "scheduler",
        "max_work",
    )
    for key in options:
        value = getattr(args, key)
        if value is not None:
            config[key] = value
    if args.command == "run" and config.get("grid"):
        raise ConfigError(
            f"{args.config}: 'run' takes no [grid] table; use 'sweep' or move the values to [params]",
            field="grid",
        )
    if "model" not in config:
        raise ConfigError(
            f"{args.config}: missing key 'model' (see `python -m simulations models`)",
            field="model",
        )
    config = check_config(config, f"{args.config} (with command-line options)")
    if config.get("output"):
        check_output(config["output"])

    executor = None
    client = None
    if config.get("scheduler"):
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError(
                "a Dask scheduler was given but dask.distributed is not installed "
                "(pip install 'tangguh-digital[dask]')",
                field="scheduler",
            ) from None
        try:
            client = Client(config["scheduler"], timeout="10s")
        except Exception as exc:  # OSError, TimeoutError, ValueError from the address parser
            raise ConfigError(
                f"cannot reach the Dask scheduler {short(config['scheduler'])}: "
                f"{type(exc).__name__}: {short(str(exc), 200)}",
                field="scheduler",
            ) from None
        executor = client.get_executor()
    try:
        result = sweep(
            model_for(config["model"]),
            config.get("params") or {},
            config.get("grid") or None,
            seeds=config.get("seeds", 10),
            steps=config.get("steps", 100),
            root_seed=config.get("root_seed", 0),
            seed_scheme=config.get("seed_scheme", "common"),
            executor=executor,
            workers=config.get("workers"),
            level=config.get("level", 0.95),
            progress=not args.quiet,
            output=config.get("output"),
            fmt=config.get("format"),
            max_work=config.get("max_work"),
        )
    finally:
        if client is not None:
            client.close()
    if not args.quiet:
        _print_points(result)
    if config.get("output"):
        print(
            f"results written to {config['output']}/ ({result.finished_runs} runs)", file=sys.stderr
        )
    if not result.complete:
        print(
            f"interrupted: {result.finished_runs} of {result.expected_runs} runs finished"
            + (" and were written" if config.get("output") else ""),
            file=sys.stderr,
        )
        return 130
    return 0


def _print_points(result) -> None:
    pts = result.points
    if pts.empty:
        return
    cols = [*result.grid_columns, "metric", "n_runs", "mean", "ci_low", "ci_high"]
    with __import__("pandas").option_context("display.width", 160, "display.max_rows", 200):
        print(pts[cols].to_string(index=False, float_format=lambda x: f"{x:.4g}"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 ok, 2 bad input, 130 interrupted, 141 (128 + SIGPIPE) when the reader of the output went
    away (``python -m simulations models | head -1``): not an error, so nothing is printed.
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "models":
            _list_models(sys.stdout)
            code = 0
        else:
            code = _experiment(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers, not at exit
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except SimulationInputError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (TypeError, ValueError, KeyError, OSError, OverflowError, RecursionError) as exc:
        # A value the checks above let through and a model refused in its own way: still the
        # configuration's fault, so one line and exit 2 (TANGGUH_TRACEBACK=1 shows the traceback).
        if os.environ.get("TANGGUH_TRACEBACK"):
            raise
        _error(f"the configuration was rejected: {type(exc).__name__}: {exc}")
        return 2


def _closed_pipe() -> int:
    """Stop quietly after the reader of stdout went away; return 128 + SIGPIPE, as a shell does.

    Python's documentation ("Note on SIGPIPE", :mod:`signal`) recommends pointing stdout at
    ``os.devnull`` so that the final flush at exit does not raise again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (pytest's capture, a notebook)
        pass
    return 128 + getattr(signal, "SIGPIPE", 13)  # 13 on every POSIX system; Windows has none


def _error(message: str) -> None:
    """Print one capped error line (never a traceback, never a file's whole content)."""
    line = " ".join(message.split())
    if len(line) > MAX_ERROR_CHARS:
        line = line[: MAX_ERROR_CHARS - 1] + "…"
    try:
        print(f"error: {line}", file=sys.stderr)
    except BrokenPipeError:  # nobody reads stderr either
        pass


if __name__ == "__main__":
    sys.exit(main())
