/**
 * The srooter plugin SPI: the extension points a plugin implements and the small, wire-neutral
 * types they exchange with the server. Plugins depend on this module with {@code provided} scope:
 * a plugin jar that bundles these classes has its extensions silently ignored.
 */
package dev.srooter.api;
