package io.logshipper.config;

/**
 * The ways a user hands logshipper its settings. Each spells a setting its own way, and words an error about it
 * with that spelling; the reason after the name is the same at every door.
 */
public enum FrontDoor {
    /** The Java builder: {@code maxBufferedEntries must be ...}. */
    BUILDER {
        @Override
        String spell(Setting<?> s) {
            return s.name();
        }

        @Override
        String kafkaPrefix(String key) {
            return "";
        }
    },
    /** The INI file's {@code [log]} section: {@code app.ini:7: max.buffered.entries must be ...}. */
    INI {
        @Override
        String spell(Setting<?> s) {
            return s.iniKey();
        }

        @Override
        String kafkaPrefix(String key) {
            return "";
        }
    },
    /** The Logback appender's elements: {@code <maxBufferedEntries> must be ...}. */
    LOGBACK {
        @Override
        String spell(Setting<?> s) {
            return "<" + s.name() + ">";
        }

        @Override
        String kafkaPrefix(String key) {
            return "<producerConfig>: ";
        }
    },
    /** The Log4j2 appender's attributes: {@code attribute maxBufferedEntries must be ...}. */
    LOG4J2 {
        @Override
        String spell(Setting<?> s) {
            return "attribute " + s.name();
        }

        @Override
        String kafkaPrefix(String key) {
            return "<Property name=\"" + key + "\">: ";
        }
    },
    /** The host application's flags: {@code --log_interval_secs must be ...}. */
    FLAG {
        @Override
        String spell(Setting<?> s) {
            return s.flag().orElse(s.name());
        }

        @Override
        String kafkaPrefix(String key) {
            return "";
        }
    };

    /** The setting's name at this door. */
    abstract String spell(Setting<?> s);

    /** What precedes an error about the Kafka producer setting {@code key} at this door. */
    abstract String kafkaPrefix(String key);
}
