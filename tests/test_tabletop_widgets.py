"""The tabletop exercise's widgets, figures and HTML: driven headlessly through the backend interface."""

from __future__ import annotations

import json

import pytest
from html_wellformed import assert_well_formed

from simulations.course.tabletop import (
    SOLO_CODE,
    debrief_html,
    export_debrief,
    finish,
    role_cards_html,
    solo_game,
)
from simulations.plots.tabletop import plot_debrief, plot_kecamatan, summarise_moves
from simulations.response.tabletop import ROLE_ORDER, ROLES, Debrief, Game, MoveRefused
from simulations.widgets.tabletop import (
    FacilitatorConsole,
    LocalBackend,
    ParticipantPanel,
    SoloExercise,
    situation_html,
)

N = 800


@pytest.fixture
def backend() -> LocalBackend:
    game = Game("banjir_bansos", seed=11, n=N)
    game.assign("P01", "kesbangpol")
    return LocalBackend(game)


def test_local_backend_serves_only_the_participants_own_role(backend):
    assert backend.view("P01", "kesbangpol")["role"] == "kesbangpol"
    with pytest.raises(MoveRefused) as info:
        backend.view("P01", "diskominfo")
    assert info.value.reason == "not_your_role"
    with pytest.raises(MoveRefused):
        backend.view("P99", "kesbangpol")


def test_panel_builds_a_move_from_dropdowns_and_sends_it(backend):
    backend.open_round()
    panel = ParticipantPanel(backend, "P01", "kesbangpol")
    assert "Kesbangpol" in panel.header.value and "5 poin" in panel.header.value
    assert not panel.send_button.disabled
    panel.choose(0, "pantau", kecamatan="TJ03")
    panel.choose(1, "koordinasi")
    assert panel.move() == {
        "actions": [
            {"lever": "pantau", "params": {"kecamatan": "TJ03"}},
            {"lever": "koordinasi", "params": {}},
        ]
    }
    assert panel.cost() == 3 and "<b>3</b> dari 5" in panel.total.value
    receipt = panel.send()
    assert receipt["accepted"] and panel.last_error is None and "diterima" in panel.status.value
    assert panel.view["submitted"]["cost"] == 3
    # the choices survive a refresh
    panel.refresh()
    assert panel.move()["actions"][0]["params"] == {"kecamatan": "TJ03"}


def test_panel_shows_a_refusal_in_indonesian(backend):
    backend.open_round()
    panel = ParticipantPanel(backend, "P01", "kesbangpol")
    panel.choose(0, "koordinasi")
    panel.choose(1, "sosialisasi", kecamatan="TJ01")
    panel.choose(2, "sosialisasi", kecamatan="TJ02")
    assert panel.cost() == 6 and "b00020" in panel.total.value
    assert panel.send() is None
    assert "anggaran" in panel.last_error and "anggaran" in panel.status.value
    assert "Traceback" not in panel.status.value


def test_panel_is_read_only_while_no_round_is_open(backend):
    panel = ParticipantPanel(backend, "P01", "kesbangpol")
    assert panel.send_button.disabled and "belum dimulai" in panel.header.value


def test_solo_panel_advances_the_rounds():
    game = solo_game("fkdm", seed=3, n=N)
    game.open_round()
    panel = ParticipantPanel(LocalBackend(game), SOLO_CODE, "fkdm", auto_advance=True)
    for _ in range(game.scenario.rounds):
        panel.send()  # an empty move: "no action"
        assert panel.last_error is None
    assert game.phase == "selesai" and "terakhir" in panel.status.value
    assert all(r["moves"]["fkdm"]["by"] == SOLO_CODE for r in game.results)


