# The portal's front door: `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: lighthouse tools run test install migrate demo serve bench messages lint clean resilience backup restore audit

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-virtualenv -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v 0

migrate: messages
	mkdir -p var
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) load_demo

# The web server with a task worker and the scheduler beside it (mail leaves through them); Ctrl-C stops all.
run: demo
	$(MANAGE) show_demo_logins
	scripts/with_workers.sh $(MANAGE) runserver 127.0.0.1:$(PORT)

test: messages
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run -v 1
	$(BIN)/ruff check .
	@test -x /usr/bin/chromium || echo "NOTE: /usr/bin/chromium not found: the browser journeys (tests/browser) are SKIPPED."
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || echo "NOTE: the Nu Html Checker is not installed (make tools): tests/html is SKIPPED."
	$(BIN)/python -m pytest

# gunicorn with production settings, and WORKERS task workers (default 2) and the scheduler beside it.
serve: migrate
	$(MANAGE) collectstatic --no-input -v 0
	DEBUG=false WORKERS=$${WORKERS:-2} scripts/with_workers.sh \
		$(BIN)/gunicorn smcportal.wsgi --bind 127.0.0.1:$(PORT) --workers $$(( $$(nproc) * 2 + 1 )) --access-logfile -

bench: install
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(BIN)/python -m perf.bench

resilience: messages
	$(BIN)/python -m perf.resilience

backup: install
	$(BIN)/python scripts/backup.py backup

restore: install
	$(BIN)/python scripts/backup.py restore

audit:
	scripts/audit.sh

lighthouse: install
	scripts/lighthouse.sh

tools:
	npm ci --ignore-scripts --no-audit --no-fund

clean:
	rm -rf $(VENV) var staticfiles
