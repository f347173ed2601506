# Configuration for executing a notebook headless with nbconvert in this repository (issue 17):
#
#   jupyter nbconvert --config book/nbconvert_config.py --to notebook --execute \
#       notebooks/00_mulai_di_sini.ipynb --output /tmp/00.ipynb
#
# It applies book/_ext/tangguh_headless.py (the fix for nbclient's lost execute_reply after an
# Output widget update, and the guard that fails a cell within 10 s if a reply is lost) and the
# handbook's per-cell bound, so a stuck cell fails with its notebook, id and index instead of
# waiting. nbconvert reads no configuration from the working folder, hence the explicit --config.
import sys
from pathlib import Path

import yaml

_BOOK = Path(__file__).resolve().parent
sys.path.insert(0, str(_BOOK / "_ext"))
import tangguh_headless  # noqa: E402

tangguh_headless.apply()
_execute = yaml.safe_load((_BOOK / "_config.yml").read_text(encoding="utf-8"))["execute"]

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.ExecutePreprocessor.timeout = _execute["timeout"]
