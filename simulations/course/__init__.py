"""The course around the models: syllabus, quizzes, evaluation, notebook set-up, answer checks.

Modules:
    curriculum  — the syllabus as data (``curriculum/silabus.yaml``) and its printed overview.
    quiz        — the question bank, per-participant option order, participant codes, saved answers.
    answer_codes — one-line answer codes (kode jawaban) with checksum, read from a pasted chat.
    evaluation  — pre/post-test evaluation report (difficulty, discrimination, KR-20, distractors,
                  N-gain, normalised change).
    notebook    — one-call notebook set-up (friendly errors, version print-out).
    checks      — check cells for notebook exercises.
    dropbox     — classroom-server drop box: copies of answers/plans for the trainer ($TANGGUH_DROPBOX).
    action_plan — the participant's capstone action plan: built, exported to HTML/DOCX, dropped off.
    exercises   — the notebooks' exercises as data (``curriculum/latihan.yaml``): fields, choices, ranges.
    exercise_answers — reading, checking and saving exercise answers (numbers with a decimal comma,
                  word counts, the answers CSV and its drop-box copy).
    exercise_codes — answer codes of the exercises' short answers (``TDX1``), read from a pasted chat.
"""
