"""The course around the models: syllabus, quizzes, evaluation, notebook set-up, answer checks.

Modules:

* ``curriculum`` — the syllabus as data (``curriculum/silabus.yaml``) and its printed overview.
* ``quiz`` — the question bank, per-participant option order, participant codes, saved answers.
* ``answer_codes`` — one-line answer codes (kode jawaban) with bank fingerprint and checksum, read
  from a pasted chat (first pre/post code counts, conflicts shown).
* ``chat_text`` — undo chat formatting, invisible characters, full-width and look-alike letters.
* ``evaluation`` — pre/post-test evaluation report (difficulty, discrimination, KR-20, distractors,
  N-gain, normalised change), reaction questionnaire.
* ``intervals`` — the 95 % intervals behind every number and flag of the report.
* ``item_labels`` — the words of the report for items and gains (Hake's categories, flags).
* ``report_tables`` — what the trainer reads: Indonesian tables, summary, next steps.
* ``notebook`` — one-call notebook set-up (friendly errors, version print-out).
* ``checks`` — check cells for notebook exercises.
* ``dropbox`` — classroom-server drop box: copies of answers/plans for the trainer ($TANGGUH_DROPBOX);
  identity from the file owner, links and foreign names refused.
* ``dropbox_answers`` — the trainer's side: answer rows from the drop box (forged rows and bad files
  refused, each reported) for the evaluation.
* ``action_plan`` — the participant's capstone action plan: built, exported to HTML/DOCX, dropped off.
* ``exercises`` — the notebooks' exercises as data (``curriculum/latihan.yaml``): fields, choices, ranges.
* ``exercise_answers`` — reading, checking and saving exercise answers (numbers with a decimal comma,
  word counts, the answers CSV and its drop-box copy).
* ``exercise_codes`` — answer codes of the exercises' short answers (``TDX1``), read from a pasted chat.
* ``schedule`` — the time plan: planned minutes per notebook section (inti/pendalaman).
* ``coverage`` — the coverage map of the programme brief (``curriculum/cakupan.yaml``).
* ``glossary`` — the glossary and the participants' acronym list (``curriculum/glosarium.yaml``).
* ``worksheets`` — printed worksheets per session (``make lembar-kerja``).
* ``tabletop`` / ``tabletop_hub`` — the tabletop exercise's files and its classroom-hub backend.
"""
