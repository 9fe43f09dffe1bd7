package dev.srooter.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RS256 key pair that signs admin tokens: made on first start, kept as PEM files in the data
 * folder ({@code jwt/private.pem} readable by the server's user only), and read back afterwards.
 */
public final class SigningKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    public record Pair(RSAPrivateKey privateKey, RSAPublicKey publicKey, String publicPem) {
    }

    /** Loads the pair from {@code dataDir/jwt}, creating it the first time. */
    public static synchronized Pair loadOrCreate(Path dataDir) {
        Path folder = dataDir.resolve("jwt");
        Path privateFile = folder.resolve("private.pem");
        Path publicFile = folder.resolve("public.pem");
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                create(folder, privateFile, publicFile);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            String publicPem = Files.readString(publicFile);
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(decode(Files.readString(privateFile), PRIVATE)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(decode(publicPem, PUBLIC)));
            return new Pair(privateKey, publicKey, publicPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token signing key in " + folder + " is unreadable", e);
        }
    }

    private static void create(Path folder, Path privateFile, Path publicFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path tmp = Files.createTempFile(folder, "private", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies.
        }
        Files.writeString(tmp, encode(pair.getPrivate().getEncoded(), PRIVATE));
        Files.move(tmp, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(publicFile, encode(pair.getPublic().getEncoded(), PUBLIC));
    }

    private static String encode(byte[] der, String label) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] decode(String pem, String label) {
        String body = pem.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
