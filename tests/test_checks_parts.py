"""Tests of simulations.course.checks.check_parts (structured written answers)."""

from simulations.course.checks import check_parts

PARTS = ["fakta", "peringatan_mitos", "kekeliruan", "fakta_penutup"]


def test_none_and_wrong_type_give_feedback_not_errors():
    assert check_parts(None, PARTS).startswith("Belum diisi")
    assert check_parts("teks", PARTS).startswith("Jawaban harus")


def test_lists_the_empty_parts_with_labels():
    text = check_parts(
        {"fakta": "Air aman.", "peringatan_mitos": " ", "kekeliruan": "x"},
        PARTS,
        labels={"peringatan_mitos": "peringatan", "fakta_penutup": "fakta penutup"},
    )
    assert text == "Belum lengkap: isi bagian peringatan, fakta penutup."


def test_counts_words_only_in_counted_parts():
    answer = dict.fromkeys(PARTS, "satu dua tiga") | {"sumber": "kata " * 50}
    assert "(12 kata)" in check_parts(answer, PARTS + ["sumber"], counted=PARTS, max_words=12)
    assert "13 kata" not in check_parts(answer, PARTS, max_words=11)
    assert "lebih dari batas 11" in check_parts(answer, PARTS, max_words=11)
