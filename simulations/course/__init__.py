"""The course around the models: syllabus, quizzes, evaluation, notebook set-up, answer checks.

Modules:
    curriculum  — the syllabus as data (``curriculum/silabus.yaml``) and its printed overview.
    quiz        — the question bank, participant codes, saved answers.
    evaluation  — pre/post-test evaluation report (difficulty, discrimination, N-gain).
    notebook    — one-call notebook set-up (friendly errors, version print-out).
    checks      — check cells for notebook exercises.
    dropbox     — classroom-server drop box: copies of answers/plans for the trainer ($TANGGUH_DROPBOX).
"""
