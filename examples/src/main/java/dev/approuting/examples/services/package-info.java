/** How the company's services find their databases when deployed. */
@NullMarked
package dev.approuting.examples.services;

import org.jspecify.annotations.NullMarked;
