# Conveyor: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv with python3 first and install what they need into it: the app alone
# for `run`; the app with its test tools and the example stage plugin for `test` and `lint`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGIN := examples/stage-plugin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint format screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(PLUGIN)/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' -e $(PLUGIN)
	touch $@

run: $(RUN_STAMP)
	$(BIN)/python -m gui

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -n auto -q

# The README's pictures of the app, in English and Chinese (Chinese needs fonts-noto-cjk).
screenshots: $(RUN_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py --lang en
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py --lang zh_CN

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info $(PLUGIN)/*.egg-info $(PLUGIN)/build .pytest_cache .ruff_cache
