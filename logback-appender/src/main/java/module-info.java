/**
 * The Logback appender: {@code io.logshipper.logback.KafkaLogAppender}, and the attachment that
 * {@code LogShipperOptions.start()} uses when the application logs through Logback.
 */
module io.logshipper.logback {
    // Exported, not only opened: Joran instantiates KafkaLogAppender by class name and calls its public setters,
    // and users name the class in logback.xml. Public members of an exported package need no deep reflection.
    exports io.logshipper.logback;

    // Transitive: KafkaLogAppender and LogbackAttachment expose Logback and logshipper types in their signatures.
    requires transitive io.logshipper;
    requires transitive ch.qos.logback.classic;
    requires transitive ch.qos.logback.core;
    requires org.slf4j;

    // META-INF/services/io.logshipper.spi.LoggingAttachment says the same for the class path.
    provides io.logshipper.spi.LoggingAttachment with io.logshipper.logback.LogbackAttachment;
}
