# danvan_khe: Odoo 18 must already be importable by python3, or by DVK_PYTHON_BIN (see README).
.PHONY: setup serve test lint bench

setup:
	@bash scripts/setup.sh

serve: setup
	@bash scripts/serve.sh

test: setup
	@bash scripts/test.sh

lint: setup
	@bash scripts/lint.sh

bench: setup
	@bash scripts/bench.sh

# make bench's parts on their own (dvk_load database; see README "Scale")
.PHONY: load replica
load: setup
	@bash scripts/load.sh

replica: setup
	@bash scripts/replica.sh
