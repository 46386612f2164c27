package io.logshipper.examples.flags;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.logshipper.LogShipperOptions;
import io.logshipper.ShippingHandle;

/**
 * An OpenMSIStream-style program: log shipping is turned on by flags, and the program's own arguments reach it
 * untouched.
 *
 * <pre>
 * java -cp examples/target/logshipper-demo.jar io.logshipper.examples.flags.FlagsApp \
 *     --config app.ini --log_topic_name logs --log_program_id demo --log_interval_secs 1 input.csv --verbose
 * </pre>
 */
public final class FlagsApp {

    private FlagsApp() {
    }

    /** Takes the {@code --log_*} flags, ships Logback's root logger to Kafka, and runs the "application". */
    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "logback-flags.xml");
        LogShipperOptions shipping = LogShipperOptions.fromArgs(args);
        String[] appArgs = shipping.remainingArgs();
        try (ShippingHandle handle = shipping.start()) {
            Logger log = LoggerFactory.getLogger(FlagsApp.class);
            log.info("started with arguments {}", Arrays.toString(appArgs));
            for (String arg : appArgs) {
                log.info("processing {}", arg);
            }
            log.warn("done; shipping through {}", handle.framework());
        }
        System.out.println("application arguments: " + Arrays.toString(appArgs));
    }
}
