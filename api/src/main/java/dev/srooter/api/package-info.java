/**
 * The srooter plugin SPI: the extension points a plugin implements and the small, wire-neutral
 * types they exchange with the server. Plugins depend on this module with {@code provided} scope:
 * a plugin jar that bundles these classes has its extensions silently ignored.
 *
 * <h2>Compatibility rule</h2>
 * A plugin jar built against an older release of this module keeps loading and working in a newer server.
 * So this module only grows:
 * <ul>
 *   <li>no public type, method or constructor is removed, renamed, or has its parameters, return type or
 *       checked exceptions changed; one that should no longer be used is {@code @Deprecated} and stays;</li>
 *   <li>a method added to an interface a plugin implements ({@link dev.srooter.api.Provider},
 *       {@link dev.srooter.api.AuditSink}, ...) has a {@code default} body, so old implementations still load;</li>
 *   <li>a type that carries data and may grow ({@link dev.srooter.api.AuditEvent}) is a final class with
 *       accessors and a builder, not a record: adding a record component changes its constructor, and every
 *       plugin that calls it would fail to link. Records are kept for values whose shape is fixed
 *       ({@link dev.srooter.api.Classification});</li>
 *   <li>an enum gains constants only at its end, and plugins treat an unknown constant as "other".</li>
 * </ul>
 * The server's tests load a sink built against api 0.1.0 (its jar is kept as a test resource) and check that it
 * still receives every event.
 */
package dev.srooter.api;
