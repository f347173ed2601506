"""The synthetic data are labelled synthetic and rebuilt byte-identically by their seeded script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from simulations import data

SYNTH = Path(__file__).resolve().parents[1] / "datasets" / "synthetic"


def _script():
    spec = importlib.util.spec_from_file_location("make_synthetic", SYNTH / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_rebuilds_every_csv_byte_identically(tmp_path):
    _script().main(tmp_path)
    made = sorted(p.name for p in tmp_path.glob("*.csv"))
    shipped = sorted(p.name for p in SYNTH.glob("*.csv"))
    assert made == shipped
    for name in made:
        assert (tmp_path / name).read_bytes() == (SYNTH / name).read_bytes(), name


def test_every_synthetic_table_says_it_is_synthetic():
    for name in ("kecamatan", "desa", "jaringan_orang", "laporan_warga"):
        df = data.load_table(name)
        assert set(df["jenis_data"]) == {"sintetis"}
    assert set(data.load_table("kecamatan")["kabupaten"]) == {"Kabupaten Tangguh Jaya (fiktif)"}


def test_desa_populations_add_up_to_their_kecamatan():
    reg = data.load_regency()
    sums = reg["desa"].groupby("kode_kecamatan")["penduduk_jiwa"].sum()
    assert (sums == reg["kecamatan"].set_index("kode_kecamatan")["penduduk_jiwa"]).all()


def test_injected_incidents_are_visible_in_the_stream():
    rep = data.load_reports()
    inc = data.load_table("insiden_disisipkan").set_index("id_insiden")
    daily = data.daily_counts(rep, by=["kode_kecamatan", "kategori"])
    # INS1: hoaks in TJ03 x4 for 12 days. Outside the window the mean is about 0.5/day, so a
    # 12-day window at x4 averages ~2/day; require at least 2.5x the baseline (wide margin).
    s = daily[
        (daily.kode_kecamatan == "TJ03") & (daily.kategori == "hoaks_disinformasi")
    ].set_index("tanggal")["jumlah"]
    window = (s.index >= inc.loc["INS1", "mulai"]) & (s.index <= inc.loc["INS1", "selesai"])
    assert s[window].mean() > 2.5 * s[~window].mean()
    # INS4: the app channel is down for a week -> exactly zero reports through it.
    app = rep[(rep.kanal == "aplikasi_lapor")]
    down = app[
        (app.tanggal >= inc.loc["INS4", "mulai"]) & (app.tanggal <= inc.loc["INS4", "selesai"])
    ]
    assert len(down) == 0


def test_edge_list_is_readable_by_the_network_loader():
    from simulations.core.networks import load_edgelist_csv

    g = load_edgelist_csv(SYNTH / "jaringan_ikatan.csv")
    people = pd.read_csv(SYNTH / "jaringan_orang.csv")
    assert set(g.nodes) <= set(people["id_orang"])
    degree = dict(g.degree())
    assert all(degree.get(r.id_orang, 0) == r.derajat for r in people.itertuples())


def test_cusum_finds_every_injected_incident_in_its_own_series():
    from simulations.response.alarms import detect_changes, evaluate_alarms

    rep = data.load_reports()
    inc = data.load_table("insiden_disisipkan")
    for kec, kat in [
        ("TJ03", "hoaks_disinformasi"),
        ("TJ05", "konflik_antarwarga"),
        ("TJ07", "bencana_lingkungan"),
    ]:
        daily = data.daily_counts(rep[rep.kode_kecamatan == kec], by=["kategori"])
        res = detect_changes(daily, method="cusum", k=0.5, h=5)
        scores = evaluate_alarms(res[res.kategori == kat], inc, kecamatan=kec, kategori=kat)
        assert scores["terdeteksi"].all(), (kec, kat)
