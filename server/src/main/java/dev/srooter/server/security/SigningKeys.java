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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RS256 key pair that signs admin tokens: made on first start, kept as PEM files in the data
 * folder ({@code jwt/private.pem} readable by the server's user only), and read back afterwards. Nodes sharing a
 * database share one pair ({@link #shared}).
 */
public final class SigningKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    public record Pair(RSAPrivateKey privateKey, RSAPublicKey publicKey, String publicPem) {
    }

    /**
     * The public half last loaded from each data folder. The token verifier reads it through its configuration on
     * every request, admin or not; loading it each time read two files and parsed the private key under this class's
     * lock, once per request (bench/README.md, "The signing key on every request").
     */
    private static final Map<Path, String> PUBLIC_PEMS = new ConcurrentHashMap<>();

    /** The public half of {@code dataDir}'s pair as last loaded (or written by {@link #shared}): read once. */
    public static String publicPem(Path dataDir) {
        String pem = PUBLIC_PEMS.get(key(dataDir));
        return pem != null ? pem : loadOrCreate(dataDir).publicPem();
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
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
            PUBLIC_PEMS.put(key(dataDir), publicPem);
            return new Pair(privateKey, publicKey, publicPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token signing key in " + folder + " is unreadable", e);
        }
    }

    /**
     * The pair every node sharing {@code sql}'s database signs with: the first node to start stores its own (the
     * private half sealed by {@code box}); the others take that one and write it over theirs in {@code dataDir/jwt},
     * where the token verifier reads the public half.
     */
    public static synchronized Pair shared(Path dataDir, dev.srooter.server.store.Sql sql, SecretBox box) {
        Pair local = loadOrCreate(dataDir);
        String localPrivate = encode(local.privateKey().getEncoded(), PRIVATE);
        record Stored(String privateSealed, String publicPem) {
        }
        java.util.function.Supplier<java.util.List<Stored>> read = () -> sql.query(
                "SELECT private_sealed, public_pem FROM signing_keys WHERE id = ?",
                r -> new Stored(r.getString(1), r.getString(2)), SHARED_ID);
        java.util.List<Stored> stored = read.get();
        if (stored.isEmpty()) {
            try {
                sql.update("INSERT INTO signing_keys (id, private_sealed, public_pem, created_at) VALUES (?, ?, ?, ?)",
                        SHARED_ID, box.seal(localPrivate, SHARED_ID), local.publicPem(), java.time.Instant.now());
                return local;
            } catch (RuntimeException anotherNodeWasFirst) {
                stored = read.get();
                if (stored.isEmpty()) {
                    throw anotherNodeWasFirst;
                }
            }
        }
        Stored pair = stored.get(0);
        if (pair.publicPem().equals(local.publicPem())) {
            return local;
        }
        Path folder = dataDir.resolve("jwt");
        try {
            write(folder, folder.resolve("private.pem"), box.unseal(pair.privateSealed(), SHARED_ID));
            Files.writeString(folder.resolve("public.pem"), pair.publicPem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shared token signing key to " + folder, e);
        }
        return loadOrCreate(dataDir);
    }

    private static final String SHARED_ID = "console-tokens";

    private static void write(Path folder, Path privateFile, String privatePem) throws IOException {
        Path tmp = Files.createTempFile(folder, "private", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies.
        }
        Files.writeString(tmp, privatePem);
        Files.move(tmp, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void create(Path folder, Path privateFile, Path publicFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        write(folder, privateFile, encode(pair.getPrivate().getEncoded(), PRIVATE));
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
