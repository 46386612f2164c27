/**
 * A stand-in for a user's modular application, compiled and launched by ModuleDescriptorsTest with only the
 * module path: it sees of logshipper only what the descriptors export.
 */
module probe {
    requires io.logshipper.logback;
    requires io.logshipper.log4j2;
    requires org.slf4j;
    requires info.picocli;

    // picocli sets the @Mixin field of Probe.App reflectively.
    opens probe to info.picocli;

    uses io.logshipper.spi.LoggingAttachment;
}
