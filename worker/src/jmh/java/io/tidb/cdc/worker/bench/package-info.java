/**
 * JMH benchmarks of the worker's data-path stages, compiled only with the {@code bench} profile.
 *
 * <pre>
 * cd /work/main
 * mvn -B -q -Pbench test-compile exec:exec -pl worker \
 *     -Djmh.args="MatcherBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s"
 * </pre>
 */
package io.tidb.cdc.worker.bench;
