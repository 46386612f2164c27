package io.logshipper.internal;

import java.lang.management.ManagementFactory;
import java.time.Instant;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperMXBean;
import io.logshipper.ShipperGauges;
import io.logshipper.ShipperStats;

/** A shipper's {@link LogShipperMXBean} in the platform MBean server, from its start to its close. */
public final class ShipperJmx implements LogShipperMXBean {

    /** Program ids sharing one name get {@code -2}, {@code -3}...; past this many, something is wrong. */
    private static final int MAX_INSTANCES = 1000;

    private final LogShipper shipper;
    private volatile ObjectName name;

    private ShipperJmx(LogShipper shipper) {
        this.shipper = shipper;
    }

    /**
     * Registers the shipper's MXBean under the first free name.
     *
     * @throws JMException when the MBean server refuses it
     */
    public static ShipperJmx register(LogShipper shipper) throws JMException {
        ShipperJmx bean = new ShipperJmx(shipper);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int n = 1; n <= MAX_INSTANCES; n++) {
            ObjectName candidate = objectName(shipper.programId() + (n == 1 ? "" : "-" + n));
            try {
                server.registerMBean(bean, candidate);
                bean.name = candidate;
                return bean;
            } catch (InstanceAlreadyExistsException e) {
                // Another shipper with this program id: try the next number.
            }
        }
        throw new InstanceAlreadyExistsException("io.logshipper:type=LogShipper,name=" + shipper.programId()
                + " and " + MAX_INSTANCES + " numbered names");
    }

    /** {@code io.logshipper:type=LogShipper,name=<value>}, the value quoted when ObjectName reserves any of it. */
    static ObjectName objectName(String value) throws JMException {
        return new ObjectName("io.logshipper:type=LogShipper,name=" + (isPlain(value) ? value : ObjectName.quote(value)));
    }

    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** The name it was registered under, or null after {@link #unregister()}. */
    public ObjectName name() {
        return name;
    }

    /** Unregisters it; idempotent, never throws. */
    public void unregister() {
        ObjectName n = name;
        name = null;
        if (n != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(n);
            } catch (JMException | RuntimeException e) {
                // Already gone (someone else unregistered it): nothing left to do.
            }
        }
    }

    @Override
    public String getProgramId() {
        return shipper.programId();
    }

    @Override
    public String getTopic() {
        return shipper.config().topic();
    }

    @Override
    public String getState() {
        return shipper.health().state().name();
    }

    @Override
    public String getStateSince() {
        return shipper.health().since().toString();
    }

    @Override
    public String getLastError() {
        return shipper.health().lastError();
    }

    @Override
    public String getLastSuccessfulSend() {
        Instant last = shipper.health().lastSuccessfulSend();
        return last == null ? null : last.toString();
    }

    private ShipperStats stats() {
        return shipper.stats();
    }

    private ShipperGauges gauges() {
        return shipper.gauges();
    }

    @Override
    public long getAccepted() {
        return stats().accepted();
    }

    @Override
    public long getDropped() {
        return stats().dropped();
    }

    @Override
    public long getDroppedBufferFull() {
        return stats().droppedBufferFull();
    }

    @Override
    public long getDroppedClosed() {
        return stats().droppedClosed();
    }

    @Override
    public long getDroppedUnrenderable() {
        return stats().droppedUnrenderable();
    }

    @Override
    public long getDelivered() {
        return stats().delivered();
    }

    @Override
    public long getFailed() {
        return stats().failed();
    }

    @Override
    public long getUndelivered() {
        return stats().undelivered();
    }

    @Override
    public long getMessagesSent() {
        return stats().messagesSent();
    }

    @Override
    public long getMessagesFailed() {
        return stats().messagesFailed();
    }

    @Override
    public long getListenerFailures() {
        return stats().listenerFailures();
    }

    @Override
    public int getBufferedEntries() {
        return gauges().bufferedEntries();
    }

    @Override
    public long getBufferedBytes() {
        return gauges().bufferedBytes();
    }

    @Override
    public long getOldestUndeliveredAgeMillis() {
        return gauges().oldestUndeliveredAge().toMillis();
    }

    @Override
    public long getLastDeliveryLatencyMillis() {
        return gauges().lastDeliveryLatency().toMillis();
    }

    @Override
    public long getAcknowledgedMessages() {
        return gauges().acknowledgedMessages();
    }
}
