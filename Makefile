# Conveyor: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv with python3 first and install what they need into it: the app with its
# Dask backend for `run`; that, the test tools and the example stage plugin for `test`/`lint`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGIN := examples/stage-plugin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint format screenshots translations clean bench bench-smoke bench-profile system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat -e '.[dask]'
	touch $@

$(TEST_STAMP): pyproject.toml $(PLUGIN)/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat -e '.[test,dask]' -e $(PLUGIN)
	touch $@

run: $(RUN_STAMP)
	$(BIN)/python -m gui

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint system-packages
	$(BIN)/python -m pytest -n auto -q

# Debian packages some tests need, and the tool each one brings: exFAT through FUSE (a
# case-insensitive file system without hard links or owners), setfacl/getfacl and
# setfattr/getfattr (ACLs, extended attributes), mkfs for btrfs and XFS (clones) and for FAT
# (no owners), rsync (mirrors are compared with its --delete) and cron (`engine schedule`).
# Only as root with apt-get, and only when a tool is missing, so a machine that has them all
# pays one `command -v` each. Best effort: a failed install prints one warning
# and the tests that need the tool skip, naming its package.
SYSTEM_PACKAGES := exfatprogs exfat-fuse acl attr btrfs-progs xfsprogs dosfstools rsync cron
SYSTEM_TOOLS := mkfs.exfat mount.exfat-fuse setfacl getfacl setfattr getfattr mkfs.btrfs mkfs.xfs mkfs.vfat rsync crontab

system-packages:
	@PATH="$$PATH:/usr/sbin:/sbin"; missing=; \
	for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		( export DEBIAN_FRONTEND=noninteractive; \
		  timeout 300 apt-get update -qq && \
		  timeout 600 apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) ) >/dev/null 2>&1 || \
		echo "warning: could not install $(SYSTEM_PACKAGES) (missing:$$missing); the tests that need them skip"; \
	fi

# The README's pictures of the app, in English and Chinese (Chinese needs fonts-noto-cjk),
# on a 1280x800 screen at scale 1 and at scale 2 (QT_SCALE_FACTOR=2, files ending -2x).
screenshots: $(RUN_STAMP)
	for lang in en zh_CN; do for scale in 1 2; do \
		$(BIN)/python docs/make_screenshots.py --lang $$lang --scale $$scale || exit 1; \
	done; done

# The Chinese translation's source, brought up to date with every tr() string of the app
# (new strings come in unfinished, to translate; strings gone from the code are dropped).
# The app compiles it with lrelease when it starts (gui/i18n.py).
translations: $(RUN_STAMP)
	$(BIN)/pyside6-lupdate $$(find gui -name '*.py' | sort) -no-obsolete \
		-ts resources/translations/conveyor_zh_CN.ts

# The benchmark (bench/README.md): Conveyor beside cp, rsync, tar and Python copiers on
# generated datasets in $BENCH_DIR (default /var/tmp/conveyor-bench). Takes 20-40 minutes;
# writes bench/results/latest.{md,json}. BENCH_ARGS passes options, e.g. BENCH_ARGS='--repeat 5'.
bench: $(RUN_STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# "A million files" (bench/README.md): copies of `huge` (1,000,000 files of 0-2 KiB, made once
# in $BENCH_DIR) and of `small` by Conveyor -w 2, cp -a, rsync -a, fpsync and rclone, and the
# no-op re-run of both beside rsync -a; its targets as ratios to those peers. 1-2 hours with
# the default 3 runs; writes bench/results/huge/latest.{md,json}.
bench-huge: $(RUN_STAMP)
	$(BIN)/python bench/run.py --datasets small,huge --only conveyor-w2,cp,rsync,fpsync,rclone \
		--extras noop --noop-datasets small,huge --results bench/results/huge $(BENCH_ARGS)

# A tiny version of the same run (seconds), as CI's tests/test_bench_smoke.py does.
bench-smoke: $(RUN_STAMP)
	$(BIN)/python bench/run.py --smoke $(BENCH_ARGS)

# Where the time goes per file on `small` (cProfile, strace -c): bench/results/profile.md.
bench-profile: $(RUN_STAMP)
	$(BIN)/python bench/profile.py $(BENCH_ARGS)

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info $(PLUGIN)/*.egg-info $(PLUGIN)/build .pytest_cache .ruff_cache .mypy_cache
