# OneGrid: the two commands are `make demo` and `make test`; both install what is missing first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The plugin is importable as `onegrid` through build/pythonpath/onegrid -> repo; the repo root
# itself is never on sys.path (our processing/ would shadow QGIS's).
export PYTHONPATH := $(CURDIR)/build/pythonpath
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1
# python -m would put the working directory (the repo root) first on sys.path: never.
export PYTHONSAFEPATH := 1

.PHONY: setup demo test test-pure test-qgis test-gui qgis bench i18n clean

setup:
	@bash scripts/setup.sh

demo: setup
	$(PY) -m onegrid.scripts.demo --out demo_output

test: setup
	bash scripts/run_tests.sh

test-pure: setup
	$(VENV)/bin/pytest -m pure

test-qgis: setup
	$(VENV)/bin/pytest -m qgis

test-gui: setup
	$(VENV)/bin/pytest -m gui

qgis: setup
	@[ -f demo_output/onegrid_demo.qgz ] || $(MAKE) demo
	bash bin/onegrid-qgis demo_output/onegrid_demo.qgz

bench: setup
	$(VENV)/bin/pip install -q -r requirements-bench.txt
	$(PY) -m onegrid.benchmarks.run

i18n: setup
	$(PY) -m onegrid.scripts.i18n update

clean:
	rm -rf build .venv demo_output .qgis-settings
