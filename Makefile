# Refinery: the two quick-start commands are `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build demo test bench fuzz format clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# Builds Release and refines the shipped sample corpus with the embedded defaults.
demo: build
	rm -rf out/quickstart
	$(BUILD)/bin/refinery run examples/quickstart.yaml
	$(BUILD)/bin/refinery compare examples/data out/quickstart --report out/quickstart/report \
	  --gold examples/gold/sample.pii_gold.jsonl
	@echo
	@echo "Output:   out/quickstart/part-00000-00000.jsonl"
	@echo "Summary:  out/quickstart/summary.json"
	@echo "Rejects:  out/quickstart/rejects.jsonl"
	@echo "Report:   out/quickstart/report/report.html"

# Builds everything (warnings are errors) and runs the whole suite with ctest.
test:
	bash scripts/install-deps.sh --slurm --browser
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DREFINERY_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DREFINERY_BUILD_BENCH=ON
	cmake --build $(BUILD)-bench -j $(JOBS)
	bash bench/e2e_copy.sh $(BUILD)-bench

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DREFINERY_BUILD_FUZZ=ON -DREFINERY_BUILD_TESTS=OFF
	cmake --build $(BUILD)-fuzz -j $(JOBS)

format:
	find src tools tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD)-bench $(BUILD)-fuzz out