def test_console_runs_rounds_assigns_roles_and_tables(backend, tmp_path):
    console = FacilitatorConsole(backend, export_dir=tmp_path)
    assert not console.open_button.disabled and console.close_button.disabled
    console.code.value = "p02"
    console.role.value = "media"
    console.assign()
    assert "P02" in console.board.value and console.last_error is None
    console.open_round()
    assert console.close_button.disabled is False and "dibuka" in console.status.value
    console.table_role.value = "fkub"
    console.open_table_panel()
    table = console.table_panel
    assert table.participant == "MEJA-FKUB" and backend.game.assignments["MEJA-FKUB"] == "fkub"
    table.send()
    console.refresh()
    assert "sudah (MEJA-FKUB)" in console.board.value
    console.close_round()
    assert "ditutup" in console.status.value
    console.close_round()  # no round open: shown, not raised
    assert "Belum ada ronde" in console.last_error
    console.reveal()
    assert backend.view("P01", "kesbangpol")["truth"]
    debrief = console.show_debrief()
    assert isinstance(debrief, Debrief) and (tmp_path / "pembahasan_latihan_meja.html").is_file()


def test_solo_exercise_finishes_a_game_even_untouched():
    solo = SoloExercise(seed=5, n=N)
    game = solo.finished_game()
    assert game.phase == "selesai" and solo.panel is not None
    assert game.assignments == {SOLO_CODE: "diskominfo"}


def test_situation_html_escapes_and_shows_signals(backend):
    play = backend.game
    play.open_round()
    play.close_round()
    view = backend.view("P01", "kesbangpol")
    view["inbox"].append({"round": 1, "from": "<script>", "title": "x", "text": "y"})
    text = situation_html(view)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "Laporan warga" in text


def test_figures_and_summaries_from_a_debrief_and_its_json():
    game = finish(solo_game("kesbangpol", seed=2, n=N))
    debrief = game.debrief()
    for d in (debrief, json.loads(json.dumps(debrief.to_dict()))):
        fig = plot_debrief(d)
        assert len(fig.axes) == len(debrief.narratives) + 1
        assert len(plot_kecamatan(d).axes) == len(debrief.narratives)
    assert summarise_moves(debrief).startswith("Hari 1 pagi")


def test_debrief_html_and_role_cards_are_well_formed(tmp_path):
    game = finish(solo_game("media", "pilkada_sara", seed=4, n=N))
    page = debrief_html(game.debrief())
    assert_well_formed(page)
    assert (
        page.count("data:image/png;base64,") == 2
        and "Ringkasan" in page
        and "fiktif" in page.lower()
    )
    path = export_debrief(game, tmp_path / "x.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    cards = role_cards_html("pilkada_sara")
    assert_well_formed(cards)
    for role in ROLE_ORDER:
        assert ROLES[role].label.split(" (")[0] in cards
    assert cards.count('class="card"') == len(ROLE_ORDER)


def test_debrief_panel_saves_the_teams_notes(tmp_path):
    from simulations.widgets.tabletop import DebriefPanel

    game = finish(solo_game("fkub", seed=6, n=N))
    panel = DebriefPanel(game, folder=tmp_path / "keluaran", name="p.html")
    panel.notes.value = "FKDM melapor ke Kesbangpol ≤ 2 jam.\n<b>tanpa nama</b>"
    path = panel.save()  # computes the debrief first
    assert panel.last_error is None and path == tmp_path / "keluaran" / "p.html"
    page = path.read_text(encoding="utf-8")
    assert_well_formed(page)
    assert "Catatan tim" in page and "≤ 2 jam.<br>&lt;b&gt;tanpa nama&lt;/b&gt;" in page
    assert panel.summary.value.startswith("<p>Skenario")
    backend_panel = DebriefPanel(LocalBackend(game))
    assert isinstance(backend_panel.show(), Debrief)


def test_role_cards_are_written_to_a_new_folder(tmp_path):
    from simulations.course.tabletop import export_role_cards

    path = export_role_cards("kebocoran_data", tmp_path / "a" / "kartu.html")
    assert path.is_file() and "Pemberitahuan insiden data" in path.read_text(encoding="utf-8")
