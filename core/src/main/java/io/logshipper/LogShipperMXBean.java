package io.logshipper;

/**
 * What a {@link LogShipper} shows over JMX when its {@code jmx} setting is on, as
 * {@code io.logshipper:type=LogShipper,name=<programId>} in the platform MBean server (a second shipper with the
 * same program id gets {@code name=<programId>-2}, and so on; a program id with characters that ObjectName
 * reserves is quoted). Registered when the shipper starts, unregistered when it closes. Read-only: the attributes
 * are those of {@link ShipperStats}, {@link ShipperGauges} and {@link ShipperHealth}.
 */
public interface LogShipperMXBean {

    /** The program id. */
    String getProgramId();

    /** The topic messages go to. */
    String getTopic();

    /** The {@linkplain ShipperHealth.State health state}: STARTING, CONNECTED, DEGRADED, FAILED or STOPPED. */
    String getState();

    /** When the state began, ISO-8601. */
    String getStateSince();

    /** The last problem with Kafka, without secrets; null if none. */
    String getLastError();

    /** The last acknowledgement, ISO-8601; null if none. */
    String getLastSuccessfulSend();

    /** {@link ShipperStats#accepted()}. */
    long getAccepted();

    /** {@link ShipperStats#dropped()}. */
    long getDropped();

    /** {@link ShipperStats#droppedBufferFull()}. */
    long getDroppedBufferFull();

    /** {@link ShipperStats#droppedClosed()}. */
    long getDroppedClosed();

    /** {@link ShipperStats#droppedUnrenderable()}. */
    long getDroppedUnrenderable();

    /** {@link ShipperStats#delivered()}. */
    long getDelivered();

    /** {@link ShipperStats#failed()}. */
    long getFailed();

    /** {@link ShipperStats#undelivered()}. */
    long getUndelivered();

    /** {@link ShipperStats#messagesSent()}. */
    long getMessagesSent();

    /** {@link ShipperStats#messagesFailed()}. */
    long getMessagesFailed();

    /** {@link ShipperStats#listenerFailures()}. */
    long getListenerFailures();

    /** {@link ShipperGauges#bufferedEntries()}. */
    int getBufferedEntries();

    /** {@link ShipperGauges#bufferedBytes()}. */
    long getBufferedBytes();

    /** {@link ShipperGauges#oldestUndeliveredAge()} in milliseconds. */
    long getOldestUndeliveredAgeMillis();

    /** {@link ShipperGauges#lastDeliveryLatency()} in milliseconds. */
    long getLastDeliveryLatencyMillis();

    /** {@link ShipperGauges#acknowledgedMessages()}. */
    long getAcknowledgedMessages();
}
