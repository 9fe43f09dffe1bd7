package dev.srooter.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public half the token verifier asks for on every request: read once, and again only when the pair changes. */
class SigningKeysTest {

    @TempDir
    Path data;

    @TempDir
    Path other;

    @Test
    void thePublicHalfIsReadOnceNotOnEveryRequest() throws Exception {
        String pem = SigningKeys.publicPem(data);
        Path publicFile = data.resolve("jwt/public.pem");
        assertEquals(Files.readString(publicFile), pem, "made on first use, as the files hold it");
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"));

        // Were the files read again, this would come back instead.
        Files.writeString(publicFile, "not read again");
        assertEquals(pem, SigningKeys.publicPem(data));
        assertEquals(pem, SigningKeys.publicPem(Path.of(data + "/jwt/..")), "one folder, however it is named");
    }

    @Test
    void aPairWrittenOverTheFilesIsTheOneGivenOut() throws Exception {
        String first = SigningKeys.publicPem(data);
        // What SigningKeys.shared does when another node stored its pair first: the files are written over, then
        // loaded again.
        SigningKeys.loadOrCreate(other);
        for (String name : new String[] {"private.pem", "public.pem"}) {
            Files.copy(other.resolve("jwt").resolve(name), data.resolve("jwt").resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        SigningKeys.loadOrCreate(data);
        String second = SigningKeys.publicPem(data);
        assertNotEquals(first, second);
        assertEquals(Files.readString(other.resolve("jwt/public.pem")), second);
    }
}
