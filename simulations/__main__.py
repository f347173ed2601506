"""Researchers' command line: run and sweep the package's models from a small TOML or YAML file.

Usage::

    python -m simulations models                 # list models and their parameters
    python -m simulations run    experiment.toml  # one parameter set × seeds
    python -m simulations sweep  experiment.toml  # a parameter grid × seeds
    tangguh-sim sweep experiment.toml --workers 2 --output results/ --format parquet

Configuration file (TOML; YAML with the same keys if the name ends in .yaml/.yml)::

    model = "hoax"          # see `python -m simulations models`
    steps = 100             # steps per run
    seeds = 20              # replicates per grid point (or a list of replicate indices)
    root_seed = 42          # all run seeds derive from it (numpy SeedSequence)
    workers = 2             # processes (default: one per core); 1 = no subprocesses
    output = "results"      # directory for runs/summary/points files and config.json
    format = "csv"          # or "parquet" (needs pyarrow)
    # scheduler = "tcp://10.0.0.5:8786"   # optional: run on this Dask cluster instead

    [params]                # shared by all runs
    n = 1000
    network = "scale_free"
    network_params = { m = 4 }
    beta = 0.5

    [grid]                  # `sweep` only: every combination of these values
    alpha = [0.2, 0.4, 0.6]
    p_verify = [0.05, 0.1]

Exit status: 0 on success, 2 on a bad command line or configuration (the message names the file,
key, allowed values or range), 130 when interrupted (finished runs are still written).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

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
}


class ConfigError(SimulationInputError):
    """The configuration file is missing, unreadable or holds an unknown or badly typed key."""


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a TOML (or YAML) experiment file and check its top-level keys and types.

    Raises:
        ConfigError: naming the file and key.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        else:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except Exception as exc:  # yaml.YAMLError and friends
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: the file must hold a table of keys (model, params, grid, ...)")
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {unknown}; allowed keys: {sorted(CONFIG_KEYS)} "
            "(model parameters go in the [params] or [grid] table)",
            field=unknown[0],
        )
    for key in ("params", "grid"):
        if key in data and not isinstance(data[key], Mapping):
            raise ConfigError(f"{path}: '{key}' must be a table of name = value", field=key)
    for key in ("steps", "workers", "root_seed"):
        if key in data and (isinstance(data[key], bool) or not isinstance(data[key], int)):
            raise ConfigError(
                f"{path}: '{key}' must be a whole number, got {data[key]!r}", field=key
            )
    if "seeds" in data and not (
        (isinstance(data["seeds"], int) and not isinstance(data["seeds"], bool))
        or isinstance(data["seeds"], list)
    ):
        raise ConfigError(
            f"{path}: 'seeds' must be a whole number or a list of replicate indices", field="seeds"
        )
    for key in ("model", "output", "format", "scheduler", "seed_scheme"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}: '{key}' must be text, got {data[key]!r}", field=key)
    return dict(data)


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
        p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
        p.add_argument("--output", help="output directory (overrides the file)")
        p.add_argument("--format", choices=("csv", "parquet"), help="output format (default csv)")
        p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786")
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

    for name, spec in sorted(MODELS.items()):
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

    config = load_config(args.config)
    for key in ("seeds", "steps", "root_seed", "workers", "output", "format", "scheduler"):
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
        except OSError as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler {config['scheduler']!r}: {exc}", field="scheduler"
            ) from None
        executor = client.get_executor()
    try:
        result = sweep(
            config["model"],
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
    """Run the command line; return the exit status (0 ok, 2 bad input, 130 interrupted)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "models":
            _list_models(sys.stdout)
            return 0
        return _experiment(args)
    except SimulationInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
