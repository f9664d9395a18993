/** The {@code ingestion} app: files uploaded by builds. */
@NullMarked
package dev.approuting.examples.ingestion;

import org.jspecify.annotations.NullMarked;
