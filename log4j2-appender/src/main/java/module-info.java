/**
 * The Log4j2 appender: the {@code <KafkaLog>} plugin, {@code io.logshipper.log4j2.KafkaLogAppender}, and the
 * attachment that {@code LogShipperOptions.start()} uses when the application logs through Log4j2.
 */
// "module": javac frowns on the terminal digit in log4j2, but this is the Automatic-Module-Name the jar has
// always had, and users' requires clauses name it.
@SuppressWarnings("module")
module io.logshipper.log4j2 {
    exports io.logshipper.log4j2;
    // Log4j2 finds <KafkaLog> through META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat
    // (not encapsulated: META-INF is no package), then calls the @PluginBuilderFactory method and sets the
    // builder's private @PluginBuilderAttribute fields reflectively: that needs the package open to log4j-core.
    opens io.logshipper.log4j2 to org.apache.logging.log4j.core;

    // Transitive: KafkaLogAppender, its builder and Log4j2Attachment expose Log4j2 and logshipper types.
    requires transitive io.logshipper;
    requires transitive org.apache.logging.log4j.core;
    requires org.apache.logging.log4j;

    // META-INF/services/io.logshipper.spi.LoggingAttachment says the same for the class path.
    provides io.logshipper.spi.LoggingAttachment with io.logshipper.log4j2.Log4j2Attachment;
}
