package io.logshipper.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret the security tests use (passwords, client secrets, refresh tokens, issued access tokens, keystore
 * passwords, private keys), registered where it is made, so that any captured output can be scanned for all of
 * them at once: {@link #assertNoneIn(String, CharSequence)}. {@link CapturedOutput} scans everything a test class
 * wrote to standard output and error this way.
 *
 * <p>A failure names where the secret was found and a hint of which one (its first three characters and length),
 * never the secret itself.
 */
public final class PrintedSecrets {

    /** Shorter strings would match by chance. */
    private static final int MIN_LENGTH = 6;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    static {
        // Compile-time constants: using them does not initialise their classes, so they are registered here.
        register(TestCertificates.PASSWORD);
        register(SecuredKafkaExtension.PLAIN_PASSWORD);
        register(SecuredKafkaExtension.SCRAM_PASSWORD);
        register(SecuredKafkaExtension.OAUTH_CLIENT_SECRET);
        register(SecuredKafkaExtension.REFRESH_TOKEN);
    }

    private PrintedSecrets() {
    }

    /** Registers a secret to look for. A JWT also registers its signature, which is what must never leak. */
    public static void register(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        SECRETS.add(secret);
        int dot = secret.lastIndexOf('.');
        if (secret.startsWith("ey") && dot > 0 && secret.length() - dot > 20) {
            SECRETS.add(secret.substring(dot + 1));
        }
    }

    /** Registers every base64 line of a PEM private key file, so that any printed part of the key is found. */
    public static void registerPemKey(Path pem) {
        try {
            for (String line : Files.readAllLines(pem)) {
                if (!line.startsWith("-----") && line.length() >= 16) {
                    SECRETS.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pem, e);
        }
    }

    /** How many secrets are registered (a scan with none proves nothing). */
    public static int count() {
        return SECRETS.size();
    }

    /** Hints of the registered secrets found in {@code text}; empty if none. */
    public static List<String> foundIn(CharSequence text) {
        String s = text.toString();
        List<String> found = new ArrayList<>();
        for (String secret : SECRETS) {
            if (s.contains(secret)) {
                found.add(hint(secret));
            }
        }
        return found;
    }

    /**
     * Fails if {@code text} holds any registered secret.
     *
     * @param where what the text is, for the failure message ("Logback status messages", "tail's output")
     */
    public static void assertNoneIn(String where, CharSequence text) {
        List<String> found = foundIn(text);
        if (!found.isEmpty()) {
            throw new AssertionError(where + " shows " + found.size() + " secret(s): " + found);
        }
    }

    private static String hint(String secret) {
        return "'" + secret.substring(0, 3) + "…' (" + secret.length() + " characters)";
    }
}
