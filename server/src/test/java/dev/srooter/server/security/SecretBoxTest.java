package dev.srooter.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path data;

    @Test
    void sealsSoOnlyTheSameKeyAndAccountOpen() {
        SecretBox box = SecretBox.open(Base64.getEncoder().encodeToString(new byte[32]), data);
        String sealed = box.seal("sk-live-secret", "account-1");
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("sk-live-secret"));
        assertNotEquals(sealed, box.seal("sk-live-secret", "account-1"), "a fresh nonce every time");
        assertEquals("sk-live-secret", box.unseal(sealed, "account-1"));
        assertThrows(IllegalStateException.class, () -> box.unseal(sealed, "account-2"),
                "a sealed credential copied onto another account does not open");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThrows(IllegalStateException.class, () -> SecretBox.of(other).unseal(sealed, "account-1"));
        assertFalse(Files.exists(data.resolve("secrets")), "a configured key makes no key file");
    }

    @Test
    void withoutAConfiguredKeyAKeyFileOnlyTheServerCanReadIsMadeOnceAndKept() throws Exception {
        SecretBox first = SecretBox.open("", data);
        String sealed = first.seal("sk-x", "a");
        Path file = data.resolve("secrets/master.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("sk-x", SecretBox.open(null, data).unseal(sealed, "a"), "the next start reads the same key");
    }

    @Test
    void aMalformedConfiguredKeyStopsTheStartWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecretBox.open("not base64!", data));
        assertTrue(e.getMessage().contains("SROOTER_MASTER_KEY"));
        assertThrows(IllegalStateException.class, () -> SecretBox.open(Base64.getEncoder().encodeToString(new byte[16]),
                data), "a key of the wrong length");
    }
}
