package io.logshipper.cli;

import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The filters {@code tail} and {@code aggregate} share, defined once so that both say them in the same words. */
final class EntryFilterOptions {

    @Option(names = "--grep", paramLabel = "REGEX", converter = Converters.Regex.class,
            description = "Only entries whose text contains a match.")
    Pattern grep;

    @Option(names = "--header", paramLabel = "NAME=VALUE",
            description = "Only messages with this Kafka header (NAME alone: with any value); repeatable, values of"
                    + " one name are alternatives.")
    List<String> headerConditions = List.of();

    @Option(names = "--headers", description = "Show each message's Kafka headers on a line before its entries.")
    boolean showHeaders;

    /** The {@code --header} conditions, checked; a usage error on {@code commandLine} when one is malformed. */
    HeaderFilter headerFilter(CommandLine commandLine) {
        return HeaderFilter.of(commandLine, headerConditions);
    }
}
