# The guide's commands. Only Python 3.11+, git and make are needed; `make` creates .venv.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: serve build test validate status bench lighthouse lint install clean

serve: $(STAMP)  ## build both languages and serve a live preview on http://127.0.0.1:8000/
	$(PY) scripts/serve.py

build: $(STAMP)  ## write the publishable site to site/
	$(PY) scripts/build.py --site-dir site

test: $(STAMP)   ## run every test (browser tests need /usr/bin/chromium)
	$(PY) -m pytest

# BASE reaches the script as one argument, as written: make does not expand it ($(value), and
# not exported) and the shell reads it in single quotes, so `;`, quotes or $( ) in it never run.
unexport BASE
validate: $(STAMP)  ## check content; BASE=origin/main also checks that no published address vanished
	$(PY) scripts/validate.py $(if $(value BASE),--base '$(subst ','\'',$(value BASE))')

status: $(STAMP)    ## how much is translated, per content type and language
	$(PY) scripts/translation_status.py

bench: $(STAMP)     ## measure build, validation, page weight and live preview (scripts/bench.py)
	$(PY) scripts/bench.py

lighthouse: $(STAMP)  ## Lighthouse (mobile) on the key pages, both languages (needs npm and Chromium)
	$(PY) scripts/lighthouse.py

lint: $(STAMP)
	$(VENV)/bin/ruff check guide hooks scripts tests

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf site .pytest_cache
