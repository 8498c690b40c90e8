# The two commands of the README: `make run` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install checkers lint messages bench chaos clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it first"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[local,dev]'
	touch $(STAMP)

run: install
	$(PY) -m network.localservices run

test: install checkers
	$(PY) -m network.localservices test $(ARGS)

# The W3C Nu HTML checker and axe-core for the browser journeys (tests/browser/test_standards.py),
# at the versions pinned in tests/browser/package-lock.json, into tests/browser/node_modules.
CHECKERS := tests/browser/node_modules/.installed
checkers: $(CHECKERS)

$(CHECKERS): tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js (apt-get install npm)"; exit 1; }
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(CHECKERS)

lint: install
	$(VENV)/bin/ruff check .

messages: install
	# The site's layout and the network app (templates/, network/) go to network/locale;
	# each app, and the site search, keeps its own catalogue. References name the file, not the
	# line, so a catalogue changes only when a string does (CI checks they are up to date).
	$(PY) manage.py makemessages -l th -l en --no-obsolete --add-location=file --ignore '.venv/*' --ignore 'var/*' \
		--ignore 'tests/*' --ignore 'bench/*' --ignore '*/migrations/*' --ignore 'members/*' \
		--ignore 'events/*' --ignore 'knowledge/*' --ignore 'network/search/*'
	for app in members events knowledge network/search; do (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l th -l en --no-obsolete --add-location=file --ignore '*/migrations/*'); done
	$(PY) manage.py compilemessages --ignore '.venv'

# Seeds the benchmark network, serves it with gunicorn and measures it with wrk (docs/performance.md).
# Smaller or shorter: make bench ARGS="--scale 0.1 --duration 5"; every option: ARGS=--help
bench: install
	$(PY) -m network.localservices exec -- $(PY) bench/run.py $(ARGS)

# Takes Redis and then PostgreSQL away under load (private servers on free ports, never the
# configured ones) and prints what visitors saw (docs/operations.md). Shorter: ARGS="--fault 5"
chaos: install
	$(PY) bench/chaos.py $(ARGS)

clean:
	rm -rf $(VENV) var tests/browser/node_modules
