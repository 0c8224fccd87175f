package dev.spool.retry;

/**
 * The retries a {@link Retry} policy has left in each budget and how many it has made; spending one
 * gives a new value. A budget of null is not limited.
 *
 * @param consecutive retries since the last redirect: the n of the backoff formula
 * @param retries retries made so far, redirects included
 */
record RetryBudgets(Integer total, Integer connect, Integer read, Integer status, Integer redirect,
                    int consecutive, int retries) {

    /** What a retry is spent on. */
    enum Kind { CONNECT, READ, STATUS, REDIRECT }

    /** A budget given to the builder, checked: 0 or more, or null for no limit. */
    static Integer check(String name, Integer n) {
        if (n != null && n < 0) {
            throw new IllegalArgumentException("retry " + name + " budget must be 0 or more (null for no limit), got " + n);
        }
        return n;
    }

    /** The budgets after one more retry of this kind: total and the kind's own budget are spent. */
    RetryBudgets spend(Kind kind, boolean isRedirect) {
        Integer t = minusOne(total, true);
        Integer c = minusOne(connect, kind == Kind.CONNECT);
        Integer r = minusOne(read, kind == Kind.READ);
        Integer s = minusOne(status, kind == Kind.STATUS);
        Integer d = minusOne(redirect, kind == Kind.REDIRECT);
        return new RetryBudgets(t, c, r, s, d, isRedirect ? 0 : consecutive + 1, retries + 1);
    }

    private static Integer minusOne(Integer budget, boolean spent) {
        return budget == null || !spent ? budget : Integer.valueOf(budget - 1);
    }

    /** The name of a budget below zero, or null when none is. */
    String exhausted() {
        if (total != null && total < 0) {
            return "total";
        }
        if (connect != null && connect < 0) {
            return "connect";
        }
        if (read != null && read < 0) {
            return "read";
        }
        if (status != null && status < 0) {
            return "status";
        }
        if (redirect != null && redirect < 0) {
            return "redirect";
        }
        return null;
    }
}
