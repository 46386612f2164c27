package io.logshipper.internal;

import java.util.ServiceLoader;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;
import io.logshipper.ShippingHandle;
import io.logshipper.spi.LoggingAttachment;

/** Finds the logging framework in use and attaches a shipper to it. */
public final class Attachments {

    private Attachments() {
    }

    /** Attaches to the first framework in use among those provided, or to {@code java.util.logging}. */
    public static ShippingHandle attach(LogShipper shipper, LogShipperConfig config) {
        return attach(choose(), shipper, config);
    }

    /** The first framework in use among those provided, or {@code java.util.logging}. */
    public static LoggingAttachment choose() {
        for (LoggingAttachment candidate : ServiceLoader.load(LoggingAttachment.class, Attachments.class.getClassLoader())) {
            if (candidate.isInUse()) {
                return candidate;
            }
        }
        return new JulAttachment();
    }

    /** Attaches {@code shipper} to {@code chosen}; closes the shipper when that fails. */
    public static ShippingHandle attach(LoggingAttachment chosen, LogShipper shipper, LogShipperConfig config) {
        try {
            return new ShippingHandle(shipper, chosen.attach(shipper), chosen.name());
        } catch (RuntimeException e) {
            shipper.close(config.closeTimeout());
            throw e;
        }
    }
}
