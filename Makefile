# MinePlan Review — developer commands. `make test` and `make demo` set up a fresh Debian 12 machine
# by themselves (scripts/bootstrap.sh) and are idempotent.
SHELL := /bin/bash
ROOT := $(abspath .)
BUILD := $(ROOT)/.build
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
QGIS_ENV := QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$(BUILD)/xdg QGIS_CUSTOM_CONFIG_PATH=$(BUILD)/profile \
            QGIS_PLUGINPATH=$(BUILD)/plugins
QP := $(QGIS_ENV) qgis_process.bin
SAMPLE := $(ROOT)/data/lingbao_sample.gpkg
TS := $(wildcard i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: all setup test test-qgis340 test-qgis344 test-all test-fast demo opinions package translations update-ts screenshots siting-pictures bench sample model lint clean

all: test

setup:
	@bash scripts/bootstrap.sh
	@$(MAKE) --no-print-directory translations

translations: $(QM)

i18n/%.qm: i18n/%.ts
	@lrelease -silent $< -qm $@

update-ts:
	$(QGIS_ENV) /usr/bin/python3 scripts/update_ts.py

test: setup
	$(PY) -m ruff check .
	$(QGIS_ENV) /usr/bin/python3 scripts/update_ts.py --check
	$(QGIS_ENV) $(PY) -m pytest

test-fast: setup
	$(QGIS_ENV) $(PY) -m pytest -m "not slow"

lint: setup
	$(PY) -m ruff check .

demo: setup
	@mkdir -p out
	@S=$(SAMPLE); $(QP) --json run mineplan:compliancereview -- \
	  PROPOSED="$$S|layername=proposed_rights" \
	  ECO_REDLINE="$$S|layername=eco_redline" BASIC_FARMLAND="$$S|layername=basic_farmland" \
	  URBAN_BOUNDARY="$$S|layername=urban_boundary" NATURE_RESERVE="$$S|layername=nature_reserve" \
	  KEY_EXPLORATION_AREAS="$$S|layername=key_exploration_areas" KEY_MINING_AREAS="$$S|layername=key_mining_areas" \
	  CONCENTRATED_MINING_AREAS="$$S|layername=concentrated_mining_areas" \
	  EXPLORATION_BLOCKS="$$S|layername=exploration_blocks" MINING_BLOCKS="$$S|layername=mining_blocks" \
	  KEY_DEVELOPMENT_AREAS="$$S|layername=key_development_areas" MINING_RIGHTS="$$S|layername=mining_rights" \
	  EXPLORATION_RIGHTS="$$S|layername=exploration_rights" COUNTY_BOUNDARY="$$S|layername=county_boundary" \
	  REPORT_LANGUAGE=1 OUTPUT=$(ROOT)/out/review.gpkg REPORT_HTML=$(ROOT)/out/review.html \
	  REPORT_PDF=$(ROOT)/out/review.pdf REPORT_ODT=$(ROOT)/out/review.odt \
	  > out/review.json 2> out/review.log || { cat out/review.log; exit 1; }
	@$(QGIS_ENV) /usr/bin/python3 scripts/print_review.py out/review.gpkg out/review.json

# one 审查意见书 per application (PDF + ODT) for three of the sample's applications → out/opinions/
OPINION_APPS ?= 'SQ2025-08','SQ2025-14','SQ2025-33'
opinions: setup
	@mkdir -p out
	@S=$(SAMPLE); $(QP) --json run mineplan:compliancereview -- \
	  PROPOSED="$$S|layername=proposed_rights|subset=\"app_no\" IN ($(OPINION_APPS))" \
	  ECO_REDLINE="$$S|layername=eco_redline" BASIC_FARMLAND="$$S|layername=basic_farmland" \
	  URBAN_BOUNDARY="$$S|layername=urban_boundary" NATURE_RESERVE="$$S|layername=nature_reserve" \
	  KEY_EXPLORATION_AREAS="$$S|layername=key_exploration_areas" KEY_MINING_AREAS="$$S|layername=key_mining_areas" \
	  CONCENTRATED_MINING_AREAS="$$S|layername=concentrated_mining_areas" \
	  EXPLORATION_BLOCKS="$$S|layername=exploration_blocks" MINING_BLOCKS="$$S|layername=mining_blocks" \
	  KEY_DEVELOPMENT_AREAS="$$S|layername=key_development_areas" COUNTY_BOUNDARY="$$S|layername=county_boundary" \
	  REPORT_LANGUAGE=1 OUTPUT=$(ROOT)/out/opinions.gpkg OPINIONS_FOLDER=$(ROOT)/out/opinions \
	  OPINION_FORMATS=0,1 DOC_START_SEQ=1 DOC_DATE=$(or $(DOC_DATE),$(shell date +%F)) \
	  > out/opinions.json 2> out/opinions.log || { cat out/opinions.log; exit 1; }
	@python3 -c "import json; r = json.load(open('out/opinions.json'))['results']; \
	  print('OPINION_FILES:', r['OPINION_FILES'], ' FEATURE_COUNT:', r['FEATURE_COUNT'], ' SECONDS:', r['SECONDS'])"
	@ls out/opinions

package: translations
	@rm -rf $(BUILD)/package dist/mineplan-$(VERSION).zip && mkdir -p $(BUILD)/package/mineplan dist
	@git ls-files -z | grep -z -v -E '^(tests|bench|scripts|docs|\.ci)/|^(Makefile|requirements-dev\.txt|pyproject\.toml|\.gitignore)$$' \
	  | xargs -0 -I{} cp --parents {} $(BUILD)/package/mineplan/
	@cp i18n/*.qm $(BUILD)/package/mineplan/i18n/
	@cd $(BUILD)/package && zip -qr $(ROOT)/dist/mineplan-$(VERSION).zip mineplan
	@echo "dist/mineplan-$(VERSION).zip"; unzip -l dist/mineplan-$(VERSION).zip | tail -1

screenshots: setup
	$(QGIS_ENV) /usr/bin/python3 scripts/screenshots.py docks
	bash scripts/screenshot_desktop.sh

siting-pictures: setup
	$(QGIS_ENV) /usr/bin/python3 scripts/siting_pictures.py
	bash scripts/siting_desktop.sh

bench: setup
	$(QGIS_ENV) /usr/bin/python3 bench/bench_overlap.py $(BENCH_ARGS)

sample:
	$(QGIS_ENV) /usr/bin/python3 scripts/make_sample.py
	$(QGIS_ENV) /usr/bin/python3 scripts/make_project.py

model:
	$(QGIS_ENV) /usr/bin/python3 scripts/make_model.py

clean:
	rm -rf $(BUILD) out dist i18n/*.qm .pytest_cache

# The suite on newer QGIS, inside Debian roots built once under .build/roots (scripts/qgis_root.sh):
# trixie = QGIS 3.40 LTR, forky = QGIS 3.44. PYTEST_ARGS narrows the run (e.g. PYTEST_ARGS="tests/test_review.py -x").
test-qgis340: setup
	bash scripts/qgis_root_suite.sh trixie $(PYTEST_ARGS)

test-qgis344: setup
	bash scripts/qgis_root_suite.sh forky $(PYTEST_ARGS)

test-all: test test-qgis340 test-qgis344
