package io.logshipper;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.LoggerFactory;

import io.logshipper.internal.Problems;

/** A shipper attached to the logging framework by {@link LogShipperOptions#start()}; closing detaches and flushes. */
public final class ShippingHandle implements AutoCloseable {

    /** The handle of shipping that is off. */
    static final ShippingHandle NONE = new ShippingHandle(null, null, "none");

    private final LogShipper shipper;
    private final AutoCloseable detach;
    private final String framework;

    /** For attachments; applications receive handles from {@link LogShipperOptions#start()}. */
    public ShippingHandle(LogShipper shipper, AutoCloseable detach, String framework) {
        this.shipper = shipper;
        this.detach = detach;
        this.framework = framework;
    }

    /** The shipper, when shipping is on. */
    public Optional<LogShipper> shipper() {
        return Optional.ofNullable(shipper);
    }

    /** Which framework records are taken from ({@code logback}, {@code log4j2}, {@code java.util.logging}, or {@code none}). */
    public String framework() {
        return framework;
    }

    /** Detaches from the logging framework, then closes the shipper within its close timeout. */
    @Override
    public void close() {
        if (shipper != null) {
            close(shipper.config().closeTimeout());
        }
    }

    /** Like {@link #close()} with an explicit budget; returns how many entries were not delivered. */
    public long close(Duration budget) {
        if (shipper == null) {
            return 0;
        }
        try {
            detach.close();
        } catch (Exception e) {
            // Said through the application's own logging, as LogShipperOptions.start() says where logs go.
            LoggerFactory.getLogger(ShippingHandle.class).warn("logshipper: could not detach from {}: {}", framework,
                    Problems.describe(e));
        }
        return shipper.close(budget);
    }
}
