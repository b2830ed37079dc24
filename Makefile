# The two commands of the README, and the benchmarks.
#   make run    installs what is missing, builds, and opens the app
#   make test   installs what is missing and runs every test
#   make phone  the phone voting page in a browser (after `scripts/ensure-deps.sh test`)
#   make bench  release-mode figures, each against a baseline of the same run
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

APP_RELEASE := target/release/cabildo-app
APP_DEBUG := target/debug/cabildo-app

.PHONY: run test bench ui lint debug unit phone e2e

run:
	scripts/ensure-deps.sh run
	cd ui && npm run build
	cargo build --release -p cabildo-app
	WEBKIT_DISABLE_DMABUF_RENDERER=1 $(APP_RELEASE)

ui:
	cd ui && npm run build

lint: ui
	cargo fmt --all -- --check
	cd ui && npm run check && npm run lint
	cargo clippy --workspace --all-targets -- -D warnings

# Every debug build selects the whole workspace with all its targets: one feature
# resolution, so tests, the CLI and the app share one set of compiled dependencies
# (building one package alone resolves features differently and rebuilds dozens).
debug:
	cargo build --workspace --all-targets

# The end-to-end tests are #[ignore]d here and run by `make e2e`.
unit: ui debug
	cd ui && npm test
	cargo test --workspace

# The phone voting page in Debian's chromium (playwright-core) against `cabildo serve`.
phone: ui debug
	rm -rf target/phone-screenshots
	node --test tests/phone/

e2e: ui debug
	rm -rf target/e2e-screenshots
	xvfb-run -a --server-args="-screen 0 1366x768x24" \
		cargo test --workspace -- --ignored --test-threads=1

test:
	scripts/ensure-deps.sh test
	$(MAKE) lint unit phone e2e

bench: ui
	scripts/ensure-deps.sh test
	cargo build --release -p cabildo-app -p cabildo-bench
	# (g) holds 300 event streams and their server ends open at once.
	ulimit -n 4096; xvfb-run -a --server-args="-screen 0 1366x768x24" target/release/cabildo-bench
