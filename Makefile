# Tangguh Digital — two commands on a fresh machine (Python >= 3.11 and make):
#   make lab    create .venv, install everything, open JupyterLab on the start-here notebook
#   make test   install the test tools too and run the whole test suite, notebooks included
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: lab test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	touch $@ $(VENV)/.lab-installed

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --port=$(PORT) notebooks/00_mulai_di_sini.ipynb

test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval-lax

lint: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.lab-installed
	$(BIN)/python benchmarks/bench_hoax.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
