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
        LoggingAttachment chosen = new JulAttachment();
        for (LoggingAttachment candidate : ServiceLoader.load(LoggingAttachment.class, Attachments.class.getClassLoader())) {
            if (candidate.isInUse()) {
                chosen = candidate;
                break;
            }
        }
        try {
            return new ShippingHandle(shipper, chosen.attach(shipper), chosen.name());
        } catch (RuntimeException e) {
            shipper.close(config.closeTimeout());
            throw e;
        }
    }
}
