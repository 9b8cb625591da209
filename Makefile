# danvan_khe: Odoo 18 must already be importable by python3 (see README).
.PHONY: setup serve test lint bench

setup:
	@bash scripts/setup.sh

serve: setup
	@bash scripts/serve.sh

test: setup
	@bash scripts/test.sh

lint: setup
	@ruff check danvan_khe scripts && python3 -m pylint --rcfile=.pylintrc danvan_khe && oca-checks-odoo-module danvan_khe

bench: setup
	@bash scripts/bench.sh

# make bench's parts on their own (dvk_load database; see README "Scale")
.PHONY: load replica
load: setup
	@bash scripts/load.sh

replica: setup
	@bash scripts/replica.sh
