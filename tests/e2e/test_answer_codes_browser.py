"""A participant submits a quiz in JupyterLab; the trainer pastes the codes into notebook 08.

Same JupyterLab + Debian Chromium set-up as ``test_notebooks_browser.py`` (its fixtures are reused).
Only the two cells concerned are run (the quiz cell of notebook 02, the code inbox of notebook 08),
so the test checks what a participant and a trainer see, quickly:

1. notebook 02 — type a participant code, pick the key of the first question, press *Periksa*
   (immediate feedback with the explanation), press *Simpan jawaban*: an answer code, a copy
   button, a QR code and an "unduh jawaban" data-URI link appear;
2. notebook 08 — paste a chat (timestamps, names, greetings) holding that code, pre/post codes of
   two participants (one in WhatsApp *bold*, one followed by an emoji), a truncated code, a hostile
   line, a code posted in another participant's name and a reaction code; *Baca kode* reports
   read/accepted/rejected with the line and reason and shows the conflict, renders no injected
   HTML; *Buat laporan* builds the report with its next steps and *Ringkas reaksi* the reaction
   summary;
3. a SYNTHETIC class of 40 pasted as a chat into the same inbox: its HTML report is opened in
   Chromium and saved as a screenshot (``artifacts/screenshots/laporan_evaluasi_kode.png``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_notebooks_browser import (  # noqa: E402
    JS_CELLS,
    JS_READY,
    SCREENSHOTS,
    Lab,
    _problems,
    _wait_idle,
    browser,  # noqa: F401 - fixture
    lab,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

JS_RUN_CELL = """(cellId) => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget;
  const i = nb.content.widgets.findIndex(c => c.model.id === cellId);
  if (i < 0) return false;
  nb.content.activeCellIndex = i;
  app.commands.execute('notebook:run-cell');
  return true;
}"""


def _open(page: Any, lab: Lab, path: str) -> None:  # noqa: F811
    page.goto(f"{lab.url}/lab/tree/{path}?reset&token={lab.token}")
    page.wait_for_function(JS_READY, timeout=120_000, polling=500)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")


def _run_cell(page: Any, cell_id: str) -> Any:
    assert page.evaluate(JS_RUN_CELL, cell_id), f"cell {cell_id} not found"
    page.wait_for_timeout(500)
    _wait_idle(page, 180)
    cell = page.locator(f".jp-Notebook .jp-Cell[data-cell-id='{cell_id}'] .jp-OutputArea")
    if not cell.count():  # older JupyterLab without data-cell-id: the active cell
        cell = page.locator(".jp-Notebook .jp-Cell.jp-mod-active .jp-OutputArea")
    cell.first.locator(".jupyter-widgets").first.wait_for(timeout=60_000)
    return cell.first


def _shutdown(page: Any) -> None:
    try:
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    except Exception:  # noqa: BLE001 - the server is stopped at the end anyway
        pass


def test_quiz_submission_and_code_inbox(lab: Lab, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from simulations.course.answer_codes import form_items, make_code
    from simulations.course.quiz import load_bank

    bank = load_bank()
    first = bank.for_module("02")[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        # ---- 1. participant: quiz in notebook 02 ----------------------------------------------
        _open(page, lab, "notebooks/02_dinamika_sosial_digital.ipynb")
        quiz = _run_cell(page, "nb02-kuis")
        code_box = quiz.locator(".widget-text input[type='text']").first
        code_box.fill("P07")
        code_box.press("Enter")
        page.wait_for_timeout(800)
        quiz.locator("label", has_text=first.options[first.key]).first.click()
        quiz.locator("button.jupyter-button", has_text="Periksa").first.click()
        quiz.get_by_text("Benar.", exact=False).first.wait_for(timeout=30_000)
        assert first.explanation[:40] in quiz.inner_text()  # the key's explanation is shown
        quiz.locator("button.jupyter-button", has_text="Simpan jawaban").click()
        code_input = quiz.locator("input.td-kode-teks")
        code_input.wait_for(timeout=30_000)
        code = code_input.input_value()
        assert re.fullmatch(r"TD2\.P07\.L02\.[A-Z2-7]{4}\.[A-Z0-9(),?]+\.[A-Z2-7]{4}", code), code
        ids = form_items("L02", bank)
        assert code.split(".")[4][0] == first.key  # stored as the option id, whatever its position
        assert quiz.locator("button.td-salin").count() == 1
        assert quiz.locator(".td-kode svg").count() == 1  # QR code
        link = quiz.locator("a.td-unduh")
        assert link.get_attribute("download").startswith("jawaban_P07")
        assert link.get_attribute("href").startswith("data:text/csv;base64,")
        problems = _problems(page.evaluate(JS_CELLS))
        assert not [p for p in problems if "did not run" not in p], problems
        page.screenshot(path=str(SCREENSHOTS / "kuis_kode_jawaban.png"))
        _shutdown(page)

        # ---- 2. trainer: paste the chat into notebook 08 --------------------------------------
        pre_ids = form_items("PRE", bank)
        keys = {i: (bank[i].key if bank[i].kind == "pilihan_ganda" else "0,3") for i in pre_ids}
        pre1 = make_code("P01", "pre", "prepost", {pre_ids[0]: keys[pre_ids[0]]}, bank)
        pre2 = make_code("P02", "pre", "prepost", {}, bank)
        post1 = make_code("P01", "post", "prepost", keys, bank)
        post2 = make_code("P02", "post", "prepost", {pre_ids[1]: keys[pre_ids[1]]}, bank)
        forged = make_code("P01", "pre", "prepost", keys, bank)  # all correct, in P01's name
        rea_ids = form_items("REA", bank)
        reaction = make_code("P01", "reaksi", "reaksi", {rea_ids[0]: "5", rea_ids[1]: "4"}, bank)
        chat = "\n".join(
            [
                "[08.00, 06/01/2025] Fasilitator: kirim kode jawabannya ya",
                f"[08.01, 06/01/2025] Peserta Satu: *{pre1}*",  # WhatsApp bold
                f"[08.02, 06/01/2025] Peserta Dua: {pre2}",
                f"[08.03, 06/01/2025] Peserta Tujuh: {code}",
                f"[08.04, 06/01/2025] Peserta Satu: {post1}🙏",  # an emoji right after it
                f"[08.05, 06/01/2025] Peserta Dua: {post2[:-7]}",  # truncated
                f"[08.06, 06/01/2025] Peserta Dua: maaf, ini lengkapnya {post2}",
                "[08.07, 06/01/2025] Iseng: TD2.<img src=x onerror=window.__pwned=1>.PRE.A.AAAA.AAAA",
                f"[08.08, 06/01/2025] Iseng: {forged}",  # a code posted in P01's name
                f"[15.00, 08/01/2025] Peserta Satu: {reaction}",
            ]
        )
        assert len(ids) > 0
        _open(page, lab, "notebooks/08_evaluasi_pelatihan.ipynb")
        inbox = _run_cell(page, "nb08-kotak")
        area = inbox.locator("textarea").first
        area.click()
        page.keyboard.insert_text(chat)  # what a paste delivers
        page.wait_for_timeout(800)
        inbox.locator("button.jupyter-button", has_text="Baca kode").click()
        summary = inbox.locator(".td-ringkasan")
        summary.wait_for(timeout=60_000)
        text = summary.inner_text()
        assert "Dibaca 10 baris; 9 kode ditemukan, 7 diterima, 2 ditolak" in text, text
        assert "1 konflik" in text, text
        rejected = inbox.locator("table.td-ditolak").inner_text()
        assert "6" in rejected and "terpotong" in rejected.lower(), rejected
        assert "8" in rejected
        conflict = inbox.locator("ul.td-konflik").inner_text()
        assert "KONFLIK P01 PRE: baris 2 dan baris 9" in conflict, conflict
        assert inbox.locator("img[src='x']").count() == 0
        assert page.evaluate("() => window.__pwned === undefined")
        assert "Peserta" not in text + rejected + conflict  # chat names never shown
        inbox.locator("button.jupyter-button", has_text="Buat laporan").click()
        inbox.locator(".td-laporan").wait_for(timeout=120_000)
        report = inbox.locator(".td-laporan").inner_text()
        assert "2 peserta cocok di pre-test dan post-test" in report, report
        assert "IK 95 %" in report
        steps = inbox.locator(".td-langkah + ol").inner_text()
        assert "konflik" in steps and "Laporkan N-gain kelas bersama intervalnya" in steps, steps
        inbox.locator("button.jupyter-button", has_text="Ringkas reaksi").click()
        inbox.locator(".td-reaksi").wait_for(timeout=60_000)
        assert "1 peserta" in inbox.locator(".td-reaksi").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "kotak_kode_jawaban.png"))
        assert not errors, errors

        # ---- 3. a SYNTHETIC class of 40 through the same inbox; its HTML report in Chromium ---
        from simulations.course.answer_codes import codes_from_csv, synthetic_chat
        from simulations.course.evaluation import synthetic_class

        pre40, post40 = synthetic_class(
            n=40, seed=2024, bank=bank, folder=tmp_path, dropouts=0, late_joiners=0
        )
        chat40 = (
            synthetic_chat(codes_from_csv(pre40, bank), seed=1)
            + "\n"
            + synthetic_chat(codes_from_csv(post40, bank), seed=2)
        )
        area.fill(chat40)
        page.wait_for_timeout(800)
        inbox.locator("button.jupyter-button", has_text="Buat laporan").click()
        inbox.get_by_text("40 peserta cocok di pre-test dan post-test", exact=False).first.wait_for(
            timeout=120_000
        )
        html_report = lab.log.parent / "root" / "notebooks" / "evaluasi" / "laporan_dari_kode.html"
        report_page = browser.new_page(viewport={"width": 1200, "height": 900})
        try:
            report_page.set_content(html_report.read_text(encoding="utf-8"), wait_until="load")
            visible = report_page.inner_text("body")
            assert "40 peserta cocok di pre-test dan post-test" in visible
            assert "Langkah berikutnya" in visible and "IK 95 %" in visible
            assert not re.search(r"\b(nan|NaN|True|False|None)\b", visible), visible[:2000]
            headings = report_page.locator("h2").all_inner_texts()
            assert headings[-1] == "Langkah berikutnya", headings
            report_page.screenshot(
                path=str(SCREENSHOTS / "laporan_evaluasi_kode.png"), full_page=True
            )
        finally:
            report_page.close()
    except BaseException:
        try:
            page.screenshot(path=str(SCREENSHOTS / "kode_jawaban-FAILED.png"))
        except Exception:  # noqa: BLE001
            pass
        print(f"JupyterLab log tail:\n{lab.log_tail()}")
        raise
    finally:
        _shutdown(page)
        page.close()
