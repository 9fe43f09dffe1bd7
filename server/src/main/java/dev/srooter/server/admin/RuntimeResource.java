package dev.srooter.server.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.util.stream.Stream;

/**
 * What the gateway's process holds right now: threads, heap, open file descriptors (sockets to clients and
 * providers among them). Faults and soak runs read it before and after, to show that what a stalled provider or an
 * hour of load took was given back. {@code ?gc=true} collects garbage first, so that heap figures compare.
 */
@Path("/runtime")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RuntimeResource {

    public record Figures(int threads, long heapUsedBytes, long heapCommittedBytes, long openFileDescriptors) {
    }

    @GET
    public Figures figures(@QueryParam("gc") boolean gc) {
        if (gc) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Figures(ManagementFactory.getThreadMXBean().getThreadCount(), heap.getUsed(), heap.getCommitted(),
                openFileDescriptors());
    }

    /** Linux lists a process's descriptors in /proc/self/fd; elsewhere -1. */
    private static long openFileDescriptors() {
        try (Stream<java.nio.file.Path> fds = Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | UnsupportedOperationException notLinux) {
            return -1;
        }
    }
}
