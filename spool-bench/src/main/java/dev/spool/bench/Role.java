package dev.spool.bench;

/** What a contestant stands for in the comparison, which decides the ratios it enters. */
public enum Role {
    /** Spool, in any of its modes. */
    SPOOL,
    /** A peer client; the best peer is what Spool is measured against. */
    PEER,
    /** An external tool (wrk, curl) showing what the server and machine allow. */
    LIMIT,
    /**
     * A plain Java socket loop with no library ({@link SocketFloorExchange}): what any blocking Java
     * client can at best reach on this machine. Shown for scale; it enters no ratio.
     */
    FLOOR
}
