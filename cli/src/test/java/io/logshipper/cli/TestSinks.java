package io.logshipper.cli;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sinks the tests select with {@code --sink}, registered in this module's test META-INF/services. */
final class TestSinks {

    private TestSinks() {
    }

    /** Throws on every entry whose text contains BOOM; fine otherwise. */
    public static final class Throwing implements LogSink {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public void write(SinkEntry entry) {
            if (entry.text().contains("BOOM")) {
                throw new IllegalStateException("refusing " + entry.program() + "'s entry");
            }
        }

        @Override
        public void flush() {
        }
    }

    /** Blocks the poll loop for a minute on an entry whose text contains BLOCK, as a hung remote end would. */
    public static final class Blocking implements LogSink {
        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public void open(Map<String, String> options) {
        }

        @Override
        public void write(SinkEntry entry) throws InterruptedException {
            if (entry.text().contains("BLOCK")) {
                TimeUnit.SECONDS.sleep(60);
            }
        }

        @Override
        public void flush() {
        }
    }
}
