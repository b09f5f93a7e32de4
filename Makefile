# Two commands do all set-up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

help:
	@echo "make run          start the server with the demo city (installs and starts a local PostGIS if needed)"
	@echo "make test         run every test (unit, API, conformance) on a fresh test database"
	@echo "make conformance  run the black-box conformance suite against a freshly started server"
	@echo "make bench        city-scale benchmark (1,000,000 requests; BENCH_ROWS=10000000 for 10 million)"
	@echo "make bench-stats  the statistics, hotspot and export part of make bench alone (about 5 minutes)"
	@echo "make bench-shared server and PostgreSQL on one core, as issue 17 measured the peers (about 8 minutes)"
	@echo "make db-stop      stop the local PostgreSQL cluster (data is kept)"
	@echo "make schemas      rewrite openapi/schemas/*.schema.json from openapi/open311.yaml"
	@echo "make bench-sql    rewrite the statements of bench/pgbench/*.sql from the server's SQL builder"
	@echo "make move-media   move the photos kept in PostgreSQL to the configured S3-compatible object store"
	@echo "make cluster      etcd, PostgreSQL primary + replica under Patroni, HAProxy, two server nodes (cluster-stop ends it)"
	@echo "make cluster-test the cluster under load: kill a server node, then the PostgreSQL primary; prints the figures"

run:
	@scripts/run.sh

test:
	@scripts/test.sh

conformance:
	@scripts/conformance.sh

bench:
	@scripts/bench.sh

bench-stats: ## only the statistics, hotspot and export figures of make bench
	@BENCH_ONLY=statistics scripts/bench.sh

bench-shared: ## the peers' set-up: server and PostgreSQL on one core, 100 items per page, keep-alive and Connection: close
	@BENCH_ONLY=shared scripts/bench.sh

db-stop:
	@scripts/pg.sh stop

schemas: ## the standalone JSON Schema of event payloads is generated from the OpenAPI document (a test checks it)
	./mvnw -B -q test -Dtest=EventSchemaFileTest -Dopen311.write-schemas=true -Dsurefire.failIfNoSpecifiedTests=false

bench-sql: ## the benchmark's raw-SQL statements are generated from the server's SQL builders (tests check them)
	./mvnw -B -q test -Dtest='BenchStatementsTest,BenchStatisticsStatementsTest,BenchQueueStatementsTest' -Dwrite-bench-sql=true -Dsurefire.failIfNoSpecifiedTests=false

move-media: ## photos from PostgreSQL rows to the object store of open311.media.storage=s3 (README, Operations)
	@scripts/move-media.sh

cluster: ## many nodes, one city, on this machine (README, Operations)
	@scripts/cluster.sh start

cluster-stop:
	@scripts/cluster.sh stop

cluster-test: ## under load: SIGKILL a server node, then the PostgreSQL primary; no acknowledged request may be lost
	@scripts/cluster.sh test

.PHONY: help run test conformance bench bench-stats bench-shared db-stop schemas format bench-sql move-media cluster cluster-stop cluster-test

format: ## apply the project format (Palantir Java format, import order) to every Java source
	./mvnw -B -q spotless:apply
