package dev.srooter.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void splitsAScriptIntoStatementsWithoutComments() {
        List<String> statements = SchemaMigrations.statements("""
                -- a comment
                CREATE TABLE a (
                    id INT -- trailing words stay inside the statement
                );

                CREATE INDEX a_id ON a (id);
                """);
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).startsWith("CREATE TABLE a ("));
        assertEquals("CREATE INDEX a_id ON a (id)", statements.get(1));
    }
}
