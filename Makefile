# Tangguh Digital — two commands on a fresh machine (Python >= 3.11 and make):
#   make lab    create .venv, install everything, open JupyterLab on the start-here notebook
#   make test   install the test tools too and run the whole test suite, notebooks included
#               (browser tests need Debian's chromium: apt-get install -y chromium; skipped
#               loudly without it, except under CI=true where they fail)
# More:
#   make book   build the handbook (book/) into book/_build/html, notebooks executed
#               (a cell stuck for 60 s fails the build naming notebook and cell; for one notebook
#               headless: jupyter nbconvert --config book/nbconvert_config.py --execute ...)
#   make book-pdf  the same, plus book/_build/tangguh-digital.pdf (printed by Debian's chromium)
#   make lembar-kerja  printable worksheets per module (book/_build/lembar_kerja/*.pdf, Debian's chromium)
#   make e2e    only the browser tests (JupyterLab + Chromium), screenshots in artifacts/screenshots
#   make kelas  classroom server (JupyterHub) for a workshop, as root on Linux:
#               PESERTA=peserta.txt (participant codes, one per line) PORT_KELAS=8000 IP_KELAS=0.0.0.0
#               installs into /opt/tangguh-hub, creates accounts + cards, starts the hub (Ctrl+C stops)
#               over HTTPS with a certificate it makes (fingerprint on the cards); NAMA_KELAS="kelas.local"
#               adds host names to it; HTTPS_KELAS=tidak serves plain HTTP (classroom/README.md: when)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
# JupyterLab refuses to start as root (containers, some Binder-like set-ups) unless told to.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# Classroom server (classroom/README.md)
PESERTA    ?= classroom/peserta.contoh.txt
PELATIH    ?= pelatih
IP_KELAS   ?= 0.0.0.0
PORT_KELAS ?= 8000
HUB_PREFIX ?= /opt/tangguh-hub
HTTPS_KELAS ?= ya
NAMA_KELAS ?=

.PHONY: lab test e2e book book-pdf lint format bench clean kelas kelas-hapus lembar-kerja

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

# --no-compile: pip would byte-compile all ~12,000 modules of the environment one by one (about
# half of the install's CPU, ~30 s); the tests compile only the modules they import, once.
$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -e ".[lab,test]"
	touch $@ $(VENV)/.lab-installed

# JupyterLab in Indonesian without the news pop-up: jupyter/overrides.json into the venv's
# JupyterLab application settings directory (the same script as postBuild and classroom/install.sh)
$(VENV)/.lab-settings: jupyter/overrides.json jupyter/install_overrides.py | $(VENV)/.lab-installed
	$(BIN)/python jupyter/install_overrides.py
	touch $@

lab: $(VENV)/.lab-installed $(VENV)/.lab-settings
	$(BIN)/jupyter lab --port=$(PORT) $(ALLOW_ROOT) notebooks/00_mulai_di_sini.ipynb

test: $(VENV)/.test-installed $(VENV)/.lab-settings
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval-lax --durations=10

e2e: $(VENV)/.test-installed $(VENV)/.lab-settings
	$(BIN)/python -m pytest tests/e2e -v

book: $(VENV)/.test-installed
	$(BIN)/python book/build.py

book-pdf: $(VENV)/.test-installed
	$(BIN)/python book/build.py --pdf

lembar-kerja: $(VENV)/.test-installed
	$(BIN)/python -m simulations.course.worksheets

lint: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench_hoax.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_peers.py
	$(BIN)/python benchmarks/bench_large.py
	$(BIN)/python benchmarks/bench_opinion.py
	$(BIN)/python benchmarks/bench_echo_chamber.py
	$(BIN)/python benchmarks/bench_interventions.py
	$(BIN)/python benchmarks/bench_data_index.py
	$(BIN)/python benchmarks/bench_curriculum.py
	$(BIN)/python benchmarks/bench_tabletop.py

kelas:
	bash classroom/install.sh --prefix $(HUB_PREFIX)
	TANGGUH_HUB_PREFIX=$(HUB_PREFIX) $(HUB_PREFIX)/venv/bin/python classroom/kelas.py setup \
		--peserta $(PESERTA) --pelatih $(PELATIH) --ip $(IP_KELAS) --port $(PORT_KELAS) \
		$(if $(filter tidak no 0,$(HTTPS_KELAS)),--tanpa-https,) $(foreach n,$(NAMA_KELAS),--nama $(n))
	TANGGUH_HUB_PREFIX=$(HUB_PREFIX) $(HUB_PREFIX)/venv/bin/python classroom/kelas.py start

kelas-hapus:
	$(HUB_PREFIX)/venv/bin/python classroom/kelas.py remove

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache book/_build artifacts
