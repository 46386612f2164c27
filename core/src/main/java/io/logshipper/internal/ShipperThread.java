package io.logshipper.internal;

/** The thread a shipper sends from; its type is how {@code SelfLogging} recognises it cheaply. */
public final class ShipperThread extends Thread {

    /** A daemon thread running {@code task}. */
    public ShipperThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }
}
