/**
 * Benchmarks of approuting: JMH for what takes under a second, timed runs for whole operations,
 * every figure next to a baseline measured in the same run. Entry point: {@link
 * dev.approuting.benchmarks.Benchmarks}.
 */
@NullMarked
package dev.approuting.benchmarks;

import org.jspecify.annotations.NullMarked;
