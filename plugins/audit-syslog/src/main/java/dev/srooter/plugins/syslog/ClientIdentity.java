package dev.srooter.plugins.syslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate and private key srooter shows a TLS receiver that asks for one (mutual TLS: rsyslog's
 * {@code x509/certvalid} and {@code x509/name} modes, most SIEMs' syslog inputs). Both are PEM files, as OpenSSL
 * writes them and as rsyslog's own configuration names them: {@code certFile} holds the certificate first, then any
 * intermediate certificates; {@code keyFile} the unencrypted key in PKCS #8 ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl genpkey} and {@code openssl req -nodes} write).
 *
 * <p>Everything is checked when the settings are saved, the key against the certificate included: a key that does
 * not match would otherwise fail every handshake later, on the sink's thread, where only the log would say why.
 */
final class ClientIdentity {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private ClientIdentity() {
    }

    /** Key managers that offer the certificate chain of {@code certFile} with the key of {@code keyFile}. */
    static KeyManager[] keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException, IOException {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0))) {
            throw new IllegalArgumentException("keyFile " + keyFile + " is not the key of the first certificate in "
                    + certFile);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("srooter", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, NO_PASSWORD);
        return managers.getKeyManagers();
    }

    private static List<Certificate> certificates(Path certFile) throws IOException {
        try (var pem = Files.newInputStream(certFile)) {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(pem));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("certFile " + certFile + " holds no certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certFile " + certFile + " is not a PEM file of certificates: "
                    + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException {
        Matcher pem = KEY.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new IllegalArgumentException("keyFile " + keyFile + " holds no PEM private key");
        }
        String kind = pem.group(1).trim();
        if (!kind.isEmpty()) {
            // "RSA PRIVATE KEY", "EC PRIVATE KEY" (OpenSSL's older formats) or "ENCRYPTED PRIVATE KEY"
            throw new IllegalArgumentException("keyFile " + keyFile + " holds a key as BEGIN " + kind + " PRIVATE KEY;"
                    + " srooter reads an unencrypted PKCS #8 key (BEGIN PRIVATE KEY): openssl pkcs8 -topk8 -nocrypt -in "
                    + keyFile.getFileName() + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new IllegalArgumentException("keyFile " + keyFile + " holds a key of none of the kinds TLS uses here"
                + " (RSA, EC, Ed25519, Ed448)");
    }

    /** True when {@code key} signs what {@code certificate}'s public key verifies. */
    private static boolean matches(PrivateKey key, Certificate certificate) throws GeneralSecurityException {
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        byte[] probe = "srooter".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
