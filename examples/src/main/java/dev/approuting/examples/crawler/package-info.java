/** The {@code crawler} app: what a crawler visits next. */
@NullMarked
package dev.approuting.examples.crawler;

import org.jspecify.annotations.NullMarked;
