package io.logshipper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Self-signed certificates for {@code localhost} and {@code 127.0.0.1}, made in the test run by the running JDK's
 * {@code keytool} (no BouncyCastle, no internal JDK API) into a temporary directory deleted when the JVM exits.
 * Nothing here is ever committed.
 *
 * <p>Three key pairs: the broker's, a client's (for mutual TLS), and an "other" one that no truststore here trusts
 * (for the untrusted-certificate case). Each is a PKCS12 keystore and also PEM files: the certificate, and the
 * private key as unencrypted PKCS#8. Each certificate is its own CA, so the broker's certificate PEM is what a
 * client gives as its CA file.
 */
public final class TestCertificates {

    /** The password of every keystore and key here; test-only. */
    public static final String PASSWORD = "test-store-secret";

    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The certificates shared by every test of this JVM, generated on first use (about 2 s). */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    /** Generates a new set in a new temporary directory. */
    public static TestCertificates generate() {
        try {
            Path dir = Files.createTempDirectory("logshipper-certs-");
            deleteOnExit(dir);
            TestCertificates certs = new TestCertificates(dir);
            List<Process> keytools = new ArrayList<>();
            for (String name : new String[] {"broker", "client", "other"}) {
                keytools.add(certs.genkeypair(name));
            }
            for (int i = 0; i < keytools.size(); i++) {
                Process p = keytools.get(i);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("keytool failed: "
                            + Files.readString(dir.resolve("keytool-" + i + ".log")));
                }
            }
            for (String name : new String[] {"broker", "client", "other"}) {
                certs.writePem(name);
                PrintedSecrets.registerPemKey(dir.resolve(name + "-key.pem"));
            }
            certs.writeTruststore("truststore.p12", "broker");
            certs.writeTruststore("client-truststore.p12", "client");
            return certs;
        } catch (IOException e) {
            throw new IllegalStateException("could not generate test certificates", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted generating test certificates", e);
        }
    }

    /** The directory holding every file. */
    public Path directory() {
        return dir;
    }

    /** The broker's PKCS12 keystore (alias {@code broker}), password {@link #PASSWORD}. */
    public Path brokerKeystore() {
        return dir.resolve("broker.p12");
    }

    /** A PKCS12 truststore trusting the broker's certificate, password {@link #PASSWORD}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The broker's certificate as PEM: what a client names as its CA file ({@code ssl.ca.location}). */
    public Path brokerCertificatePem() {
        return dir.resolve("broker-cert.pem");
    }

    /** The client's PKCS12 keystore (alias {@code client}), password {@link #PASSWORD}. */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /** A PKCS12 truststore trusting the client's certificate, for a broker that requires client certificates. */
    public Path clientTruststore() {
        return dir.resolve("client-truststore.p12");
    }

    /** The client's certificate as PEM. */
    public Path clientCertificatePem() {
        return dir.resolve("client-cert.pem");
    }

    /** The client's private key as unencrypted PKCS#8 PEM. */
    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** A certificate as PEM that nothing here trusts, and that is not the broker's. */
    public Path untrustedCertificatePem() {
        return dir.resolve("other-cert.pem");
    }

    private Process genkeypair(String name) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        int index = List.of("broker", "client", "other").indexOf(name);
        return new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost, OU=" + name + ", O=logshipper tests",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", dir.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool-" + index + ".log").toFile())
                .start();
    }

    private KeyStore load(String name) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + name + ".p12", e);
        }
    }

    private void writePem(String name) throws IOException {
        KeyStore ks = load(name);
        try {
            Certificate cert = ks.getCertificate(name);
            Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Key key = ks.getKey(name, PASSWORD.toCharArray());
            // PKCS12 keys encode as PKCS#8, which is what Kafka's PEM keystore reads.
            Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot export " + name + " as PEM", e);
        }
    }

    private void writeTruststore(String file, String trusted) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry(trusted, load(trusted).getCertificate(trusted));
            ts.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temporary directory is harmless.
            }
        }, "logshipper-test-certificates-cleanup"));
    }

    @Override
    public String toString() {
        return "test certificates in " + dir;
    }
}
