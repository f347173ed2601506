"""Parameter tables: one declaration per model drives validation, widgets, the CLI and the docs.

After NDlib's idea of declaring parameters once with their description and range. A model declares
a :class:`ParamTable` of :class:`Param` rows (name, Indonesian label and help, range, step,
default). :meth:`ParamTable.validate` turns user input into clean values or raises a
:class:`~simulations.core.errors.ParameterError` naming the parameter and its allowed range, in English
and in Indonesian.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import ParameterError, check_known
from simulations.core.formatting import general_id
from simulations.core.tables import find


@dataclass(frozen=True)
class Param:
    """One model parameter.

    Args:
        name: Python name of the parameter (English).
        label: Short Indonesian label for sliders.
        help: One Indonesian sentence explaining the parameter to a participant.
        default: Default value.
        min: Smallest allowed value (inclusive), or None for no lower bound.
        max: Largest allowed value (inclusive), or None for no upper bound.
        step: Slider step.
        kind: ``"float"``, ``"int"``, ``"bool"`` or ``"choice"``.
        choices: Allowed values for ``kind="choice"``.
        unit: Unit or scale, for the docs (e.g. "probability per step").
        description: English description, for researchers and the CLI.
    """

    name: str
    label: str
    help: str
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    kind: str = "float"
    choices: tuple[Any, ...] = ()
    unit: str = ""
    description: str = ""

    def range_text(self) -> str:
        """Return the allowed range as text, e.g. ``[0, 1]``."""
        if self.kind == "choice":
            return "{" + ", ".join(map(str, self.choices)) + "}"
        if self.kind == "bool":
            return "{True, False}"
        lo = "-inf" if self.min is None else _fmt(self.min)
        hi = "inf" if self.max is None else _fmt(self.max)
        return f"[{lo}, {hi}]"

    def range_text_id(self) -> str:
        """Return the allowed range for Indonesian messages, e.g. ``0 sampai 0,5`` (decimal comma)."""
        if self.kind == "choice":
            return ", ".join(general_id(c) if _is_number(c) else str(c) for c in self.choices)
        if self.kind == "bool":
            return "Ya/Tidak (True/False)"
        lo = general_id(-math.inf if self.min is None else self.min)
        hi = general_id(math.inf if self.max is None else self.max)
        return f"{lo} sampai {hi}"

    def coerce(self, value: Any) -> Any:
        """Check one value and return it with the declared type.

        Raises:
            ParameterError: when the value has the wrong type or lies outside the range.
        """
        if self.kind == "choice":
            # only plain values can be a choice (an array or dict would compare element-wise)
            if not isinstance(value, str | int | float) or value not in self.choices:
                raise ParameterError(
                    f"{self.name}={value!r} is not one of {self.range_text()}",
                    f"Nilai '{self.label}' ({self.name}) = {value!r} tidak dikenal; pilih salah satu dari {self.range_text_id()}.",
                    field=self.name,
                )
            return value
        if self.kind == "bool":
            if not isinstance(value, bool | np.bool_):
                raise ParameterError(
                    f"{self.name}={value!r} must be True or False",
                    f"'{self.label}' ({self.name}) harus Ya/Tidak (True/False), bukan {value!r}.",
                    field=self.name,
                )
            return bool(value)
        if isinstance(value, np.integer | np.floating):
            value = value.item()
        # bools, complex numbers, strings (also NumPy strings) and anything else are not numbers
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(
                f"{self.name}={value!r} must be a number in {self.range_text()}",
                f"'{self.label}' ({self.name}) harus berupa angka dalam rentang {self.range_text_id()}, bukan {value!r}.",
                field=self.name,
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(
                f"{self.name}={value!r} must be a finite number in {self.range_text()}",
                f"'{self.label}' ({self.name}) harus angka terhingga dalam rentang {self.range_text_id()}.",
                field=self.name,
            )
        if self.kind == "int":
            if isinstance(value, float) and not value.is_integer():
                raise ParameterError(
                    f"{self.name}={value!r} must be a whole number in {self.range_text()}",
                    f"'{self.label}' ({self.name}) harus bilangan bulat dalam rentang {self.range_text_id()}, bukan {value!r}.",
                    field=self.name,
                )
            value = int(value)
        else:
            try:
                value = float(value)
            except OverflowError:  # an int beyond the float range
                raise ParameterError(
                    f"{self.name}={value!r} must be a finite number in {self.range_text()}",
                    f"'{self.label}' ({self.name}) harus angka terhingga dalam rentang {self.range_text_id()}.",
                    field=self.name,
                ) from None
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            raise ParameterError(
                f"{self.name}={_fmt(value)} is outside its allowed range {self.range_text()}",
                f"Nilai '{self.label}' ({self.name}) = {general_id(value)} di luar rentang yang diizinkan "
                f"({self.range_text_id()}).",
                field=self.name,
            )
        return value


def _fmt(x: float) -> str:
    """English notation of a bound (CLI, docs, English messages)."""
    return f"{x:g}" if isinstance(x, float) else str(x)  # notation: english


def _is_number(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, int | float | np.integer | np.floating)


@dataclass(frozen=True)
class ParamTable:
    """The parameters of one model, plus checks that involve several of them.

    Args:
        params: The parameter rows, in display order.
        checks: Functions ``check(values) -> None`` that raise :class:`ParameterError` when a
            combination of values is invalid (e.g. ``p_verify + p_forget > 1``).
    """

    params: tuple[Param, ...]
    checks: tuple[Callable[[dict[str, Any]], None], ...] = field(default=())

    def __iter__(self) -> Iterator[Param]:
        return iter(self.params)

    def __getitem__(self, name: str) -> Param:
        return find(self.params, "name", name)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of all parameters, in order."""
        return tuple(p.name for p in self.params)

    def pick(self, namespace: Mapping[str, Any]) -> dict[str, Any]:
        """Return the entries of ``namespace`` that are parameters of this table.

        Lets a constructor with explicit keyword arguments validate them in one line:
        ``self.params.validate(self.params.pick(locals()))``.
        """
        return {name: namespace[name] for name in self.names if name in namespace}

    def defaults(self) -> dict[str, Any]:
        """Return ``{name: default}`` for every parameter."""
        return {p.name: p.default for p in self.params}

    def validate(self, values: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        """Merge ``values`` over the defaults, check every value and every cross-check.

        Args:
            values: Parameter values; missing ones take their defaults.
            **kwargs: More values, merged over ``values``.

        Returns:
            A new dict with every parameter, coerced to its declared type.

        Raises:
            ParameterError: for an unknown name, a value of the wrong type or out of range, or an
                invalid combination.
        """
        if values is not None and not isinstance(values, Mapping):
            raise ParameterError(
                f"parameters must be given as a dict {{name: value}}, not {type(values).__name__}",
                "Parameter harus diberikan sebagai kamus {nama: nilai}.",
                field="params",
            )
        given = dict(values or {})
        given.update(kwargs)
        unknown = sorted(set(given) - set(self.names))
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {unknown}; known parameters: {list(self.names)}",
                f"Parameter tidak dikenal: {', '.join(unknown)}. Parameter yang tersedia: {', '.join(self.names)}.",
                field=unknown[0],
            )
        out = self.defaults()
        for name, value in given.items():
            out[name] = self[name].coerce(value)
        for check in self.checks:
            check(out)
        return out

    def to_frame(self) -> pd.DataFrame:
        """Return the table as a DataFrame (for docs and notebooks)."""
        return pd.DataFrame(
            [
                {
                    "name": p.name,
                    "label": p.label,
                    "range": p.range_text(),
                    "default": p.default,
                    "unit": p.unit,
                    "description": p.description,
                    "bantuan": p.help,
                }
                for p in self.params
            ]
        )


