package io.logshipper.testing;

/** A started broker and the way to stop it; closed by JUnit when the root extension store closes. */
final class RunningBroker implements AutoCloseable {

    private final KafkaBroker broker;
    private final AutoCloseable stopper;

    RunningBroker(KafkaBroker broker, AutoCloseable stopper) {
        this.broker = broker;
        this.stopper = stopper;
    }

    KafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() throws Exception {
        stopper.close();
    }
}
