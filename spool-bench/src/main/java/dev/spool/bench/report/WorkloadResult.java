package dev.spool.bench.report;

import dev.spool.bench.Role;
import dev.spool.bench.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload's outcome: every contestant's result in line-up order, plus notes on what could not be
 * included. Knows the comparisons the report makes: best peer, lowest-allocating peer, the limit.
 */
public final class WorkloadResult {
    private final Workload workload;
    private final List<ContestantResult> contestants;
    private final List<String> notes;

    /** A workload's results. */
    public WorkloadResult(Workload workload, List<ContestantResult> contestants, List<String> notes) {
        this.workload = workload;
        this.contestants = List.copyOf(contestants);
        this.notes = List.copyOf(notes);
    }

    /** The workload. */
    public Workload workload() {
        return workload;
    }

    /** Every contestant, in line-up order. */
    public List<ContestantResult> contestants() {
        return contestants;
    }

    /** Why something is missing, if it is. */
    public List<String> notes() {
        return notes;
    }

    /** The contestant of this name, or null. */
    public ContestantResult get(String name) {
        for (ContestantResult c : contestants) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The peer with the highest rate among those that ran, or null. */
    public ContestantResult bestPeer() {
        ContestantResult best = null;
        for (ContestantResult c : contestants) {
            if (c.role() == Role.PEER && c.ok()
                    && (best == null || c.rate(workload.unit()) > best.rate(workload.unit()))) {
                best = c;
            }
        }
        return best;
    }

    /** The peer that allocated least per request among those that ran, or null. */
    public ContestantResult leanestPeer() {
        ContestantResult best = null;
        for (ContestantResult c : contestants) {
            if (c.role() == Role.PEER && c.ok() && !Double.isNaN(c.allocation())
                    && (best == null || c.allocation() < best.allocation())) {
                best = c;
            }
        }
        return best;
    }

    /** The external limit (wrk or curl) if it ran, else null. */
    public ContestantResult limit() {
        return firstRan(Role.LIMIT);
    }

    /** The plain-socket floor if it ran, else null. */
    public ContestantResult floor() {
        return firstRan(Role.FLOOR);
    }

    private ContestantResult firstRan(Role role) {
        for (ContestantResult c : contestants) {
            if (c.role() == role && c.ok()) {
                return c;
            }
        }
        return null;
    }

    /** The contestants of a role, in line-up order. */
    public List<ContestantResult> withRole(Role role) {
        List<ContestantResult> out = new ArrayList<>();
        for (ContestantResult c : contestants) {
            if (c.role() == role) {
                out.add(c);
            }
        }
        return out;
    }
}