MEMORY_BUDGET_VARIABLE = "TANGGUH_MEMORY_BUDGET"
"""Environment variable that sets, on purpose, how many bytes one model may plan to use."""

ASK_FOR_MORE = (
    "to allow more on purpose, set the environment variable {variable} (see README, 'Limits')"
)
"""How an error message says to raise a limit on purpose (the work limit is ``max_work=``, see
:mod:`simulations.core.limits`)."""


def memory_bytes() -> int:
    """Return the machine's physical memory in bytes (8 GiB when the system does not say)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, OSError, ValueError):  # pragma: no cover - non-POSIX systems
        return 8 * 2**30


def _budget(variable: str, default: int) -> int:
    """Return the whole number in the environment variable ``variable``, or ``default``."""
    text = os.environ.get(variable, "").strip().replace("_", "")
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ParameterError(
            f"{variable}={text[:40]!r} must be a whole number >= 1",
            f"Variabel lingkungan {variable} harus bilangan bulat minimal 1.",
            field=variable,
        )
    return int(text)


def memory_budget() -> int:
    """Return the bytes one model may plan to use: half of the machine's memory by default.

    Set the environment variable :data:`MEMORY_BUDGET_VARIABLE` (``TANGGUH_MEMORY_BUDGET``, in
    bytes) to grant more (or less) on purpose.
    """
    return _budget(MEMORY_BUDGET_VARIABLE, memory_bytes() // 2)


def size_limit(bytes_each: float) -> int:
    """Return how many items of ``bytes_each`` bytes fit in :func:`memory_budget`."""
    return max(1, int(memory_budget() // max(float(bytes_each), 1.0)))


def _whole(value: Any) -> bool:
    return not isinstance(value, bool | np.bool_) and isinstance(value, int | np.integer)


def check_size(value: Any, name: str, label: str, *, minimum: int, bytes_each: float) -> int:
    """Return ``value`` as an int if it is a whole number from ``minimum`` up to what fits in memory.

    The upper limit is :func:`memory_budget` (half the machine's physical memory unless
    ``TANGGUH_MEMORY_BUDGET`` says otherwise) divided by ``bytes_each`` (the memory one unit
    needs), so ``n=10**12`` fails at once with the limit in the message instead of growing until
    the machine runs out of memory.

    Raises:
        ParameterError: naming ``name``, the allowed range and how to allow more on purpose.
    """
    limit = size_limit(bytes_each)
    if not _whole(value) or value < minimum or value > limit:
        raise ParameterError(
            f"{name}={value!r} must be a whole number in [{minimum}, {limit}] "
            f"(the upper limit is what fits in the memory budget, half of this machine's memory "
            f"by default; {ASK_FOR_MORE.format(variable=MEMORY_BUDGET_VARIABLE)})",
            f"{label} ({name}) = {value!r} harus bilangan bulat antara {minimum} dan {limit} "
            f"(batas atas: yang muat di anggaran memori, setengah memori komputer ini).",
            field=name,
        )
    return int(value)


def check_steps(steps: Any, name: str = "steps", bytes_each: float = 256.0) -> int:
    """Return ``steps`` as an int after checking it is a whole number >= 0 that fits in memory.

    Args:
        steps: The number of steps.
        name: Argument name for the messages.
        bytes_each: Memory one recorded step needs (bytes); bounds ``steps`` from above.

    Raises:
        ParameterError: naming ``name``, in English and Indonesian.
    """
    return check_size(steps, name, "Jumlah langkah", minimum=0, bytes_each=bytes_each)


def check_seed(seed: Any, name: str = "seed") -> int | None:
    """Return ``seed`` if it is None or a whole number >= 0; otherwise raise ParameterError.

    NaN, negative numbers, fractions, strings and dicts are refused: Python's ``random`` hashes
    them (NaN's hash differs between runs, so a NaN seed would not reproduce anything) and NumPy
    refuses them.
    """
    if seed is None:
        return None
    if not _whole(seed) or seed < 0:
        raise ParameterError(
            f"{name}={seed!r} must be None or a whole number >= 0",
            f"Seed ({name}) = {seed!r} harus kosong (None) atau bilangan bulat minimal 0.",
            field=name,
        )
    return int(seed)


def check_tolerance(value: Any, name: str = "tol") -> float:
    """Return ``value`` as a float if it is a finite number >= 0 (a convergence tolerance)."""
    if isinstance(value, np.integer | np.floating):
        value = value.item()
    ok = not isinstance(value, bool) and isinstance(value, int | float)
    if ok:
        try:
            value = float(value)
        except OverflowError:
            ok = False
    if not ok or not math.isfinite(value) or value < 0:
        raise ParameterError(
            f"{name}={value!r} must be a finite number >= 0",
            f"Toleransi ({name}) = {value!r} harus angka terhingga minimal 0.",
            field=name,
        )
    return float(value)


def as_float_array(values: Any, name: str) -> np.ndarray:
    """Return ``values`` as a float64 array, refusing strings, complex numbers and other objects.

    Raises:
        ParameterError: naming ``name`` when a value is not a real number.
    """
    if isinstance(values, str | bytes) or isinstance(values, Mapping):
        arr = None
    else:
        try:
            raw = np.asarray(values)
        except (TypeError, ValueError):
            raw = None
        arr = raw if raw is not None and raw.dtype.kind in "biuf" else None
        if raw is not None and raw.dtype.kind == "O":  # mixed Python objects: check each one
            ok = all(
                not isinstance(v, bool | str | bytes | complex)
                and isinstance(v, int | float | np.integer | np.floating)
                for v in raw.ravel().tolist()
            )
            arr = raw.astype(np.float64) if ok else None
    if arr is None or arr.dtype.kind == "b":
        raise ParameterError(
            f"{name} must hold real numbers (no text, booleans or complex numbers)",
            f"{name} harus berisi angka (bukan teks, True/False atau bilangan kompleks).",
            field=name,
        )
    return arr.astype(np.float64)  # always a copy: models write into their arrays


def check_per_person(values: Any, n: int, name: str, low: float = 0.0, high: float = 1.0):
    """Return ``values`` as a float64 array of one value per person, each in ``[low, high]``.

    Args:
        values: A sequence or array of length ``n``.
        n: Number of people.
        name: Argument name, used in the error messages.
        low, high: Allowed range (inclusive); probabilities by default.

    Raises:
        ParameterError: for text or complex values, a wrong length or a value outside the range
            (NaN included; the first one is named).
    """
    arr = as_float_array(values, name)
    if arr.shape != (n,):
        raise ParameterError(
            f"{name} must have one value per person ({n}), got shape {arr.shape}",
            f"{name} harus berisi satu nilai untuk setiap orang ({n}), bukan {arr.shape}.",
            field=name,
        )
    check_range(arr, name, low, high)
    return arr


def check_range(arr: np.ndarray, name: str, low: float, high: float) -> None:
    """Raise ParameterError naming ``name`` if a value of ``arr`` is NaN or outside ``[low, high]``."""
    inside = (arr >= low) & (arr <= high)
    if not inside.all():
        bad = float(arr[~inside][0])
        raise ParameterError(
            f"{name} contains {bad:g}, outside [{low:g}, {high:g}]",
            f"{name} berisi nilai {general_id(bad)} di luar rentang {general_id(low)} sampai "
            f"{general_id(high)}.",
            field=name,
        )


def check_integer(value: Any, name: str, label: str, minimum: int = 0) -> int:
    """Return ``value`` as an int if it is a whole number ``>= minimum``, else raise ParameterError.

    Args:
        value: The value to check (bools are rejected).
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message.
        minimum: Smallest accepted value.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ParameterError(
            f"{name}={value!r} must be a whole number >= {minimum}",
            f"{label} ({name}) = {value!r} harus bilangan bulat minimal {minimum}.",
            field=name,
        )
    return int(value)


def check_positive(value: Any, name: str, label: str, upper: float | None = None) -> float:
    """Return ``value`` as a float if it is finite and in ``(0, upper]``, else raise ParameterError.

    Args:
        value: The value to check (bools are rejected).
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message.
        upper: Largest accepted value, or None for no upper bound.
    """
    ok = not isinstance(value, bool) and isinstance(value, int | float | np.floating | np.integer)
    if ok:
        value = float(value)
        ok = np.isfinite(value) and value > 0 and (upper is None or value <= upper)
    if not ok:
        rng = f"(0, {upper:g}]" if upper is not None else "> 0"  # notation: english
        rng_id = "lebih dari 0" + (
            f" dan paling besar {general_id(upper)}" if upper is not None else ""
        )
        shown = general_id(value) if _is_number(value) else repr(value)
        raise ParameterError(
            f"{name}={value!r} must be a number in {rng}",
            f"{label} ({name}) = {shown} harus angka {rng_id}.",
            field=name,
        )
    return float(value)


def check_flag(value: Any, name: str, label: str | None = None) -> bool:
    """Return ``value`` if it is a bool (``True``/``False`` or a NumPy bool), else raise ParameterError.

    ``0``, ``1``, ``"yes"`` or ``None`` are refused rather than coerced: a flag given as a string
    such as ``"False"`` would otherwise count as true.

    Args:
        value: The value to check.
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message (default: the name).
    """
    if not isinstance(value, bool | np.bool_):
        raise ParameterError(
            f"{name}={value!r} must be True or False",
            f"{label or name} ({name}) = {value!r} harus True atau False.",
            field=name,
        )
    return bool(value)


def check_fraction(value: Any, name: str, label: str) -> float:
    """Return ``value`` as a float if it is a finite number in ``[0, 1]``, else raise ParameterError.

    Args:
        value: The value to check (bools, strings, complex numbers and NaN are rejected).
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message.
    """
    ok = not isinstance(value, bool) and isinstance(value, int | float | np.floating | np.integer)
    if not ok:
        raise ParameterError(
            f"{name}={value!r} must be a number in [0, 1]",
            f"{label} ({name}) harus angka antara 0 dan 1, bukan {value!r}.",
            field=name,
        )
    value = float(value)
    if not 0.0 <= value <= 1.0:  # also False for NaN
        raise ParameterError(
            f"{name}={value:g} is outside [0, 1]",
            f"{label} ({name}) = {general_id(value)} di luar rentang 0 sampai 1.",
            field=name,
        )
    return value


def check_nonnegative(value: Any, name: str, label: str) -> float:
    """Return ``value`` as a float if it is a finite number ``>= 0``, else raise ParameterError.

    Args:
        value: The value to check (bools, NaN and infinity are rejected).
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message.
    """
    ok = not isinstance(value, bool) and isinstance(value, int | float | np.floating | np.integer)
    if ok:
        value = float(value)
        ok = math.isfinite(value) and value >= 0
    if not ok:
        raise ParameterError(
            f"{name}={value!r} must be a finite number >= 0",
            f"{label} ({name}) = {value!r} harus angka terhingga minimal 0.",
            field=name,
        )
    return float(value)


def check_list(value: Any, name: str, what: str, pesan: str) -> list[Any]:
    """Return ``value`` as a list if it is a collection other than text, else raise ParameterError.

    Args:
        value: The value to check (a string or bytes is one value, not a list of characters).
        name: Parameter name (English), used in the message and ``field``.
        what: What the list holds, in English (``"numbers"``).
        pesan: The Indonesian message, with an example of a good list.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ParameterError(f"{name}={value!r} must be a list of {what}", pesan, field=name)
    return list(value)


def check_choice(value: Any, name: str, label: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the string ``choices``, else raise ParameterError.

    Args:
        value: The value to check (non-strings are rejected).
        name: Parameter name (English), used in the message and ``field``.
        label: Indonesian label for the participant message.
        choices: The allowed values.
    """
    return check_known(value, tuple(choices), name, label)


_CHECK = "check"
"""Key of a :func:`checked` field's metadata."""


def checked(
    default: Any, check: Callable[..., Any], label: str, *args: Any, optional: bool = False
) -> Any:
    """Declare a dataclass field together with its check, run by :func:`check_fields`.

    A dataclass whose ``__post_init__`` calls :func:`check_fields` states each field's rule once,
    beside its default, instead of repeating ``self.x = check_x(self.x, "x", label)`` per field
    and per subclass.

    Args:
        default: The field's default.
        check: A checker called as ``check(value, name, label, *args)`` that returns the clean
            value or raises :class:`ParameterError` (:func:`check_fraction`, :func:`check_integer`,
            :func:`check_choice`, …).
        label: Indonesian label for the participant message.
        *args: Further arguments of ``check`` (a minimum, the choices).
        optional: Accept None without checking it.

    Example:
        >>> @dataclass
        ... class Campaign:
        ...     coverage: float = checked(0.3, check_fraction, "Cakupan")
        ...     def __post_init__(self) -> None:
        ...         check_fields(self)
        >>> Campaign(1)
        Campaign(coverage=1.0)
    """
    return field(default=default, metadata={_CHECK: (check, label, args, optional)})


def check_fields(obj: Any) -> None:
    """Check, in declaration order, every field of the dataclass ``obj`` declared with :func:`checked`.

    Each value is replaced by what its check returns (``1`` becomes ``1.0`` for a fraction); frozen
    dataclasses are handled too. The first bad value raises its :class:`ParameterError`.
    """
    for f in fields(obj):
        spec = f.metadata.get(_CHECK)
        if spec is None:
            continue
        check, label, args, optional = spec
        value = getattr(obj, f.name)
        if not (optional and value is None):
            object.__setattr__(obj, f.name, check(value, f.name, label, *args))
