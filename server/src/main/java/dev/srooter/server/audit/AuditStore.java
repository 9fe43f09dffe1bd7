package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Audit records in the database: written in batches, read newest first or page by page for export. */
@ApplicationScoped
public class AuditStore {

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    /** Writes a batch in one transaction: all of it or, on failure, none of it. */
    @Transactional
    public void saveAll(List<AuditRecord> records) {
        for (AuditRecord record : records) {
            em.persist(record);
        }
    }

    public List<AuditRecord> newest(int limit) {
        return em.createQuery("SELECT a FROM AuditRecord a ORDER BY a.createdAt DESC, a.id DESC", AuditRecord.class)
                .setMaxResults(limit).getResultList();
    }

    /** One page of all records, oldest first, for exports that must not hold everything in memory. */
    public List<AuditRecord> page(int offset, int size) {
        List<AuditRecord> page = em.createQuery("SELECT a FROM AuditRecord a ORDER BY a.createdAt, a.id",
                AuditRecord.class).setFirstResult(offset).setMaxResults(size).getResultList();
        page.forEach(em::detach);
        return page;
    }
}
