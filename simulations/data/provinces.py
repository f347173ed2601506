"""The 34 and 38 province schemes: reference tables, explicit aggregation, safe joins.

Many national indices still report 34 provinces (Papua and Papua Barat covering their pre-2022
territory), others the 38 provinces of today. The two are never joined silently:
:func:`join_provinces` refuses tables on different schemes, and :func:`aggregate_to_34` folds a
38-province table into the 34-province scheme explicitly (:func:`papua_mapping`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from simulations.core.errors import DataError, check_known
from simulations.data.loading import load_table
from simulations.data.messages import show
from simulations.data.validation import FLAG_COLUMN, OLD_PAPUA_CODES

__all__ = ["aggregate_to_34", "join_provinces", "papua_mapping", "provinces"]


def provinces() -> pd.DataFrame:
    """Return the 38 provinces (Kemendagri codes and names, island group, new-in-2022 flag)."""
    return load_table("ref_provinsi_kode")


def papua_mapping() -> pd.DataFrame:
    """Return how today's six Papua provinces map onto the two rows of the 34-province tables."""
    return load_table("ref_papua_34_38")


def aggregate_to_34(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    how: str = "sum",
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """Aggregate a 38-province table to the 34-province scheme, explicitly.

    Rows 93, 94, 95 are folded into 91 (Papua, pre-2022 territory) and 96 into 92 (Papua Barat,
    pre-2022 territory), following :func:`papua_mapping`.

    Args:
        df: A table on the 38-province scheme with ``kode_kemendagri``.
        columns: The value columns to aggregate.
        how: ``"sum"`` (counts such as population) or ``"weighted_mean"`` (rates, with ``weights``
            indexed by ``kode_kemendagri``, e.g. population).
        weights: Weights for ``"weighted_mean"``.

    Returns:
        A table with one row per code of the 34-province scheme (plus ``00`` if present), the
        ``cakupan_wilayah`` flag set, and ``attrs["skema_provinsi"] = "34"``. If any part of an
        old Papua row is missing, the aggregate is missing (never a partial sum).

    Raises:
        DataError: if the table is not on the 38-province scheme or ``how`` is unknown.
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(
            "aggregate_to_34 needs a DataFrame",
            "Agregasi ke 34 provinsi memerlukan tabel (DataFrame).",
            column="df",
        )
    columns = [columns] if isinstance(columns, str) else list(columns)
    for col in columns:
        if not isinstance(col, str) or col not in df.columns:
            raise DataError(
                f"column {show(col)!r} is not in the table",
                f"Kolom '{show(col)}' tidak ada di tabel.",
                column=show(col),
            )
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise DataError(
                f"column {col!r} is not numeric",
                f"Kolom '{col}' tidak berisi angka, jadi tidak bisa dijumlahkan.",
                column=col,
            )
    if df.attrs.get("skema_provinsi") not in ("38", None) or "kode_kemendagri" not in df:
        raise DataError(
            "aggregate_to_34 needs a 38-province table with kode_kemendagri",
            "Agregasi ke 34 provinsi hanya untuk tabel 38 provinsi yang punya kolom kode_kemendagri.",
            file=df.attrs.get("sumber"),
        )
    check_known(how, ("sum", "weighted_mean"), "how", "Cara agregasi", error=DataError)
    mapping = papua_mapping().set_index("kode_kemendagri")["kode_wilayah_34"].to_dict()
    work = df.copy()
    work["_kode34"] = work["kode_kemendagri"].map(lambda k: mapping.get(k, k))
    out = []
    for code, group in work.groupby("_kode34", sort=True):
        row: dict[str, Any] = {"kode_kemendagri": code}
        for col in columns:
            vals = group[col].astype(float)
            if vals.isna().any():
                row[col] = np.nan
            elif how == "sum":
                row[col] = float(vals.sum())
            else:
                if weights is None:
                    raise DataError(
                        "weighted_mean needs weights", "Rata-rata tertimbang memerlukan bobot."
                    )
                w = group["kode_kemendagri"].map(weights).astype(float)
                row[col] = float((vals * w).sum() / w.sum()) if w.notna().all() else np.nan
        row[FLAG_COLUMN] = (
            "nasional"
            if code == "00"
            else "papua_sebelum_2022"
            if code in OLD_PAPUA_CODES
            else "provinsi"
        )
        out.append(row)
    result = pd.DataFrame(out)
    ref = provinces().set_index("kode_kemendagri")["nama_pendek"]
    result.insert(1, "provinsi", result["kode_kemendagri"].map(ref).fillna("Indonesia"))
    result.attrs.update(df.attrs)
    result.attrs["skema_provinsi"] = "34"
    return result


def join_provinces(left: pd.DataFrame, right: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """Join two province tables on ``kode_kemendagri`` — only if they use the same scheme.

    A table on the 34-province scheme (old Papua rows) and one on the 38-province scheme cannot
    be joined directly: Papua and Papua Barat mean different territories in them. Aggregate the
    38-province table first with :func:`aggregate_to_34`.

    Raises:
        DataError: when the schemes differ.
    """
    for name, t in (("left", left), ("right", right)):
        if not isinstance(t, pd.DataFrame) or "kode_kemendagri" not in t.columns:
            raise DataError(
                f"{name} must be a province table (DataFrame with kode_kemendagri)",
                f"Tabel '{name}' harus berupa tabel provinsi yang punya kolom kode_kemendagri.",
                column="kode_kemendagri",
            )
    a, b = left.attrs.get("skema_provinsi"), right.attrs.get("skema_provinsi")
    if a and b and a != b:
        raise DataError(
            f"cannot join a {a}-province table ({left.attrs.get('sumber')}) with a {b}-province table "
            f"({right.attrs.get('sumber')}): aggregate the 38-province one with aggregate_to_34 first",
            f"Tabel skema {a} provinsi ({left.attrs.get('sumber')}) tidak boleh langsung digabung dengan "
            f"tabel skema {b} provinsi ({right.attrs.get('sumber')}): baris Papua berarti wilayah "
            "berbeda. Agregasikan dulu tabel 38 provinsi dengan aggregate_to_34.",
            file=right.attrs.get("sumber"),
            column="kode_kemendagri",
        )
    kwargs.setdefault("how", "outer")
    out = left.merge(right, on="kode_kemendagri", **kwargs)
    out.attrs.update(left.attrs)
    out.attrs["skema_provinsi"] = a or b
    return out
