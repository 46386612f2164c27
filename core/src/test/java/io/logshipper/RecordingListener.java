package io.logshipper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.logshipper.ShipperListener.DropReason;

/** Remembers every call, and on which thread it came, for assertions. */
final class RecordingListener implements ShipperListener {

    record Sent(int entries, int bytes, Duration latency) {
    }

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<ShipperHealth.State> states = new CopyOnWriteArrayList<>();
    final AtomicLong droppedBufferFull = new AtomicLong();
    volatile ShipperStats stoppedWith;

    private void called(String what) {
        calls.add(what);
        threads.add(Thread.currentThread().getName());
    }

    int sentEntries() {
        return sent.stream().mapToInt(Sent::entries).sum();
    }

    @Override
    public void started(String programId) {
        called("started " + programId);
    }

    @Override
    public void stopped(String programId, ShipperStats stats) {
        called("stopped " + programId);
        stoppedWith = stats;
    }

    @Override
    public void messageSent(String programId, int entries, int bytes, Duration latency) {
        called("sent");
        sent.add(new Sent(entries, bytes, latency));
    }

    @Override
    public void messageFailed(String programId, int entries, Throwable cause) {
        called("failed");
        failures.add(cause);
    }

    @Override
    public void entriesDropped(String programId, DropReason reason, long count) {
        called("dropped " + reason);
        if (reason == DropReason.BUFFER_FULL) {
            droppedBufferFull.addAndGet(count);
        }
    }

    @Override
    public void healthChanged(String programId, ShipperHealth previous, ShipperHealth current) {
        called("health " + previous.state() + "->" + current.state());
        states.add(current.state());
    }
}
