package io.logshipper.config;

import java.util.Objects;

/**
 * Where a value came from: a front door, and for a file the file and line. Errors about the value are worded for
 * its origin, so that a mistake in an INI file read by the Logback appender still names the file and line.
 *
 * @param door   the front door
 * @param source the file the value was read from, or null
 * @param line   the 1-based line in that file, or 0
 */
public record Origin(FrontDoor door, String source, int line) {

    /** A value given through the Java builder. */
    public static final Origin BUILDER = new Origin(FrontDoor.BUILDER, null, 0);
    /** A value given as a Logback element. */
    public static final Origin LOGBACK = new Origin(FrontDoor.LOGBACK, null, 0);
    /** A value given as a Log4j2 attribute. */
    public static final Origin LOG4J2 = new Origin(FrontDoor.LOG4J2, null, 0);
    /** A value given as a host-application flag. */
    public static final Origin FLAG = new Origin(FrontDoor.FLAG, null, 0);

    /** Checks the door is given. */
    public Origin {
        Objects.requireNonNull(door, "door");
    }

    /** A value read from line {@code line} of the INI file {@code source}. */
    public static Origin ini(String source, int line) {
        return new Origin(FrontDoor.INI, source, line);
    }

    /** {@code app.ini:7: } for a file and line, {@code app.ini: } for a file, else nothing. */
    String location() {
        if (source == null) {
            return "";
        }
        return line > 0 ? source + ":" + line + ": " : source + ": ";
    }
}
