/** The optional Micrometer binder: {@code io.logshipper.micrometer.LogShipperMetrics}. */
// Micrometer publishes no descriptor: micrometer.core is an automatic module, named in its manifest.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.logshipper.micrometer {
    exports io.logshipper.micrometer;

    requires transitive io.logshipper;
    requires transitive micrometer.core;
}
